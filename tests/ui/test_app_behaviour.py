"""The desktop app's promises beyond the happy path: recovery after a crash, a microphone that
vanishes mid-answer, remembered settings, About and shortcuts, and layouts at two window sizes."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from interviewer_app.qt_binding import Qt, QtWidgets
from tests.ui.conftest import screenshot
from tests.unit.test_recorder import VanishingDevice


def test_a_recording_left_by_a_crash_is_offered_and_analysed(make_window, qtbot, isolated_home, monkeypatch):
    recordings = isolated_home / "data" / "recordings"
    recordings.mkdir(parents=True)
    raw = recordings / "recording-20261123-090000-000000.pcm"
    (0.2 * np.sin(np.arange(16000 * 2) / 9) * 32767).astype("<i2").tofile(raw)
    raw.with_suffix(".json").write_text(json.dumps({"samplerate": 16000}))
    asked = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QtWidgets.QMessageBox.StandardButton.Yes)
    window = make_window()  # start_up() runs inside and finds the raw recording
    assert asked and "closed while recording" in asked[0]
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.review, timeout=60000)
    assert (recordings / "recording-20261123-090000-000000.flac").exists() and not raw.exists()


def test_microphone_unplugged_mid_answer_keeps_and_analyses_what_was_recorded(make_window, qtbot):
    device = VanishingDevice(blocks=30)  # 1.5 s of tone, then the device disappears
    window = make_window(sd=device)
    window.choose.speak_prompt.setChecked(False)
    window.choose.think_seconds.setValue(0)
    window.space_action.trigger()
    with qtbot.waitSignal(window.session.analyzed, timeout=60000) as result:
        window.space_action.trigger()
    answer = result.args[0]
    assert answer.interrupted and "stopped delivering audio" in answer.interrupted
    assert answer.answer.feedback.transcript.duration_s == pytest.approx(1.5)
    assert sf.info(str(answer.answer.audio_path)).duration == pytest.approx(1.5)
    assert "Recording ended early" in window.review.notice.text()
    assert answer.attempt_id is not None
    # the self-score on the review page is kept with the attempt
    window.review.score_form.set_values({"goal_clarity": 2, "metrics": 3}, "tone only, no words")
    window.review.score_form.rows["metrics"].buttons[3].click()  # metrics 3 -> 4: saved with the rest
    qtbot.waitUntil(lambda: window.ctx.store.self_score(answer.attempt_id)
                    == ({"goal_clarity": 2, "metrics": 4}, "tone only, no words"), timeout=5000)


def test_settings_are_remembered(make_window, qtbot):
    window = make_window()
    prompt_id = window.choose.browser.bank.prompts[5].id
    window.choose.browser.select(prompt_id)
    window.choose.budget_picker.set_current("amazon", "qa")
    window.choose.think_seconds.setValue(30)
    window.close()
    again = make_window()
    assert again.choose.prompt().id == prompt_id
    assert again.choose.budget().seconds == 600 and again.choose.budget().phase_key == "qa"
    assert again.choose.think_seconds.value() == 30


def test_about_names_versions_model_and_data_folder(make_window):
    from interviewer_app.ui import dialogs

    window = make_window()
    text = dialogs.about_text("tiny.en (bundled)", window.ctx.paths.data_dir, False)
    assert "Interviewer 0.1.0" in text and "tiny.en" in text and str(window.ctx.paths.data_dir) in text
    assert "faster-whisper 1.2.1" in text and "Qt 6." in text
    shortcuts = {a.shortcut().toString() for a in window.actions()} - {""}
    assert {"Space", "R", "N", "T", "F1", "Ctrl+O", "Ctrl+E"} <= shortcuts
    assert shortcuts <= {k for k, _ in dialogs.SHORTCUTS}  # F1 lists every shortcut the window has


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_layout_fits_common_window_sizes(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() <= size[0], timeout=2000)
    start = window.choose.start_button
    assert start.isVisible() and window.rect().contains(start.mapTo(window, start.rect().bottomRight()))
    screenshot(window, f"choose-{size[0]}x{size[1]}")


def test_voices_are_listed_and_the_choice_is_remembered(make_window, qtbot):
    window = make_window()  # the mock engine has voices, like speech-dispatcher does
    combo = window.choose.voice_combo
    assert combo.count() == 1  # the engine is not started with the window: it blocks for seconds
    combo.showPopup()  # opening the list starts it
    combo.hidePopup()
    qtbot.waitUntil(lambda: combo.isEnabled() and combo.count() > 1, timeout=5000)
    name = combo.itemText(1)
    combo.setCurrentIndex(1)
    assert window.settings.get("voice") == name
    window.close()
    again = make_window()
    again.choose.voice_combo.showPopup()
    again.choose.voice_combo.hidePopup()
    qtbot.waitUntil(lambda: again.choose.voice_combo.count() > 1, timeout=5000)
    assert again.choose.voice_combo.currentText() == name


def test_a_failing_model_is_a_clear_message(make_window, qtbot, monkeypatch, tmp_path):
    from interviewer_app.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"not a model")
    window = make_window()
    qtbot.waitUntil(lambda: window.ctx.transcriber.loaded, timeout=60000)  # start-up warm-up done
    window.ctx.transcriber.model_spec = str(broken)
    window.ctx.transcriber._source = None
    window.ctx.transcriber._model = None
    wav = tmp_path / "a.wav"
    import soundfile as sf
    sf.write(wav, (0.3 * np.sin(np.arange(16000) / 5)).astype(np.float32), 16000)
    with qtbot.waitSignal(window.session.failed, timeout=60000):
        window._analyze_path(wav)
    assert any("failed to load" in m and "choose another model" in m for m in shown)


def test_think_time_counts_down_then_recording_starts_by_itself(make_window, qtbot):
    device = VanishingDevice(blocks=10)
    window = make_window(sd=device)
    window.choose.speak_prompt.setChecked(False)
    window.choose.think_seconds.setValue(1)
    states, results = [], []
    window.session.state_changed.connect(states.append)
    window.session.analyzed.connect(results.append)
    window.space_action.trigger()
    assert window.answer.state == "thinking" and "recording starts in" in window.answer.banner.text()
    qtbot.waitUntil(lambda: bool(results), timeout=60000)  # countdown ran out, recorded, analysed
    assert states[:2] == ["recording", "analyzing"]


def test_history_opens_a_saved_attempt_in_review_and_habits_show(make_window, qtbot, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("The goal is retention of new teams. We could add templates. Guardrails are opt-outs.")
    window = make_window()
    window.choose.budget_picker.set_current("sixty", None)
    with qtbot.waitSignal(window.session.analyzed, timeout=60000) as result:
        window._analyze_path(answer)
    attempt_id = result.args[0].attempt_id
    window.ctx.store.set_self_score(attempt_id, {"metrics": 3}, "name a guardrail earlier")
    window.back_to_choose()
    window.show_history()
    assert window.pages.currentWidget() is window._history
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window._history.open_attempt.emit(attempt_id)
    assert window.pages.currentWidget() is window.review
    assert window.review.score_form.scores()["metrics"] == 3
    assert "templates" in window.review.transcript.toPlainText()
    window.back_to_choose()
    window.show_habits()
    assert window.pages.currentWidget() is window._habits
    with qtbot.waitSignal(window._habits.refreshed, timeout=10000):
        window._habits.refresh()
    assert "habits_summary" in {w.objectName() for w in window._habits.findChildren(QtWidgets.QLabel)}


def test_dark_theme_review_is_readable(make_window, qtbot):
    from pathlib import Path

    from interviewer_app.ui.app import apply_theme

    app = QtWidgets.QApplication.instance()
    before = app.palette()
    apply_theme(app, "dark")
    try:
        window = make_window()
        feedback = json.loads((Path(__file__).parents[1] / "fixtures" / "feedback_strong.json").read_text())
        window.review.show_result(feedback, None, None, [])
        window.pages.setCurrentWidget(window.review)
        window_color = window.palette().color(window.palette().ColorRole.Window)
        text_color = window.palette().color(window.palette().ColorRole.WindowText)
        assert window_color.lightness() < 80 and text_color.lightness() > 180
        screenshot(window, "8-review-dark")
    finally:
        app.setPalette(before)
        app.setStyle("Fusion")


def test_an_unexpected_error_is_said_on_screen_once_with_the_log_file(qtbot, monkeypatch, tmp_path):
    """A bug the app did not catch (here a ValueError reaching the hook, as from a slot) is told
    in one non-blocking message naming the log file; the same error again adds no second box."""
    import sys

    from interviewer_app.qt_binding import QtWidgets
    from interviewer_app.ui import dialogs

    printed = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: printed.append(exc[0]))
    dialogs.install_error_notice(tmp_path / "interviewer-app.log")
    for _ in range(2):
        try:
            raise ValueError("no such step 'scoping'")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    boxes = [w for w in QtWidgets.QApplication.topLevelWidgets()
             if w.objectName() == "error_notice" and w.isVisible()]
    assert printed == [ValueError, ValueError]  # the earlier hook (logging, stderr) still runs each time
    assert len(boxes) == 1 and not boxes[0].isModal()
    text = boxes[0].text()
    assert "ValueError: no such step 'scoping'" in text and str(tmp_path / "interviewer-app.log") in text
    assert "recordings and saved answers are kept" in text
    boxes[0].close()


def test_back_to_the_prompts_leaves_focus_where_space_starts_an_answer(make_window, qtbot):
    window = make_window()
    window.choose.speak_prompt.setChecked(False)
    window.begin_round()
    assert window.pages.currentWidget() is window.answer
    esc = next(a for a in window.actions() if a.shortcut().toString() == "Esc")
    esc.trigger()
    assert window.pages.currentWidget() is window.choose
    assert window.choose.browser.list.hasFocus() or window.focusWidget() is window.choose.browser.list
    assert not window.choose.browser.search.hasFocus()  # a space typed there would not start


def test_next_for_me_selects_the_planned_prompt_with_its_reason(make_window, qtbot, tmp_path):
    """Practice › Next for me: a weak answer to a prompt a day and a half ago makes it due again;
    it is selected with the reason shown, and asking again moves on to the plan's next prompt."""
    from datetime import datetime, timedelta, timezone

    from interviewer_app.analysis.feedback.answer import analyze, typed_transcript

    window = make_window()
    prompt = window.choose.browser.bank.prompts[3]
    window.ctx.store.save(analyze(typed_transcript("We could add a banner."), None, prompt),
                          created_at=datetime.now(timezone.utc) - timedelta(days=1.5))
    practice = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Practice")
    action = next(a for a in practice.actions() if a.text().startswith("Next for me"))
    assert action.shortcut().toString() == "Shift+N"
    with qtbot.waitSignal(window.plan_chosen, timeout=10000) as chosen:
        action.trigger()
    assert chosen.args[0] == prompt.id and window.choose.prompt().id == prompt.id
    note = window.choose.plan_note
    assert note.isVisible() and "Chosen for you:" in note.text() and "Due again: last time 1 of 8 steps" in note.text()
    from tests.ui.conftest import screenshot
    screenshot(window, "next-for-me")
    with qtbot.waitSignal(window.plan_chosen, timeout=10000) as again:
        action.trigger()
    assert again.args[0] != prompt.id and "Not answered yet" in note.text()
    window.choose.browser.select(prompt.id)  # picked by hand: the plan's reason no longer applies
    assert not note.isVisible()


