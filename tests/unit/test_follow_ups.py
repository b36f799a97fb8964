"""Follow-up questions chosen from what an analysed answer lacked: which rule, why, in what order,
never twice in a session; on realistic typed answers run through analysis.feedback.analyze."""

import re
from pathlib import Path

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.core.models import Prompt
from interviewer_app.core.prompts import PromptBank
from interviewer_app.core.steps import GUIDE_FILES
from interviewer_app.mock.follow_ups import (
    GENERAL_TWIST,
    GENERAL_TWISTS,
    PROMPT_TWIST,
    RULES,
    AnswerGaps,
    FollowUpPicker,
    addressed,
    choose_follow_ups,
    follow_up_prompt,
    gap_follow_ups,
)

GUIDES = Path(__file__).resolve().parents[3] / "shared" / "guides"

# A scenario answer that frames, diagnoses, chooses and sequences, but names no risk, guardrail,
# rollback or escalation (step 8 of guide 000 is missing).
NO_RISKS = (
    "The goal is to recover onboarding completion, measured by the share of new signups who finish "
    "onboarding, which fell from 60% to 45%. "
    "I'll assume we have six weeks and one squad, and we can only change product surfaces. "
    "Let me map the funnel: signup, verification, profile setup, first project, and invite teammates. "
    "First I'd check whether tracking changed in the redesign, then segment the drop by platform and "
    "acquisition channel to find the step where completion fell. "
    "We could shorten the profile step, we could make the invite step optional, or we could add a progress bar. "
    "I'd pick making the invite step optional first, because it is cheap, reversible and targets the "
    "step with the biggest drop. "
    "In week one we validate tracking and segments, in week two we ship the change to half of new "
    "users, and at the end of week three we decide whether to keep it.")
# The same answer with guardrails, rollback, escalation, a trade-off and an edge case added.
COMPLETE = NO_RISKS + (
    " Our guardrail is the support ticket rate, and if activation drops below 40% we roll back. "
    "If design and engineering can't agree on the change by Friday, I'll escalate to the director of product. "
    "Sales would lose the invite-driven upsell for a while, which is worth it for new users. "
    "One edge case is fake accounts abusing the skipped invite step, so we'd watch for spam.")
# A past story where the team is the actor and no number is given.
WE_STORY = (
    "Last year we were launching a new checkout flow and the project slipped three weeks behind. "
    "We had a compliance issue with the payment provider. "
    "The team cut some scope and we moved two engineers from another project. "
    "We negotiated an incremental release with legal and we shipped the core flow. "
    "In the end we got it out and the feedback was good.")
# A story told with 'I' and an escalation, but no measurable result.
I_STORY_NO_NUMBERS = (
    "Last spring I was the PM for a payments launch that slipped three weeks because of a compliance review. "
    "I cut the saved cards feature and I moved two engineers from a lower priority project. "
    "I negotiated an incremental release with legal so the core flow could ship first. "
    "When the security team disagreed about the release plan, I escalated to my director and we "
    "agreed on a date that week. "
    "In the end we shipped the core flow on time and the rest followed later.")


@pytest.fixture(scope="module")
def bank():
    return PromptBank.load()


def gaps_of(bank, text, prompt_id):
    return AnswerGaps.from_feedback(analyze(typed_transcript(text), prompt=bank.get(prompt_id)))


def test_an_answer_without_risks_is_asked_for_a_guardrail_because_risks_was_not_heard(bank):
    gaps = gaps_of(bank, NO_RISKS, "onboarding-drop-after-redesign")
    assert gaps.kind == "scenario" and gaps.missing_steps == {"risks"}
    first = choose_follow_ups(gaps)[0]
    assert first.rule == "risks"
    assert first.question == "What would you watch as a guardrail while this rolls out?"
    assert "*risks and cadence* (step 8)" in first.reason and "was not heard" in first.reason
    assert "guide 000" in first.reason and first.guide_file == GUIDE_FILES["000"]
    assert first.gaps == ("risks",)


