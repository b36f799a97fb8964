"""Play an answer's recording, seekable by time, so clicking a sentence plays from there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from interviewer_app.core.models import format_clock
from interviewer_app.ui.qt import QtCore, QtWidgets, Signal


class AudioPlayer(QtWidgets.QWidget):
    position_changed = Signal(float)  # seconds

    def __init__(self, parent=None):
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self.play_button = QtWidgets.QPushButton("Play")
        self.play_button.setObjectName("play_button")
        self.play_button.setToolTip("Play or pause the recording (P)")
        self.play_button.clicked.connect(self.toggle)
        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Playback position")
        self.slider.sliderMoved.connect(lambda ms: self._player.setPosition(ms))
        self.time_label = QtWidgets.QLabel("0:00 / 0:00")
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        self._player.durationChanged.connect(self._duration)
        self._player.positionChanged.connect(self._position)
        self._player.playbackStateChanged.connect(self._state)
        self.setEnabled(False)

    def load(self, path: Path | None) -> None:
        self._player.stop()
        if path is None or not Path(path).exists():
            self._player.setSource(QtCore.QUrl())
            self.setEnabled(False)
            self.time_label.setText("no recording")
            return
        self._player.setSource(QtCore.QUrl.fromLocalFile(str(path)))
        self.setEnabled(True)

    def play_from(self, seconds: float) -> None:
        if not self.isEnabled():
            return
        self._player.setPosition(int(max(0.0, seconds) * 1000))
        self._player.play()

    def toggle(self) -> None:
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()
        else:
            self._player.play()

    def is_playing(self) -> bool:
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def stop(self) -> None:
        self._player.stop()

    def _duration(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self._position(self._player.position())

    def _position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time_label.setText(f"{format_clock(ms / 1000)} / {format_clock(self._player.duration() / 1000)}")
        self.position_changed.emit(ms / 1000)

    def _state(self, state) -> None:
        self.play_button.setText("Pause" if state == QMediaPlayer.PlaybackState.PlayingState else "Play")
