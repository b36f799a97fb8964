"""Content signals, framework parts and metric levels on the labelled answers: per-item
precision / recall / F1 at the level of whole answers, and analysis time per answer.

Run:  .venv/bin/python benchmarks/signals_f1.py [--split heldout|dev|both] [--misses] [--audio]

tests/data/signals/heldout was written and labelled before the detectors existed and is never
used to tune them; dev is. Labelling rules: docs/signals-labeling.md. Answer level = "is the signal
present in this answer?" (strengths heard, concerns shown), "was this framework part heard?",
"was a metric of this level named?". Each answer goes through the whole of analyze() as a timed
transcript with its prompt; the time column is that call. The last line times analyze() on a
3-minute answer (the benchmarks' espeak-ng script, 597 words, when its artifact exists), as wall
time and as CPU time (the CPU figure is the one to trust on a busy machine).

--audio also speaks every answer of the split with espeak-ng (0.5 s lead-in, 0.6 s between its
sentences), transcribes it with the bundled tiny.en model exactly as the app does (spoken_answers.py,
shared with structure_f1.py --audio) and runs analyze() on that transcript with the answer's prompt.
Transcripts are cached under .bench-cache/signals-audio/<split>/<id>.json, keyed by a hash of the
text and the speech and model settings, so a rerun only transcribes answers that changed. The
tables then show text and audio figures side by side, with the split's WER.
"""

from __future__ import annotations

import statistics
import time

from common import ROOT, analyze_timing, run_labelled_splits, table
from spoken_answers import SpokenAnswers, require_espeak

from evaluation.harness import (
    METRIC_LEVEL_KEYS,
    Counts,
    SignalScore,
    load_signal_answers,
    score_signal_answers,
)
from interviewer_app.analysis.content.signals import SIGNALS

AUDIO_CACHE = ROOT / ".bench-cache" / "signals-audio"


def _prf(c: Counts) -> list[str]:
    return [f"{c.precision:.2f}", f"{c.recall:.2f}", f"{c.f1:.2f}"]


def _sections(score: SignalScore) -> list[tuple[str, dict[str, Counts], float]]:
    """(title, row name -> counts, macro F1) of each table."""
    return [
        ("Signals (answer level)", {f"{s.key} ({s.kind})": score.signals[s.key] for s in SIGNALS},
         score.macro_f1("signals")),
        ("Framework parts (answers whose framework_parts are labelled)",
         {f"{f}.{k}": c for f, parts in score.parts.items() for k, c in parts.items()}, score.macro_f1("parts")),
        ("Metric levels (001) and types (000)",
         {k: score.levels[k] for k in METRIC_LEVEL_KEYS if k in score.levels}, score.macro_f1("levels")),
    ]


def print_tables(text: SignalScore, audio: SignalScore | None = None) -> None:
    """The three tables; with `audio`, its P/R/F1 beside the text ones."""
    spoken = _sections(audio) if audio else [None] * 3
    for (title, rows, macro), other in zip(_sections(text), spoken):
        print(f"\n{title}")
        if other is None:
            body = [[name, *_prf(c), str(c.tp + c.fn), str(c.tp + c.fp)] for name, c in rows.items()]
            body.append(["macro F1", "", "", f"{macro:.3f}", "", ""])
            print(table(body, ["", "P", "R", "F1", "labelled", "predicted"]))
        else:
            body = [[name, *_prf(c), *_prf(other[1].get(name, Counts())), str(c.tp + c.fn)]
                    for name, c in rows.items()]
            body.append(["macro F1", "", "", f"{macro:.3f}", "", "", f"{other[2]:.3f}", ""])
            print(table(body, ["", "text P", "text R", "text F1", "audio P", "audio R", "audio F1", "labelled"]))


def report(split: str, show_misses: bool, audio: bool) -> None:
    answers = load_signal_answers(ROOT / "tests" / "data" / "signals" / split)
    if not answers:
        raise SystemExit(f"no answers in tests/data/signals/{split}")
    score = score_signal_answers(answers)
    print(f"\n{split}: {len(answers)} answers, {sum(len(a['sentences']) for a in answers)} sentences; "
          f"{analyze_timing(score.seconds)}")
    audio_score = None
    if audio:
        require_espeak()
        spoken = SpokenAnswers(AUDIO_CACHE / split)
        audio_score = score_signal_answers(answers, transcript_of=spoken.transcript)
        print(f"{spoken.summary(split)}; {analyze_timing(audio_score.seconds)}")
    print_tables(score, audio_score)
    if show_misses:
        for answer_id, what, kind in score.misses:
            print(f"  {kind:<14} {what:<26} {answer_id}")
        for answer_id, what, kind in (audio_score.misses if audio_score else []):
            print(f"  audio {kind:<14} {what:<26} {answer_id}")


def three_minute() -> None:
    """analyze() on the 3-minute benchmark answer (word times from its espeak-ng script)."""
    import json

    from interviewer_app.analysis.feedback.answer import analyze
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
    run_labelled_splits(report)
    three_minute()


if __name__ == "__main__":
    main()
