"""Review: the transcript with each step highlighted, the step checklist, the content (signals,
framework parts, metric levels), pacing, playback synced with the transcript, and the self-score
on the seven rubric dimensions with the suggested score beside each. Self-scores are handed on as
they are clicked (notes after a short pause in typing, or on leaving); `leave()` also silences
the recording."""

from __future__ import annotations

import html
from pathlib import Path

from interviewer_app.analysis.feedback.view import feedback_view
from interviewer_app.qt_binding import Qt, QTimer, QtWidgets, Signal
from interviewer_app.transcribe.engine import NO_SPEECH_WARNING
from interviewer_app.ui.widgets.audio_player import AudioPlayer
from interviewer_app.ui.widgets.framework_parts import FrameworkParts
from interviewer_app.ui.widgets.pacing_panel import PacingPanel
from interviewer_app.ui.widgets.self_score import SelfScoreForm
from interviewer_app.ui.widgets.signal_list import SignalList
from interviewer_app.ui.widgets.step_checklist import StepChecklist
from interviewer_app.ui.widgets.transcript_view import StepLegend, TranscriptView

NOTES_SAVE_MS = 800  # notes are handed on this long after the last key press (and on leaving)
NOT_IN_HISTORY = "This answer is not in history, so a self-score cannot be kept."


def recording_notes(feedback: dict) -> list[str]:
    """The recording's own problems (cut short, clipped, only noise, hard to make out), as
    sentences; "no speech" is said by the window in its own words."""
    return [f"{w[0].upper()}{w[1:].rstrip('.')}."
            for w in feedback.get("audio_warnings", ()) if w != NO_SPEECH_WARNING]


