"""Play an answer's recording, seekable by time, so clicking a sentence plays from there.

The sound is played by a child process (`interviewer_app.audio.playback_worker`), driven through
QProcess without ever waiting on it: in the window's own process, Qt's multimedia backend blocked
the event loop for as long as PulseAudio did not answer (5.7 s with the server frozen), and
PySide's QAudioOutput wrapper could deadlock Qt's audio thread against the GIL for good. Now a
stop the worker does not acknowledge within STOP_ACK_MS gets it killed (SIGKILL: silent at once)
and the next play starts a fresh one; the window never waits for audio."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from interviewer_app.core.models import format_clock
from interviewer_app.qt_binding import QtCore, QTimer, QtWidgets, Signal
from interviewer_app.speech.playback_process import STOP_ACK_MS, running_playback_workers  # noqa: F401 (API)
from interviewer_app.speech.playback_process import PlaybackProcess as _Worker

QUIET_WAIT_MS = 1500  # when_quiet() gives up waiting after this long (a killed worker plays nothing)


def _duration_ms(path: Path) -> int:
    """The recording's length from its header (no decoding, no audio device)."""
    import soundfile

    try:
        info = soundfile.info(str(path))
    except (RuntimeError, OSError):
        return 0
    return int(info.frames * 1000 / info.samplerate) if info.samplerate else 0


