"""Read a prompt aloud: Qt text-to-speech first, espeak-ng as a fallback, a one-line reason if neither.

The caller always hears back: every `say()` ends in `finished` or `unavailable(reason)` (never
both, never neither), except that `stop()` is silent and cancels what was pending.

Why it is built this way (measured on Linux with the PySide6 6.12 wheels, engines `speechd`/`mock`):
- `QTextToSpeech("speechd")` blocks the calling thread 1.6-2.6 s and holds the GIL (a worker
  thread does not help), so one engine is created lazily, once; `warm_up()` lets the app pay early.
- A speech-dispatcher spawned without a reachable audio server wedges: it says "Speaking" and
  never finishes, and every later `QTextToSpeech("speechd")` blocks forever. So speechd is not
  tried when Qt sees no audio output device, its socket is probed (1.5 s timeout) before the
  engine is constructed, and a watchdog abandons an utterance that never ends (falling back to
  espeak-ng). `say()`, `stop()` and deleting an engine do not block, even when it is wedged.
- espeak-ng runs in a QProcess (never on the UI thread) writing a WAV, played by the playback
  child process (`audio.playback_worker`, as the review's recordings are), not by QMediaPlayer:
  in the window's process a frozen audio server stalled the event loop, PySide's QAudioOutput
  wrapper could deadlock Qt's audio thread against the GIL, and Qt's PulseAudio backend aborted
  the whole app ("Assertion 'c' failed ... pa_context_get_state") once its connection timed
  out. espeak-ng itself is kept away from the audio server (it connects even when only writing
  a WAV, and hung on a frozen one). `stop()` sends the
  worker a stop and kills it if that is not acknowledged within STOP_ACK_MS; it never waits.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import tempfile
import wave
from pathlib import Path

from interviewer_app.qt_binding import QObject, QtCore, QTimer, Signal, text_to_speech
from interviewer_app.speech.playback_process import STOP_ACK_MS, PlaybackProcess

ENGINE = "speechd"
ESPEAK = "espeak-ng"
LOCALE = "en_US"
PREFERRED_VOICES = ("English (America)",)  # speechd's en_US default is "English (Caribbean)"
ON_SCREEN = "the prompt is shown on screen"
NO_DEVICE = "no audio output device"
NO_OUTPUT = "No audio output device found: the prompt is shown on screen, not read aloud"
PROBE_TIMEOUT_S = 1.5
START_TIMEOUT_MS = 8_000  # say() until the engine reports Speaking
SYNTH_TIMEOUT_MS = 20_000  # espeak-ng writing the WAV
SECONDS_PER_WORD = 0.6  # generous: both engines speak about 0.35 s a word
END_SLACK_S = 5.0  # an engine's utterance may take this long beyond the word estimate
PLAY_SLACK_S = 5.0  # playing the espeak-ng WAV may take this long beyond its length
NO_AUDIO_SERVER = "unix:/nonexistent/interviewer-no-audio-server"  # where espeak-ng writing a WAV connects


def _has_audio_output() -> bool:
    from interviewer_app.qt_binding import media_devices

    return bool(media_devices().audioOutputs())


def _offline_environment() -> QtCore.QProcessEnvironment:
    """espeak-ng's environment: it writes a WAV, yet connects to PulseAudio on start (libpcaudio),
    and waits forever on a frozen server. A PULSE_SERVER that does not exist fails at once."""
    env = QtCore.QProcessEnvironment.systemEnvironment()
    env.insert("PULSE_SERVER", NO_AUDIO_SERVER)
    return env


def _speechd_socket() -> str | None:
    """Where libspeechd connects (its own defaults); None for a TCP address (not probed)."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address:
        method, _, rest = address.partition(":")
        return rest if method == "unix_socket" and rest else None
    runtime = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("XDG_CACHE_HOME") \
        or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(runtime, "speech-dispatcher", "speechd.sock")


def probe_speechd(path: str | None = None, timeout: float = PROBE_TIMEOUT_S) -> str | None:
    """None when constructing a speechd engine is safe (dispatcher answers, or is not running and
    will be spawned); otherwise why not. Constructing against a wedged dispatcher never returns."""
    path = path or _speechd_socket()
    if not path or not os.path.exists(path):
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            sock.sendall(b"SET SELF CLIENT_NAME interviewer:interviewer:probe\r\n")
            reply = sock.recv(256)
            try:
                sock.sendall(b"QUIT\r\n")
            except OSError:
                pass
    except (ConnectionRefusedError, FileNotFoundError):
        return None  # a stale socket: libspeechd spawns a new dispatcher
    except socket.timeout:
        return "speech-dispatcher is not responding"
    except OSError as exc:
        return f"cannot reach speech-dispatcher ({exc.strerror or exc})"
    if not reply.startswith(b"2"):
        return f"speech-dispatcher refused the connection ({reply[:60].decode(errors='replace').strip()})"
    return None