class ReviewPage(QtWidgets.QWidget):
    try_again_requested = Signal()
    next_prompt_requested = Signal()
    back_requested = Signal()
    score_changed = Signal(int, dict, str)  # attempt id, scores, notes: to be saved now
    export_requested = Signal()  # the answer on screen, to a file
    correct_requested = Signal()  # the user wants to fix the transcript and score it again
    copied = Signal(str)  # what was put on the clipboard, in a few words

    def __init__(self, parent=None):
        super().__init__(parent)
        self.header = QtWidgets.QLabel()
        self.header.setObjectName("review_header")
        self.header.setWordWrap(True)
        self.notice = QtWidgets.QLabel()
        self._notices: list[str] = []  # what the window said about the answer shown
        self.notice.setObjectName("review_notice")
        self.notice.setWordWrap(True)
        self.transcript = TranscriptView()
        self.legend = StepLegend()
        self.player = AudioPlayer()
        self.checklist = StepChecklist()
        self.pacing = PacingPanel()
        self.signals = SignalList()
        self.framework = FrameworkParts()
        self.score_form = SelfScoreForm()
        self.score_form.scores_changed.connect(self._hand_on_score)
        self.score_form.notes_changed.connect(self._notes_typed)
        self._attempt_id: int | None = None
        self._feedback: dict = {}
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_SAVE_MS)
        self._notes_timer.timeout.connect(self._hand_on_score)

        left = QtWidgets.QVBoxLayout()
        left.addWidget(self.legend)
        left.addWidget(self.transcript, 1)
        left.addWidget(self.player)
        left_box = QtWidgets.QWidget()
        left_box.setLayout(left)

        score_box = QtWidgets.QWidget()
        score_layout = QtWidgets.QVBoxLayout(score_box)
        score_layout.addWidget(self.score_form)
        content_box = QtWidgets.QWidget()
        content_box.setObjectName("review_content")
        content_layout = QtWidgets.QVBoxLayout(content_box)
        for title, widget in (("Signals", self.signals), ("Framework", self.framework)):
            heading = QtWidgets.QLabel(f"<h3 style='margin:0'>{title}</h3>")
            heading.setContentsMargins(0, 4 if widget is self.signals else 14, 0, 2)
            content_layout.addWidget(heading)
            content_layout.addWidget(widget)
        content_layout.addStretch(1)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("review_tabs")
        self.tab_pages: dict[str, QtWidgets.QScrollArea] = {}
        for widget, title in ((self.checklist, "Structure"), (content_box, "Content"), (self.pacing, "Pacing"),
                              (score_box, "Self-score")):
            scroll = QtWidgets.QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(widget)
            self.tabs.addTab(scroll, title)
            self.tab_pages[title] = scroll

        split = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left_box)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        buttons = QtWidgets.QHBoxLayout()
        back = QtWidgets.QPushButton("Back to prompts")
        back.clicked.connect(self.back_requested)
        again = QtWidgets.QPushButton("Try again  (T)")
        again.setObjectName("try_again_button")
        again.clicked.connect(self.try_again_requested)
        nxt = QtWidgets.QPushButton("Next prompt  (N)")
        nxt.clicked.connect(self.next_prompt_requested)
        copy = QtWidgets.QPushButton("Copy transcript")
        copy.setObjectName("copy_transcript_button")
        copy.setToolTip("Put the transcript on the clipboard, as plain text")
        copy.clicked.connect(self.copy_transcript)
        export = QtWidgets.QPushButton("Export…")
        export.setObjectName("export_answer_button")
        export.setToolTip("Save this answer as Markdown, a web page, PDF or JSON (Ctrl+E)")
        export.clicked.connect(self.export_requested)
        correct = QtWidgets.QPushButton("Correct transcript…")
        correct.setObjectName("correct_transcript_button")
        correct.setToolTip("Fix words the speech model misheard; the answer is checked again on your words")
        correct.clicked.connect(self.correct_requested)
        self.correct_button = correct
        buttons.addWidget(back)
        buttons.addWidget(correct)
        buttons.addWidget(copy)
        buttons.addWidget(export)
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(nxt)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.transcript.sentence_clicked.connect(self.player.play_from)
        self.player.position_changed.connect(self._follow_playback)
        self.checklist.step_clicked.connect(self._jump_to)
        self.signals.evidence_clicked.connect(self._jump_to)
        self.framework.evidence_clicked.connect(self._jump_to)

    def show_result(self, feedback: dict, audio: Path | None, attempt_id: int | None,
                    notices: list[str]) -> None:
        self.flush_notes()  # notes typed for the answer shown before are kept with it
        self._attempt_id = attempt_id
        self._show_analysis(feedback, attempt_id)
        self._notices = list(notices)
        self._show_notices(feedback)
        self.score_form.clear()
        self.score_form.set_suggestion(feedback.get("rubric_suggestion"))
        self.score_form.setEnabled(attempt_id is not None)
        self.score_form.set_save_status("" if attempt_id is not None else NOT_IN_HISTORY)
        self.player.load(audio)
        self.tabs.setCurrentIndex(0)

    def refresh_analysis(self, feedback: dict, attempt_id: int | None, note: str) -> None:
        """Swap in a better analysis of the answer on screen (the full pass after a live answer)
        without touching what the user is doing: the tab, the player and the scores they typed."""
        self._show_analysis(feedback, attempt_id)
        self.score_form.set_suggestion(feedback.get("rubric_suggestion"))
        self._notices.append(note)
        self._show_notices(feedback)
        self.notice.setVisible(True)

    def add_notice(self, text: str) -> None:
        """One more line about the answer on screen (e.g. how it compares with the last one)."""
        self._notices.append(text)
        self._show_notices(self._feedback)

    def _show_notices(self, feedback: dict) -> None:
        """What the app says about this answer, then what is wrong with its recording."""
        lines = self._notices + recording_notes(feedback)
        self.notice.setText("<br>".join(html.escape(n) for n in lines))
        self.notice.setVisible(bool(lines))

    @property
    def attempt_id(self) -> int | None:
        return self._attempt_id

    @property
    def feedback(self) -> dict:
        """The analysis on screen (the feedback JSON)."""
        return self._feedback

    def copy_transcript(self) -> None:
        text = self._feedback.get("transcript") or ""
        QtWidgets.QApplication.clipboard().setText(text)
        self.copied.emit(f"Transcript copied ({len(text.split())} words)")

    def _show_analysis(self, feedback: dict, attempt_id: int | None) -> None:
        self._feedback = feedback
        view = feedback_view(feedback)
        facts = [view.structure.summary, *view.facts,
                 f"saved as attempt {attempt_id}" if attempt_id else "not saved"]
        self.header.setText(f"<b>{html.escape(view.title)}</b><br>{html.escape(' · '.join(facts))}")
        self.transcript.show_feedback(feedback)
        self.checklist.show_feedback(feedback)
        self.pacing.show_feedback(feedback)
        self.signals.show_feedback(feedback)
        self.framework.show_feedback(feedback)

    def leave(self) -> None:
        """The review is no longer on screen: silence the recording, hand on unsaved notes."""
        self.player.stop()
        self.flush_notes()

    def flush_notes(self) -> None:
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._hand_on_score()

    def show_save_result(self, attempt_id: int, problem: str | None) -> None:
        """What became of a save (from the window's saver); only the answer on screen shows it."""
        if attempt_id != self._attempt_id:
            return
        if problem is None:
            self.score_form.set_save_status("Saved")
        else:
            self.score_form.set_save_status(f"Not saved: {problem}. Your scores stay on screen; "
                                            "change one to try again.", problem=True)

    def _hand_on_score(self) -> None:
        self._notes_timer.stop()  # the notes go with the scores
        if self._attempt_id is not None:
            self.score_form.set_save_status("Saving…")
            self.score_changed.emit(self._attempt_id, self.score_form.scores(), self.score_form.notes())

    def _notes_typed(self) -> None:
        if self._attempt_id is not None:
            self._notes_timer.start()

    def show_tab(self, title: str) -> None:
        """Bring a tab to the front by its title: Structure, Content, Pacing or Self-score."""
        self.tabs.setCurrentWidget(self.tab_pages[title])

    def _follow_playback(self, seconds: float) -> None:
        if self.player.is_playing():
            self.transcript.follow(seconds)

    def _jump_to(self, seconds: float) -> None:
        self.transcript.scroll_to_time(seconds)
        self.player.play_from(seconds)
