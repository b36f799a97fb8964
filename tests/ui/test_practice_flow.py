"""The whole practice round in the real window, through the real audio stack: PulseAudio virtual
microphone -> sounddevice -> the app's recorder -> tiny.en -> the review screen."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from interviewer_app.audio.clip import load_clip
from interviewer_app.services.answer_session import words_changed
from interviewer_app.ui.step_colors import STEP_COLORS
from tests.conftest import ROOT
from tests.ui.conftest import screenshot


def _ready_round(window, qtbot, prompt_id, budget=("sixty", None)):
    window.choose.browser.select(prompt_id)
    window.choose.budget_picker.set_current(*budget)
    window.choose.speak_prompt.setChecked(False)
    window.choose.think_seconds.setValue(0)
    screenshot(window, "1-choose")
    window.space_action.trigger()
    assert window.pages.currentWidget() is window.answer
    assert window.answer.state == "ready"


@pytest.mark.audio_stack
def test_answer_through_the_virtual_microphone_is_reviewed_with_highlights(make_window, qtbot, jump_answer):
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh")
    window = make_window()
    _ready_round(window, qtbot, jump_answer.prompt)
    levels = []
    window.session.tick.connect(lambda _s, level: levels.append(level))
    window.space_action.trigger()  # start recording
    qtbot.waitUntil(lambda: window.session.state == "recording", timeout=5000)
    assert "RECORDING" in window.answer.banner.text()
    player = subprocess.Popen(["bash", str(ROOT / "scripts/play-into-mic.sh"), str(jump_answer.wav)])
    live = window.answer.live
    # Transcribed while spoken: words and steps appear before Stop.
    qtbot.waitUntil(lambda: "notification" in live.transcript.toPlainText().lower(), timeout=60000)
    assert live.chips["options"].accessibleName().endswith(": heard")
    assert live.chips["map"].accessibleName().endswith("not heard yet")
    qtbot.waitUntil(lambda: window.session.recording_seconds > jump_answer.duration_s + 0.5, timeout=60000)
    assert player.wait(10) == 0
    assert max(levels) > -30 and min(levels) < -50  # the meter followed the voice and the silence
    assert window.answer.meter.peak() > -40
    assert window.answer.clock.state in ("ok", "warning")
    screenshot(window, "2-answer-recording")
    refined = []
    window.session.refine_done.connect(refined.append)
    with qtbot.waitSignal(window.session.analyzed, timeout=180000) as result:
        window.space_action.trigger()  # stop
    answer = result.args[0]
    assert window.pages.currentWidget() is window.review
    assert window.answer.meter.peak() <= -60  # stopped: the peak mark drops, not frozen
    fb = answer.answer.feedback
    assert fb.jumped_to_options and fb.steps["restate"].heard and fb.steps["options"].heard
    html = window.review.transcript.toHtml().lower()
    assert STEP_COLORS["options"][1:].lower() in html and STEP_COLORS["restate"][1:].lower() in html
    assert answer.attempt_id == 1 and answer.save_error is None
    from interviewer_app.storage.history import query

    assert query(window.ctx.store)[0].audio_path.startswith("recordings/")
    # Then a full pass over the recording: where it reads other words it replaces the live
    # transcript, on screen and in history, and says how many words and what changed; where it
    # reads the same words nothing changes and nothing is said.
    qtbot.waitUntil(lambda: bool(refined), timeout=180000)
    better = refined[0]
    full = window.ctx.transcriber.transcribe(load_clip(answer.answer.source).samples).text
    stored = window.ctx.store.feedback_json(answer.attempt_id)
    assert stored["transcript"] == full  # what is kept is the full pass, either way
    if words_changed(fb.transcript.text, full):
        assert better.attempt_id == answer.attempt_id and better.words_changed > 0
        assert better.refined_note in window.review.notice.text()  # every change said, or "the same"
        shown = [t for t in window.review.transcript.toPlainText().split()  # less the [m:ss] and step marks
                 if any(c.isalnum() for c in t) and not re.fullmatch(r"\[\d+:\d\d\]|■\d", t)]
        assert words_changed(" ".join(shown), full) == 0  # the full pass on screen
    else:
        assert better is None and "refined" not in window.review.notice.text()
    assert window.statusBar().currentMessage().startswith("Full pass done: the transcript ")  # never silent
    speed, model = window.settings.get("speech_speed").split()  # for Settings › Speech model's times
    assert model == "tiny.en" and 0 < float(speed) < 1
    assert stored["jumped_to_options"] is True
    screenshot(window, "3-review")
    window.review.show_tab("Pacing")
    screenshot(window, "4-review-pacing")


def test_silent_microphone_says_no_speech_was_heard(make_window, qtbot, tmp_path):
    import numpy as np
    import soundfile as sf

    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(16000 * 3, dtype=np.float32), 16000)
    window = make_window()
    with qtbot.waitSignal(window.session.analyzed, timeout=60000):
        window._analyze_path(silent)
    assert "No speech was heard" in window.review.notice.text()


def test_no_microphone_offers_to_analyze_a_file(make_window, qtbot, monkeypatch):
    from interviewer_app.qt_binding import QtWidgets

    class NoDevice:
        def InputStream(self, **kwargs):
            raise RuntimeError("Error querying device -1")

    window = make_window(sd=NoDevice())
    seen = {}

    def fake_exec(box):
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        return 0
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", fake_exec)
    _ready_round(window, qtbot, "notification-engagement-falling")
    window.space_action.trigger()
    assert "cannot open the microphone" in seen["text"]
    assert "Analyze an audio file…" in seen["buttons"]
    assert window.session.state == "idle" and window.answer.state == "ready"


@pytest.mark.audio_stack
def test_quitting_while_recording_asks_first(make_window, qtbot, monkeypatch):
    """File › Quit asks only while an answer is being recorded: No keeps recording, Yes closes
    (what was recorded is kept for the next start, as tests/ui/test_app_behaviour.py checks)."""
    from interviewer_app.qt_binding import QtWidgets

    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh")
    asked, replies = [], []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        lambda *args, **kwargs: (asked.append(args[2]), replies.pop(0))[1])

    def quit_action(window):
        return next(a for a in window.actions() if a.shortcut().toString() == "Ctrl+Q")

    idle = make_window()
    quit_action(idle).trigger()
    assert not asked and not idle.isVisible()  # nothing under way: no question

    window = make_window()
    window.choose.speak_prompt.setChecked(False)
    window.choose.think_seconds.setValue(0)
    window.space_action.trigger()  # the answer page
    window.space_action.trigger()  # recording
    qtbot.waitUntil(lambda: window.session.state == "recording", timeout=10000)
    replies.append(QtWidgets.QMessageBox.StandardButton.No)
    quit_action(window).trigger()
    assert asked[-1].startswith("An answer is being recorded") and window.isVisible()
    assert window.session.state == "recording"  # said no: the answer goes on
    replies.append(QtWidgets.QMessageBox.StandardButton.Yes)
    quit_action(window).trigger()
    assert len(asked) == 2 and not window.isVisible()
