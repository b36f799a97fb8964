"""Issue 18, items 5 and 6, in the real window: playback of an answer never bleeds into the next
recording nor freezes the window (the real playback worker through the PulseAudio virtual microphone,
whose default sink loops back into the microphone as a loudspeaker would), and self-scores and
notes are kept without a Save button, whichever way the review is left."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.prompts import PromptBank
from interviewer_app.qt_binding import Qt, QtCore, QTimer
from interviewer_app.ui.widgets.audio_player import running_playback_workers
from tests.conftest import ROOT
from tests.unit.timed import timed_transcript

PROMPT = PromptBank.load(None).get("onboarding-drop-after-redesign")
ANSWER = [  # (sentence, pause after it)
    ("So activation dropped from forty to thirty percent after the redesign, measured weekly.", 0.6),
    ("First I'd check whether the drop is real or a logging change.", 0.6),
    ("Then I'd split it by platform and by new versus returning users.", 0.6),
]
TONE_S = 30
UI_BOUND_MS = 2000  # the window answers a 0-ms timer within this (a page change alone takes up
# to ~0.6 s on a loaded 2-core machine)


def _needs_virtual_mic() -> Path:
    if not os.environ.get("PULSE_SERVER") or not os.environ.get("VIRTUAL_MIC_DIR"):
        pytest.fail("no virtual microphone: run through scripts/with-display.sh or scripts/test.sh")
    return Path(os.environ["VIRTUAL_MIC_DIR"])


def _attempt_with_a_loud_recording(window) -> int:
    """A saved attempt whose recording is a 30 s tone at -10 dBFS (real FLAC in recordings/)."""
    t = np.arange(16000 * TONE_S) / 16000
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    fb = analyze(timed_transcript(ANSWER), None, PROMPT)
    return window.ctx.store.save(fb, samples=tone, sample_rate=16000)


def _window_for_rounds(make_window, qtbot):
    window = make_window()
    window.activateWindow()  # keys reach the window's shortcuts, as for a user at the keyboard
    qtbot.waitUntil(window.isActiveWindow)
    window.choose.speak_prompt.setChecked(False)
    window.choose.think_seconds.setValue(0)
    return window


def _play_in_review(window, qtbot, attempt: int) -> None:
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt)
    assert window.pages.currentWidget() is window.review
    qtbot.keyClick(window.review, Qt.Key.Key_P)  # play, as a user would
    qtbot.waitUntil(lambda: window.review.player.is_playing() and window.review.player.slider.value() > 500,
                    timeout=10000)


def _responds_within(qtbot, action) -> float:
    """Run `action` (a key press), then how long until a 0-ms timer fires: the time the window
    was unable to react (ms)."""
    clock = QtCore.QElapsedTimer()
    clock.start()
    action()
    fired: list[int] = []
    QTimer.singleShot(0, lambda: fired.append(clock.elapsed()))
    qtbot.waitUntil(lambda: bool(fired), timeout=30000)
    return fired[0]


@pytest.mark.audio_stack
def test_try_again_then_space_records_silence_not_the_old_playback(make_window, qtbot):
    _needs_virtual_mic()
    window = _window_for_rounds(make_window, qtbot)
    attempt = _attempt_with_a_loud_recording(window)
    _play_in_review(window, qtbot, attempt)
    player = window.review.player
    at_recording: list[bool] = []
    window.session.state_changed.connect(
        lambda state: state == "recording" and at_recording.append(player.is_playing()))
    levels: list[float] = []
    window.session.tick.connect(lambda _s, level: levels.append(level))

    qtbot.keyClick(window.review, Qt.Key.Key_T)  # try again...
    assert window.pages.currentWidget() is window.answer
    qtbot.keyClick(window.answer, Qt.Key.Key_Space)  # ...and answer at once
    qtbot.waitUntil(lambda: window.session.state == "recording", timeout=5000)
    qtbot.waitUntil(lambda: window.session.recording_seconds > 1.5, timeout=10000)
    assert len(levels) > 10
    # The tone plays at -10 dBFS into the loop-back microphone: none of it may reach the answer.
    assert max(levels) < -45, f"the old recording was heard in the new answer (peak {max(levels):.1f} dBFS)"
    assert at_recording == [False] and not player.is_playing()  # stopped before recording began
    with qtbot.waitSignal(window.session.analyzed, timeout=60000):
        qtbot.keyClick(window.answer, Qt.Key.Key_Space)  # stop
    assert "No speech was heard" in window.review.notice.text()


@pytest.mark.audio_stack
def test_leaving_the_review_again_and_again_never_holds_up_the_window(make_window, qtbot):
    """Play, then leave (Back, Try again, Next, History) a dozen times in a row: each key press
    returns and the window answers a 0-ms timer at once, and nothing plays once it is left."""
    _needs_virtual_mic()
    window = _window_for_rounds(make_window, qtbot)
    attempt = _attempt_with_a_loud_recording(window)
    leave = [lambda: qtbot.keyClick(window.review, Qt.Key.Key_Escape),
             lambda: qtbot.keyClick(window.review, Qt.Key.Key_T),
             lambda: qtbot.keyClick(window.review, Qt.Key.Key_N),
             lambda: qtbot.keyClick(window.review, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)]
    waits = []
    for i in range(12):
        _play_in_review(window, qtbot, attempt)
        waits.append(_responds_within(qtbot, leave[i % len(leave)]))
        assert window.pages.currentWidget() is not window.review
        assert not window.review.player.is_playing()
        qtbot.waitUntil(window.review.player.is_quiet, timeout=5000)  # confirmed by the playback worker
    assert max(waits) < UI_BOUND_MS, f"the window stood still {max(waits)} ms (all: {waits})"
    assert running_playback_workers() == 1  # one playback worker, reused; none left behind


# -- item 6: self-scores and notes are kept without a Save button ---------------------------------
def _score_and_note(window, qtbot, scores: dict[str, int], note: str) -> None:
    form = window.review.score_form
    window.review.show_tab("Self-score")
    for key, score in scores.items():
        qtbot.mouseClick(form.rows[key].buttons[score - 1], Qt.MouseButton.LeftButton)
    form.notes_edit.setFocus()
    qtbot.keyClicks(form.notes_edit, note)
    window.review.setFocus()  # the user clicks away from the notes, then presses the key


@pytest.mark.parametrize("key", [Qt.Key.Key_T, Qt.Key.Key_N, Qt.Key.Key_Escape])
def test_scores_and_notes_are_kept_when_the_review_is_left_at_once(make_window, qtbot, key):
    window = _window_for_rounds(make_window, qtbot)
    attempt = window.ctx.store.save(analyze(timed_transcript(ANSWER), None, PROMPT))
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt)
    mine = {"goal_clarity": 4, "metrics": 2, "prioritization": 5}
    _score_and_note(window, qtbot, mine, "check the logging first")
    qtbot.keyClick(window.review, key)  # leave straight away, no Save pressed
    assert window.pages.currentWidget() is not window.review
    qtbot.waitUntil(lambda: window.ctx.store.self_score(attempt) == (mine, "check the logging first"),
                    timeout=5000)
    from interviewer_app.storage.history import query

    row = next(r for r in query(window.ctx.store) if r.id == attempt)
    assert row.self_score == pytest.approx(11 / 3, abs=0.01)  # history shows the mean, not "—"


def test_each_score_is_saved_as_it_is_clicked_with_a_quiet_saved_mark(make_window, qtbot):
    window = _window_for_rounds(make_window, qtbot)
    attempt = window.ctx.store.save(analyze(timed_transcript(ANSWER), None, PROMPT))
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt)
    review = window.review
    assert not hasattr(review, "save_score_button")  # nothing to forget to press
    review.show_tab("Self-score")
    form = review.score_form
    qtbot.mouseClick(form.rows["metrics"].buttons[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ctx.store.self_score(attempt)[0] == {"metrics": 3}, timeout=5000)
    qtbot.waitUntil(lambda: form.save_status.text() == "Saved", timeout=5000)
    qtbot.mouseClick(form.rows["metrics"].buttons[0], Qt.MouseButton.LeftButton)  # changed mind
    qtbot.waitUntil(lambda: window.ctx.store.self_score(attempt)[0] == {"metrics": 1}, timeout=5000)
    # notes are saved while typing (after a short pause), not only on leaving
    qtbot.keyClicks(form.notes_edit, "slow start")
    qtbot.waitUntil(lambda: window.ctx.store.self_score(attempt)[1] == "slow start", timeout=5000)
    assert window.pages.currentWidget() is review  # saved without leaving
    qtbot.waitUntil(lambda: form.save_status.text() == "Saved", timeout=5000)
    shot = ROOT / "tests" / ".artifacts" / "screenshots" / "review-self-score.png"  # to look at, not for docs
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(shot))


def test_a_score_that_cannot_be_saved_says_so_in_the_form(make_window, qtbot):
    window = _window_for_rounds(make_window, qtbot)
    attempt = window.ctx.store.save(analyze(timed_transcript(ANSWER), None, PROMPT))
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt)
    window.ctx.store.db.execute("DELETE FROM attempts WHERE id = ?", [attempt])  # deleted elsewhere
    window.ctx.store.db.conn.commit()
    form = window.review.score_form
    window.review.show_tab("Self-score")
    qtbot.mouseClick(form.rows["metrics"].buttons[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.save_status.text().startswith("Not saved"), timeout=5000)
    assert f"no attempt with id {attempt}" in form.save_status.text()
