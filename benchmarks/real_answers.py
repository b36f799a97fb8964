"""Step detection on real candidates' answers next to the team's held-out answers (issue 19).

Run:  .venv/bin/python benchmarks/real_answers.py [--audio] [--misses] [--real-dir DIR]

Prints, side by side in one run, answer-level precision / recall / F1 per step ("was the step
heard in this answer?", what the checklist shows) for:
- team held-out, text: tests/data/structure/heldout, written and labelled apart from the rules
  and the model, scored sentence by sentence as labelled (as benchmarks/structure_f1.py does);
- team held-out, audio (--audio): the same answers spoken by espeak-ng and transcribed by the
  bundled model, then analyze() (cached under .bench-cache, as structure_f1.py --audio);
- real answers, leave one video out: ../shared/realanswers (34 answers, 7 candidates, 7 public
  mock-interview videos). Each answer's text is read as the app reads a pasted transcript (its own
  sentence split). The only thing fitted to real answers is the learned model's eight decision
  thresholds (scripts/train_step_model.py); here they are chosen again without the video under
  test, for each of the seven videos in turn, and the held-out video's answers are scored with
  them. The model's weights never see a real answer;
- real answers, as shipped: the shipped thresholds (chosen with all seven videos) on all 34;
- real answers, cue rules only: without the learned model.
The cue rules were written while reading all seven videos (classes of wording, never their
sentences), so the real-answer figures are development figures: the independent check is the
kept-apart set of further videos that ../shared holds back.
--misses lists every answer-level disagreement on the real answers (never for held-out).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from common import ROOT, table

from evaluation.harness import (
    Counts,
    choose_thresholds,
    load_answers,
    load_real_answers,
    real_answer_sentences,
    score_answers,
    sentence_evidence,
    steps_heard,
    threshold_curve,
)
from interviewer_app.analysis.structure.step_model import load_model
from interviewer_app.core.steps import STEP_KEYS


def real_counts(real, model, thresholds_for) -> tuple[dict[str, Counts], list]:
    """Answer-level counts over the real answers; thresholds_for(answer) gives the thresholds
    to score that answer with (None: cue rules only)."""
    counts = {k: Counts() for k in STEP_KEYS}
    misses = []
    for a in real:
        th = thresholds_for(a)
        sentences = real_answer_sentences(a)
        heard = (steps_heard(sentences, use_model=False) if th is None
                 else steps_heard(sentences, model=model.with_thresholds(th)))
        for step in STEP_KEYS:
            counts[step].add(step in heard, step in a.truth)
            if (step in heard) != (step in a.truth):
                misses.append((a.id, step, "false positive" if step in heard else "missed"))
    return counts, misses


def leave_one_video_out(real, model) -> dict[str, dict[str, float]]:
    """Per video, the thresholds chosen without it (team cross-validated F1 + the other videos)."""
    tuning = model.tuning
    if not tuning:
        raise SystemExit("the step model has no tuning record: retrain it with scripts/train_step_model.py")
    grid, team = tuning["grid"], tuning["team_cv_f1"]
    evidence = {a.id: sentence_evidence(real_answer_sentences(a), model) for a in real}
    chosen = {}
    for video in sorted({a.video for a in real}):
        others = [a for a in real if a.video != video]
        curve = {step: threshold_curve([evidence[a.id] for a in others], [a.truth for a in others],
                                       step, grid) for step in STEP_KEYS}
        chosen[video] = choose_thresholds(grid, team, curve)
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--audio", action="store_true", help="also the team held-out answers spoken and transcribed")
    ap.add_argument("--misses", action="store_true", help="list the disagreements on the real answers")
    ap.add_argument("--real-dir", type=Path, default=None, help="default: ../shared/realanswers")
    args = ap.parse_args()
    real = load_real_answers(args.real_dir)
    if not real:
        raise SystemExit("no real answers: put ../shared/realanswers beside the project or pass --real-dir")
    model = load_model()
    heldout = load_answers(ROOT / "tests" / "data" / "structure" / "heldout")
    columns = {"team held-out text": score_answers(heldout).answer_level}
    if args.audio:
        from structure_f1 import audio_counts

        columns["team held-out audio"], _misses, summary = audio_counts("heldout", heldout)
        print(summary)
    per_video = leave_one_video_out(real, model)
    lovo, lovo_misses = real_counts(real, model, lambda a: per_video[a.video])
    columns["real, leave one video out"] = lovo
    columns["real, as shipped"], _ = real_counts(real, model, lambda a: model.threshold)
    columns["real, cue rules only"], _ = real_counts(real, model, lambda a: None)

    videos = len({a.video for a in real})
    print(f"\nteam held-out: {len(heldout)} answers; real: {len(real)} answers from {videos} videos "
          f"(../shared/realanswers)\nanswer level (was the step heard?), precision / recall / F1")
    rows = []
    for step in STEP_KEYS:
        rows.append([step] + [f"{c[step].precision:.2f} / {c[step].recall:.2f} / {c[step].f1:.2f}"
                              for c in columns.values()])
    rows.append(["macro F1"] + [f"{sum(c[k].f1 for k in STEP_KEYS) / len(STEP_KEYS):.3f}"
                                for c in columns.values()])
    print(table(rows, ["step", *columns]))
    print("\nthresholds (shipped; leave-one-video-out range):")
    for step in STEP_KEYS:
        chosen = sorted({th[step] for th in per_video.values()})
        print(f"  {step:<10} {model.threshold[step]:.2f}  ({', '.join(f'{t:.2f}' for t in chosen)})")
    if args.misses:
        for answer_id, step, kind in sorted(lovo_misses):
            print(f"  real {kind:<14} {step:<10} {answer_id}")


if __name__ == "__main__":
    main()
