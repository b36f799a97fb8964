"""Play an answer's recording, seekable by time, so clicking a sentence plays from there.

The QMediaPlayer lives on its own thread and the UI only sends it requests, because Qt's FFmpeg
backend can block the thread that owns the player for as long as PulseAudio does not answer:
destroying a player or `setSource(QUrl())` waits for the audio renderer thread, and so does
`stop()` a moment later (its queued clean-up joins that thread). Measured with the PulseAudio
server frozen: `stop()` returned at once, then the event loop stood still 5.7 s, until the server
resumed; `pause()` never blocked. Worse, under PySide a player destroyed by a Python call keeps
the GIL while Qt joins that thread, which needs the GIL: a deadlock that outlasts the server's
pause. So leaving the review pauses at once and drops the player on the playback thread, through
its event loop (a fresh player is made for the next play), and a playback thread that stays stuck
is left behind for a new one: the window never waits for audio."""

from __future__ import annotations

import atexit
from pathlib import Path
from typing import Callable

from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from interviewer_app.core.models import format_clock
from interviewer_app.ui.qt import QObject, QtCore, QtWidgets, QTimer, Signal, Slot

STUCK_MS = 2000  # a request not handled for this long: the playback thread is stuck in the backend
QUIET_WAIT_MS = 1500  # when_quiet() gives up waiting after this long (a stuck thread is not playing)
EXIT_WAIT_MS = 2000  # at exit, how long each playback thread may take to finish
_PLAYING = QMediaPlayer.PlaybackState.PlayingState


class _Engine(QObject):
    """Owns the QMediaPlayer on the playback thread. Every request ends with `handled`, so the UI
    knows when the engine has caught up; a dropped player is remade (at the same position) by
    the next play."""

    playing = Signal(bool)
    duration = Signal(int)  # ms
    position = Signal(int)  # ms
    handled = Signal(int)  # how many requests are done

    def __init__(self):
        super().__init__()
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._path = ""
        self._resume_ms = 0
        self._pending_ms: int | None = None  # a seek asked for while the file is still loading
        self._done = 0

    @Slot(str)
    def load(self, path: str) -> None:
        self._drop()
        self._path, self._resume_ms = path, 0
        if path:
            self._fresh()
        self._finish()

    @Slot(int)
    def play_from(self, ms: int) -> None:
        """Play from `ms`, or from where it was paused when `ms` is negative."""
        if self._path:
            fresh = self._player is None
            if fresh:
                self._fresh()
            if ms >= 0 or fresh:
                self._seek(ms if ms >= 0 else self._resume_ms)
            self._player.play()
        self._finish()

    @Slot()
    def pause(self) -> None:
        if self._player is not None:
            self._player.pause()
        self._finish()

    @Slot(int)
    def seek(self, ms: int) -> None:
        if self._player is not None:
            self._seek(ms)
        else:
            self._resume_ms = ms
        self._finish()

    @Slot()
    def release(self) -> None:
        """Silence at once (pause never blocks), then drop the player; the next play makes a new one."""
        self._drop()
        self._finish()

    @Slot()
    def shutdown(self) -> None:
        self._drop()
        QtCore.QThread.currentThread().quit()

    def _fresh(self) -> None:
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.durationChanged.connect(lambda ms: self.duration.emit(int(ms)))
        self._player.positionChanged.connect(lambda ms: self.position.emit(int(ms)))
        self._player.playbackStateChanged.connect(lambda state: self.playing.emit(state == _PLAYING))
        self._player.mediaStatusChanged.connect(self._status)
        self._player.setSource(QtCore.QUrl.fromLocalFile(self._path))

    def _seek(self, ms: int) -> None:
        if self._player.mediaStatus() == QMediaPlayer.MediaStatus.LoadingMedia:
            self._pending_ms = ms  # Qt ignores a seek before the file is open
        else:
            self._player.setPosition(ms)
            self.position.emit(ms)

    def _status(self, status) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_ms is not None:
            self._player.setPosition(self._pending_ms)  # before Qt starts a play asked for meanwhile
            self._pending_ms = None

    def _drop(self) -> None:
        player, output = self._player, self._output
        self._player = self._output = None
        self._pending_ms = None
        if player is None:
            return
        self._resume_ms = player.position()
        player.pause()  # silent now, even if what follows waits on the audio server
        player.blockSignals(True)  # no news from a player on its way out
        self.playing.emit(False)
        # Destroyed by this thread's event loop, not by a Python call: Qt then waits for its audio
        # renderer thread, which needs the GIL (it tells the Python-made QAudioOutput it was
        # disconnected); a Python call such as setSource(QUrl()) would hold the GIL meanwhile and
        # deadlock for good (seen: 2 of 3 runs with PulseAudio frozen, stuck after it resumed).
        player.deleteLater()
        output.deleteLater()

    def _finish(self) -> None:
        self._done += 1
        self.handled.emit(self._done)


