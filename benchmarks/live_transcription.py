"""Live transcription against one full pass over the same audio, side by side in one run.

Run:  .venv/bin/python benchmarks/live_transcription.py [--accuracy] [--realtime] [--variants]
      (no flag: both --accuracy and --realtime)

--accuracy  Word error rate of the live path (simulated time: every decode moves the clock on by
            the time it really took, so chunks are cut as on this machine, without waiting
            through silences) and of one full pass, on ../shared/realspeech (38 clips of real
            speech) and on spoken answers made with espeak-ng. Target: live - full <= 1 point.
--realtime  A 3.8-minute spoken answer replayed in real time through the live path, as in the
            app: time from Stop to full feedback (target <= 1 s) next to the full-pass time on
            the same audio, and the live lag from a word's end to its first display (targets:
            median <= 3 s, 95th percentile <= 5 s). Twice: Stop right after the last word, and
            Stop 1.5 s after it (people pause before they click).
--cost      Issue 21: CPU-seconds per second of audio of the live path (before: no CPU budget,
            beam 5 on a 30-s window for every decode; now: the app's settings) next to one full
            pass, with the lag, Stop -> feedback and WER against the script, on a 1-minute and a
            3.8-minute spoken answer, idle and with one core kept busy by another process.
            Simulated time (every decode moves the clock on by what it really took).
--cost-realtime  The same two answers in real time (fed at their own pace, the live worker on its
            own thread, as in the app), idle and with one core kept busy by another process:
            CPU-s per audio second, lag, Stop -> feedback (Stop 0.5 s after the last word), kept
            WER, and the full pass beside it. Issue 21's targets: <= 0.35 CPU-s per audio s; with
            one core busy, lag p95 <= 3 s and Stop -> feedback <= 1 s on the 3-minute answer.
--variants [NAME ...]  Accuracy and simulated lag of other settings (shorter chunks, a context
            prompt, Whisper's temperature ladder on every live decode or on none), for the record.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import soundfile as sf
from common import REALSPEECH, ROOT, corpus_wer, realspeech_rows, table


def synthetic_answers() -> list[tuple[str, Path, str]]:
    from long_answer import three_minute_script

    from tests.fixtures.speech import synthesize

    out = []
    for name in ("strong_onboarding", "jump_to_options"):
        from tests.fixtures.speech import load_script

        spoken = synthesize(name, load_script(name))
        out.append((name, spoken.wav, spoken.text))
    spoken = synthesize("three-minute-answer", three_minute_script())
    out.append(("three-minute-answer", spoken.wav, spoken.text))
    return out


def accuracy(ctx, configs: dict) -> None:
    from interviewer_app.audio.clip import load_clip
    from interviewer_app.services.live_replay import replay_live

    sets = {"realspeech": [(r["file"], REALSPEECH / r["file"], r["reference_text"]) for r in realspeech_rows()],
            "espeak answers": synthetic_answers()}
    rows = []
    for set_name, clips in sets.items():
        full_pairs, live_pairs = [], {k: [] for k in configs}
        full_s, live_s = 0.0, {k: 0.0 for k in configs}
        worst_p95 = {k: 0.0 for k in configs}  # simulated time: the slowest clip's 95th-percentile lag
        for _name, path, ref in clips:
            t = time.perf_counter()
            full = ctx.transcriber.transcribe(load_clip(path).samples).text
            full_s += time.perf_counter() - t
            full_pairs.append((ref, full))
            for key, config in configs.items():
                t = time.perf_counter()
                replay = replay_live(ctx, path, fast=True, config=config)
                live_s[key] += time.perf_counter() - t
                live_pairs[key].append((ref, replay.answer.feedback.transcript.text))
                worst_p95[key] = max(worst_p95[key], replay.report["lag_s"]["p95_s"] or 0.0)
                print(f"  {_name}: {replay.report['audio_s']:.0f} s audio, {key}: "
                      f"{replay.report['decodes']} decodes in {time.perf_counter() - t:.0f} s",
                      file=sys.stderr, flush=True)
        full_wer = corpus_wer(full_pairs)
        rows.append([set_name, "full pass", f"{100 * full_wer[0]:.2f}", "", "", f"{full_s:.0f}"])
        for key in configs:
            w = corpus_wer(live_pairs[key])
            rows.append([set_name, f"live: {key}", f"{100 * w[0]:.2f}",
                         f"{100 * (w[0] - full_wer[0]):+.2f}", f"{worst_p95[key]:.2f}", f"{live_s[key]:.0f}"])
    print("\nAccuracy (corpus WER, Whisper normaliser); lag in simulated time, so only a comparison")
    print(table(rows, ["set", "path", "WER %", "live - full", "worst clip lag p95 s", "seconds"]))


def realtime(ctx) -> None:
    from interviewer_app.analysis.feedback.answer import analyze
    from interviewer_app.audio.clip import SAMPLE_RATE, load_clip
    from interviewer_app.core.budgets import BudgetBook
    from interviewer_app.services.live_replay import replay_live

    _name, wav, _ref = synthetic_answers()[-1]
    samples = load_clip(wav).samples
    budget = ctx.budgets.resolve("amazon", None, None) if isinstance(ctx.budgets, BudgetBook) else None
    # Stop right after the last word: trim the file's trailing silence to 0.1 s.
    speech_end = _speech_end(samples)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for gap in (0.1, 1.5):
            path = Path(tmp) / f"answer-gap{gap}.wav"
            end = min(len(samples), int((speech_end + gap) * SAMPLE_RATE))
            sf.write(path, samples[:end], SAMPLE_RATE)
            replay = replay_live(ctx, path, budget=budget)
            t = time.perf_counter()
            full = analyze(ctx.transcriber.transcribe(samples[:end]), budget)
            full_s = time.perf_counter() - t
            r = replay.report
            rows.append([f"{gap:.1f}", f"{r['audio_s']:.0f}", f"{r['stop_to_feedback_s']:.2f}",
                         f"{full_s:.2f}", f"{full_s / max(r['stop_to_feedback_s'], 1e-3):.0f}x",
                         r["lag_s"]["median_s"], r["lag_s"]["p95_s"], r["lag_s"]["max_s"],
                         r["decodes"], r["chunks"], r["mean_decode_s"], r["kept_up"],
                         f"{replay.answer.feedback.steps_heard}/{full.steps_heard}"])
    print("\nReal time: a spoken answer replayed at its own pace, then Stop")
    print(table(rows, ["stop after last word s", "audio s", "stop->feedback s", "full pass s",
                       "faster", "lag median s", "lag p95 s", "lag max s", "decodes", "chunks",
                       "mean decode s", "kept up", "steps live/full"]))


def cost(ctx) -> None:
    import jiwer

    from interviewer_app.audio.clip import load_clip
    from interviewer_app.services.live_replay import replay_live
    from interviewer_app.transcribe.live_config import LiveConfig

    before = replace(LiveConfig(), cpu_share=None, provisional_beam_size=5, provisional_window=False)
    configs = {"before (no budget)": before, "now (app settings)": LiveConfig()}
    answers = _cost_answers()
    rows = []
    for load in LOADS:
        with _machine_load(load):
            for name, wav, ref in answers:
                samples = load_clip(wav).samples
                audio_s = len(samples) / 16000
                c0 = time.process_time()
                full = ctx.transcriber.transcribe(samples).text
                full_cpu = time.process_time() - c0
                rows.append([load, name, f"{audio_s:.0f}", "full pass", f"{full_cpu / audio_s:.3f}",
                             "", "", "", "", "", f"{100 * jiwer.wer(norm(ref), norm(full)):.1f}"])
                for key, config in configs.items():
                    c0 = time.process_time()
                    replay = replay_live(ctx, wav, fast=True, config=config)
                    cpu = time.process_time() - c0
                    r = replay.report
                    rows.append([load, name, f"{audio_s:.0f}", f"live: {key}", f"{cpu / audio_s:.3f}",
                                 f"{r['provisional_decodes']}+{r['decodes'] - r['provisional_decodes']}",
                                 r["lag_s"]["median_s"], r["lag_s"]["p95_s"], r["lag_s"]["max_s"],
                                 f"{r['stop_to_feedback_s']:.2f}",
                                 f"{100 * jiwer.wer(norm(ref), norm(replay.answer.feedback.transcript.text)):.1f}"])
                    print(f"  {load} {name} {key}: done", file=sys.stderr, flush=True)
    print("\nLive path cost (simulated time; CPU of this process, so the replay's own work counts)")
    print(table(rows, ["machine", "answer", "audio s", "path", "CPU-s per audio s", "decodes prov+final",
                       "lag median s", "lag p95 s", "lag max s", "stop->feedback s", "WER %"]))


def cost_realtime(ctx, gap_s: float = 0.5) -> None:
    """The app's live settings in real time (the audio fed at its own pace, the worker on its own
    thread, as in the app), idle and with one core kept busy by another process: CPU-s per audio
    second (this process), lag, Stop -> feedback, kept WER, and the full pass's CPU beside it."""
    import jiwer

    from interviewer_app.audio.clip import SAMPLE_RATE, load_clip
    from interviewer_app.services.live_replay import replay_live

    answers = _cost_answers()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for load in LOADS:
            with _machine_load(load):
                for name, wav, ref in answers:
                    samples = load_clip(wav).samples
                    end = min(len(samples), int((_speech_end(samples) + gap_s) * SAMPLE_RATE))
                    path = Path(tmp) / f"{name}.wav"
                    sf.write(path, samples[:end], SAMPLE_RATE)
                    audio_s = end / SAMPLE_RATE
                    c0, t0 = time.process_time(), time.perf_counter()
                    full = ctx.transcriber.transcribe(samples[:end]).text
                    full_cpu, full_wall = time.process_time() - c0, time.perf_counter() - t0
                    rows.append([load, name, f"{audio_s:.0f}", "full pass", f"{full_cpu / audio_s:.3f}",
                                 "", "", "", "", "", f"{full_wall:.2f}", f"{100 * jiwer.wer(norm(ref), norm(full)):.1f}", ""])
                    c0 = time.process_time()
                    replay = replay_live(ctx, path)
                    cpu = time.process_time() - c0
                    r = replay.report
                    kept = replay.answer.feedback.transcript.text
                    rows.append([load, name, f"{audio_s:.0f}", "live (app settings)", f"{cpu / audio_s:.3f}",
                                 f"{r['provisional_decodes']}+{r['decodes'] - r['provisional_decodes']}",
                                 r["skipped_for_cpu"], r["lag_s"]["median_s"], r["lag_s"]["p95_s"], r["lag_s"]["max_s"],
                                 f"{r['stop_to_feedback_s']:.2f}", f"{100 * jiwer.wer(norm(ref), norm(kept)):.1f}",
                                 "yes" if r["kept_up"] else "no"])
                    print(f"  {load} {name}: done ({r['notice'] or 'no notice'})", file=sys.stderr, flush=True)
    print(f"\nLive path in real time, Stop {gap_s} s after the last word (CPU of this process)")
    print(table(rows, ["machine", "answer", "audio s", "path", "CPU-s per audio s", "decodes prov+final",
                       "skipped (budget)", "lag median s", "lag p95 s", "lag max s",
                       "stop->feedback s (full pass: its time)", "WER %", "kept up"]))