class AudioPlayer(QtWidgets.QWidget):
    """Play button, position slider and clock. `stop()` and `load()` return at once; `quiet`
    fires once the worker has confirmed that nothing plays (or was killed)."""

    position_changed = Signal(float)  # seconds
    quiet = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.play_button = QtWidgets.QPushButton("Play")
        self.play_button.setObjectName("play_button")
        self.play_button.setToolTip("Play or pause the recording (P)")
        self.play_button.clicked.connect(self.toggle)
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Playback position")
        self.slider.sliderMoved.connect(self._seek)
        self.time_label = QtWidgets.QLabel("0:00 / 0:00")
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        self._path = ""
        self._playing = False  # as asked, or as the worker last said
        self._worker_playing = False  # as the worker last said
        self._duration_ms = 0
        self._position_ms = 0
        self._waiters: list[Callable[[], None]] = []
        self._worker: _Worker | None = None
        self._stop_timer = QTimer(self)
        self._stop_timer.setSingleShot(True)
        self._stop_timer.setInterval(STOP_ACK_MS)
        self._stop_timer.timeout.connect(self._kill_if_unanswered)
        holder = self._holder = [None]  # the worker, for ending it when this widget is destroyed
        self.destroyed.connect(lambda *_a: holder[0] is not None and holder[0].close())
        self.setEnabled(False)

    # -- requests (all return at once) ------------------------------------------------------------
    def load(self, path: Path | None) -> None:
        ok = path is not None and Path(path).exists()
        self.stop()
        self._path = str(path) if ok else ""
        self._duration_ms = _duration_ms(Path(path)) if ok else 0
        self._position_ms = 0
        self.slider.setRange(0, self._duration_ms)
        self.slider.setValue(0)
        self.setEnabled(ok)
        self.time_label.setText(self._clock() if ok else "no recording")

    def play_from(self, seconds: float) -> None:
        if not self.isEnabled():
            return
        self._play(int(max(0.0, seconds) * 1000))

    def toggle(self) -> None:
        if not self.isEnabled():
            return
        if self._playing:
            self._request("pause")
            self._set_playing(False)
        else:
            self._play(-1)

    def stop(self) -> None:
        """Silence the recording now: the worker stops, or is killed if it does not say so within
        STOP_ACK_MS (the next play starts a new one, from where this one stopped)."""
        if self._worker is not None and (self._playing or self._worker_playing or not self._worker.caught_up()):
            self._request("stop")
        self._set_playing(False)

    def is_playing(self) -> bool:
        return self._playing

    def is_quiet(self) -> bool:
        """Nothing plays, as confirmed by the worker (not just asked for), or the worker is gone."""
        return (not self._playing and not self._worker_playing
                and (self._worker is None or self._worker.caught_up()))

    def when_quiet(self, callback: Callable[[], None]) -> None:
        """Call `callback` now if nothing plays, else once the worker confirms silence or is killed
        (at the latest after QUIET_WAIT_MS)."""
        if self.is_quiet():
            callback()
            return
        self._waiters.append(callback)
        QTimer.singleShot(QUIET_WAIT_MS, self, self._release_waiters)

    def worker_pid(self) -> int | None:
        """The playback process's id, while one runs (for tests and diagnostics)."""
        if self._worker is None:
            return None
        return int(self._worker.process.processId()) or None

    # -- internals --------------------------------------------------------------------------------
    def _play(self, ms: int) -> None:
        if not self._path:
            return
        start = self._position_ms if ms < 0 else ms
        if start >= self._duration_ms > 0:
            start = 0  # played to the end: from the start again
        self._request("play", file=self._path, start=start, end=None)
        self._set_playing(True)
        self._position(start)

    def _seek(self, ms: int) -> None:
        self._position_ms = ms
        if self._worker is not None and (self._playing or self._worker_playing):
            self._request("seek", ms=ms)

    def _request(self, cmd: str, **fields) -> None:
        worker = self._ensure_worker()
        worker.send(cmd, **fields)
        if cmd in ("stop", "pause"):
            self._stop_timer.start()  # not acknowledged in time: the worker is stuck, killed

    def _ensure_worker(self) -> _Worker:
        if self._worker is None:
            worker = self._worker = _Worker()
            worker.message.connect(self._message)
            worker.gone.connect(self._worker_gone)
            self._holder[0] = worker
        return self._worker

    def _kill_if_unanswered(self) -> None:
        worker = self._worker
        if worker is None or worker.caught_up():
            return
        self._drop_worker(kill=True)

    def _drop_worker(self, kill: bool) -> None:
        worker, self._worker = self._worker, None
        self._holder[0] = None
        self._stop_timer.stop()
        if worker is not None:
            worker.message.disconnect(self._message)
            worker.gone.disconnect(self._worker_gone)
            if kill:
                worker.kill()
            else:
                worker.close()
        self._worker_playing = False
        self._set_playing(False)

    def _worker_gone(self) -> None:
        """The worker ended by itself (crashed, or could not start): nothing plays."""
        self._drop_worker(kill=False)
        self.time_label.setText("playback stopped: the audio player ended")

    def _message(self, msg: dict) -> None:
        state = msg.get("state")
        caught_up = self._worker is not None and self._worker.caught_up()
        if isinstance(msg.get("pos"), int) and caught_up and state != "stopped" \
                and (state or self._worker_playing):
            self._position(msg["pos"])  # not news from before the latest request
        if state in ("playing", "paused", "stopped", "ended"):
            self._worker_playing = state == "playing"
        if caught_up:
            self._stop_timer.stop()
            if state in ("paused", "stopped", "ended") or msg.get("error"):
                self._set_playing(self._worker_playing)  # e.g. the end of the recording
        if msg.get("error"):
            self.time_label.setText(f"cannot play: {msg['error']}")
        self._check_quiet()

    def _set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.play_button.setText("Pause" if playing else "Play")
        self._check_quiet()

    def _check_quiet(self) -> None:
        if self.is_quiet():
            self._release_waiters()
            self.quiet.emit()

    def _release_waiters(self) -> None:
        waiters, self._waiters = self._waiters, []
        for callback in waiters:
            callback()

    def _clock(self) -> str:
        return f"{format_clock(self._position_ms / 1000)} / {format_clock(self._duration_ms / 1000)}"

    def _position(self, ms: int) -> None:
        self._position_ms = ms
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time_label.setText(self._clock())
        self.position_changed.emit(ms / 1000)