class _Backend(QObject):
    """A playback thread with its engine; requests go through these signals (queued to the thread)."""

    load = Signal(str)
    play_from = Signal(int)
    pause = Signal()
    seek = Signal(int)
    release = Signal()
    shutdown = Signal()

    def __init__(self):
        super().__init__()
        self.thread = QtCore.QThread()
        self.thread.setObjectName("audio-playback")
        self.engine = _Engine()
        self.engine.moveToThread(self.thread)
        for signal, slot in ((self.load, self.engine.load), (self.play_from, self.engine.play_from),
                             (self.pause, self.engine.pause), (self.seek, self.engine.seek),
                             (self.release, self.engine.release), (self.shutdown, self.engine.shutdown)):
            signal.connect(slot)
        self.sent = self.handled = 0
        self.waiting = QtCore.QElapsedTimer()  # since the oldest request not yet handled was sent
        self.engine.handled.connect(self._handled)
        self.thread.finished.connect(self._finished)
        _LIVE.add(self)
        _wait_at_exit()
        self.thread.start()

    def send(self, signal, *args) -> None:
        if self.sent == self.handled:
            self.waiting.start()
        self.sent += 1
        signal.emit(*args)

    def caught_up(self) -> bool:
        return self.handled >= self.sent

    def stuck(self) -> bool:
        return not self.caught_up() and self.waiting.elapsed() > STUCK_MS

    def close(self) -> None:
        """Drop the player and end the thread, without waiting for either; no more news from it."""
        for signal in (self.engine.playing, self.engine.duration, self.engine.position, self.engine.handled):
            signal.disconnect()
        self.shutdown.emit()

    def _handled(self, count: int) -> None:
        self.handled = count
        if not self.caught_up():
            self.waiting.start()

    def _finished(self) -> None:
        _LIVE.discard(self)


_LIVE: set[_Backend] = set()  # playback threads still running (a QThread must not be destroyed running)


_EXIT_WAIT: list[bool] = []


def running_playback_threads() -> int:
    """Playback threads not yet finished (the current ones, and any left behind while stuck)."""
    return len(_LIVE)


def _wait_at_exit() -> None:
    """Registered with the first playback thread (after Qt's own exit handler, so it runs first)."""
    if not _EXIT_WAIT:
        _EXIT_WAIT.append(True)
        atexit.register(_wait_for_playback_threads)


def _wait_for_playback_threads() -> None:
    for backend in list(_LIVE):
        backend.shutdown.emit()  # the engine drops its player, then ends its thread
        backend.thread.wait(EXIT_WAIT_MS)


