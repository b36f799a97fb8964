"""Step detection: what counts as evidence, what does not, and the jump-to-options check."""

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.structure.sentences import split_sentences
from interviewer_app.analysis.structure.steps import detect_steps
from interviewer_app.core.steps import STEP_KEYS
from tests.unit.timed import timed_transcript


def steps_of(sentence: str) -> set[str]:
    _, labels = detect_steps(split_sentences(typed_transcript(sentence)))
    return set(labels[0].steps)


@pytest.mark.parametrize("sentence, step", [
    ("The goal is to recover checkout conversion without hurting trust.", "restate"),
    ("Success here means more teams reach their first collaboration within a week.", "restate"),
    ("Before anything, is the target activation, retention or paid conversion?", "restate"),
    ("I'll assume we only have six weeks and one squad, web only.", "scope"),
    ("Pricing is off the table, we can only change the product surface.", "scope"),
    ("Let me map the funnel from signup to first value.", "map"),
    ("Revenue equals active users times conversion times average order value.", "map"),
    ("I'd split the causes into instrumentation, traffic mix, UX regressions and real behavior.", "map"),
    ("I'd segment the drop by platform, app version and acquisition channel.", "bottleneck"),
    ("First I want to confirm the drop is real and not a logging change.", "bottleneck"),
    ("One option is admin-led setup; another option is templates.", "options"),
    ("We could add templates, or we could trigger lifecycle emails.", "options"),
    ("I'd pick the entry point for active teams because it is the fastest to learn from and easy to reverse.", "prioritize"),
    ("In week one we validate instrumentation, and in week two we ship the entry point.", "sequence"),
    ("We ramp to 10% of users, then 50%, with a go/no-go review.", "sequence"),
    ("Guardrails are opt-outs and support tickets, and we roll back if errors spike.", "risks"),
    ("I'd hold a weekly sync with support and name an owner for each metric.", "risks"),
    # everyday words and spoken style (no apostrophes, fillers), as an ASR transcript gives them
    ("What we really want is more people finishing setup and cooking in their first week.", "restate"),
    ("um what id want is like people sending contracts through us instead of printing them", "restate"),
    ("Is this about selling more policies, or policies that stay on the books? Which matters more here?", "restate"),
    ("im gonna assume its just my team for like six weeks and we cant touch prices", "scope"),
    ("I'll leave admissions aside and focus on what happens once students start.", "scope"),
    ("A payout moves through: earnings calculated, tax checks, a payout batch, and the bank transfer.", "map"),
    ("Installing means unboxing, removing the old lock, fitting the new one, and pairing the app.", "map"),
    ("Revenue from ads is users times ad slots seen times fill rate times price.", "map"),
    ("My suspicion is failed first attempts, since we stopped asking for safe places.", "bottleneck"),
    ("id split declines by merchant and by new versus returning customers", "bottleneck"),
    ("Reminders come first because they're nearly free; partial payouts last, since they need legal review.", "prioritize"),
    ("Splitting it wins: self-serve alone would hurt the complex accounts.", "prioritize"),
    ("first thing id wanna know is is this real or did someone change the tracking", "sequence"),
    ("Week two we ship the postcode change to half of new users.", "sequence"),
    ("and watch that skips dont just turn into cancellations later", "risks"),
    ("The scary failure is admins locking themselves out, so every account keeps an emergency login.", "risks"),
])
def test_a_sentence_that_does_the_step_earns_it(sentence, step):
    assert step in steps_of(sentence)


@pytest.mark.parametrize("sentence, step", [
    ("The goal is to ship the dashboard by June.", "restate"),  # an output is not a goal (000)
    ("I don't think there's a bottleneck here, let's just build it.", "bottleneck"),
    ("I would use RICE.", "prioritize"),  # naming a framework is not prioritizing (000)
    ("I'd prioritize by impact, confidence and effort.", "prioritize"),  # naming criteria is not choosing
    ("Thanks, that's a great question.", "restate"),
    ("Our north star is app downloads.", "restate"),  # a vanity metric is not a goal (003)
    ("Success would be shipping the new algorithm by the end of the quarter.", "restate"),
    ("The key metric is matches, which are down 18%.", "restate"),  # the symptom, repeated
    ("I'd look at the data and check the dashboards.", "bottleneck"),  # says nothing about where
    ("First I'd look at the data.", "sequence"),
    ("Week two we ship the postcode change to half of new users.", "options"),  # one committed action
    ("I'll restate, scope, map the funnel, find the bottleneck and cover risks.", "map"),  # an agenda
    ("I'll restate, scope, map the funnel, find the bottleneck and cover risks.", "risks"),
    ("There are many options, and we could be smarter about this.", "options"),
    ("Then we'd manage the risks along the way.", "risks"),
    ("Mapping it, the funnel is a funnel with a top and a bottom.", "map"),
])
def test_a_keyword_without_the_step_does_not_count(sentence, step):
    assert step not in steps_of(sentence)


def test_evidence_carries_the_cue_words_and_their_times():
    t = timed_transcript([("So, the goal is to lift activation for new teams.", 0.5),
                          ("We could add templates or an admin checklist.", 0.5)], start=2.0)
    fb = analyze(t)
    restate = fb.steps["restate"]
    assert restate.heard and restate.first_s == 2.0
    ev = restate.evidence[0]
    assert ev.cue.lower().startswith("the goal is")
    assert ev.start == 2.0 and ev.cue_start == pytest.approx(2.4) and ev.cue_end > ev.cue_start
    assert fb.steps["options"].first_s > restate.first_s
    assert fb.missing_steps == [k for k in STEP_KEYS if k not in ("restate", "options")]


def test_jumping_to_options_is_flagged_only_when_options_come_before_framing():
    jumped = analyze(typed_transcript(
        "We could add a digest email. Another option is fewer pushes. The goal is retention."))
    framed = analyze(typed_transcript(
        "The goal is retention of new users. We could add a digest email."))
    no_options = analyze(typed_transcript("The goal is retention of new users."))
    assert jumped.jumped_to_options and jumped.tips()[0].startswith("You proposed solutions")
    assert not framed.jumped_to_options
    assert not no_options.jumped_to_options


def test_sentences_split_on_punctuation_and_on_long_silence():
    t = timed_transcript([("the goal is retention", 1.5), ("we could add emails.", 0.2), ("Then decide.", 0)])
    sentences = split_sentences(t)
    assert [s.text for s in sentences] == ["the goal is retention", "we could add emails.", "Then decide."]
    assert sentences[1].start == pytest.approx(3.1)
