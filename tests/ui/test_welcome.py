"""The first-run welcome: opened from Help, shown once on first start, remembered as seen, and its
microphone check (through the real audio stack: a spoken sentence played into the PulseAudio
virtual microphone comes back as a transcript) and voice check."""

from __future__ import annotations

import os
import subprocess
import threading

import numpy as np
import pytest

from interviewer_app.audio.devices import InputDevice
from interviewer_app.qt_binding import QtCore
from interviewer_app.ui.main_window import WELCOME_DELAY_MS
from interviewer_app.ui.settings import AppSettings
from tests.conftest import ROOT
from tests.unit.test_recorder import NoDevice

MIC_CHECK_SCRIPT = {"lead_in": 0.3, "sentence": [
    {"text": "Testing my microphone for the interview.", "steps": [], "pause_after": 0.3}]}


def _help_action(window, text):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in help_menu.actions() if a.text() == text)


def _open_welcome(window, qtbot):
    _help_action(window, "Welcome and microphone check…").trigger()
    dialog = window.welcome_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


class SilentDevice:
    """A sounddevice stand-in whose stream delivers digital silence (faster than real time)."""

    def InputStream(self, samplerate, channels, dtype, device, blocksize, callback, finished_callback):
        class Stream:
            active = False

            def start(self):
                self.active = True
                self._stop = threading.Event()
                threading.Thread(target=self._run, daemon=True).start()

            def _run(self):
                for _ in range(int(6 * samplerate / blocksize)):
                    if self._stop.is_set():
                        return
                    callback(np.zeros((blocksize, 1), dtype=np.float32), blocksize, None, None)
                self._stop.wait()

            def stop(self):
                self._stop.set()

            def close(self):
                pass

        return Stream()


def test_welcome_opens_from_the_help_menu_and_says_where_the_data_is(make_window, qtbot):
    window = make_window()
    dialog = _open_welcome(window, qtbot)
    assert dialog.windowTitle() == "Welcome to Interviewer"
    assert dialog.windowModality() == QtCore.Qt.WindowModality.WindowModal  # over the main window
    text = dialog.privacy.text()
    assert "stays on this computer" in text and "no account" in text
    assert str(window.ctx.paths.data_dir) in text
    assert dialog.mic_button.isEnabled() and dialog.voice_button.isEnabled()
    # opening it again while it is open brings back the same dialog
    _help_action(window, "Welcome and microphone check…").trigger()
    assert window.welcome_dialog is dialog


def test_first_start_shows_the_welcome_and_skip_remembers_it(make_window, qtbot, isolated_home):
    window = make_window()
    assert window.welcome_dialog is None  # tests (and benchmarks) never get it unasked
    window.start_up(welcome=True)  # as the app does on start
    qtbot.waitUntil(lambda: window.welcome_dialog is not None and window.welcome_dialog.isVisible(),
                    timeout=5000)
    window.welcome_dialog.skip_button.click()
    assert not window.welcome_dialog.isVisible()
    assert AppSettings(isolated_home / "config").get("first_run_done") is True  # on disk

    again = make_window()
    again.start_up(welcome=True)
    later = []
    QtCore.QTimer.singleShot(WELCOME_DELAY_MS + 200, lambda: later.append(True))  # fires after the welcome's timer would
    qtbot.waitUntil(lambda: bool(later), timeout=5000)
    assert again.welcome_dialog is None


def test_done_keeps_the_microphone_chosen_in_the_welcome(make_window, qtbot):
    devices = [InputDevice(0, "Built-in Microphone", 2, 48000.0, True),
               InputDevice(3, "USB Headset", 1, 16000.0, False)]
    window = make_window(list_devices=lambda: devices)
    assert window.choose.device_combo.current_name() == "Built-in Microphone"
    dialog = _open_welcome(window, qtbot)
    assert dialog.device_combo.current_name() == "Built-in Microphone"  # starts from the app's choice
    dialog.device_combo.select_by_name("USB Headset")
    dialog.done_button.click()
    assert window.choose.device_combo.current_name() == "USB Headset"
    assert window.settings.get("first_run_done") is True


