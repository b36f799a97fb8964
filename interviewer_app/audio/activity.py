"""Where in a recording someone is speaking, from the audio itself (Silero VAD, shipped inside
faster-whisper, runs offline). Pauses and think time come from here because Whisper's word
timestamps stretch the last word before a silence by up to a few seconds."""

from __future__ import annotations

import numpy as np

from interviewer_app.audio.clip import SAMPLE_RATE

Region = tuple[float, float]


def speech_regions(samples: np.ndarray) -> tuple[Region, ...]:
    if samples.size == 0:
        return ()
    from interviewer_app.core.offline import import_onnxruntime

    import_onnxruntime()  # telemetry off before the VAD opens its onnxruntime session
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    # Small padding so a measured silence is close to the real one (the default pads 0.4 s a side).
    options = VadOptions(min_silence_duration_ms=200, speech_pad_ms=30)
    stamps = get_speech_timestamps(samples, options)
    return tuple((round(s["start"] / SAMPLE_RATE, 3), round(s["end"] / SAMPLE_RATE, 3)) for s in stamps)