class AudioPlayer(QtWidgets.QWidget):
    """Play button, position slider and clock. `stop()` and `load()` return at once; `quiet`
    fires once the playback thread has confirmed that nothing plays."""

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
        self._playing = False  # as the playback thread last said, or as just asked
        self._engine_playing = False  # as the playback thread last said
        self._duration_ms = 0
        self._waiters: list[Callable[[], None]] = []
        self._backend: _Backend | None = None
        holder = self._holder = [None]  # the backend, for closing it when this widget is destroyed
        self.destroyed.connect(lambda *_a: holder[0] is not None and holder[0].close())
        self.setEnabled(False)

    # -- requests (all return at once) ------------------------------------------------------------
    def load(self, path: Path | None) -> None:
        ok = path is not None and Path(path).exists()
        backend = self._ensure_backend()
        backend.send(backend.load, str(path) if ok else "")
        self._duration_ms = 0
        self._set_playing(False)
        self.slider.setRange(0, 0)
        self.setEnabled(ok)
        self.time_label.setText("0:00 / 0:00" if ok else "no recording")

    def play_from(self, seconds: float) -> None:
        if not self.isEnabled():
            return
        self._play(int(max(0.0, seconds) * 1000))

    def toggle(self) -> None:
        if not self.isEnabled():
            return
        if self._playing:
            self._backend.send(self._backend.pause)
            self._set_playing(False)
        else:
            self._play(-1)

    def stop(self) -> None:
        """Silence the recording now; the player is dropped on its thread (the next play makes a
        new one, from where this one stopped)."""
        if self._backend is not None:
            self._backend.send(self._backend.release)
        self._set_playing(False)

    def is_playing(self) -> bool:
        return self._playing

    def is_quiet(self) -> bool:
        """Nothing plays, as confirmed by the playback thread (not just asked for)."""
        return (not self._playing and not self._engine_playing
                and (self._backend is None or self._backend.caught_up()))

    def when_quiet(self, callback: Callable[[], None]) -> None:
        """Call `callback` now if nothing plays, else once the playback thread confirms silence
        (or after QUIET_WAIT_MS, when the thread is stuck and so not playing either)."""
        if self.is_quiet():
            callback()
            return
        self._waiters.append(callback)
        QTimer.singleShot(QUIET_WAIT_MS, self, self._release_waiters)

    # -- internals --------------------------------------------------------------------------------
    def _play(self, ms: int) -> None:
        backend = self._ensure_backend()
        backend.send(backend.play_from, ms)
        self._set_playing(True)

    def _seek(self, ms: int) -> None:
        if self._backend is not None:
            self._backend.send(self._backend.seek, ms)

    def _ensure_backend(self) -> _Backend:
        """The playback thread, replaced by a new one if it has been stuck for STUCK_MS (it is
        told to finish and left to do so when the audio server answers)."""
        if self._backend is not None and self._backend.stuck():
            self._close_backend()
        if self._backend is None:
            backend = self._backend = _Backend()
            engine = backend.engine
            engine.playing.connect(self._engine_state)
            engine.duration.connect(self._duration)
            engine.position.connect(self._position)
            engine.handled.connect(self._handled)
            self._holder[0] = backend
        return self._backend

    def _close_backend(self) -> None:
        backend, self._backend = self._backend, None
        self._holder[0] = None
        if backend is not None:
            backend.close()
        self._engine_playing = False

    def _handled(self, _count: int) -> None:
        self._check_quiet()

    def _set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.play_button.setText("Pause" if playing else "Play")
        self._check_quiet()

    def _engine_state(self, playing: bool) -> None:
        self._engine_playing = playing
        if self._backend is not None and self._backend.caught_up():
            self._set_playing(playing)  # e.g. the end of the recording
        self._check_quiet()

    def _check_quiet(self) -> None:
        if self.is_quiet():
            self._release_waiters()
            self.quiet.emit()

    def _release_waiters(self) -> None:
        waiters, self._waiters = self._waiters, []
        for callback in waiters:
            callback()

    def _duration(self, ms: int) -> None:
        self._duration_ms = ms
        self.slider.setRange(0, ms)
        self._position(self.slider.value())

    def _position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time_label.setText(f"{format_clock(ms / 1000)} / {format_clock(self._duration_ms / 1000)}")
        self.position_changed.emit(ms / 1000)