def test_the_prompt_list_shows_how_you_did_on_each_prompt(make_window, qtbot, isolated_home):
    """Per-prompt progress (issue 24): answered how often, best and last, due again or not."""
    from datetime import datetime, timedelta, timezone

    from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
    from interviewer_app.services.pipeline import AppContext
    from interviewer_app.ui.widgets.prompt_browser import META_ROLE, PROMPT_ROLE

    ctx = AppContext()
    prompt = next(p for p in ctx.prompts.prompts if p.framework != "care")
    for days, text in ((3, "We could add a banner."), (2, "The goal is retention. We could add a banner.")):
        ctx.store.save(analyze(typed_transcript(text), None, prompt),
                       created_at=datetime.now(timezone.utc) - timedelta(days=days))
    ctx.store.db.conn.close()
    window = make_window()
    qtbot.waitUntil(lambda: window.choose.browser.progress_of(prompt.id) is not None, timeout=10000)
    assert window.choose.browser.progress_of(prompt.id) == "answered 2× · best 2/8 · last 2/8 · due again"
    browser = window.choose.browser
    item = next(browser.list.item(r) for r in range(browser.list.count())
                if browser.list.item(r).data(PROMPT_ROLE).id == prompt.id)
    assert item.data(META_ROLE).endswith("answered 2× · best 2/8 · last 2/8 · due again")