LOADS = ("idle", "one core busy")


@contextlib.contextmanager
def _machine_load(load: str):
    """Idle, or one core kept busy by another process while the block runs."""
    import multiprocessing

    busy = multiprocessing.Process(target=_spin, daemon=True) if load != "idle" else None
    if busy is not None:
        busy.start()
    try:
        yield
    finally:
        if busy is not None:
            busy.terminate()


def _cost_answers() -> list[tuple[str, Path, str]]:
    """The 1-minute and the 3.8-minute spoken answer the cost benchmarks replay."""
    return [a for a in synthetic_answers() if a[0] in ("strong_onboarding", "three-minute-answer")]


def norm(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _spin() -> None:
    while True:
        pass


def _speech_end(samples: np.ndarray) -> float:
    from interviewer_app.audio.activity import speech_regions

    return speech_regions(samples)[-1][1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accuracy", action="store_true")
    ap.add_argument("--realtime", action="store_true")
    ap.add_argument("--cost", action="store_true")
    ap.add_argument("--cost-realtime", action="store_true")
    ap.add_argument("--variants", nargs="*", metavar="NAME",
                    help="also these settings (all when no name is given)")
    args = ap.parse_args()
    if not (args.accuracy or args.realtime or args.cost or args.cost_realtime or args.variants is not None):
        args.accuracy = args.realtime = True
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.setdefault("INTERVIEWER_HOME", str(ROOT / ".bench-cache" / "live"))
    from interviewer_app.core.paths import app_paths
    from interviewer_app.services.pipeline import AppContext
    from interviewer_app.transcribe.live_config import LiveConfig

    ctx = AppContext(paths=app_paths())
    ctx.transcriber.load()
    default = LiveConfig()
    configs = {"app settings": default}
    if args.variants is not None:
        configs["chunk at every 0.5 s pause"] = replace(default, min_chunk_s=0.0)
        configs["40 committed words as context prompt"] = replace(default, context_words=40)
        configs["temperature ladder on provisional decodes too"] = replace(default, provisional_temperatures=None)
        configs["no temperature ladder at all"] = replace(default, final_temperatures=(0.0,))
        configs["max chunk 12 s"] = replace(default, max_pending_s=12.0, min_chunk_s=6.0)
    if args.variants:
        unknown = set(args.variants) - set(configs)
        if unknown:
            ap.error(f"unknown variants: {', '.join(sorted(unknown))}; choose from {', '.join(configs)}")
        configs = {k: v for k, v in configs.items() if k == "app settings" or k in args.variants}
    print(f"CPU threads: {ctx.transcriber.cpu_threads or 'all'}, model {ctx.transcriber.model_name}; "
          f"live settings: {default}")
    if args.accuracy or args.variants is not None:
        accuracy(ctx, configs)
    if args.realtime:
        realtime(ctx)
    if args.cost:
        cost(ctx)
    if args.cost_realtime:
        cost_realtime(ctx)


if __name__ == "__main__":
    main()
