"""The first-run welcome: where your data stays, a microphone check and a voice check.

Shown once, after the main window has painted (MainWindow.start_up(welcome=True)); the settings
remember that it was seen, whichever way it was closed. Help > "Welcome and microphone check…"
opens it again.

Microphone check: "Say something" records RECORD_SECONDS with the app's Recorder into a temporary
folder (never into the history), polling `Recorder.status()` on a timer for the level meter and the
countdown (the audio threads never touch Qt), then transcribes the clip on a worker with the app's
shared transcriber and shows what was heard, or one line saying why nothing was.
"""

from __future__ import annotations

import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Callable

from interviewer_app.core.errors import InterviewerError
from interviewer_app.qt_binding import QtCore, QTimer, QtWidgets, Signal
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.tasks import run_in_background
from interviewer_app.ui.widgets.device_combo import DeviceCombo
from interviewer_app.ui.widgets.level_meter import LevelMeter

RECORD_SECONDS = 4.0
POLL_MS = 50
SAMPLE_TEXT = ("This is how Interviewer reads a prompt aloud. Your answers are recorded and "
               "transcribed on this computer.")
NO_SPEECH = ("No speech was heard. Check that the right microphone is selected and not muted, "
             "then try again.")


class WelcomeDialog(QtWidgets.QDialog):
    device_chosen = Signal(str)  # the microphone picked here, when the dialog is closed with Done

    def __init__(self, ctx, settings, *, voice=None, prepare_voice: Callable[[], None] | None = None,
                 list_devices=None, sd=None, device_name: str | None = None,
                 record_seconds: float = RECORD_SECONDS, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.voice = voice
        self._prepare_voice = prepare_voice
        self._sd = sd
        self.record_seconds = record_seconds
        self.mic_state = "idle"  # idle | recording | transcribing
        self.transcript: str | None = None  # what the last check heard ("" for silence)
        self._recorder = None
        self._folder: Path | None = None
        self._task = None
        self._voice_connected = False
        self._sample_playing = False
        self.setObjectName("welcome_dialog")
        self.setWindowTitle("Welcome to Interviewer")
        self.setMinimumWidth(560)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_recorder)
        self._build(list_devices, device_name)
        self.finished.connect(self._closed)

    # -- layout ----------------------------------------------------------------------------
    def _build(self, list_devices, device_name) -> None:
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(10)
        title = QtWidgets.QLabel("<h2>Welcome to Interviewer</h2>")
        intro = QtWidgets.QLabel(
            "Practise PM execution answers out loud and get feedback on structure and pacing.")
        intro.setWordWrap(True)
        data_dir = self.ctx.paths.data_dir
        self.privacy = QtWidgets.QLabel(
            "<b>Everything stays on this computer.</b> There is no account and nothing is sent "
            "over the network: your answers are transcribed here, and your recordings and "
            f"transcripts are saved in<br><code>{escape(str(data_dir))}</code>")
        self.privacy.setObjectName("welcome_privacy")
        self.privacy.setWordWrap(True)
        self.privacy.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (title, intro, self.privacy):
            layout.addWidget(w)

        mic_box = QtWidgets.QGroupBox("Microphone check")
        mic = QtWidgets.QGridLayout(mic_box)
        self.device_combo = DeviceCombo(list_devices) if list_devices else DeviceCombo()
        if device_name:
            self.device_combo.select_by_name(device_name)
        self.meter = LevelMeter()
        self.mic_button = QtWidgets.QPushButton("Say something")
        self.mic_button.setObjectName("welcome_say_something")
        self.mic_button.setToolTip(f"Records {self.record_seconds:g} seconds and shows what was heard")
        self.mic_button.clicked.connect(self.start_mic_check)
        self.mic_button.setMinimumWidth(  # the same width whatever it says
            self.mic_button.fontMetrics().horizontalAdvance("Transcribing…") + 32)
        self.mic_status = QtWidgets.QLabel(
            f"Press “Say something” and speak for {self.record_seconds:g} seconds.")
        self.mic_status.setObjectName("welcome_mic_status")
        self.mic_status.setWordWrap(True)
        self.mic_status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        if not self.device_combo.has_devices():
            self.mic_button.setEnabled(False)
            self._show_mic("No microphone found. Plug one in and open this again from the Help menu, "
                           "or analyze a recording you made elsewhere (File menu).", "warn")
        mic.addWidget(QtWidgets.QLabel("Microphone"), 0, 0)
        mic.addWidget(self.device_combo, 0, 1)
        mic.addWidget(QtWidgets.QLabel("Level"), 1, 0)
        mic.addWidget(self.meter, 1, 1)
        mic.addWidget(self.mic_button, 2, 0)
        mic.addWidget(self.mic_status, 2, 1)
        mic.setColumnStretch(1, 1)
        layout.addWidget(mic_box)

        voice_box = QtWidgets.QGroupBox("Voice check")
        vl = QtWidgets.QHBoxLayout(voice_box)
        self.voice_button = QtWidgets.QPushButton("Play a sample")
        self.voice_button.setObjectName("welcome_play_sample")
        self.voice_button.clicked.connect(self.play_sample)
        self.voice_status = QtWidgets.QLabel("Prompts are read aloud before you answer.")
        self.voice_status.setObjectName("welcome_voice_status")
        self.voice_status.setWordWrap(True)
        vl.addWidget(self.voice_button)
        vl.addWidget(self.voice_status, 1)
        if self.voice is None:
            self.voice_button.setEnabled(False)
            self.voice_status.setText("No voice is set up; prompts are shown on screen.")
        layout.addWidget(voice_box)

        layout.addWidget(QtWidgets.QLabel("You can open this again from Help › Welcome and microphone check…"))
        buttons = QtWidgets.QDialogButtonBox()
        self.skip_button = buttons.addButton("Skip", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.done_button = buttons.addButton("Done", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    # -- microphone check --------------------------------------------------------------------
    def start_mic_check(self) -> None:
        if self.mic_state != "idle":
            return
        from interviewer_app.audio.recorder import Recorder

        self.transcript = None
        self._folder = Path(tempfile.mkdtemp(prefix="interviewer-mic-check-"))
        recorder = Recorder(self._folder, device=self.device_combo.current_device(), sd=self._sd)
        try:
            recorder.start()
        except InterviewerError as exc:
            self._forget_folder()
            self._show_mic(f"No microphone could be opened: {exc}.", "bad")
            return
        self._recorder = recorder
        self.meter.reset()
        self._set_mic_state("recording")
        self._show_mic(f"Listening… say a sentence ({self.record_seconds:g} s left).")
        self._poll.start()

    def _poll_recorder(self) -> None:
        if self._recorder is None:
            return
        status = self._recorder.status()
        self.meter.set_level(status.level_dbfs)
        if status.error:
            self._stop_recording(problem=status.error)
        elif status.seconds >= self.record_seconds:
            self._stop_recording()
        else:
            self._show_mic(f"Listening… say a sentence ({self.record_seconds - status.seconds:.0f} s left).")

    def _stop_recording(self, problem: str | None = None) -> None:
        self._poll.stop()
        recorder, self._recorder = self._recorder, None
        try:
            recording = recorder.stop()
        except InterviewerError as exc:
            self._forget_folder()
            self._set_mic_state("idle")
            self._show_mic(f"The recording failed: {exc}.", "bad")
            return
        self.meter.reset()
        if problem and recording.seconds < 0.5:
            self._forget_folder()
            self._set_mic_state("idle")
            self._show_mic(f"The microphone stopped: {problem}.", "bad")
            return
        self._set_mic_state("transcribing")
        self._show_mic("Transcribing what you said…")
        transcriber, path, folder = self.ctx.transcriber, recording.path, self._folder
        self._folder = None

        def work(progress, cancel):
            from interviewer_app.audio.clip import load_clip

            try:
                clip = load_clip(path)
                return transcriber.transcribe(clip.samples, cancel=cancel).text.strip()
            finally:
                shutil.rmtree(folder, ignore_errors=True)  # a check is never kept

        self._task = run_in_background(work, on_done=self._heard, on_error=self._transcribe_failed,
                                       parent=self)

    def _heard(self, text: str) -> None:
        self._set_mic_state("idle")
        self.transcript = text
        if text:
            self._show_mic(f"Heard: “{text}”", "good")
        else:
            self._show_mic(NO_SPEECH, "warn")

    def _transcribe_failed(self, message: str) -> None:
        self._set_mic_state("idle")
        self._show_mic(f"Could not transcribe the check: {message}", "bad")

    def _set_mic_state(self, state: str) -> None:
        self.mic_state = state
        self.mic_button.setEnabled(state == "idle" and self.device_combo.has_devices())
        self.device_combo.setEnabled(state == "idle" and self.device_combo.has_devices())
        self.mic_button.setText("Say something" if state == "idle" else
                                "Listening…" if state == "recording" else "Transcribing…")

    def _show_mic(self, text: str, tone: str | None = None) -> None:
        self.mic_status.setText(text)
        color = status_colors(self.palette()).get(tone) if tone else None
        self.mic_status.setStyleSheet(f"color: {color};" if color else "")

    def _forget_folder(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    # -- voice check -------------------------------------------------------------------------
    def play_sample(self) -> None:
        if self.voice is None:
            return
        if self._prepare_voice is not None:
            self._prepare_voice()  # starts the engine with the voice chosen in the app
        if not self._voice_connected:
            self.voice.started.connect(self._voice_started)
            self.voice.finished.connect(self._voice_finished)
            self.voice.unavailable.connect(self._voice_unavailable)
            self._voice_connected = True
        self.voice_status.setText("Playing a sample…")
        self.voice_status.setStyleSheet("")
        self._sample_playing = True
        self.voice.say(SAMPLE_TEXT)

    def _voice_started(self) -> None:
        if self._sample_playing:
            self.voice_status.setText("Speaking…")

    def _voice_finished(self) -> None:
        if not self._sample_playing:
            return
        self._sample_playing = False
        self.voice_status.setText("Done. If you heard nothing, check the volume and the output "
                                  "device; prompts are always shown on screen too.")

    def _voice_unavailable(self, reason: str) -> None:
        if not self._sample_playing:
            return
        self._sample_playing = False
        self.voice_status.setText(reason)
        color = status_colors(self.palette())["warn"]
        self.voice_status.setStyleSheet(f"color: {color};")

    # -- closing -----------------------------------------------------------------------------
    def _closed(self, result: int) -> None:
        """Skip, Done or the window's close button: remember that the welcome was seen."""
        self.settings.set("first_run_done", True)
        self._poll.stop()
        self._set_mic_state("idle")
        if self._recorder is not None:
            recorder, self._recorder = self._recorder, None
            try:
                recorder.stop()
            except InterviewerError:
                pass
            self._forget_folder()
        if self._task is not None:
            self._task.cancel()
        if self.voice is not None and self._voice_connected:
            if self._sample_playing:  # stop our sample, never a prompt the app is reading
                self.voice.stop()
            self._sample_playing = False
            self.voice.started.disconnect(self._voice_started)
            self.voice.finished.disconnect(self._voice_finished)
            self.voice.unavailable.disconnect(self._voice_unavailable)
            self._voice_connected = False
        if int(result) == QtWidgets.QDialog.DialogCode.Accepted.value and self.device_combo.has_devices():
            self.device_chosen.emit(self.device_combo.current_name() or "")
