"""Decode any audio file a user has (WAV, FLAC, OGG, MP3, M4A; any rate; mono or stereo) to
16 kHz mono float32, the form Whisper expects, and measure its level.

Decoding streams: the file is read and resampled in blocks into one 16-bit array, so a 2-hour
recording needs 230 MB for its samples, not the several float copies a one-shot decode makes.
Whisper, the VAD and the level measurements take float32 a block or window at a time (`to_float`),
the same values a whole-file conversion gives."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
SILENCE_DBFS = -50.0  # a recording whose loudest 50 ms stays below this holds no speech
FULL_SCALE = 0.999  # a sample at or above this (absolute) sits at the converter's limit
CLIPPED_SHARE = 0.001  # clipped when this share of the sounding samples sits at full scale
_SOUNDING = 10 ** (SILENCE_DBFS / 20)  # samples quieter than this are pauses, not sound
_BLOCK = 1 << 20  # samples measured at a time (4 MB of float32; whole 50 ms windows)
_TRUNCATED_S = 1.0  # a file this much shorter than its header promises is cut short

TRUNCATED_WARNING = ("the file ends early: its header promises {promised:.1f} s but only "
                     "{found:.1f} s of audio is there; the rest may be lost — analysing what is there")
CLIPPED_WARNING = ("the recording is clipped (too loud): move back from the microphone or lower "
                   "the input gain; clipped words are hard to make out")


@dataclass(frozen=True)
class AudioClip:
    pcm: np.ndarray  # int16, mono, SAMPLE_RATE: half the memory of float32
    source: Path | None = None
    warnings: tuple[str, ...] = ()  # what the user should know about the file itself

    @property
    def samples(self) -> np.ndarray:
        """The audio as float32 in [-1, 1): a new array on each call (use `pcm` for long ones)."""
        return to_float(self.pcm)

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / SAMPLE_RATE


def to_float(samples: np.ndarray) -> np.ndarray:
    """float32 audio from 16-bit samples (as faster-whisper converts them); float32 as it is."""
    if samples.dtype == np.int16:
        return samples.astype(np.float32) / 32768.0
    return np.asarray(samples, dtype=np.float32)


def load_clip(path: Path) -> AudioClip:
    """Read and resample a file; raise AudioError with a one-line reason if it cannot be used."""
    from interviewer_app.core.errors import AudioError

    path = Path(path)
    if not path.exists():
        raise AudioError(f"audio file not found: {path}")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not an audio file")
    if not os.access(path, os.R_OK):
        raise AudioError(f"cannot read {path}: permission denied")
    if path.stat().st_size == 0:
        raise AudioError(f"{path} is empty (0 bytes); record the answer again or pick another file")
    try:
        pcm, promised_s = _decode(path)
    except Exception as exc:  # PyAV raises many types for damaged or foreign files
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise AudioError(f"cannot decode {path.name} as audio ({reason}); is it a WAV, FLAC, OGG, "
                         "MP3 or M4A file that plays in a media player?") from None
    found_s = len(pcm) / SAMPLE_RATE
    warnings = []
    if promised_s is not None and promised_s - found_s > _TRUNCATED_S:
        warnings.append(TRUNCATED_WARNING.format(promised=promised_s, found=found_s))
    return AudioClip(pcm=pcm, source=path, warnings=tuple(warnings))


def _decode(path: Path) -> tuple[np.ndarray, float | None]:
    """The 16-bit samples, and the length in seconds the file's header promises when its format
    states it exactly (PCM WAV, FLAC), else None. Decodes as faster_whisper.audio.decode_audio does
    (the same PyAV resampler to 16-bit; `to_float` then divides by 32768 as it does), but gathers
    the resampled blocks into one array instead of a growing buffer and float copies of it."""
    import gc

    import av
    from faster_whisper.audio import _group_frames, _ignore_invalid_frames, _resample_frames

    resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    blocks: list[np.ndarray] = []
    with av.open(str(path), mode="r", metadata_errors="ignore") as container:
        stream = container.streams.audio[0]
        promised_s = _promised_length(path, stream)
        frames = _resample_frames(_group_frames(_ignore_invalid_frames(container.decode(audio=0)),
                                                500000), resampler)
        for frame in frames:
            blocks.append(frame.to_ndarray().reshape(-1))
    del resampler
    gc.collect()  # PyAV's resampler holds memory until collected (faster-whisper issue 390)
    pcm = np.empty(sum(b.size for b in blocks), dtype=np.int16)
    pos = 0
    blocks.reverse()
    while blocks:  # each block is freed once copied: memory stays near one copy
        block = blocks.pop()
        pcm[pos:pos + block.size] = block
        pos += block.size
    return pcm, promised_s


def _promised_length(path: Path, stream) -> float | None:
    """The length the header states: a WAV's data chunk size (FFmpeg reports the size found, not
    the one promised), a FLAC's STREAMINFO sample count. None for formats that only estimate it."""
    codec = stream.codec_context.name or ""
    if codec.startswith("pcm_"):
        return _wav_data_length(path)
    if codec == "flac" and stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _wav_data_length(path: Path) -> float | None:
    """Seconds of audio a RIFF/WAVE header says its data chunk holds (None if not plain WAV or
    the size is left open, as a recorder that was still writing leaves it)."""
    import struct

    with open(path, "rb") as f:
        if f.read(4) != b"RIFF" or (f.read(4) and f.read(4) != b"WAVE"):
            return None
        bytes_per_s = None
        while True:
            head = f.read(8)
            if len(head) < 8:
                return None
            kind, size = head[:4], struct.unpack("<I", head[4:])[0]
            if kind == b"fmt ":
                fmt = f.read(size)
                if len(fmt) < 12:
                    return None
                bytes_per_s = struct.unpack("<I", fmt[8:12])[0]
                f.seek(size % 2, 1)
            elif kind == b"data":
                if not bytes_per_s or size in (0, 0xFFFFFFFF):
                    return None
                return size / bytes_per_s
            else:
                f.seek(size + size % 2, 1)


