"""Issue 18 item 5, the audio server frozen: the review's playback runs in a child process, so a
PulseAudio daemon that stops answering (SIGSTOP) never holds up the window; the worker that does
not acknowledge its stop is killed, and playback works again once the server is back."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from interviewer_app.qt_binding import Qt
from interviewer_app.ui.widgets.audio_player import STOP_ACK_MS
from tests.ui.test_hardening_review import (
    UI_BOUND_MS,
    _attempt_with_a_loud_recording,
    _needs_virtual_mic,
    _play_in_review,
    _responds_within,
    _window_for_rounds,
)


def _pulse_pid() -> int:
    folder = _needs_virtual_mic()
    pid = int((folder / "pid").read_text().strip())
    assert Path(f"/proc/{pid}/comm").read_text().strip().startswith("pulseaudio")
    return pid


def _gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()  # reaped by QProcess: not even a zombie


def _leave_frozen(window, qtbot, leave) -> tuple[float, int]:
    """Leave the review while the server is frozen: how long the window stood still (ms), and the
    worker's pid (killed by then)."""
    player = window.review.player
    pid = player.worker_pid()
    assert pid is not None
    waited = _responds_within(qtbot, leave)
    assert window.pages.currentWidget() is not window.review
    assert not player.is_playing()
    qtbot.waitUntil(lambda: _gone(pid), timeout=STOP_ACK_MS + 4000)  # no stop acknowledged: killed
    assert player.worker_pid() is None and player.is_quiet()
    return waited, pid


@pytest.mark.audio_stack
def test_a_frozen_audio_server_never_holds_up_the_window(make_window, qtbot):
    pulse = _pulse_pid()
    window = _window_for_rounds(make_window, qtbot)
    attempt = _attempt_with_a_loud_recording(window)
    player = window.review.player
    waits, pids = [], []
    try:
        # 1. the server freezes while a recording plays; the user goes back
        _play_in_review(window, qtbot, attempt)
        os.kill(pulse, signal.SIGSTOP)
        waited, pid = _leave_frozen(window, qtbot, lambda: qtbot.keyClick(window.review, Qt.Key.Key_Escape))
        waits.append(waited)
        pids.append(pid)
        # 2. still frozen: play again (a fresh worker, stuck opening the device), then leave
        with qtbot.waitSignal(window.attempt_opened, timeout=10000):
            window.open_attempt(attempt)
        waits.append(_responds_within(qtbot, lambda: qtbot.keyClick(window.review, Qt.Key.Key_P)))
        assert player.is_playing()
        waited, pid = _leave_frozen(
            window, qtbot, lambda: qtbot.keyClick(window.review, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier))
        waits.append(waited)
        pids.append(pid)
    finally:
        os.kill(pulse, signal.SIGCONT)
    print(f"window answered after {waits} ms")
    assert max(waits) < UI_BOUND_MS, f"the window stood still {max(waits)} ms (all: {waits})"
    # 3. the server is back: a later play works, in a new worker
    _play_in_review(window, qtbot, attempt)
    assert player.worker_pid() not in pids
    qtbot.keyClick(window.review, Qt.Key.Key_Escape)
    qtbot.waitUntil(player.is_quiet, timeout=5000)  # acknowledged this time: nothing killed
    assert player.worker_pid() is not None


# -- the prompt voice: espeak-ng's WAV plays through the same worker ------------------------------
ESPEAK = "/usr/bin/espeak-ng"
LONG_PROMPT = ("Tell me about a time you had to ship a product under a hard deadline, "
               "what you cut, how you told the team, and what you would do differently next time.")


@pytest.mark.audio_stack
def test_a_frozen_audio_server_never_holds_up_the_prompt_voice(qtbot):
    """The espeak-ng path used QMediaPlayer in the window's process: with the server frozen its
    play could stall the event loop. Now the WAV plays in a worker, and a stop is never waited for."""
    from interviewer_app.qt_binding import QtCore, QTimer
    from interviewer_app.speech.playback_process import live_worker_pids
    from interviewer_app.speech.prompt_voice import PromptVoice

    pulse = _pulse_pid()
    voice = PromptVoice(engine="nonexistent", espeak=ESPEAK)
    assert voice.backend == "espeak-ng"  # asks Qt for an output device while the server answers
    events: list = []
    voice.started.connect(lambda: events.append("started"))
    voice.finished.connect(lambda: events.append("finished"))
    voice.unavailable.connect(lambda reason: events.append(("unavailable", reason)))
    clock, gaps, last = QtCore.QElapsedTimer(), [], [0]
    clock.start()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: (gaps.append(clock.elapsed() - last[0]), last.__setitem__(0, clock.elapsed())))
    heartbeat.start()
    try:
        os.kill(pulse, signal.SIGSTOP)
        waits = [_responds_within(qtbot, lambda: voice.say(LONG_PROMPT))]
        # espeak-ng has written the WAV and it was handed to the player
        qtbot.waitUntil(lambda: voice._proc is None and voice._wav is not None, timeout=20000)
        pid = voice.worker_pid()
        assert pid is not None, "the prompt is played by a playback worker process"
        waits.append(_responds_within(qtbot, voice.stop))  # e.g. the user starts recording
        qtbot.waitUntil(lambda: _gone(pid), timeout=STOP_ACK_MS + 4000)  # stop unanswered: killed
        assert voice.worker_pid() is None
    finally:
        os.kill(pulse, signal.SIGCONT)
        heartbeat.stop()
    print(f"window answered after {waits} ms; longest heartbeat gap {max(gaps)} ms")
    assert max(waits) < UI_BOUND_MS, f"the window stood still {max(waits)} ms (all: {waits})"
    assert max(gaps) < UI_BOUND_MS, f"the event loop stalled {max(gaps)} ms"
    assert "finished" not in events and not any(isinstance(e, tuple) for e in events)  # stop is silent
    assert pid not in live_worker_pids()
    # the server is back: the voice speaks again, in a fresh worker, which ends with the voice
    events.clear()
    with qtbot.waitSignal(voice.finished, timeout=30000):
        voice.say("Hello.")
    assert events == ["started", "finished"]
    fresh = voice.worker_pid()
    assert fresh not in (None, pid)
    voice.deleteLater()
    qtbot.waitUntil(lambda: _gone(fresh), timeout=5000)
