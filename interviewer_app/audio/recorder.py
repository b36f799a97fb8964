"""Record the microphone straight to disk, so a crash or an unplugged device loses at most a
moment of audio.

Threads: PortAudio's callback only copies each block into a queue (it never blocks and never
touches Qt); a writer thread appends the blocks to `<name>.pcm` (16-bit, flushed and fsynced at
least every FLUSH_S) and keeps the level meter; whoever owns the recorder (the UI on a timer, or
the CLI) reads `status()`. `stop()` turns the raw file into FLAC. A `.pcm` left behind by a crash
is turned into FLAC by `recover_partial_recordings()` on the next start; one still being recorded
(by a second window, or `practice` in a terminal) is locked by its recorder and left alone.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

try:
    import fcntl
except ImportError:  # Windows: a file open in another process cannot be deleted there anyway
    fcntl = None
from interviewer_app.core.atomic import write_text_atomic
from interviewer_app.core.errors import AudioError, InterviewerError

FLUSH_S = 0.5
BLOCK_S = 0.05

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecorderStatus:
    recording: bool
    seconds: float  # audio captured so far: the audio clock, not the wall clock
    level_dbfs: float
    error: str | None


@dataclass(frozen=True)
class Recording:
    path: Path  # FLAC
    seconds: float
    interrupted: str | None  # why recording ended early (device lost), else None


class Recorder:
    def __init__(self, folder: Path, *, device: int | str | None = None, samplerate: int = 16_000,
                 sd=None, on_audio: Callable[[np.ndarray], None] | None = None):
        """`on_audio` gets each block after it is on disk, on the writer thread (for live
        transcription); an error in it never stops the recording."""
        self.folder = Path(folder)
        self.on_audio = on_audio
        self.device = device
        self.samplerate = samplerate
        self._sd = sd
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue()
        self._frames = 0
        self._level = float("-inf")
        self._error: str | None = None
        self._stream = None
        self._writer: threading.Thread | None = None
        self._raw_path: Path | None = None
        self._raw_lock = None  # the raw file, open and locked while this recording is unfinished
        self._stopping = False

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> Path:
        sd = self._sd or _import_sounddevice()
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        self._raw_path = self.folder / f"recording-{stamp}.pcm"
        self._raw_lock = _create_locked(self._raw_path)
        try:
            write_text_atomic(_sidecar(self._raw_path), json.dumps({  # whole or not at all, fsynced
                "samplerate": self.samplerate, "channels": 1, "format": "s16le", "started": stamp}))
        except InterviewerError:  # a full disk: no empty raw file left behind either
            self._cleanup_empty()
            raise
        try:
            self._stream = sd.InputStream(samplerate=self.samplerate, channels=1, dtype="float32",
                                          device=self.device, blocksize=int(self.samplerate * BLOCK_S),
                                          callback=self._callback, finished_callback=self._finished)
            self._stream.start()
        except Exception as exc:
            self._cleanup_empty()
            raise AudioError(f"cannot open the microphone ({_short(exc)}); check that one is "
                             "plugged in and allowed, or analyze an audio file instead") from None
        self._writer = threading.Thread(target=self._write_loop, name="recorder-writer", daemon=True)
        self._writer.start()
        log.info("recording started: %s", self._raw_path.name)
        return self._raw_path

    def status(self) -> RecorderStatus:
        active = self._stream is not None and not self._stopping
        if active and self._error is None and not getattr(self._stream, "active", True):
            self._error = "the microphone stopped delivering audio (unplugged?)"
        return RecorderStatus(recording=active and self._error is None,
                              seconds=self._frames / self.samplerate, level_dbfs=self._level,
                              error=self._error)

    def stop(self, finalize_audio: bool = True) -> Recording:
        """Stop, write everything queued, and convert to FLAC. Never drops captured audio.
        With finalize_audio=False the raw file stays for recover_partial_recordings()."""
        if self._raw_path is None:
            raise AudioError("the recorder was not started")
        self._stopping = True
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception as exc:  # a vanished device may fail to stop; the audio is on disk
                self._error = self._error or f"the microphone failed while stopping ({_short(exc)})"
        self._queue.put(None)
        if self._writer is not None:
            self._writer.join()
        try:
            path = finalize(self._raw_path) if finalize_audio else self._raw_path
        finally:
            self._unlock()
        seconds = self._frames / self.samplerate
        log.info("recording stopped: %s, %.1f s%s", path.name, seconds,
                 f" (interrupted: {self._error})" if self._error else "")
        return Recording(path, seconds, self._error)

    # -- threads ---------------------------------------------------------------------------
    def _callback(self, indata, frames, time_info, status) -> None:  # PortAudio thread
        self._queue.put(indata[:, 0].copy())

    def _finished(self) -> None:  # PortAudio thread: the stream ended (by us, or the device went)
        if not self._stopping:
            self._error = "the microphone stopped delivering audio (unplugged?)"

    def _write_loop(self) -> None:
        last_sync = time.monotonic()
        with open(self._raw_path, "ab") as f:
            while True:
                block = self._queue.get()
                if block is None:
                    break
                pcm = (np.clip(block, -1.0, 1.0) * 32767).astype("<i2")
                try:
                    f.write(pcm.tobytes())
                except OSError as exc:
                    self._error = f"cannot write the recording ({exc.strerror}); free disk space"
                    continue
                self._frames += len(block)
                if self.on_audio is not None:
                    try:
                        self.on_audio(block)
                    except Exception:  # a listener's failure must not cost the recording
                        self.on_audio = None
                rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64)))) if block.size else 0.0
                self._level = 20 * np.log10(rms) if rms > 0 else float("-inf")
                if time.monotonic() - last_sync >= FLUSH_S:
                    f.flush()
                    os.fsync(f.fileno())
                    last_sync = time.monotonic()
            f.flush()
            os.fsync(f.fileno())

    def _unlock(self) -> None:
        if self._raw_lock is not None:
            self._raw_lock.close()
            self._raw_lock = None

    def _cleanup_empty(self) -> None:
        self._unlock()
        for p in (self._raw_path, _sidecar(self._raw_path)):
            if p is not None and p.exists():
                p.unlink()


def finalize(raw_path: Path) -> Path:
    """Turn a raw `.pcm` (+ its `.json`) into FLAC beside it; the raw file goes only once the FLAC
    is complete on disk."""
    import soundfile as sf

    meta = json.loads(_sidecar(raw_path).read_text()) if _sidecar(raw_path).exists() else {}
    rate = int(meta.get("samplerate", 16_000))
    data = np.fromfile(raw_path, dtype="<i2")
    flac = raw_path.with_suffix(".flac")
    tmp = raw_path.with_suffix(".flac.part")
    try:
        sf.write(tmp, data, rate, format="FLAC", subtype="PCM_16")
        os.replace(tmp, flac)
    except (OSError, RuntimeError) as exc:
        raise AudioError(f"could not finish the recording file {flac} ({_short(exc)}); the raw "
                         f"audio is kept in {raw_path}") from None
    raw_path.unlink()
    _sidecar(raw_path).unlink(missing_ok=True)
    return flac


def recover_partial_recordings(folder: Path) -> list[Path]:
    """FLAC files made from recordings a crash left unfinished. A recording still in progress in
    another process holds its lock and is left alone; so is one another window is recovering."""
    folder = Path(folder)
    recovered = []
    for raw in sorted(folder.glob("recording-*.pcm")) if folder.exists() else ():
        handle = _lock_if_free(raw)
        if handle is False:
            continue
        try:
            recovered.append(finalize(raw))
        finally:
            if handle is not None:
                handle.close()
    return recovered


def _create_locked(raw_path: Path):
    """Create the raw file with an exclusive lock (flock) held until the recording is finished, so
    recover_partial_recordings() elsewhere leaves it alone. It is made under another name and
    renamed once locked: a `.pcm` in progress is never seen unlocked. A crash frees the lock."""
    if fcntl is None:
        return None
    tmp = raw_path.with_name(raw_path.name + ".new")
    handle = open(tmp, "ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    except OSError:  # a file system without locks: record anyway, unprotected
        pass
    os.replace(tmp, raw_path)
    return handle


def _lock_if_free(raw_path: Path):
    """The raw file opened and locked (close it to unlock), None where files cannot be locked, or
    False when it is being recorded (or recovered) by another process, or is gone."""
    if fcntl is None:
        return None
    try:
        handle = open(raw_path, "rb")
    except OSError:
        return False
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return False
    except OSError:  # no locks on this file system: recover as before
        pass
    if not raw_path.exists():  # finished by its owner while we waited for the lock
        handle.close()
        return False
    return handle


def _sidecar(raw_path: Path | None) -> Path | None:
    return None if raw_path is None else raw_path.with_suffix(".json")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _import_sounddevice():
    try:
        import sounddevice
    except OSError:
        raise AudioError("the audio library PortAudio is missing; install it (Debian/Ubuntu: "
                         "sudo apt install libportaudio2) or analyze an audio file instead") from None
    return sounddevice
