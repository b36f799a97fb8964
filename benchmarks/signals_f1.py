"""Content signals, framework parts and metric levels on the labelled answers: per-item
precision / recall / F1 at the level of whole answers, and analysis time per answer.

Run:  .venv/bin/python benchmarks/signals_f1.py [--split heldout|dev|both] [--misses]

tests/data/signals/heldout was written and labelled before the detectors existed and is never
used to tune them; dev is. Labelling rules: docs/signals-labeling.md. Answer level = "is the signal
present in this answer?" (strengths heard, concerns shown), "was this framework part heard?",
"was a metric of this level named?". Each answer goes through the whole of analyze() as a timed
transcript with its prompt; the time column is that call. The last line times analyze() on a
3-minute answer (the benchmarks' espeak-ng script, 597 words, when its artifact exists), as wall
time and as CPU time (the CPU figure is the one to trust on a busy machine).
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import ROOT, table

from interviewer_app.analysis.evaluation import (METRIC_LEVEL_KEYS, load_signal_answers,
                                                 score_signal_answers)
from interviewer_app.analysis.signals import SIGNALS


def _row(name: str, c) -> list[str]:
    return [name, f"{c.precision:.2f}", f"{c.recall:.2f}", f"{c.f1:.2f}", str(c.tp + c.fn), str(c.tp + c.fp)]


HEADER = ["", "P", "R", "F1", "labelled", "predicted"]


def report(split: str, show_misses: bool) -> None:
    answers = load_signal_answers(ROOT / "tests" / "data" / "signals" / split)
    if not answers:
        raise SystemExit(f"no answers in tests/data/signals/{split}")
    score = score_signal_answers(answers)
    ms = [1000 * s for s in score.seconds]
    print(f"\n{split}: {len(answers)} answers, {sum(len(a['sentences']) for a in answers)} sentences; "
          f"analyze() {statistics.median(ms):.1f} ms median, {max(ms):.1f} ms max per answer")
    print("\nSignals (answer level)")
    rows = [_row(f"{s.key} ({s.kind})", score.signals[s.key]) for s in SIGNALS]
    rows.append(["macro F1", "", "", f"{score.macro_f1('signals'):.3f}", "", ""])
    print(table(rows, HEADER))
    print("\nFramework parts (answers whose framework_parts are labelled)")
    rows = []
    for framework, parts in score.parts.items():
        for key, c in parts.items():
            rows.append(_row(f"{framework}.{key}", c))
    rows.append(["macro F1", "", "", f"{score.macro_f1('parts'):.3f}", "", ""])
    print(table(rows, HEADER))
    print("\nMetric levels (001) and types (000)")
    rows = [_row(k, score.levels[k]) for k in METRIC_LEVEL_KEYS if k in score.levels]
    rows.append(["macro F1", "", "", f"{score.macro_f1('levels'):.3f}", "", ""])
    print(table(rows, HEADER))
    if show_misses:
        for answer_id, what, kind in score.misses:
            print(f"  {kind:<14} {what:<26} {answer_id}")


def three_minute() -> None:
    """analyze() on the 3-minute benchmark answer (word times from its espeak-ng script)."""
    import json

    from interviewer_app.analysis.feedback import analyze
    from interviewer_app.core.models import Segment, Transcript, Word

    found = sorted((ROOT / "tests" / ".artifacts" / "speech").glob("three-minute-answer-*.json"))
    if not found:
        print("\n3-minute answer: artifact not found (run benchmarks/long_answer.py once)")
        return
    data = json.loads(found[0].read_text())
    segments = []
    for s in data["sentences"]:
        tokens = s["text"].split()
        step = (s["end"] - s["start"]) / len(tokens)
        words = tuple(Word(s["start"] + i * step, s["start"] + (i + 1) * step, " " + w) for i, w in enumerate(tokens))
        segments.append(Segment(s["start"], s["end"], s["text"], words))
    transcript = Transcript(tuple(segments), model="espeak script", duration_s=data["duration_s"])
    analyze(transcript)  # first call compiles patterns and loads the step model
    wall, cpu = [], []
    for _ in range(30):
        start, start_cpu = time.perf_counter(), time.process_time()
        analyze(transcript)
        wall.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.process_time() - start_cpu))
    words = len(transcript.text.split())
    print(f"\n3-minute answer ({data['duration_s']:.0f} s, {words} words), analyze() over 30 runs: "
          f"wall {statistics.median(wall):.1f} ms median ({min(wall):.1f} min), "
          f"CPU {statistics.median(cpu):.1f} ms median ({min(cpu):.1f} min)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["heldout", "dev", "both"], default="both")
    ap.add_argument("--misses", action="store_true", help="list every disagreement (dev only!)")
    args = ap.parse_args()
    for split in (["dev", "heldout"] if args.split == "both" else [args.split]):
        report(split, args.misses and split == "dev")
    three_minute()


if __name__ == "__main__":
    main()
