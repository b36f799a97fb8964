"""Step detection quality on the labelled answers: per-step precision / recall / F1.

Run:  .venv/bin/python benchmarks/structure_f1.py [--split heldout|dev] [--misses]

The held-out split (tests/data/structure/heldout) was written and labelled separately from the
rules and is never used to tune them; the dev split is. Answer level = "was the step heard in
this answer?" (what the checklist shows); sentence level = "is this sentence evidence?".
Target (issue 3): answer-level macro-F1 >= 0.85 on held-out.
"""

from __future__ import annotations

import argparse
import time

from common import ROOT, table

from interviewer_app.analysis.evaluation import load_answers, score_answers
from interviewer_app.core.steps import STEP_KEYS


def report(split: str, show_misses: bool) -> None:
    answers = load_answers(ROOT / "tests" / "data" / "structure" / split)
    if not answers:
        raise SystemExit(f"no answers in tests/data/structure/{split}")
    start = time.perf_counter()
    score = score_answers(answers)
    ms = 1000 * (time.perf_counter() - start) / len(answers)
    sentences = sum(len(a["sentences"]) for a in answers)
    print(f"\n{split}: {len(answers)} answers, {sentences} sentences ({ms:.1f} ms per answer)")
    rows = []
    for step in STEP_KEYS:
        a, s = score.answer_level[step], score.sentence_level[step]
        rows.append([step, f"{a.precision:.2f}", f"{a.recall:.2f}", f"{a.f1:.2f}",
                     f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}"])
    rows.append(["macro", "", "", f"{score.macro_f1('answer'):.3f}", "", "", f"{score.macro_f1('sentence'):.3f}"])
    print(table(rows, ["step", "answer P", "answer R", "answer F1", "sentence P", "sentence R", "sentence F1"]))
    if show_misses:
        for answer_id, step, kind, text in score.misses:
            print(f"  {kind:<14} {step:<10} {answer_id}: {text}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["heldout", "dev", "both"], default="both")
    ap.add_argument("--misses", action="store_true", help="list every disagreement (dev only!)")
    args = ap.parse_args()
    for split in (["dev", "heldout"] if args.split == "both" else [args.split]):
        report(split, args.misses and split == "dev")


if __name__ == "__main__":
    main()
