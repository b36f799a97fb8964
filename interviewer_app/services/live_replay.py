"""Play an audio file through the live path as if it were being spoken now, then "press Stop":
for `interviewer-app analyze --live-sim`, the benchmarks and the tests. No Qt.

Real time feeds the audio at the pace it was recorded while the live worker decodes on its own
thread, exactly as in the app. Simulated time (`fast=True`) runs the same decisions without
waiting: each decode moves the clock on by the time it really took, and silence costs nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.feedback.live_progress import LiveProgress
from interviewer_app.audio.clip import SAMPLE_RATE, load_clip
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.core.steps import STEP_KEYS
from interviewer_app.services.pipeline import AnalyzedAnswer, AppContext
from interviewer_app.transcribe.live import LiveTranscriber
from interviewer_app.transcribe.live_config import LiveConfig
from interviewer_app.transcribe.live_lag import lag_summary, word_lags

BLOCK_S = 0.05  # the recorder's block size


@dataclass
class LiveReplay:
    answer: AnalyzedAnswer
    report: dict  # the CLI's "live" object


def replay_live(ctx: AppContext, path: Path, *, prompt: Prompt | None = None,
                budget: Budget | None = None, fast: bool = False,
                config: LiveConfig | None = None) -> LiveReplay:
    clip = load_clip(path)
    ctx.transcriber.load(live=True)  # the app loads the model at start-up, before any answer
    run = _simulated if fast else _real_time
    live, progress = run(ctx, clip.samples, config)
    stopped = time.perf_counter()
    transcript = live.finish(lambda: clip.samples)
    feedback = analyze(transcript, budget, prompt)
    stop_to_feedback = time.perf_counter() - stopped
    snap = live.snapshot()
    stats = live.stats
    report = {
        "mode": "simulated" if fast else "real-time",
        "audio_s": round(clip.duration_s, 2),
        "stop_to_feedback_s": round(stop_to_feedback, 3),
        "steps_first_shown_s": {k: progress.first_shown_s.get(k) for k in STEP_KEYS},
        "lag_s": lag_summary(word_lags(transcript.words, stats.shown)),
        "decodes": stats.decodes,
        "provisional_decodes": stats.provisional_decodes,
        "skipped_for_cpu": stats.skipped,
        "decode_cpu_s": round(stats.cpu_s, 2),
        "decode_cpu_per_audio_s": round(stats.cpu_s / clip.duration_s, 3) if clip.duration_s else None,
        "chunks": stats.commits,
        "mean_decode_s": round(float(np.mean(stats.decode_s)), 3) if stats.decode_s else None,
        "kept_up": snap.live,
        "notice": snap.notice,
    }
    return LiveReplay(AnalyzedAnswer(feedback, clip, Path(path)), report)


def _real_time(ctx, samples: np.ndarray, config):
    live = LiveTranscriber(ctx.transcriber, config)
    progress = LiveProgress()
    live.start()
    block = int(BLOCK_S * SAMPLE_RATE)
    began = time.perf_counter()
    for i in range(0, len(samples), block):
        delay = began + i / SAMPLE_RATE - time.perf_counter()
        if delay > 0:
            time.sleep(delay)  # pacing the replay like a microphone, not waiting for a result
        live.feed(samples[i:i + block])
        progress.update(live.snapshot())
    end = began + len(samples) / SAMPLE_RATE - time.perf_counter()
    if end > 0:
        time.sleep(end)
    progress.update(live.snapshot())
    return live, progress


def _simulated(ctx, samples: np.ndarray, config):
    clock = {"audio": 0.0, "pump_started": time.perf_counter()}

    def audio_clock() -> float:
        return clock["audio"] + (time.perf_counter() - clock["pump_started"])

    live = LiveTranscriber(ctx.transcriber, config, audio_clock=audio_clock)
    progress = LiveProgress()
    total, fed = len(samples), 0
    while fed < total:
        target = min(total, int(round(clock["audio"] * SAMPLE_RATE)))
        if target > fed:
            live.feed(samples[fed:target])
            fed = target
        clock["pump_started"] = time.perf_counter()
        live.pump()
        spent = time.perf_counter() - clock["pump_started"]
        clock["audio"] += max(spent, BLOCK_S)
        progress.update(live.snapshot())
    return live, progress
