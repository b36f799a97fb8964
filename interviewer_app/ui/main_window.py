"""The main window: three pages (choose, answer, review) wired to the practice session; the mock
interview screens (ui/mock_screens.py) and history pages are added on first use. Leaving the
review, by any way, silences its recording and keeps its self-score; the prompt is read and
recording starts only once that recording is confirmed silent."""

from __future__ import annotations

import random
from pathlib import Path

from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.prompts import PromptBank
from interviewer_app.core.user_prompts import append_user_prompt
from interviewer_app.qt_binding import QtCore, QtGui, QTimer, QtWidgets, Signal
from interviewer_app.services.pipeline import AppContext
from interviewer_app.transcribe.catalog import model_title
from interviewer_app.transcribe.engine import NOISE_WARNING
from interviewer_app.ui import dialogs
from interviewer_app.ui.exporter import Exporter
from interviewer_app.ui.menus import build_menus
from interviewer_app.ui.mock_screens import MockScreens
from interviewer_app.ui.model_choice import apply_filler_choice, apply_saved_model, open_model_dialog, remember_speed
from interviewer_app.ui.pages.answer_page import AnswerPage
from interviewer_app.ui.pages.choose_page import ChoosePage
from interviewer_app.ui.pages.review_page import ReviewPage
from interviewer_app.ui.practice_flow import PracticeFlow, PracticeState, Round
from interviewer_app.ui.practice_session import AnswerResult, PracticeSession
from interviewer_app.ui.score_saver import ScoreSaver
from interviewer_app.ui.settings import AppSettings
from interviewer_app.ui.store_ops import StoreOps

WELCOME_DELAY_MS = 300  # the first-run welcome waits for the window's first paint
AUDIO_FILTER = "Audio (*.wav *.flac *.ogg *.mp3 *.m4a *.opus *.webm);;Transcript (*.txt);;All files (*)"