def test_a_retake_ends_on_what_changed_since_the_last_attempt(make_window, qtbot, tmp_path):
    window = make_window()
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("We could add templates.")
    second.write_text("The goal is retention of new teams. We could add templates. The biggest risk is churn.")
    with qtbot.waitSignal(window.session.analyzed, timeout=60000):
        window._analyze_path(first)
    with qtbot.waitSignal(window.compared, timeout=60000) as compared:  # "Try again" on the same prompt
        with qtbot.waitSignal(window.session.analyzed, timeout=60000):
            window._analyze_path(second)
    line = compared.args[0]
    assert line.startswith("Since your last attempt at this prompt (") and "Restate the goal now heard" in line
    assert "Risks and cadence now heard" in line and line in window.review.notice.text()


def test_rating_an_answer_before_its_feedback(make_window, qtbot, tmp_path):
    """Calibration (issue 24): with Practice › Rate each answer before the feedback, the review waits
    for a 1-5 rating; the rating is stored with the attempt, and Skip shows the review unrated."""
    from interviewer_app.storage.history import query

    window = make_window()
    window.rate_action.setChecked(True)
    answer = tmp_path / "answer.txt"
    answer.write_text("The goal is retention of new teams. We could add templates.")
    with qtbot.waitSignal(window.session.analyzed, timeout=60000):
        window._analyze_path(answer)
    dialog = window.impression_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert window.pages.currentWidget() is not window.review  # no feedback before the rating
    with qtbot.waitSignal(window.impression_saved, timeout=10000) as saved:
        qtbot.mouseClick(dialog.buttons[4], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.review
    assert query(window.ctx.store)[0].first_impression == 4 == saved.args[1]
    assert window.settings.get("rate_first")

    with qtbot.waitSignal(window.session.analyzed, timeout=60000):
        window._analyze_path(answer)
    qtbot.waitUntil(window.impression_dialog.isVisible, timeout=5000)
    qtbot.mouseClick(window.impression_dialog.findChild(QtWidgets.QPushButton, "impression_skip"),
                     Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.review
    assert query(window.ctx.store)[0].first_impression is None
