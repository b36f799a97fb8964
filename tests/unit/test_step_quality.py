"""Step detection quality on the labelled answers, and the learned model's explanations.
The held-out answers were written by someone who never saw the rules; nothing is tuned on them."""

import json
from pathlib import Path

import pytest

from evaluation.harness import load_answers, score_answers
from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.structure.step_model import load_model, read_model_file

DATA = Path(__file__).resolve().parents[1] / "data" / "structure"


def test_held_out_answer_level_macro_f1_meets_the_target():
    score = score_answers(load_answers(DATA / "heldout"))
    assert score.answers >= 80
    per_step = {k: round(c.f1, 2) for k, c in score.answer_level.items()}
    # issue 7 asks 0.90 with no step under 0.80; measured 0.915, lowest step 0.88 (session 7)
    assert score.macro_f1("answer") >= 0.90 and min(per_step.values()) >= 0.85, per_step


def test_dev_split_is_learned_well_but_not_perfectly():
    score = score_answers(load_answers(DATA / "dev"))
    assert 0.88 <= score.macro_f1("answer") < 1.0


def test_the_learned_model_explains_itself_with_words_from_the_sentence():
    assert load_model() is not None
    learned = []
    for text in ("Honestly the piece everything else is waiting on is the permissions service.",
                 "The mid-trial email is cheap, so marketing can run it without pulling on my team."):
        fb = analyze(typed_transcript(text))
        learned += [e for r in fb.steps.values() for e in r.evidence if e.rule.startswith("worded like")]
    assert learned  # the model did speak, so its explanation is checked
    for ev in learned:
        assert ev.cue and ev.cue.lower() in ev.text.lower()
        quoted = ev.rule[ev.rule.index("(") + 1:-1]
        assert all(q.strip("'").lower() in ev.text.lower() for q in quoted.split(", ")), ev.rule


@pytest.mark.parametrize("sentence, step", [
    ("I don't think there's a bottleneck here, let's just build it.", "bottleneck"),
    ("The goal is to ship the dashboard by June.", "restate"),
    ("Everything here is a priority, so I'd prioritize all of it.", "prioritize"),
    ("Risks are manageable.", "risks"),
    ("The risk is basically zero because it's an additive feature.", "risks"),
])
def test_a_cancelling_rule_also_stops_the_model(sentence, step):
    assert step not in analyze(typed_transcript(sentence)).labels[0].steps


@pytest.mark.parametrize("sentence, step", [
    # everyday wording from the answers of three later dev authors: product context, a goal said
    # plainly, a fix for each possible cause, a watched metric with its reason
    ("uh so six weeks for a referral program and let's say this is for like a mobile banking app", "scope"),
    ("Two goals, in order: keep those accounts, and get p99 back inside the SLA for everyone.", "restate"),
    ("if it's approval then like auto approve swaps between same role same unit", "options"),
    ("but I'd watch picks per hour cause if the scan slows people down the managers will turn it off", "risks"),
])
def test_steps_said_in_everyday_words_are_heard(sentence, step):
    assert step in analyze(typed_transcript(sentence)).labels[0].steps


def test_the_model_file_reads_back_exactly_as_training_wrote_it():
    """The app keeps the weights in one compact table; writing it out again gives the same file
    content, so what was trained is what runs."""
    data, model = read_model_file(), load_model()
    assert json.loads(model.to_json()) == data
    assert model.n_weights == sum(len(w) for w in data["weights"].values()) > 0
