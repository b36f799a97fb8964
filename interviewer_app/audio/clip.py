"""Decode any audio file a user has (WAV, FLAC, OGG, MP3, M4A; any rate; mono or stereo) to
16 kHz mono float32, the form Whisper expects, and measure its level."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
SILENCE_DBFS = -50.0  # a recording whose loudest 50 ms stays below this holds no speech


@dataclass(frozen=True)
class AudioClip:
    samples: np.ndarray  # float32, mono, SAMPLE_RATE
    source: Path | None = None

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


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
        samples = _decode(path)
    except Exception as exc:  # PyAV raises many types for damaged or foreign files
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise AudioError(f"cannot decode {path.name} as audio ({reason}); is it a WAV, FLAC, OGG, "
                         "MP3 or M4A file that plays in a media player?") from None
    return AudioClip(samples=samples, source=path)


def _decode(path: Path) -> np.ndarray:
    from faster_whisper.audio import decode_audio

    samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    return np.ascontiguousarray(samples, dtype=np.float32)


def peak_dbfs(samples: np.ndarray, window_s: float = 0.05) -> float:
    """Level of the loudest short window, in dBFS (-inf for digital silence)."""
    if samples.size == 0:
        return float("-inf")
    win = max(1, int(window_s * SAMPLE_RATE))
    usable = samples[: samples.size - samples.size % win] if samples.size >= win else samples
    frames = usable.reshape(-1, win) if usable.size >= win else usable.reshape(1, -1)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1)).max()
    return float(20 * np.log10(rms)) if rms > 0 else float("-inf")


def is_silent(samples: np.ndarray) -> bool:
    return peak_dbfs(samples) < SILENCE_DBFS
