"""Framework parts: the prompt's own framework (C.A.R.E., METER, CAUSE, VALUE or the 8 steps) and
the metric levels of guides 001 and 000, with evidence."""

import pytest

from interviewer_app.analysis.content.frameworks import CARE_TIPS, FRAMEWORK_SPECS, detect_framework
from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.core.models import Prompt
from interviewer_app.core.prompts import FRAMEWORKS, PromptBank
from interviewer_app.core.steps import GUIDE_FILES, STEP_KEYS
from tests.unit.timed import timed_transcript


def prompt(framework: str, category: str = "metric-drop", text: str = "A metric moved. What do you do?") -> Prompt:
    return Prompt("p", text, category, framework, "", "")


def parts_of(text: str, p: Prompt | None) -> dict[str, bool]:
    fw = analyze(typed_transcript(text), prompt=p).framework.framework
    return {part.key: part.heard for part in fw.parts}


CARE_STORY = ("Last spring I was the PM for a new invoicing flow at a payments startup, due on April 12 with two "
              "engineering pods. Three weeks out, our security review found a PCI problem. I moved two engineers "
              "off the reporting project and put them on the data cleanup. I escalated to our head of engineering "
              "and the compliance lead the same day. Invoice completion went from 71 percent to 84 percent in the "
              "first month.")
METER_ANSWER = ("First I'd make sure we agree on what DAU means here, whether that's any app open or a logged-in "
                "session. Step one is confirming the drop in raw event logs, not just the dashboard. If it's real, "
                "I'd segment by platform, app version and country. Then I'd find which step of the journey fell "
                "first: login, feed load, or the first post. If login success fell, I'd roll back the release and "
                "add an alert on login success by app version.")


def test_every_framework_a_prompt_can_name_is_detected():
    bank_frameworks = {p.framework for p in PromptBank.load().prompts}
    assert bank_frameworks <= set(FRAMEWORKS)
    for key in FRAMEWORKS:
        fb = analyze(typed_transcript("The goal is retention. I'd segment by platform."), prompt=prompt(key))
        result = fb.framework.framework
        assert result.key == key and result.parts and result.source in GUIDE_FILES
    assert set(FRAMEWORK_SPECS) == set(FRAMEWORKS) - {"8-step"}


def test_a_care_story_names_its_four_parts_with_evidence():
    fw = analyze(typed_transcript(CARE_STORY), prompt=prompt("care", "behavioral")).framework.framework
    assert fw.name == "C.A.R.E." and fw.source == "002" and fw.heard == ["context", "action", "result", "escalation"]
    assert fw.part("action").evidence[0].cue.lower().startswith("i moved")
    assert "71 percent" in fw.part("result").evidence[0].text
    assert "escalated" in fw.part("escalation").evidence[0].text


def test_a_we_story_has_no_action_and_a_hypothetical_answer_has_no_story():
    we = ("So at my last company we were building a new mobile checkout and we were a month behind. The team cut "
          "some features. Engineering handled the performance problems. In the end we launched two weeks late.")
    parts = parts_of(we, prompt("care", "behavioral"))
    assert parts["context"] and parts["result"] and not parts["action"]
    would = ("If my launch was delayed, I would first sit down with engineering. I'd then figure out what to cut. "
             "I would tell my manager right away. And I would set up a daily check-in.")
    assert not any(parts_of(would, prompt("care", "behavioral")).values())
    # a how-do-you C.A.R.E. prompt is answered with what one would do: that is the action
    how = "I'd write down who's blocked on what. I'd pick the item that unblocks three teams first."
    assert parts_of(how, prompt("care", "prioritization"))["action"]


def test_meter_parts_and_the_times_of_their_evidence():
    parts = parts_of(METER_ANSWER, prompt("meter"))
    assert all(parts.values()), parts
    t = timed_transcript([("The metric dropped.", 1.5), ("I'd segment by platform and app version.", 0)], start=1.0)
    seg = analyze(t, prompt=prompt("meter")).framework.framework.part("segments")
    assert seg.heard and seg.evidence[0].start == pytest.approx(1.0 + 3 * 0.4 + 1.5)
    assert seg.evidence[0].cue == "by platform"
    weak = parts_of("Okay, so DAU dropped twelve percent, that's a lot. I'd get everyone together and brainstorm.",
                    prompt("meter"))
    assert not any(weak.values())


def test_cause_and_value_parts():
    cause = ("First, is the jump real, or did a new contact form start tagging more tickets? Then I'd see where it "
             "concentrates by payment method and country. I'd walk the payment journey and find the first step "
             "where failures depart from baseline. Next, what changed in that window, a fraud-rule update or a "
             "new release? I'd compare failure rates for transactions that hit the new rule against those that "
             "didn't.")
    assert all(parts_of(cause, prompt("cause", "root-cause")).values())
    value = ("It depends on who the bug hurts and whether we can take the damage back. The launch creates real "
             "value for our largest customers, but the people on old Android would pay for it. The choices are "
             "to ship to everyone, delay everything, or launch for everyone except old Android. I'd judge it on "
             "duplicate reports, and the Android lead owns the fix date.")
    assert all(parts_of(value, prompt("value", "trade-off")).values())
    assert not parts_of("I would choose growth. So yeah, growth, that's my answer.", prompt("value", "trade-off"))["levers"]