def release_freed_memory() -> None:
    """Hand memory freed by large temporaries back to the system (glibc keeps freed blocks under
    its mmap threshold in the heap: about 150 MB after each Whisper window or VAD slice of a long
    recording). A no-op where the C library has no malloc_trim."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass


def peak_dbfs(samples: np.ndarray, window_s: float = 0.05) -> float:
    """Level of the loudest short window, in dBFS (-inf for digital silence), of float32 or 16-bit
    samples. Measured a block of whole windows at a time: a long recording needs no copy of itself."""
    if samples.size == 0:
        return float("-inf")
    win = max(1, int(window_s * SAMPLE_RATE))
    usable = samples[: samples.size - samples.size % win] if samples.size >= win else samples
    frames = usable.reshape(-1, win) if usable.size >= win else usable.reshape(1, -1)
    step = max(1, _BLOCK // frames.shape[1])
    rms = max(np.sqrt(np.mean(np.square(to_float(frames[i:i + step]), dtype=np.float64), axis=1)).max()
              for i in range(0, frames.shape[0], step))
    return float(20 * np.log10(rms)) if rms > 0 else float("-inf")


def clipped_share(samples: np.ndarray) -> float:
    """Share of the sounding samples (louder than silence) that sit at full scale."""
    at_limit = sounding = 0
    for i in range(0, samples.size, _BLOCK):
        magnitude = np.abs(to_float(samples[i:i + _BLOCK]))
        at_limit += int(np.count_nonzero(magnitude >= FULL_SCALE))
        sounding += int(np.count_nonzero(magnitude >= _SOUNDING))
    return at_limit / sounding if sounding else 0.0


def is_clipped(samples: np.ndarray) -> bool:
    return clipped_share(samples) >= CLIPPED_SHARE


def is_silent(samples: np.ndarray) -> bool:
    return peak_dbfs(samples) < SILENCE_DBFS