class MainWindow(QtWidgets.QMainWindow):
    attempt_opened = Signal(int)  # a saved attempt is on the review screen (open_attempt)
    progress_shown = Signal()  # the prompt list shows how you did on each prompt
    plan_chosen = Signal(str)  # "Next for me" selected this prompt (its reason is on the choose page)
    compared = Signal(str)  # the review says what changed since the last attempt at the prompt
    impression_saved = Signal(int, int)  # attempt id, the 1-5 rating given before the feedback

    def __init__(self, ctx: AppContext, *, voice=None, sd=None, list_devices=None):
        super().__init__()
        self.ctx = ctx
        self.settings = AppSettings(ctx.paths.config_dir)
        self.notices: list[str] = []
        ctx.report = self.notices.append
        bank, budgets = self._load_data()
        self.session = PracticeSession(ctx, sd=sd, parent=self)
        self.store_ops = StoreOps(lambda: ctx.store, parent=self)  # every database call, on a worker
        self.exporter = Exporter(self.store_ops, self.settings, ctx.paths, self)
        self.scores = ScoreSaver(self.store_ops.store, parent=self)
        self.voice = voice
        self.choose = ChoosePage(bank, budgets, self._add_prompt, list_devices=list_devices)
        self.answer = AnswerPage()
        self.review = ReviewPage()
        self.pages = QtWidgets.QStackedWidget()
        for page in (self.choose, self.answer, self.review):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.mock = MockScreens(self)
        self.setWindowTitle("Interviewer — practise execution answers")
        self.resize(1280, 800)
        self.setMinimumSize(960, 640)
        saved_model_gone = apply_saved_model(ctx, self.settings)
        apply_filler_choice(ctx, self.settings)
        if saved_model_gone:
            self.notices.append(saved_model_gone)
        self.model_label = QtWidgets.QLabel(f"Speech model {model_title(ctx.model)}: loading…")
        self.statusBar().addPermanentWidget(self.model_label)
        self.flow = PracticeFlow(self.session, voice, self.review.player.when_quiet, parent=self)
        self._review_attempt_id: int | None = None
        self._pending_result: AnswerResult | None = None  # analysed, waiting for its first-impression rating
        self._plan_asks = -1  # "Next for me" asked since the history last changed (-1: not yet)
        self._leaving_confirmed = False  # Quit asked already: closing does not ask again
        self._closed = False
        self._voices_loaded = False
        self._history = None  # pages built on first use, so start-up stays fast
        self._habits = None
        self._sd, self._list_devices = sd, list_devices
        self.welcome_dialog = None
        build_menus(self)
        self._connect()
        self._restore_settings()

    # -- set-up ---------------------------------------------------------------------------------
    def _load_data(self):
        try:
            bank = self.ctx.prompts
        except InterviewerError as exc:
            self.notices.append(f"Your prompts file was not loaded: {exc}")
            bank = PromptBank.load(None)
        try:
            budgets = self.ctx.budgets
        except InterviewerError as exc:
            self.notices.append(f"Your budgets file was not loaded: {exc}")
            budgets = BudgetBook.load(None)
        return bank, budgets

    def _connect(self) -> None:
        self.choose.start_requested.connect(self.begin_round)
        self.choose.analyze_file_requested.connect(self.analyze_file_dialog)
        self.choose.browser.prompt_activated.connect(lambda _p: self.begin_round())
        self.answer.start_requested.connect(self.start_recording)
        self.answer.stop_requested.connect(self.flow.stop_recording)
        self.answer.replay_requested.connect(self.replay_prompt)
        self.answer.cancel_requested.connect(self.back_to_choose)
        self.review.try_again_requested.connect(self.try_again)
        self.review.next_prompt_requested.connect(self.next_prompt)
        self.review.back_requested.connect(self.back_to_choose)
        self.review.score_changed.connect(self.scores.save)
        self.review.export_requested.connect(self.export_answer)
        self.review.correct_requested.connect(self.correct_transcript)
        self.review.copied.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.exporter.finished.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.scores.saved.connect(lambda attempt: self.review.show_save_result(attempt, None))
        self.scores.failed.connect(self._score_not_saved)
        self.pages.currentChanged.connect(self._page_changed)
        s = self.session
        s.tick.connect(self._tick)
        self.flow.state_changed.connect(self._round_state)
        self.flow.microphone_failed.connect(self._no_microphone)
        self.flow.analyzed.connect(self._show_result)
        s.progress.connect(lambda f: self.answer.progress.setValue(int(f * 100)))
        s.failed.connect(self._failed)
        s.recording_problem.connect(lambda m: self.answer.notice.setText(f"{m}. Keeping what was recorded."))
        s.model_ready.connect(lambda name: self.model_label.setText(f"Speech model {model_title(name)}: ready"))
        s.live_update.connect(self.answer.live.show_live)
        s.refined.connect(self._show_refined)
        s.refine_done.connect(self._refine_done)
        if self.voice is not None:
            self.voice.unavailable.connect(self.answer.voice_note.setText)

    def _restore_settings(self) -> None:
        st = self.settings
        if st.get("prompt_id"):
            self.choose.browser.select(st.get("prompt_id"))
        if st.get("budget_format") is not None:  # "" means the user chose no time limit
            self.choose.budget_picker.set_current(st.get("budget_format") or None, st.get("budget_phase"),
                                                  st.get("budget_seconds"))
        if st.get("device_name"):
            self.choose.device_combo.select_by_name(st.get("device_name"))
        self.choose.speak_prompt.setChecked(st.get("speak_prompt"))
        self.choose.think_seconds.setValue(st.get("think_seconds"))
        if st.get("window_geometry") is not None:
            self.restoreGeometry(st.get("window_geometry"))

    def _remember(self) -> None:
        st = self.settings
        prompt, budget = self.choose.prompt(), self.choose.budget()
        st.set("prompt_id", prompt.id if prompt else None)
        st.set("budget_format", budget.format_key if budget else "")
        st.set("budget_phase", budget.phase_key if budget else None)
        st.set("budget_seconds", budget.seconds if budget else None)
        st.set("device_name", self.choose.device_combo.current_name() if self.choose.device_combo.has_devices() else None)
        st.set("speak_prompt", self.choose.speak_prompt.isChecked())
        st.set("think_seconds", self.choose.think_seconds.value())

    def start_up(self, *, welcome: bool = False) -> None:
        """After the window is shown: warm the model, report notices, offer to recover recordings;
        with `welcome` (the app, not tests) the first-run welcome follows unless it was seen."""
        QTimer.singleShot(0, self.session.warm_up_model)
        self.refresh_progress()
        if self.voice is not None:  # the engine starts when first needed: it blocks for seconds
            self.choose.voice_combo.opening.connect(self._load_voices)
        if self.notices:
            dialogs.show_error(self, "Please note", "\n\n".join(self.notices))
            self.notices.clear()
        recovered = self.session.recover_unfinished()
        if recovered:
            answer = QtWidgets.QMessageBox.question(
                self, "Unfinished recording found",
                f"The app closed while recording; {len(recovered)} recording(s) were kept. "
                "Analyze the latest one now?")
            if answer == QtWidgets.QMessageBox.StandardButton.Yes:
                self._analyze_path(recovered[-1])
        if welcome and not self.settings.get("first_run_done"):
            QTimer.singleShot(WELCOME_DELAY_MS, self.show_welcome)

    def show_welcome(self):
        """The welcome with the microphone and voice checks (first run; Help menu). Returns it."""
        if self._closed or self._busy():
            return None  # not while recording or analysing: the check needs the microphone
        from interviewer_app.ui.welcome_dialog import WelcomeDialog

        if self.welcome_dialog is not None:
            if self.welcome_dialog.isVisible():
                self.welcome_dialog.raise_()
                return self.welcome_dialog
            self.welcome_dialog.deleteLater()
        combo = self.choose.device_combo
        dialog = WelcomeDialog(self.ctx, self.settings, voice=self.voice,
                               prepare_voice=self._load_voices if self.voice is not None else None,
                               list_devices=self._list_devices, sd=self._sd,
                               device_name=combo.current_name(), parent=self)
        dialog.device_chosen.connect(combo.select_by_name)
        self.welcome_dialog = dialog
        dialog.open()
        return dialog

    def _load_voices(self) -> None:
        """Start the speech engine (once; it blocks briefly) and list its voices."""
        if self._voices_loaded:
            return
        self._voices_loaded = True
        self.voice.warm_up()
        wanted = self.settings.get("voice")
        if wanted:
            self.voice.set_voice(wanted)
        self.choose.set_voices(self.voice.available_voices(), self.voice.backend,
                               self.voice.current_voice or wanted)
        self.choose.voice_combo.currentTextChanged.connect(self._voice_chosen)

    def _voice_chosen(self, name: str) -> None:
        if self.voice is not None and self.voice.set_voice(name):
            self.settings.set("voice", name)

    # -- the round ------------------------------------------------------------------------------
    def begin_round(self) -> None:
        self._remember()
        round_ = self._round()
        self.answer.show_prompt(round_.prompt, round_.budget)
        self.pages.setCurrentWidget(self.answer)
        if round_.read_aloud and round_.prompt is not None and self.voice is not None:
            self._load_voices()  # first round: starts the engine with the remembered voice
        self.flow.begin(round_)

    def _round(self) -> Round:
        """The round the choose page sets up: read once, when the round begins."""
        return Round(self.choose.prompt(), self.choose.budget(), self.choose.device_combo.current_device(),
                     float(self.choose.think_seconds.value()), self.choose.speak_prompt.isChecked())

    def start_recording(self) -> None:
        self.flow.start_recording()

    def _round_state(self, state: PracticeState, think_left: float) -> None:
        """The answer page shows the round's state."""
        if state is PracticeState.ANALYZING:
            self.pages.setCurrentWidget(self.answer)
            self.answer.progress.setValue(0)
        if state is PracticeState.THINKING:
            self.answer.set_state(state.value, think_left)
        elif state not in (PracticeState.IDLE, PracticeState.REVIEW):
            self.answer.set_state(state.value)

    def _no_microphone(self, message: str) -> None:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "No microphone", message, parent=self)
        use_file = box.addButton("Analyze an audio file…", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is use_file:
            self.analyze_file_dialog()

    def space_pressed(self) -> None:
        page = self.pages.currentWidget()
        if self.mock.owns(page):
            self.mock.space()
        elif page is self.choose:
            self.begin_round()
        elif page is self.answer:
            self.flow.space()

    def _set_live_visible(self, visible: bool) -> None:
        """Some people find their words on screen distracting: hide them (live transcription
        still runs, so feedback stays instant)."""
        self.settings.set("show_live", visible)
        self.answer.set_live_visible(visible)

    def _tick(self, seconds: float, level: float) -> None:
        self.answer.clock.set_elapsed(seconds)
        self.answer.meter.set_level(level)

    def _busy(self) -> bool:
        """Recording or analysing, or a mock interview under way (Esc leaves it first)."""
        return self.session.state != "idle" or self.mock.active

    def _show_result(self, result: AnswerResult) -> None:
        """An answer is analysed: its review (after the first-impression rating, when asked for)."""
        if self._closed or self.mock.active:
            return
        remember_speed(self.ctx, self.settings)
        fb = result.answer.feedback
        if self.rate_action.isChecked() and result.attempt_id is not None and not fb.no_speech:
            self._ask_impression(result)
            return
        self._present_result(result)

    def _ask_impression(self, result: AnswerResult) -> None:
        from interviewer_app.ui.widgets.impression_dialog import ImpressionDialog

        self._pending_result = result
        dialog = ImpressionDialog(self)
        self.impression_dialog = dialog

        def rated(value) -> None:
            pending = self._pending_result or result  # the full pass may have refined it meanwhile
            self._pending_result = None
            if value is not None:
                self.store_ops.run(lambda store: store.set_first_impression(result.attempt_id, value),
                                   lambda _r: self.impression_saved.emit(result.attempt_id, value),
                                   lambda message: self.statusBar().showMessage(
                                       f"Your rating was not saved: {message}", 8000))
            if not self._closed:
                self._present_result(pending)
        dialog.rated.connect(rated)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _present_result(self, result: AnswerResult) -> None:
        self._plan_asks = -1  # the history changed: "Next for me" starts again from the plan's first
        self.refresh_progress()
        self._review_attempt_id = result.attempt_id
        notices = []
        if result.interrupted:
            notices.append(f"Recording ended early: {result.interrupted}. What was recorded is analysed.")
        if result.save_error:
            notices.append(f"Not saved to history: {result.save_error}")
        fb = result.answer.feedback
        if fb.no_speech and NOISE_WARNING not in fb.transcript.warnings:  # noise: the review says so
            notices.append("No speech was heard. Check that the right microphone is selected and not "
                           "muted, then try again.")
        notices += [f"Note: {n}" for n in self.notices]
        self.notices.clear()
        audio = result.answer.audio_path
        self.review.show_result(fb.to_dict(), audio, result.attempt_id, notices)
        self.pages.setCurrentWidget(self.review)
        if result.live_decodes is not None and result.attempt_id is not None and not fb.no_speech:
            self.statusBar().showMessage("Checking the transcript with a full pass over the recording…")
        if fb.transcript.model:
            self.model_label.setText(f"Speech model {model_title(fb.transcript.model)}: ready")
        if result.attempt_id is not None and fb.prompt is not None and not fb.no_speech:
            self._compare_with_last(result.attempt_id, fb.prompt.id)

    def _compare_with_last(self, attempt_id: int, prompt_id: str) -> None:
        """A retake ends on the comparison with the last attempt at the prompt (ui/practice_coach.py)."""
        from interviewer_app.ui.practice_coach import compare_with_last

        compare_with_last(self, attempt_id, prompt_id)

    def _show_refined(self, result: AnswerResult) -> None:
        """The full pass over a live answer is ready: it replaces the live transcript on screen
        (if that answer is still shown) and has already replaced it in history."""
        pending = self._pending_result
        if pending is not None and pending.attempt_id == result.attempt_id:
            self._pending_result = result  # still being rated: the review will show the refined one
            return
        if self._closed or result.attempt_id is None or result.attempt_id != self._review_attempt_id:
            return
        self.review.refresh_analysis(result.answer.feedback.to_dict(), result.attempt_id, result.refined_note)

    def _refine_done(self, result: AnswerResult | None) -> None:
        """The full pass is over: swapped in (the review says what it changed) or the same words."""
        if self._closed:
            return
        remember_speed(self.ctx, self.settings)  # the full pass is the speed a model choice is quoted at
        self.statusBar().showMessage("Full pass done: " + ("the transcript was refined (see the review)."
                                     if result is not None else "the transcript stands as shown."), 8000)

    def _failed(self, message: str) -> None:
        if self._closed or self.mock.active:  # late news after closing: nobody to tell; a mock says it
            return
        dialogs.show_error(self, "Something went wrong", message)

    def _score_not_saved(self, attempt_id: int, message: str) -> None:
        self.review.show_save_result(attempt_id, message)
        self.statusBar().showMessage(f"Self-score of attempt {attempt_id} not saved: {message}", 8000)

    def _page_changed(self, _index: int) -> None:
        if self.pages.currentWidget() is not self.review:
            self.review.leave()  # Back, Try again, Next, history, habits, mock: silence, keep scores
        if self.pages.currentWidget() is not self.answer:
            self.flow.leave()  # a round waiting to record never records behind another page

    def _toggle_playback(self) -> None:
        if self.pages.currentWidget() is self.review:  # never over a prompt or a recording
            self.review.player.toggle()

    def export_answer(self) -> None:
        """The answer on the review screen, to a file the user chooses (File › Export, Ctrl+E)."""
        if self.pages.currentWidget() is not self.review or not self.review.feedback:
            self.statusBar().showMessage("Open an answer's review to export it (History lists them all).", 6000)
            return
        self.exporter.export_answer(self.review.attempt_id, self.review.feedback)

    def correct_transcript(self) -> None:
        """Let the user fix misheard words, then score the answer again on them (ui/correction_flow.py)."""
        from interviewer_app.ui.correction_flow import correct_transcript

        correct_transcript(self)

    # -- history ----------------------------------------------------------------------------------
    def show_history(self) -> None:
        if self._busy():
            return
        if self._history is None:
            from interviewer_app.ui.pages.history_page import HistoryPage

            self._history = HistoryPage(self.store_ops, self.choose.budget_picker.book)
            self._history.open_attempt.connect(self.open_attempt)
            self._history.export_requested.connect(self.exporter.export_rows)
            self.pages.addWidget(self._history)
        self._history.refresh()
        self.pages.setCurrentWidget(self._history)

    def show_habits(self) -> None:
        if self._busy():
            return
        if self._habits is None:
            from interviewer_app.ui.pages.habits_page import HabitsPage

            self._habits = HabitsPage(self.store_ops, self.choose.budget_picker.book)
            self.pages.addWidget(self._habits)
        self._habits.refresh()
        self.pages.setCurrentWidget(self._habits)

    def open_attempt(self, attempt_id: int) -> None:
        """Show a saved attempt in the review screen, with its audio and self-score (read on a
        worker; `attempt_opened` follows)."""
        def read(store):
            return store.feedback_json(attempt_id), store.self_score(attempt_id), store.audio_file(attempt_id)

        self.store_ops.run(read, lambda r: self._show_attempt(attempt_id, *r),
                           lambda message: dialogs.show_error(self, "Cannot open the attempt", message))

    def _show_attempt(self, attempt_id: int, feedback: dict, score: tuple, audio) -> None:
        if self._closed:
            return
        scores, notes = score
        notices = [] if audio or feedback.get("model") is None else ["The recording of this attempt is no longer on disk."]
        self.review.show_result(feedback, audio, attempt_id, notices)
        self.review.score_form.set_values(scores, notes)
        self._review_attempt_id = attempt_id
        prompt_id = (feedback.get("prompt") or {}).get("id")
        if prompt_id:
            self.choose.browser.select(prompt_id)  # so "Try again" repeats this prompt
        self.pages.setCurrentWidget(self.review)
        self.attempt_opened.emit(attempt_id)

    # -- navigation -----------------------------------------------------------------------------
    def replay_prompt(self) -> None:
        if self.pages.currentWidget() is self.answer:
            self.flow.replay()

    def next_prompt(self) -> None:
        if self._busy():
            return
        current = self.choose.prompt()
        bank = self.choose.browser.bank
        self.choose.browser.select(bank.random(random.Random(), exclude=current.id if current else None).id)
        self.begin_round()

    def refresh_progress(self) -> None:
        """Under each prompt, how you did on it (ui/practice_coach.py; `progress_shown` follows)."""
        from interviewer_app.ui.practice_coach import refresh_progress

        refresh_progress(self)

    def next_for_me(self) -> None:
        """The practice plan's next prompt, with its reason (ui/practice_coach.py)."""
        from interviewer_app.ui.practice_coach import next_for_me

        next_for_me(self)

    def try_again(self) -> None:
        if not self._busy():
            self.begin_round()

    def back_to_choose(self) -> None:
        if self.session.state != "idle" or not self.mock.may_leave() or not self.flow.leave():
            return
        self.pages.setCurrentWidget(self.choose)
        self.choose.browser.list.setFocus()  # not the search box: Space starts, as it says

    def analyze_file_dialog(self) -> None:
        if self._busy():
            return
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Analyze a recorded answer", str(Path.home()), AUDIO_FILTER)
        if path:
            self._analyze_path(Path(path))

    def _analyze_path(self, path: Path) -> None:
        round_ = self._round()
        self.answer.show_prompt(round_.prompt, round_.budget)
        self.flow.analyze_file(path, round_)

    def _add_prompt(self, prompt) -> bool:
        try:
            append_user_prompt(self.ctx.paths.user_prompts, prompt)
        except (OSError, InterviewerError) as exc:
            dialogs.show_error(self, "Prompt not saved", f"Could not save your prompt: {exc}")
            return False
        return True

    def open_log_folder(self) -> None:
        """The folder of the app's log file (to attach to a bug report), in the file manager."""
        folder = self.ctx.paths.log_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            dialogs.show_error(self, "Log folder not available", f"Could not create the log folder {folder}: {exc}")
            return
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))

    def show_guide_notes(self, href: str = ""):
        """Help › Coaching notes; a citation's link opens it at its passage. Returns the dialog."""
        from interviewer_app.ui.widgets.guide_notes_dialog import open_note

        return open_note(self, href)

    def choose_speech_model(self):
        """Settings › Speech model (ui/model_choice.py); returns the dialog."""
        self.model_dialog = open_model_dialog(self)
        return self.model_dialog

    def show_about(self) -> None:
        t = self.ctx.transcriber
        QtWidgets.QMessageBox.about(self, "About Interviewer",
                                    dialogs.about_text(t.model_spec or "tiny.en (bundled)", self.ctx.paths.data_dir, t.loaded))

    def quit_app(self) -> None:
        """File › Quit: asks first while an answer is being recorded or a mock is under way."""
        if self._may_leave():
            self._leaving_confirmed = True
            self.close()

    def _may_leave(self) -> bool:
        recording = self.session.state == "recording"
        if not recording and not self.mock.active:
            return True
        what = "An answer is being recorded" if recording else "A mock interview is under way"
        answer = QtWidgets.QMessageBox.question(
            self, "Quit Interviewer?", f"{what}. Quit now? What was recorded so far is kept: the app "
            "offers to analyse it when it starts again, and a mock stays unfinished, to resume.",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No)
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def closeEvent(self, event) -> None:
        # the window's close button asks too (a close() from code, or after Quit asked, does not)
        if event.spontaneous() and not self._leaving_confirmed and not self._may_leave():
            event.ignore()
            return
        self._closed = True
        self.review.leave()
        try:
            self.scores.flush()  # the last self-score change, written before the window goes
        except InterviewerError as exc:
            dialogs.show_error(self, "Self-score not saved", str(exc))
        self.mock.shutdown()  # a mock under way stays unfinished, its answers kept
        self.session.shutdown()
        self._remember()
        self.settings.set("window_geometry", self.saveGeometry())
        super().closeEvent(event)