class PromptVoice(QObject):
    started = Signal()
    finished = Signal()
    unavailable = Signal(str)  # one line, fit to show under the prompt

    def __init__(self, parent=None, *, engine: str = ENGINE, espeak: str = ESPEAK, locale: str = LOCALE,
                 voice: str | None = None, need_audio_output: bool | None = None):
        """`engine`: a QTextToSpeech engine ("speechd"; "mock" in tests). `espeak`: the espeak-ng
        command or path. `need_audio_output`: skip the engine when Qt lists no output device
        (default: yes, except for "mock", which makes no sound)."""
        super().__init__(parent)
        self._engine_name = engine
        self._espeak_cmd = espeak
        self._locale = locale
        self._wanted_voice = voice
        self._need_output = engine != "mock" if need_audio_output is None else need_audio_output
        self._tried = False
        self._tts = None
        self._engine_error: str | None = None
        self._voice_names: list[str] = []
        self._job = 0
        self._active: str | None = None  # the backend speaking the current job
        self._text = ""
        self._started_sent = False
        self._saw_speaking = False
        self._deferred = False  # waiting for the engine to finish cancelling the previous utterance
        self._proc: QtCore.QProcess | None = None
        self._wav: Path | None = None
        self._worker: PlaybackProcess | None = None  # plays the espeak-ng WAV
        self._playing = False  # the worker was asked to play the current WAV and has not ended
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog)
        self._stop_timer = QTimer(self)
        self._stop_timer.setSingleShot(True)
        self._stop_timer.setInterval(STOP_ACK_MS)
        self._stop_timer.timeout.connect(self._kill_if_unanswered)
        self._holder: list | None = None  # the worker, for ending it when this object is destroyed

    # -- public API ------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Create the text-to-speech engine now (blocks up to ~3 s once); later calls do nothing."""
        if self._tried:
            return
        self._tried = True
        self._engine_error = self._create_engine()

    @property
    def backend(self) -> str:
        """What say() will use: the engine name ("speechd", "mock"), "espeak-ng", or "none"."""
        self.warm_up()
        if self._tts is not None:
            return self._engine_name
        if shutil.which(self._espeak_cmd) and _has_audio_output():
            return ESPEAK
        return "none"

    @property
    def engine_error(self) -> str | None:
        """Why the text-to-speech engine is not used (None when it is, or was not tried yet)."""
        return self._engine_error

    def available_voices(self) -> list[str]:
        """The engine's voice names for the locale (empty when only espeak-ng or nothing works)."""
        self.warm_up()
        return list(self._voice_names)

    @property
    def current_voice(self) -> str | None:
        """The engine voice in use (None before warm_up() or without an engine)."""
        return self._tts.voice().name() if self._tts is not None else None

    def set_voice(self, name: str) -> bool:
        """Use the engine voice called `name`; False when there is no such voice."""
        self._wanted_voice = name
        self.warm_up()
        return self._tts is not None and self._apply_voice(self._tts, name)

    def say(self, text: str) -> None:
        """Read `text` aloud, replacing anything being read. Ends in `finished` or `unavailable`."""
        self.stop()
        job = self._job
        self._text = " ".join(text.split())
        self._started_sent = False
        if not self._text:
            self._later(self._finish, job)
            return
        self.warm_up()
        if self._tts is not None:
            self._speak_engine()
        else:
            self._speak_espeak(job)

    def stop(self) -> None:
        """Stop reading now. Silent: neither `finished` nor `unavailable` follows."""
        self._job += 1
        self._active = None
        self._deferred = False
        self._watchdog.stop()
        if self._tts is not None and self._tts.state() != self._tts.State.Ready:
            self._tts.stop()
        self._kill_espeak()
        self._stop_playing()

    def worker_pid(self) -> int | None:
        """The espeak-ng playback process's id, while one runs (for tests and diagnostics)."""
        return self._worker.pid() if self._worker is not None else None

    # -- QTextToSpeech -----------------------------------------------------------------------
    def _create_engine(self) -> str | None:
        """Make the engine; returns why it cannot be used, or None."""
        try:
            QTextToSpeech = text_to_speech()
        except ImportError:
            return "Qt text-to-speech is not installed"
        name = self._engine_name
        if name not in QTextToSpeech.availableEngines():
            return f"text-to-speech engine '{name}' is not installed"
        if self._need_output and not _has_audio_output():
            return NO_DEVICE
        if name == "speechd":
            problem = probe_speechd()
            if problem:
                return problem
        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            reason = tts.errorString() or "it failed to start"
            tts.deleteLater()
            return f"{name}: {reason}"
        self._choose_locale(tts)
        voices = tts.availableVoices()
        if not voices:
            tts.deleteLater()
            return f"{name} has no voices"
        self._voice_names = [v.name() for v in voices]
        for wanted in (self._wanted_voice, *PREFERRED_VOICES):
            if wanted and self._apply_voice(tts, wanted):
                break
        tts.stateChanged.connect(self._on_tts_state)
        self._tts = tts
        return None

    def _choose_locale(self, tts) -> None:
        locales = [loc.name() for loc in tts.availableLocales()]
        wanted = self._locale if self._locale in locales else \
            next((n for n in locales if n.startswith(self._locale.split("_")[0] + "_")), None)
        if wanted:
            tts.setLocale(QtCore.QLocale(wanted))  # with LANG=C the engine otherwise picks any voice

    def _apply_voice(self, tts, name: str) -> bool:
        for v in tts.availableVoices():
            if v.name() == name:
                tts.setVoice(v)
                return True
        return False

    def _speak_engine(self) -> None:
        self._active = self._engine_name
        if self._tts.state() == self._tts.State.Ready:
            self._engine_say()
        else:  # speechd cancels asynchronously: say once the previous utterance has stopped
            self._deferred = True
            self._watchdog.start(START_TIMEOUT_MS)

    def _engine_say(self) -> None:
        self._saw_speaking = False
        self._watchdog.start(START_TIMEOUT_MS)
        self._tts.say(self._text)

    def _on_tts_state(self, state) -> None:
        if self._active != self._engine_name or self._tts is None:
            return
        states = self._tts.State
        if state == states.Ready and self._deferred:
            self._deferred = False
            self._engine_say()
        elif state == states.Speaking:
            self._saw_speaking = True
            self._watchdog.start(int(1000 * (END_SLACK_S + SECONDS_PER_WORD * len(self._text.split()))))
            self._send_started()
        elif state == states.Ready and self._saw_speaking:
            self._finish(self._job)
        elif state == states.Error:
            self._engine_failed(f"{self._engine_name}: {self._tts.errorString() or 'error'}")

    def _engine_failed(self, reason: str) -> None:
        """Give up on the engine for good (a wedged dispatcher never recovers) and fall back."""
        tts, self._tts = self._tts, None
        self._engine_error = reason
        self._voice_names = []
        tts.stateChanged.disconnect(self._on_tts_state)
        tts.stop()  # neither this nor deleting blocks, even when speech-dispatcher is wedged
        tts.deleteLater()
        self._deferred = False
        self._speak_espeak(self._job)

    # -- espeak-ng -------------------------------------------------------------------------
    def _speak_espeak(self, job: int) -> None:
        self._active = ESPEAK
        exe = shutil.which(self._espeak_cmd)
        if self._engine_error == NO_DEVICE:  # installing a voice would not help
            self._give_up(job, NO_OUTPUT)
            return
        if exe is None:
            why = f"{self._engine_error}; espeak-ng not found" if self._engine_error else "espeak-ng not found"
            self._give_up(job, f"No voice available ({why}): install speech-dispatcher or espeak-ng; {ON_SCREEN}")
            return
        if not _has_audio_output():
            self._give_up(job, NO_OUTPUT)
            return
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="interviewer-voice-")
        self._forget_wav()
        self._wav = Path(self._tmp.name) / f"prompt-{job}.wav"
        proc = QtCore.QProcess(self)
        proc.setProgram(exe)
        proc.setArguments(["-v", "en-us", "-w", str(self._wav), "--stdin"])  # stdin: text may start with "-"
        proc.setProcessEnvironment(_offline_environment())
        proc.finished.connect(self._on_espeak_finished)
        proc.errorOccurred.connect(self._on_espeak_error)
        self._proc = proc
        self._watchdog.start(SYNTH_TIMEOUT_MS)
        self._ensure_worker()  # starts while espeak-ng writes the WAV
        proc.start()
        proc.write(self._text.encode("utf-8"))
        proc.closeWriteChannel()

    def _on_espeak_error(self, error) -> None:
        if error == QtCore.QProcess.ProcessError.FailedToStart and self._proc is not None:
            detail = self._proc.errorString()
            self._kill_espeak()
            self._give_up(self._job, f"The prompt could not be read aloud (espeak-ng: {detail}); {ON_SCREEN}")

    def _on_espeak_finished(self, code: int, status) -> None:
        proc, self._proc = self._proc, None
        if proc is None or self._active != ESPEAK:
            return
        err = bytes(proc.readAllStandardError()).decode(errors="replace").strip().splitlines()
        proc.deleteLater()
        ok = status == QtCore.QProcess.ExitStatus.NormalExit and code == 0
        if not ok or self._wav is None or not self._wav.exists() or self._wav.stat().st_size <= 44:
            detail = err[-1] if err else f"exit code {code}"
            self._give_up(self._job, f"The prompt could not be read aloud (espeak-ng: {detail}); {ON_SCREEN}")
            return
        self._play(self._wav)

    def _kill_espeak(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.finished.disconnect(self._on_espeak_finished)
            proc.errorOccurred.disconnect(self._on_espeak_error)
            proc.kill()
            proc.waitForFinished(1000)
            proc.deleteLater()

    def _play(self, wav: Path) -> None:
        try:
            with wave.open(str(wav)) as w:
                seconds = w.getnframes() / float(w.getframerate())
        except (wave.Error, OSError, ZeroDivisionError):
            seconds = SECONDS_PER_WORD * len(self._text.split())
        self._watchdog.start(int(1000 * (PLAY_SLACK_S + seconds)))
        self._playing = True
        self._ensure_worker().send("play", file=str(wav), start=0, end=None)

    def _ensure_worker(self) -> PlaybackProcess:
        if self._worker is None:
            worker = self._worker = PlaybackProcess()
            worker.message.connect(self._on_worker_message)
            worker.gone.connect(self._on_worker_gone)
            if self._holder is None:  # hooked only once a worker exists (most voices never need one)
                holder = self._holder = [None]
                self.destroyed.connect(lambda *_a: holder[0] is not None and holder[0].close())
            self._holder[0] = worker
        return self._worker

    def _on_worker_message(self, msg: dict) -> None:
        worker = self._worker
        if worker is None or not worker.caught_up():
            return  # news from before the latest request (e.g. the stop of a previous prompt)
        self._stop_timer.stop()
        if not self._playing or self._active != ESPEAK or self._proc is not None:
            return
        state = msg.get("state")
        if msg.get("error"):
            self._playing = False
            self._give_up(self._job, f"The prompt could not be played ({msg['error']}); {ON_SCREEN}")
        elif state == "playing":
            self._send_started()
        elif state == "ended":
            self._playing = False
            self._finish(self._job)

    def _on_worker_gone(self) -> None:
        """The worker ended by itself (crashed, or could not start)."""
        playing = self._playing
        self._drop_worker(kill=False)
        if playing and self._active == ESPEAK and self._proc is None:
            self._give_up(self._job, f"The prompt could not be played (the audio player ended); {ON_SCREEN}")

    def _stop_playing(self) -> None:
        """Silence the WAV without waiting: a stop, and a kill if it is not acknowledged in time."""
        playing, self._playing = self._playing, False
        worker = self._worker
        if worker is not None and (playing or not worker.caught_up()):
            worker.send("stop")
            self._stop_timer.start()

    def _kill_if_unanswered(self) -> None:
        if self._worker is not None and not self._worker.caught_up():
            self._drop_worker(kill=True)

    def _drop_worker(self, kill: bool) -> None:
        worker, self._worker = self._worker, None
        if self._holder is not None:
            self._holder[0] = None
        self._stop_timer.stop()
        self._playing = False
        if worker is not None:
            worker.message.disconnect(self._on_worker_message)
            worker.gone.disconnect(self._on_worker_gone)
            if kill:
                worker.kill()
            else:
                worker.close()

    def _forget_wav(self) -> None:
        if self._wav is not None:
            try:
                self._wav.unlink(missing_ok=True)
            except OSError:
                pass  # still open in a worker being stopped (Windows): the temporary folder goes later
            self._wav = None

    # -- endings ---------------------------------------------------------------------------
    def _on_watchdog(self) -> None:
        if self._active == self._engine_name and self._tts is not None:
            what = "start" if not self._saw_speaking else "finish"
            self._engine_failed(f"{self._engine_name} did not {what} speaking")
        elif self._active == ESPEAK:
            stage = "writing the speech" if self._proc is not None else "playing the speech"
            self._kill_espeak()
            if self._playing:
                self._drop_worker(kill=True)  # a play that outlasts its WAV is stuck: silence it now
            self._give_up(self._job, f"The prompt could not be read aloud ({stage} timed out); {ON_SCREEN}")

    def _send_started(self) -> None:
        if not self._started_sent:
            self._started_sent = True
            self.started.emit()

    def _finish(self, job: int) -> None:
        if job != self._job:
            return
        self._watchdog.stop()
        self._active = None
        self.finished.emit()

    def _give_up(self, job: int, reason: str) -> None:
        if job != self._job:
            return
        self._watchdog.stop()
        self._active = None
        self._later(self._emit_unavailable, job, reason)  # never from inside say(): callers may re-enter

    def _emit_unavailable(self, job: int, reason: str) -> None:
        if job == self._job:
            self.unavailable.emit(reason)

    def _later(self, fn, *args) -> None:
        QTimer.singleShot(0, self, functools.partial(fn, *args))
