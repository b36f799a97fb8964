"""Step detection quality on the labelled answers: per-step precision / recall / F1.

Run:  .venv/bin/python benchmarks/structure_f1.py [--split heldout|dev|lockbox] [--misses] [--audio]

The held-out split (tests/data/structure/heldout) was written and labelled separately from the
rules and is never used to tune them; the dev split is. Answer level = "was the step heard in
this answer?" (what the checklist shows); sentence level = "is this sentence evidence?".
--split lockbox scores tests/data/structure/lockbox, answers kept unseen until a change is final
and then scored once to decide it (see the README there).
Target (issue 3): answer-level macro-F1 >= 0.85 on held-out.

--audio also speaks every answer of the split with espeak-ng (its sentences joined by short
pauses), transcribes it with the bundled tiny.en model exactly as the app does (spoken_answers.py),
runs analyze() on that transcript and scores the steps heard against the answer's labels (a step
is present in the answer when any of its sentences has it). Transcripts are cached under
.bench-cache/structure-audio/<split>/<id>.json, keyed by a hash of the text and the speech and
model settings, so a rerun only transcribes answers that changed. Text and audio figures are
printed side by side, with the split's WER. For an honest estimate of how the learned model generalises on dev, use
cross-validation: scripts/train_step_model.py --cv.
"""

from __future__ import annotations

import time

from common import ROOT, analyze_timing, run_labelled_splits, table
from spoken_answers import SpokenAnswers, require_espeak

from evaluation.harness import AUDIO_CACHE, Counts, load_answers, score_answers
from interviewer_app.core.steps import STEP_KEYS


def report(split: str, show_misses: bool, audio: bool) -> None:
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
    if audio:
        audio_report(split, answers, score, show_misses)


def audio_counts(split: str, answers: list[dict]):
    """Answer-level counts per step for the split's answers spoken by espeak-ng and transcribed by
    the bundled model (cached), with the list of misses and a one-line summary."""
    from interviewer_app.analysis.feedback.answer import analyze

    require_espeak()
    spoken = SpokenAnswers(AUDIO_CACHE / split)
    counts = {k: Counts() for k in STEP_KEYS}
    misses, analyze_s = [], []
    for answer in answers:
        transcript = spoken.transcript(answer)
        t0 = time.perf_counter()
        fb = analyze(transcript)
        analyze_s.append(time.perf_counter() - t0)
        truth = {step for s in answer["sentences"] for step in s["steps"]}
        for step in STEP_KEYS:
            heard = fb.steps[step].heard
            counts[step].add(heard, step in truth)
            if heard != (step in truth):
                misses.append((answer["id"], step, "false positive" if heard else "missed"))
    return counts, misses, f"{spoken.summary(split)}; {analyze_timing(analyze_s)}"


def audio_report(split: str, answers: list[dict], text_score, show_misses: bool) -> None:
    counts, misses, summary = audio_counts(split, answers)
    print(f"\n{summary}")
    rows = []
    for step in STEP_KEYS:
        t, a = text_score.answer_level[step], counts[step]
        rows.append([step, f"{t.precision:.2f}", f"{t.recall:.2f}", f"{t.f1:.2f}",
                     f"{a.precision:.2f}", f"{a.recall:.2f}", f"{a.f1:.2f}"])
    audio_macro = sum(c.f1 for c in counts.values()) / len(counts)
    rows.append(["macro", "", "", f"{text_score.macro_f1('answer'):.3f}", "", "", f"{audio_macro:.3f}"])
    print(table(rows, ["step (answer level)", "text P", "text R", "text F1", "audio P", "audio R", "audio F1"]))
    if show_misses:
        for answer_id, step, kind in misses:
            print(f"  audio {kind:<14} {step:<10} {answer_id}")


def main() -> None:
    run_labelled_splits(report, extra_splits=("lockbox",))


if __name__ == "__main__":
    main()