def test_a_we_story_is_asked_what_you_personally_decided(bank):
    gaps = gaps_of(bank, WE_STORY, "launch-delayed-what-did-you-do")
    assert gaps.kind == "story"
    chosen = choose_follow_ups(gaps)
    assert [f.rule for f in chosen] == ["ownership", "result", PROMPT_TWIST]
    own = chosen[0]
    assert own.question == "What did you personally decide, rather than the team?"
    assert "'we' and 'the team' did most of the acting" in own.reason and "'we'/'the team' 7 times" in own.reason and "guide 002" in own.reason
    assert chosen[1].question.startswith("What was the measurable result?")
    assert "a measurable result or baseline was not heard" in chosen[1].reason
    # the last slot is the prompt's own first scenario twist
    assert chosen[2].question == PromptBank.load().get("launch-delayed-what-did-you-do").follow_ups[0]


def test_a_story_with_ownership_but_no_number_is_asked_for_the_result(bank):
    gaps = gaps_of(bank, I_STORY_NO_NUMBERS, "launch-delayed-what-did-you-do")
    rules = [f.rule for f in gap_follow_ups(gaps)]
    assert "ownership" not in rules and "escalation" not in rules  # 'I' told it, and escalated
    assert rules[0] == "result"


def test_no_escalation_path_asks_what_if_engineering_pushed_back(bank):
    gaps = gaps_of(bank, NO_RISKS, "onboarding-drop-after-redesign")
    escalation = next(f for f in gap_follow_ups(gaps) if f.rule == "escalation")
    assert escalation.question.startswith("What if engineering pushed back")
    assert "an escalation path was not heard" in escalation.reason
    done = gaps_of(bank, COMPLETE, "onboarding-drop-after-redesign")
    assert "escalation" not in [f.rule for f in gap_follow_ups(done)]


def test_priority_is_the_order_of_the_rules(bank):
    # missing the goal as well: the goal is asked before the guardrail, then escalation
    no_goal = NO_RISKS.split(". ", 1)[1]
    gaps = gaps_of(bank, no_goal, "onboarding-drop-after-redesign")
    rules = [f.rule for f in gap_follow_ups(gaps)]
    assert rules[:3] == ["goal", "risks", "escalation"]
    order = [r.key for r in RULES]
    assert rules == sorted(rules, key=order.index)
    chosen = choose_follow_ups(gaps, limit=3)
    assert [f.rule for f in chosen] == ["goal", "risks", PROMPT_TWIST]  # last slot kept for a twist


def test_limits_one_two_and_three(bank):
    gaps = gaps_of(bank, WE_STORY, "launch-delayed-what-did-you-do")
    assert [f.rule for f in choose_follow_ups(gaps, limit=1)] == ["ownership"]
    assert [f.rule for f in choose_follow_ups(gaps, limit=2)] == ["ownership", PROMPT_TWIST]  # Amazon's 1-2
    assert choose_follow_ups(gaps, limit=0) == []


def test_a_complete_answer_gets_the_prompts_own_twists(bank):
    prompt = bank.get("onboarding-drop-after-redesign")
    gaps = gaps_of(bank, COMPLETE, prompt.id)
    assert gaps.missing_steps == frozenset()
    chosen = choose_follow_ups(gaps, limit=3)
    gap_rules = [f.rule for f in chosen if f.rule not in (PROMPT_TWIST, GENERAL_TWIST)]
    assert len(gap_rules) <= 1  # little is missing, so the twists take the slots
    twists = [f.question for f in chosen if f.rule == PROMPT_TWIST]
    assert twists == list(prompt.follow_ups[:len(twists)]) and twists
    assert all("a twist written for this prompt" in f.reason and "guide 003" in f.reason
               for f in chosen if f.rule == PROMPT_TWIST)


def test_no_question_is_asked_twice_in_a_session(bank):
    picker = FollowUpPicker()
    prompt_id = "launch-delayed-what-did-you-do"
    rounds = [picker.choose(gaps_of(bank, WE_STORY, prompt_id), 3) for _ in range(6)]
    asked = [f.question for r in rounds for f in r]
    assert len(asked) == len(set(asked))
    # the same gap is asked about in new words, until its phrasings run out
    ownership = [f.question for r in rounds for f in r if f.rule == "ownership"]
    assert len(ownership) == 3 and len(set(ownership)) == 3
    assert rounds[0][0].rule == "ownership" and rounds[3][0].rule != "ownership"
    # the prompt's twists are used once each, then general twists (guide 000, day 5) take over
    twists = [f for r in rounds for f in r if f.rule in (PROMPT_TWIST, GENERAL_TWIST)]
    n_prompt = len(bank.get(prompt_id).follow_ups)
    assert [f.rule for f in twists[:n_prompt]] == [PROMPT_TWIST] * n_prompt
    assert twists[n_prompt].rule == GENERAL_TWIST and twists[n_prompt].question in GENERAL_TWISTS["story"]


