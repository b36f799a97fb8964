"""Transcription benchmark: word error rate and speed of the app against raw faster-whisper.

Run:  .venv/bin/python benchmarks/transcription.py [--variants] [--limit N]

1. On ../shared/realspeech (38 clips of real human speech), side by side in one run, clip by clip
   in alternating order: raw faster-whisper with the app's decoding settings, and the app's whole
   path (decode file -> transcribe -> voice activity -> structure and pacing analysis).
   Prints both WERs, total times and the overhead ratio (target <= 1.10), plus the raw
   faster-whisper baseline settings (beam 5, no word timestamps) for comparison with the README's
   11.65 %.
2. With --variants: biasing and decoding variants (hotwords, initial prompt, VAD filter), each
   scored on realspeech (must not get worse) and on interview-vocabulary sentences spoken by
   espeak-ng (benchmarks/data/interview_vocabulary.txt; should get better).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from common import REALSPEECH, RESULTS, ROOT, Timer, bundled_model_path, corpus_wer, realspeech_rows, table

HOTWORDS = ("bottleneck guardrail rollback RICE DAU MAU cohort funnel churn north star "
            "instrumentation MoSCoW SLA ARPU CAC LTV")
INITIAL_PROMPT = ("A product manager answers an execution interview question about metrics: DAU, "
                  "MAU, cohort, funnel, guardrail metrics, rollback, RICE, north star, churn, "
                  "bottleneck.")


def raw_transcribe(model, samples, kwargs) -> str:
    segments, _ = model.transcribe(samples, **kwargs)
    return " ".join(s.text.strip() for s in segments)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", action="store_true", help="also score biasing/decoding variants")
    ap.add_argument("--limit", type=int, help="only the first N clips (quick look)")
    args = ap.parse_args()

    from faster_whisper import WhisperModel

    from interviewer_app.analysis.feedback.answer import analyze
    from interviewer_app.audio.clip import load_clip
    from interviewer_app.transcribe.engine import TranscribeOptions, Transcriber

    rows = realspeech_rows()[: args.limit]
    clips = [(r, load_clip(REALSPEECH / r["file"]).samples) for r in rows]
    audio_s = sum(len(s) for _, s in clips) / 16000
    options = TranscribeOptions()
    raw_model = WhisperModel(bundled_model_path(), device="cpu", compute_type="int8")
    app = Transcriber(None, ROOT / ".bench-cache")
    app.load()
    raw_model.transcribe(clips[0][1][:16000], **options.kwargs())  # warm both the same way
    app.transcribe(clips[0][1][:16000])

    raw_hyps, app_hyps, base_hyps = [], [], []
    t_raw = t_app = 0.0
    for i, (row, samples) in enumerate(clips):
        def run_raw(samples=samples):
            with Timer() as t:
                raw_hyps.append(raw_transcribe(raw_model, samples, options.kwargs()))
            return t.seconds

        def run_app(row=row):
            with Timer() as t:
                clip = load_clip(REALSPEECH / row["file"])  # the app reads the file itself
                fb = analyze(app.transcribe(clip.samples))
                app_hyps.append(fb.transcript.text)
            return t.seconds

        for run in ((run_app, run_raw) if i % 2 else (run_raw, run_app)):  # alternate who goes first
            if run is run_app:
                t_app += run()
            else:
                t_raw += run()
        base = dict(beam_size=5, language="en")
        base_hyps.append(raw_transcribe(raw_model, samples, base))
        print(f"  {i + 1}/{len(clips)} {row['file']}", file=sys.stderr)

    refs = [r["reference_text"] for r, _ in clips]
    w_base = corpus_wer(list(zip(refs, base_hyps)))
    w_raw = corpus_wer(list(zip(refs, raw_hyps)))
    w_app = corpus_wer(list(zip(refs, app_hyps)))
    print(f"\nrealspeech: {len(clips)} clips, {audio_s:.1f} s of real human speech, model tiny.en int8, 2 cores")
    print(table([
        ["raw faster-whisper, baseline settings (beam 5)", f"{100 * w_base[0]:.2f}% ({w_base[1]}/{w_base[2]})", "-", "-"],
        ["raw faster-whisper, app settings (+word timestamps)", f"{100 * w_raw[0]:.2f}% ({w_raw[1]}/{w_raw[2]})", f"{t_raw:.1f}", f"{t_raw / audio_s:.3f}"],
        ["app: decode + transcribe + VAD + analysis", f"{100 * w_app[0]:.2f}% ({w_app[1]}/{w_app[2]})", f"{t_app:.1f}", f"{t_app / audio_s:.3f}"],
    ], ["pipeline", "WER", "seconds", "real-time factor"]))
    print(f"overhead ratio app / raw (same model and settings, same run): {t_app / t_raw:.3f}  (target <= 1.10)")
    print(f"WER difference app - raw: {100 * (w_app[0] - w_raw[0]):+.2f} points (target <= 0)")
    summary = {"clips": len(clips), "audio_s": audio_s, "wer_baseline": w_base[0], "wer_raw": w_raw[0],
               "wer_app": w_app[0], "seconds_raw": t_raw, "seconds_app": t_app, "overhead_ratio": t_app / t_raw}

    if args.variants:
        summary["variants"] = variants(raw_model, clips, refs, options, raw_hyps)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "transcription.json").write_text(json.dumps(summary, indent=2))


def variants(model, clips, refs, options, default_hyps):
    from faster_whisper.audio import decode_audio

    from tests.fixtures.speech import synthesize

    lines = [ln.strip() for ln in (ROOT / "benchmarks/data/interview_vocabulary.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    script = {"lead_in": 0.3, "sentence": [{"text": ln, "pause_after": 0.4} for ln in lines]}
    vocab_audio = []
    for i, ln in enumerate(lines):
        spoken = synthesize(f"vocab-{i:02d}", {"lead_in": 0.3, "sentence": [{"text": ln, "pause_after": 0.3}]})
        vocab_audio.append(decode_audio(str(spoken.wav)))
    del script
    candidates = {
        "default (no biasing)": options,
        "hotwords": replace(options, hotwords=HOTWORDS),
        "initial prompt": replace(options, initial_prompt=INITIAL_PROMPT),
        "VAD filter": replace(options, vad_filter=True),
    }
    out, results = [], {}
    for name, opt in candidates.items():
        kw = opt.kwargs()
        hyps = default_hyps if name.startswith("default") else [raw_transcribe(model, s, kw) for _, s in clips]
        real = corpus_wer(list(zip(refs, hyps)))
        vocab = corpus_wer([(ref, raw_transcribe(model, a, kw)) for ref, a in zip(lines, vocab_audio)])
        results[name] = {"realspeech_wer": real[0], "vocabulary_wer": vocab[0]}
        out.append([name, f"{100 * real[0]:.2f}%", f"{100 * vocab[0]:.2f}%"])
        print(f"  variant {name} done", file=sys.stderr)
    print("\nbiasing and decoding variants (raw faster-whisper, tiny.en):")
    print(table(out, ["variant", "realspeech WER", "interview-vocabulary WER (espeak-ng)"]))
    return results


if __name__ == "__main__":
    main()