def test_without_a_prompt_the_eight_steps_are_the_framework():
    fb = analyze(typed_transcript("The goal is retention. We could add a digest email."))
    report = fb.framework
    assert not report.from_prompt and report.framework.key == "8-step"
    assert [p.key for p in report.framework.parts] == list(STEP_KEYS)
    assert {p.key for p in report.framework.parts if p.heard} == {k for k in STEP_KEYS if fb.steps[k].heard}


def test_metric_levels_when_the_answer_talks_about_metrics():
    text = ("The north star is weekly active teams. Revenue per account is the business result behind it. "
            "I'd track invites sent and click-through on the entry point. The guardrails are opt-outs and "
            "support tickets, and we ship the dashboard by June.")
    report = analyze(typed_transcript(text)).framework
    levels = {p.key: p for r in report.metric_levels for p in r.parts}
    assert [r.source for r in report.metric_levels] == ["001", "000"]
    for key in ("north_star", "top_line", "supporting", "input", "output", "quality"):
        assert levels[key].heard, key
    assert "guardrails" in levels["quality"].evidence[0].text
    assert analyze(typed_transcript("Thanks, that's a great question.")).framework.metric_levels == ()
    d = analyze(typed_transcript(text)).to_dict()["framework"]
    assert [m["key"] for m in d["metric_levels"]] == ["metric-levels", "metric-types"]


def test_a_restated_goal_is_the_outcome_but_a_shipping_goal_is_an_output():
    outcome = analyze(typed_transcript("What I'd want out of this change is more people still using the product "
                                       "a month from now.")).framework.metric_levels
    assert {p.key for r in outcome for p in r.parts if p.heard} >= {"outcome"}
    output = analyze(typed_transcript("The goal is to ship the reconciliation dashboard by June.")).framework
    heard = {p.key for r in output.metric_levels for p in r.parts if p.heard}
    assert "output" in heard and "outcome" not in heard


def test_detect_framework_directly_reuses_signals_for_care():
    fb = analyze(typed_transcript(CARE_STORY), prompt=prompt("care", "behavioral"))
    no_signals = detect_framework("care", fb.labels, fb.steps, [], "behavioral")
    assert not no_signals.part("escalation").heard  # escalation comes from the escalation-path signal


def test_a_story_is_coached_on_its_missing_care_parts_not_on_the_eight_steps():
    story = prompt("care", "behavioral", "Tell me about a time your project was off track.")
    text = ("We could cut scope, add engineers or move the date. Last year at my previous company we had "
            "to ship a billing migration in eight weeks with two squads. We cut the reporting features.")
    fb = analyze(typed_transcript(text), prompt=story)
    assert fb.story and fb.to_dict()["story"] is True
    assert fb.jumped_to_options  # options came first, but a story is not framed with the 8 steps
    missing = [p for p in fb.framework.framework.parts if not p.heard]
    assert [p.title for p in missing] == ["Action", "Result", "Escalation"]  # "we cut", no outcome
    assert fb.tips() == [f"{p.title}: {CARE_TIPS[p.key]} (guide 002)" for p in missing]
    # the same words for a plan prompt are coached on the steps, the jump to options first
    plan = analyze(typed_transcript(text), prompt=prompt("8-step", "execution"))
    assert not plan.story and plan.tips()[0].startswith("You proposed solutions")
    assert any(t.startswith("Map the system:") for t in plan.tips())
    assert analyze(typed_transcript(CARE_STORY), prompt=story).tips() == []


@pytest.mark.parametrize("prompt_id", ["handle-blocked-dependency", "decide-what-to-cut-tight-timeline",
                                       "measure-launch-success", "speed-vs-quality-trade-off"])
def test_a_care_prompt_outside_behavioral_is_coached_as_a_story(prompt_id):
    """The prompt's framework decides the coaching, not its category: guide 002 answers "How do
    you handle a blocked dependency?" with a story, so the answer is coached on C.A.R.E., never
    told it skipped steps or jumped to options."""
    bank_prompt = PromptBank.load().get(prompt_id)
    assert bank_prompt.framework == "care" and bank_prompt.category != "behavioral"
    text = ("We could cut scope, add engineers or move the date. Last year our iOS team slipped two weeks "
            "and I escalated to the engineering managers, then we shipped behind a feature flag.")
    d = analyze(typed_transcript(text), prompt=bank_prompt).to_dict()
    assert d["story"] is True
    jumped = next(s for s in d["signals"] if s["key"] == "jumped_to_features")
    assert not jumped["present"] and not jumped["checked"]
    from interviewer_app.analysis.feedback.view import feedback_view

    view = feedback_view(d).structure
    assert view.story and not view.jumped and all(t.guide == "002" for t in view.tips)