def test_nothing_is_asked_after_silence(bank):
    gaps = AnswerGaps.from_feedback(analyze(typed_transcript(""), prompt=bank.get("legacy-migration-plan")))
    assert gaps.no_speech and choose_follow_ups(gaps) == []


def test_a_prompt_without_follow_ups_gets_a_general_twist():
    own = Prompt(id="my-own-prompt", text="How would you launch our new search?", category="launch-plan",
                 framework="8-step", hint="Think about it.", source="your own")
    gaps = AnswerGaps.from_feedback(analyze(typed_transcript(NO_RISKS), prompt=own))
    chosen = choose_follow_ups(gaps, limit=3)
    assert chosen[-1].rule == GENERAL_TWIST and chosen[-1].question in GENERAL_TWISTS["scenario"]
    assert "guide 000" in chosen[-1].reason and "day 5" in chosen[-1].reason


def test_gaps_from_the_json_match_gaps_from_the_feedback(bank):
    for text, prompt_id in ((WE_STORY, "launch-delayed-what-did-you-do"),
                            (NO_RISKS, "onboarding-drop-after-redesign")):
        fb = analyze(typed_transcript(text), prompt=bank.get(prompt_id))
        from_json = AnswerGaps.from_dict(fb.to_dict())
        assert from_json.kind == AnswerGaps.from_feedback(fb).kind
        assert gap_follow_ups(from_json) == gap_follow_ups(AnswerGaps.from_feedback(fb))


def test_an_answer_with_no_prompt_is_judged_by_how_it_is_told():
    assert AnswerGaps.from_feedback(analyze(typed_transcript(WE_STORY))).kind == "story"
    assert AnswerGaps.from_feedback(analyze(typed_transcript(NO_RISKS))).kind == "scenario"


def test_a_follow_up_answer_that_fills_the_gap_is_marked_addressed(bank):
    main = gaps_of(bank, WE_STORY, "launch-delayed-what-did-you-do")
    own, result, twist = choose_follow_ups(main)
    prompt = follow_up_prompt(bank.get("launch-delayed-what-did-you-do"), result)
    assert (prompt.id, prompt.category, prompt.text) == ("launch-delayed-what-did-you-do", "behavioral", result.question)
    good = AnswerGaps.from_feedback(analyze(typed_transcript(
        "I personally decided to cut saved cards, and checkout conversion went from 61% to 68% in a month."),
        prompt=prompt))
    vague = AnswerGaps.from_feedback(analyze(typed_transcript(
        "It went well and everyone was happy with how it turned out."), prompt=prompt))
    assert addressed(result, good) is True and addressed(own, good) is True
    assert addressed(result, vague) is False
    assert addressed(twist, good) is None  # a twist asks something new, not a gap


def test_every_rule_cites_a_real_section_of_its_guide():
    if not GUIDES.exists():
        pytest.skip("../shared/guides not beside the repo")
    for rule in RULES:
        text = (GUIDES / GUIDE_FILES[rule.guide]).read_text()
        quoted = re.findall(r'"([^"]+)"', rule.where)
        mistake = re.match(r"mistake #(\d)", rule.where)
        assert quoted or mistake, rule.key
        for title in quoted:
            assert title in text, (rule.key, title)
        if mistake:
            assert f"Mistake #{mistake.group(1)}" in text, rule.key


def test_questions_are_in_our_own_words():
    """No run of 8 words of a follow-up question is copied from a guide."""
    if not GUIDES.exists():
        pytest.skip("../shared/guides not beside the repo")
    corpus = " ".join(" ".join(re.sub(r"[^a-z0-9 ]", " ", g.read_text().lower()).split())
                      for g in GUIDES.glob("*.txt"))
    questions = [q for r in RULES for qs in r.questions.values() for q in qs]
    questions += [q for qs in GENERAL_TWISTS.values() for q in qs]
    for q in questions:
        words = re.sub(r"[^a-z0-9 ]", " ", q.lower()).split()
        for i in range(len(words) - 7):
            assert " ".join(words[i:i + 8]) not in corpus, q
