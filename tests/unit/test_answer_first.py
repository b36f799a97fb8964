"""Answer first (issue 24): when a plan first commits to a recommendation, and a flag when a timed
answer leaves it past the halfway mark of its budget. Sentences are our own, written in the way
people speak in mock interviews (lowercase, fillers, restarts, questions to the interviewer)."""

from __future__ import annotations

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.feedback.view import feedback_view
from interviewer_app.analysis.structure.recommendation import recommendation_cue
from interviewer_app.cli.report import view_report
from interviewer_app.core.models import Budget, Prompt
from tests.unit.timed import timed_transcript

CALLS = [
    ("I'd recommend we ship the reminder email first because it's cheap and easy to undo.", "I'd recommend"),
    ("so my recommendation is to pause the referral payouts today", "my recommendation"),
    ("um so my call here is we hold the launch a week", "my call here is"),
    ("i'd i'd go with the import fix since it hits the most teams", "go with"),
    ("we should delay the launch until the crash rate is back under one percent", "we should delay"),
    ("honestly i'd roll it back right now and keep digging after", "i'd roll it back"),
    ("i would not change anything on the pricing for now", "i would not change"),
    ("bottom line, the checklist fix, because it moves activation fastest", "bottom line"),
    ("I'd prioritize the offline mode for the field teams over the new dashboard.", "I'd prioritize"),
    ("if I had to pick one right now it'd be the onboarding checklist", "if I had to pick"),
    ("the seat reminder goes first cause it's like a day of work", "goes first"),
    ("The smaller rollout is my call, since we can widen it later.", "is my call"),
    ("so yeah the bundle, that's where i'd land", "where i'd land"),
    ("id go for the help article cause it doesnt need a release", "id go for"),
    ("i'd do the export fix first and the dashboard after", "i'd do the export fix first"),
]

NOT_CALLS = [
    # proposals, not commitments
    "we could add a reminder or maybe simplify the sign up",
    "one option is to pause the payouts, another is to cap them",
    # how to decide, not what
    "i'd prioritize by impact and effort like always",
    "I'd prioritize using a simple scorecard",
    "we'd pick the best one and run with it",
    "the way i'd prioritize them is cost first then reach",
    # talked about, not made
    "then we decide whether we should launch to everyone",
    "before i recommend anything i want to see the funnel",
    "if we ship it without the fix support tickets will go up",
    # a question to the interviewer
    "would you want me to recommend one or keep going?",
    "is it okay if i pick the metric first?",
    # a goal or metric chosen is the restate step, not the call
    "I'll go with weekly active teams as the north star",
    "the metric i'd pick is repeat bookings per guest",
    # a guess about the cause
    "my guess is the drop comes from the new login screen",
    "and that's my bet for why the enterprise teams stall",
    # "wins" that chooses nothing
    "we keep it simple, last write wins.",
    "some quick wins would be a reminder and a shorter form",
    "i'd try to figure out which step lost the most people",
]


@pytest.mark.parametrize("text,cue", CALLS)
def test_a_call_is_found_with_the_words_that_make_it(text, cue):
    span = recommendation_cue(text)
    assert span is not None, text
    assert cue.lower() in text[span[0]:span[1]].lower()


@pytest.mark.parametrize("text", NOT_CALLS)
def test_proposals_methods_questions_and_goal_choices_are_not_calls(text):
    assert recommendation_cue(text) is None, text


PLAN = [
    ("so the goal is weekly active teams and i'll assume we only mean the web app", 1.0),
    ("the funnel goes invite then sign up then first project then second week", 1.0),
    ("my hunch is the drop sits at the invite step since the email changed last week", 1.0),
    ("we could fix the email, add a reminder, or simplify the sign up", 1.0),
]
CALL = ("so i'd recommend we ship the email fix first because it's cheap and easy to undo", 1.0)


def plan_feedback(early: bool, budget_s: float = 50.0) -> dict:
    parts = [PLAN[0], CALL, *PLAN[1:]] if early else [*PLAN, CALL]
    return analyze(timed_transcript(parts, word_s=0.4), Budget(budget_s)).to_dict()


def test_a_late_call_in_a_timed_answer_is_flagged_with_when_it_came():
    d = plan_feedback(early=False)
    r = d["recommendation"]
    assert r["stated"] and r["midpoint_s"] == 25.0 and r["late"] is True
    assert r["first_s"] > 25.0 and r["quote"].startswith("i'd recommend we ship the email fix")
    v = feedback_view(d)
    line = v.pacing.recommendation.line
    assert "after the halfway mark (0:25)" in line and f"{int(r['first_s'] // 60)}:{int(r['first_s'] % 60):02d}" in line
    tip = [t for t in v.structure.tips if t.title == "Recommendation"]
    assert len(tip) == 1 and "past the halfway mark (0:25) of the 0:50 budget" in tip[0].text and tip[0].guide == "004"
    assert any(t.startswith("Recommendation:") for t in d["tips"])  # the JSON's tips carry it too


def test_an_early_call_is_said_and_not_flagged():
    d = plan_feedback(early=True)
    assert d["recommendation"]["late"] is False
    v = feedback_view(d)
    assert "before the halfway mark (0:25)" in v.pacing.recommendation.line
    assert not any(t.title == "Recommendation" for t in v.structure.tips)


def test_a_plan_without_a_call_says_none_was_heard_without_a_second_tip():
    d = analyze(timed_transcript(PLAN, word_s=0.4), Budget(60)).to_dict()
    assert d["recommendation"]["stated"] is False and d["recommendation"]["late"] is None
    v = feedback_view(d)
    assert v.pacing.recommendation.line.startswith("recommendation: none heard")
    assert not any(t.title == "Recommendation" for t in v.structure.tips)  # the prioritize tip covers it


def test_without_a_budget_or_times_the_call_is_said_but_not_judged():
    d = analyze(timed_transcript([*PLAN, CALL], word_s=0.4)).to_dict()
    assert d["recommendation"]["late"] is None and d["recommendation"]["midpoint_s"] is None
    assert "halfway" not in feedback_view(d).pacing.recommendation.line
    typed = analyze(typed_transcript(" ".join(p for p, _ in [*PLAN, CALL])), Budget(60)).to_dict()
    assert typed["recommendation"]["first_s"] is None and typed["recommendation"]["late"] is None
    assert feedback_view(typed).pacing.recommendation.line.startswith('recommendation first stated: "i\'d recommend')


def test_stories_focus_drills_and_old_answers_get_no_recommendation_line():
    story = Prompt("late", "Tell me about a time your project was off track.", "behavioral", "care", "", "")
    d = analyze(timed_transcript([*PLAN, CALL], word_s=0.4), Budget(60), story).to_dict()
    assert feedback_view(d).pacing.recommendation is None
    d = plan_feedback(early=False)
    assert feedback_view(dict(d, focus=["restate", "scope"])).pacing.recommendation is None
    old = {k: v for k, v in d.items() if k != "recommendation"}  # saved before the check existed
    assert feedback_view(old).pacing.recommendation is None
    assert not any(t.title == "Recommendation" for t in feedback_view(old).structure.tips)


def test_the_cli_report_says_when_the_call_came():
    text = view_report(feedback_view(plan_feedback(early=False)), "answer.wav")
    line = next(line for line in text.splitlines() if "recommendation first stated" in line)
    assert "after the halfway mark" in line
    assert "Recommendation: it first came at" in text
