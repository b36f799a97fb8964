"""Where in a recording someone is speaking, from the audio itself (Silero VAD, shipped inside
faster-whisper, runs offline). Pauses and think time come from here because Whisper's word
timestamps stretch the last word before a silence by up to a few seconds.

A long recording is measured in slices cut at quiet moments (`quiet_slices`), so the VAD never
holds more than a slice's copies; an answer of normal length is measured in one go, as before."""

from __future__ import annotations

import numpy as np

from interviewer_app.audio.clip import SAMPLE_RATE, release_freed_memory, to_float

Region = tuple[float, float]

ONE_PASS_S = 300.0  # up to this long, one VAD pass (and one Whisper call) over the whole recording
SLICE_S = 120.0  # longer recordings are measured (and transcribed) in slices of at most this
_QUIET_SEARCH_S = 20.0  # a slice ends at the quietest moment of its last seconds
_QUIET_FRAME_S = 0.1


def speech_regions(samples: np.ndarray) -> tuple[Region, ...]:
    """Speech regions (start, end seconds) of float32 or 16-bit samples."""
    if samples.size == 0:
        return ()
    if samples.size <= ONE_PASS_S * SAMPLE_RATE:
        return _vad(to_float(samples), 0)
    regions: list[Region] = []
    for start, end in quiet_slices(samples, SLICE_S):
        for region in _vad(to_float(samples[start:end]), start):
            if regions and region[0] - regions[-1][1] < 0.2:  # one region split by a cut
                regions[-1] = (regions[-1][0], region[1])
            else:
                regions.append(region)
        release_freed_memory()
    return tuple(regions)


def _vad(samples: np.ndarray, offset: int) -> tuple[Region, ...]:
    from interviewer_app.core.offline import import_onnxruntime

    import_onnxruntime()  # telemetry off before the VAD opens its onnxruntime session
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    # Small padding so a measured silence is close to the real one (the default pads 0.4 s a side).
    options = VadOptions(min_silence_duration_ms=200, speech_pad_ms=30)
    stamps = get_speech_timestamps(samples, options)
    return tuple((round((s["start"] + offset) / SAMPLE_RATE, 3), round((s["end"] + offset) / SAMPLE_RATE, 3))
                 for s in stamps)


def quiet_slices(samples: np.ndarray, length_s: float) -> list[tuple[int, int]]:
    """(start, end) sample indices covering `samples` in slices of at most `length_s` seconds,
    each cut at the quietest 0.1 s of its last 20 s, so a cut rarely falls inside a word."""
    length = int(length_s * SAMPLE_RATE)
    frame = int(_QUIET_FRAME_S * SAMPLE_RATE)
    search = int(_QUIET_SEARCH_S * SAMPLE_RATE)
    slices, start = [], 0
    while samples.size - start > length:
        lo = start + length - search
        tail = to_float(samples[lo: start + length])
        tail = tail[: tail.size - tail.size % frame].reshape(-1, frame)
        energy = np.mean(np.square(tail, dtype=np.float64), axis=1)
        cut = lo + int(np.argmin(energy)) * frame + frame // 2
        slices.append((start, cut))
        start = cut
    slices.append((start, samples.size))
    return slices
