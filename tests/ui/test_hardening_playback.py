"""Issue 18 item 5, the audio server frozen: the review's playback runs in a child process, so a
PulseAudio daemon that stops answering (SIGSTOP) never holds up the window; the worker that does
not acknowledge its stop is killed, and playback works again once the server is back."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from interviewer_app.ui.qt import Qt
from interviewer_app.ui.widgets.audio_player import STOP_ACK_MS
from tests.ui.test_hardening_review import (UI_BOUND_MS, _attempt_with_a_loud_recording, _needs_virtual_mic,
                                            _play_in_review, _responds_within, _window_for_rounds)


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
