"""Drive one playback child process (`audio.playback_worker`) through QProcess, never waiting on it.

Requests go out as JSON lines, acknowledgements and positions come back as `message` signals.
Used by the review's AudioPlayer and by the prompt voice's espeak-ng path, so no audio plays in
the window's own process: a frozen audio server can then neither stall the event loop nor
deadlock Qt's audio thread against the GIL. A caller whose stop is not acknowledged within
STOP_ACK_MS kills the process (SIGKILL: silent at once) and starts a fresh one next time."""

from __future__ import annotations

import atexit
import json

from interviewer_app.audio import playback_worker
from interviewer_app.qt_binding import QObject, QtCore, QTimer, Signal

STOP_ACK_MS = 1000  # a worker that has not acknowledged a stop or pause this long is killed
_LINE_MAX = 4096  # a longer line from the worker is not one of its messages


class PlaybackProcess(QObject):
    """One playback child process: requests out as JSON lines, acknowledgements and positions in."""

    message = Signal(dict)
    gone = Signal()  # the process ended (quit, crashed or killed)

    def __init__(self):
        super().__init__()
        self.process = QtCore.QProcess()
        self.process.setProcessChannelMode(QtCore.QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self.sent = self.acked = 0
        self.alive = True
        program, *args = playback_worker.command()
        if not _EXIT_HOOK:
            _EXIT_HOOK.append(True)
            atexit.register(_end_workers_at_exit)
        _LIVE.add(self)
        self.process.start(program, args)

    def send(self, cmd: str, **fields) -> int:
        """Send a request; returns its id (acknowledged with the same id)."""
        self.sent += 1
        line = json.dumps({"id": self.sent, "cmd": cmd, **fields}) + "\n"
        self.process.write(line.encode("utf-8"))
        return self.sent

    def caught_up(self) -> bool:
        return self.acked >= self.sent

    def pid(self) -> int | None:
        return int(self.process.processId()) or None

    def kill(self) -> None:
        """SIGKILL, not waited for: `gone` follows when the process is reaped."""
        self.alive = False
        self.process.kill()

    def close(self) -> None:
        """Close its stdin: the worker exits at once, even if its audio is stuck."""
        self.alive = False
        self.process.closeWriteChannel()

    def _read(self) -> None:
        while self.process.canReadLine():
            line = bytes(self.process.readLine(_LINE_MAX)).strip()
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if isinstance(msg, dict):
                if isinstance(msg.get("ack"), int):
                    self.acked = max(self.acked, msg["ack"])
                if self.alive:
                    self.message.emit(msg)

    def _error(self, error) -> None:
        if error == QtCore.QProcess.ProcessError.FailedToStart:
            self._finished()

    def _finished(self, *_args) -> None:
        was_alive, self.alive = self.alive, False
        if self in _LIVE:
            _LIVE.discard(self)
            _DEAD.append(self)  # a QProcess must not be destroyed from its own signal
            QTimer.singleShot(0, _DEAD.clear)
        if was_alive:
            self.gone.emit()


_LIVE: set[PlaybackProcess] = set()  # workers whose process has not ended yet
_DEAD: list[PlaybackProcess] = []
_EXIT_HOOK: list[bool] = []


def _end_workers_at_exit() -> None:
    """At exit (the window is gone): kill what still runs and reap it, so no QProcess is
    destroyed running."""
    for worker in list(_LIVE):
        worker.process.kill()
        worker.process.waitForFinished(1000)


def running_playback_workers() -> int:
    """Playback processes not yet ended (the current one, and any killed but not yet reaped)."""
    return len(_LIVE)


def live_worker_pids() -> set[int]:
    """Pids of the playback processes not yet ended (for tests and diagnostics)."""
    return {pid for pid in (w.pid() for w in list(_LIVE)) if pid}