def test_no_microphone_is_one_clear_line(make_window, qtbot):
    window = make_window(sd=NoDevice())
    dialog = _open_welcome(window, qtbot)
    dialog.mic_button.click()
    assert dialog.mic_state == "idle" and dialog.mic_button.isEnabled()
    status = dialog.mic_status.text()
    assert status.startswith("No microphone could be opened") and "\n" not in status


def test_silence_says_no_speech_was_heard(make_window, qtbot):
    window = make_window(sd=SilentDevice())
    dialog = _open_welcome(window, qtbot)
    dialog.mic_button.click()
    assert dialog.mic_state == "recording" and not dialog.mic_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.transcript is not None, timeout=30000)
    assert dialog.transcript == ""
    assert dialog.mic_status.text().startswith("No speech was heard")
    assert dialog.mic_button.isEnabled() and dialog.mic_state == "idle"


def test_voice_check_plays_a_sample(make_window, qtbot):
    window = make_window()  # the mock speech engine: says it spoke, makes no sound
    dialog = _open_welcome(window, qtbot)
    with qtbot.waitSignal(window.voice.finished, timeout=15000):
        dialog.voice_button.click()
    assert dialog.voice_status.text().startswith("Done.")
    dialog.skip_button.click()


@pytest.mark.audio_stack
def test_say_something_shows_what_the_microphone_heard(make_window, qtbot):
    if not os.environ.get("PULSE_SERVER"):
        pytest.fail("no virtual microphone: run through scripts/test.sh")
    from tests.fixtures.speech import espeak_available, synthesize

    if not espeak_available():
        pytest.fail("espeak-ng is not installed: run scripts/install-system-deps.sh --test")
    spoken = synthesize("welcome_mic_check", MIC_CHECK_SCRIPT)
    assert spoken.duration_s < 3.5  # fits in the 4-second check
    window = make_window()
    dialog = _open_welcome(window, qtbot)
    levels = []
    set_level = dialog.meter.set_level
    dialog.meter.set_level = lambda db: (levels.append(db), set_level(db))
    dialog.mic_button.click()
    assert dialog.mic_state == "recording", dialog.mic_status.text()
    folder = dialog._recorder.folder  # a temporary folder: the check never reaches the history
    player = subprocess.Popen(["bash", str(ROOT / "scripts/play-into-mic.sh"), str(spoken.wav)])
    qtbot.waitUntil(lambda: dialog.transcript is not None, timeout=120000)
    assert player.wait(10) == 0
    assert max(levels) > -35  # the meter followed the voice
    assert "microphone" in dialog.transcript.lower(), dialog.transcript
    assert dialog.mic_status.text().startswith("Heard: ")
    assert not folder.exists()
    assert not (window.ctx.paths.recordings_dir).exists() or not any(window.ctx.paths.recordings_dir.iterdir())
    dialog.done_button.click()


def test_no_microphone_listed_disables_the_check(make_window, qtbot):
    window = make_window(list_devices=lambda: [])
    dialog = _open_welcome(window, qtbot)
    assert not dialog.mic_button.isEnabled() and not dialog.device_combo.isEnabled()
    assert dialog.mic_status.text().startswith("No microphone found")
    dialog.voice_button.click()  # the voice check does not need a microphone
    qtbot.waitUntil(lambda: dialog.voice_status.text().startswith("Done."), timeout=15000)
    assert not dialog.mic_button.isEnabled()


def test_open_log_folder_from_the_help_menu(make_window, isolated_home, monkeypatch):
    from interviewer_app.qt_binding import QtGui

    opened = []  # no file manager in the test session: record what the desktop was asked to open
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window = make_window()
    folder = isolated_home / "logs"
    assert window.ctx.paths.log_dir == folder and not folder.exists()
    _help_action(window, "Open log folder").trigger()
    assert [url.toLocalFile() for url in opened] == [str(folder)]
    assert folder.is_dir()  # created, so the file manager has something to show
