"""The answer-first check's call finder (analysis/structure/recommendation.py) on the team's answers
and on real candidates' answers, side by side (issue 24).

Run:  .venv/bin/python benchmarks/recommendation.py [--show]

No set is labelled with "the recommendation" itself, so this prints what can be checked against
the step labels of docs/structure-labeling.md: how many answers state a call, how many sentences
are taken as the call, and how many of those the labellers marked prioritize (a choice, or the
reason for one), the step a call belongs to. A call labelled otherwise is not necessarily wrong
("I'd pause the payouts today" is labelled sequence), so the share is a floor on precision;
--show prints the sentences taken as calls that carry no prioritize label, to read.
Team: tests/data/structure/{dev,heldout} (written by the team). Real: ../shared/realanswers
(34 answers of 7 candidates in public mock interviews; read from there, never copied).
"""

from __future__ import annotations

import argparse
import json

from common import ROOT

from evaluation.harness import REAL_ANSWERS
from interviewer_app.analysis.structure.recommendation import recommendation_cue


def answers_of(split: str) -> list[list[dict]]:
    return [json.loads(p.read_text())["sentences"]
            for p in sorted((ROOT / "tests" / "data" / "structure" / split).glob("*.json"))]


def real_answers() -> list[list[dict]]:
    labels = REAL_ANSWERS / "labels.json"
    return [a["sentences"] for a in json.loads(labels.read_text())] if labels.is_file() else []


def measure(answers: list[list[dict]], show: bool, name: str) -> tuple[int, int, int, int, int]:
    """(answers, answers with a call, call sentences, of which labelled prioritize, answers with prioritize)."""
    with_call = calls = prioritize = with_prioritize = 0
    for sentences in answers:
        found = False
        with_prioritize += any("prioritize" in s["steps"] for s in sentences)
        for s in sentences:
            if recommendation_cue(s["text"]) is None:
                continue
            found, calls = True, calls + 1
            prioritize += "prioritize" in s["steps"]
            if show and "prioritize" not in s["steps"] and name != "real":
                print(f"  [{name}] {', '.join(s['steps']) or 'no step'}: {s['text'][:140]}")
        with_call += found
    return len(answers), with_call, calls, prioritize, with_prioritize


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true",
                    help="print the team's sentences taken as calls without a prioritize label")
    args = ap.parse_args()
    sets = [("team dev", answers_of("dev")), ("team held-out", answers_of("heldout")), ("real", real_answers())]
    print(f"{'set':<14} {'answers':>7} {'with a call':>12} {'with prioritize':>16} {'call sentences':>15} "
          f"{'labelled prioritize':>20}")
    for name, answers in sets:
        if not answers:
            print(f"{name:<14} not found (../shared/realanswers beside the project)")
            continue
        n, with_call, calls, prio, with_prio = measure(answers, args.show, name)
        share = f"{prio} ({prio / calls:.0%})" if calls else "-"
        print(f"{name:<14} {n:>7} {with_call:>12} {with_prio:>16} {calls:>15} {share:>20}")


if __name__ == "__main__":
    main()
