"""Follow-up questions after an answer, chosen from what the answer lacked.

Interviewers probe the gaps: guide 002 says an execution round is "one deep dive into a past
project and 2-3 follow-up scenario questions" (Amazon: 1-2), and guide 003 (mistake #7) that
"framework memorisation doesn't survive follow-ups". Each rule below looks at one gap — a step of
the eight not heard (guide 000), a strength signal missing or a concern shown (analysis/content/signals.py)
— and asks about it in our own words, citing the guide the rule comes from. After the gaps, the
prompt's own `follow_ups` (prompts.toml: scenario twists that change the facts) fill the rest; when
a prompt has none left, a general twist from guide 000's day 5 drill (sales pressure, legal
constraints, executive urgency) is used.

Explainable and repeatable: rules are tried in the fixed priority order of RULES; each chosen
follow-up carries the rule, the steps or signals behind it and a reason ("asked because *risks*
(step 8) was not heard — guide 000, ..."). No question is asked twice in a session: each rule has a
few phrasings, and a rule whose phrasings were all asked is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from interviewer_app.core.models import Prompt
from interviewer_app.core.steps import GUIDE_FILES, STEPS_BY_KEY, guide_number

STORY = "story"  # a past project, told as a story (C.A.R.E. prompts, behavioral questions)
SCENARIO = "scenario"  # a hypothetical execution problem (8 steps, METER, CAUSE, VALUE)
PROMPT_TWIST = "prompt-twist"
GENERAL_TWIST = "general-twist"


@dataclass(frozen=True)
class AnswerGaps:
    """What one answer lacked, in the terms the rules use; built from an AnswerFeedback or from its
    JSON (`to_dict()`, as `analyze --json` prints it and storage keeps it)."""

    kind: str  # STORY or SCENARIO
    no_speech: bool
    missing_steps: frozenset[str]
    signals: dict[str, tuple[str, bool, bool, str]]  # key -> (kind, present, checked, detail)
    framework: str | None = None  # the prompt's framework key (care, meter, ...)
    missing_parts: frozenset[str] = frozenset()  # parts of that framework not heard
    prompt_follow_ups: tuple[str, ...] = ()
    prompt_id: str | None = None
    prompt_source: str | None = None

    @classmethod
    def from_feedback(cls, fb) -> "AnswerGaps":
        """From an analysis.feedback.AnswerFeedback."""
        return cls.from_dict(fb.to_dict(), fb.prompt)

    @classmethod
    def from_dict(cls, d: dict, prompt: Prompt | None = None) -> "AnswerGaps":
        signals = {s["key"]: (s["kind"], bool(s["present"]), bool(s.get("checked", True)), s.get("detail", ""))
                   for s in d.get("signals") or []}
        fw = d.get("framework") or {}
        prompt_d = d.get("prompt") or {}
        framework = prompt.framework if prompt is not None else prompt_d.get("framework")
        if prompt is not None:
            story = prompt.framework == "care" or prompt.category == "behavioral"
        elif framework:
            story = framework == "care"
        else:  # no prompt: the ownership check only runs on answers told as a past story
            story = signals.get("we_dominant", ("", False, False, ""))[2]
        return cls(kind=STORY if story else SCENARIO, no_speech=bool(d.get("no_speech")),
                   missing_steps=frozenset(d.get("missing_steps") or ()), signals=signals,
                   framework=fw.get("key") or framework,
                   missing_parts=frozenset(p["key"] for p in fw.get("parts", ()) if not p["heard"]),
                   prompt_follow_ups=tuple(prompt.follow_ups) if prompt is not None else (),
                   prompt_id=prompt.id if prompt is not None else prompt_d.get("id"),
                   prompt_source=prompt.source if prompt is not None else None)

    def shows(self, key: str) -> bool:
        """A concern signal that showed in this answer."""
        kind, present, checked, _ = self.signals.get(key, ("", False, False, ""))
        return checked and present

    def lacks(self, key: str) -> bool:
        """A strength signal that was checked and not heard."""
        kind, present, checked, _ = self.signals.get(key, ("", True, False, ""))
        return checked and not present

    def detail(self, key: str) -> str:
        return self.signals.get(key, ("", False, False, ""))[3]

    def missing(self, step: str) -> bool:
        return step in self.missing_steps


@dataclass(frozen=True)
class FollowUp:
    question: str
    rule: str  # the rule's key, PROMPT_TWIST or GENERAL_TWIST
    because: str  # what the answer lacked, in plain words ("*risks* (step 8) was not heard")
    guide: str  # guide number the rule comes from, e.g. "000"
    where: str  # the part of the guide
    gaps: tuple[str, ...] = ()  # the steps and signals behind it

    @property
    def reason(self) -> str:
        return f"asked because {self.because} — guide {self.guide}, {self.where}"

    @property
    def guide_file(self) -> str | None:
        return GUIDE_FILES.get(self.guide)

    def to_dict(self) -> dict:
        return {"question": self.question, "rule": self.rule, "reason": self.reason,
                "because": self.because, "guide": self.guide, "guide_file": self.guide_file,
                "where": self.where, "gaps": list(self.gaps)}

    @classmethod
    def from_dict(cls, d: dict) -> "FollowUp":
        return cls(d["question"], d["rule"], d["because"], d["guide"], d["where"], tuple(d.get("gaps", ())))


@dataclass(frozen=True)
class Rule:
    key: str
    applies: frozenset[str]  # STORY, SCENARIO or both
    guide: str
    where: str
    check: Callable[[AnswerGaps], tuple[str, tuple[str, ...]] | None]  # -> (because, gaps) or None
    questions: dict[str, tuple[str, ...]]  # answer kind -> phrasings, asked in this order

    def phrasings(self, kind: str) -> tuple[str, ...]:
        return self.questions.get(kind) or self.questions.get("any", ())


def _step(key: str) -> str:
    s = STEPS_BY_KEY[key]
    return f"*{s.title.lower()}* (step {s.number})"


def _missing_step(step: str):
    def check(g: AnswerGaps):
        return (f"{_step(step)} was not heard", (step,)) if g.missing(step) else None
    return check


def _lacks(signal: str, words: str):
    def check(g: AnswerGaps):
        return (f"{words} was not heard", (signal,)) if g.lacks(signal) else None
    return check


def _shows(signal: str, words: str):
    def check(g: AnswerGaps):
        if not g.shows(signal):
            return None
        detail = g.detail(signal).split(" (")[0]  # the counts, without the explanation
        return (words + (f" ({detail})" if detail else ""), (signal,))
    return check


def _ownership(g: AnswerGaps):
    if g.shows("we_dominant"):
        return _shows("we_dominant", "'we' and 'the team' did most of the acting in the story")(g)
    if g.framework == "care" and "action" in g.missing_parts:
        return "no decision of your own was heard (*Action* of C.A.R.E.)", ("action",)
    return None


def _result(g: AnswerGaps):
    if g.lacks("quantified_results"):
        return _lacks("quantified_results", "a measurable result or baseline")(g)
    if g.framework == "care" and "result" in g.missing_parts:
        return "the outcome was not heard (*Result* of C.A.R.E.)", ("result",)
    return None


def _risks(g: AnswerGaps):
    if g.missing("risks"):
        return _missing_step("risks")(g)
    return _lacks("guardrails", "a guardrail metric")(g)


def _decision_point(g: AnswerGaps):
    if g.missing("sequence"):
        return _missing_step("sequence")(g)
    return _lacks("decision_points", "a decision point or rollback rule")(g)


def _choice(g: AnswerGaps):
    if g.missing("prioritize") and not g.missing("options"):
        return _missing_step("prioritize")(g)
    return None


BOTH = frozenset({STORY, SCENARIO})
ONLY_STORY = frozenset({STORY})
ONLY_SCENARIO = frozenset({SCENARIO})

# Tried in this order; the first that apply fill the follow-up slots. Ownership and honesty of the
# story come first (guide 002: answers without "I" are the top reason for rejection), then framing
# (guide 003 #1), the goal, diagnosis and the decision, then risk and escalation, then the rest.
RULES: tuple[Rule, ...] = (
    Rule("hypotheticals", ONLY_STORY, "002", '"Mistakes to Avoid" (avoid hypotheticals)',
         _shows("hypotheticals", "the story was told as what you would do, not what you did"),
         {"any": ("You told me what you would do. What did you actually do, step by step?",
                  "Walk me through what really happened: what did you do first?")}),
    Rule("ownership", ONLY_STORY, "002", '"Mistakes to Avoid" (failing to show ownership)', _ownership,
         {"any": ("What did you personally decide, rather than the team?",
                  "Which call in that story was yours alone, and what would have happened without it?",
                  "What did you do yourself that someone else on the team would not have done?")}),
    Rule("framing", ONLY_SCENARIO, "003", "mistake #1 (treating execution as feature brainstorming)",
         _shows("jumped_to_features", "solutions came before the goal, scope or system were framed"),
         {"any": ("Before we pick a fix: what is the goal, and how would you find where the problem is?",
                  "Step back for a moment: what problem are you solving, and how do you know it is the real one?")}),
    Rule("result", ONLY_STORY, "002", '"How Do You Structure an Execution Interview Response?" (Result)',
         _result,
         {"any": ("What was the measurable result? Where did the number start, and where did it end up?",
                  "How did you know it worked? Give me the before and after.",
                  "Which metric moved because of your work, and by how much?")}),
    Rule("goal", ONLY_SCENARIO, "000", '"A practical answer structure" (step 1)', _missing_step("restate"),
         {"any": ("What exactly are you trying to move, and which metric tells you it worked?",
                  "How would you define success here, in one metric?")}),
    Rule("diagnosis", ONLY_SCENARIO, "000", '"A practical answer structure" (step 4)', _missing_step("bottleneck"),
         {"any": ("What data would you look at first to find where it breaks?",
                  "Which segments would you cut the data by, and what would you expect to see?")}),
    Rule("choice", ONLY_SCENARIO, "004", '"Trade-off framework" (end with a recommendation)', _choice,
         {"any": ("If you could do only one of those, which goes first, and why?",
                  "Which option would you commit to, and what are you giving up?")}),
    Rule("risks", ONLY_SCENARIO, "000", '"A practical answer structure" (step 8)', _risks,
         {"any": ("What would you watch as a guardrail while this rolls out?",
                  "What would make you roll this back, and who makes that call?",
                  "Which metric must not get worse while you do this, and how would you know?")}),
    Rule("escalation", BOTH, "002", '"How Do You Structure an Execution Interview Response?" (Escalation)',
         _lacks("escalation_path", "an escalation path"),
         {STORY: ("Did anyone push back, engineering or another team? When did you escalate, and to whom?",
                  "At what point did you bring in leadership, and what did you ask them for?"),
          SCENARIO: ("What if engineering pushed back on this plan? When would you escalate, and to whom?",
                     "Another team owns a dependency and won't move. What do you do, and who do you bring in?")}),
    Rule("decision-point", ONLY_SCENARIO, "000", '"A practical answer structure" (step 7)', _decision_point,
         {"any": ("What happens in week one, and when do you decide whether to keep going?",
                  "What result, by when, would make you stop or change course?")}),
    Rule("measurable", ONLY_SCENARIO, "002", '"How Do You Demonstrate Data-Driven Execution?"',
         _lacks("quantified_results", "a number for the goal or its baseline"),
         {"any": ("What number would tell you this worked, and where is it today?",
                  "What target would you set, and against which baseline?")}),
    Rule("trade-offs", BOTH, "003", "mistake #5 (poor stakeholder trade-offs)",
         _lacks("stakeholder_tradeoffs", "a stakeholder trade-off"),
         {STORY: ("What did you give up to make this work, and who paid for it?",),
          SCENARIO: ("Who loses something with this choice, and how do you bring them along?",
                     "Sales and engineering want different things here. How do you decide between them?")}),
    Rule("edge-cases", ONLY_SCENARIO, "003", "mistake #4 (not considering edge cases)",
         _lacks("edge_cases", "an edge case or failure mode"),
         {"any": ("How could this break or be abused once it is live?",
                  "What happens at ten times the load, or when the data is wrong?")}),
    Rule("data-to-decide", ONLY_SCENARIO, "003", "mistake #6 (treating data as validation only)",
         _shows("validate_only", "data was used only to confirm a chosen fix"),
         {"any": ("Before building anything, what would the data tell you about which problem to solve first?",)}),
    Rule("commit", BOTH, "004", '"Trade-off framework" (a strong answer ends with a recommendation)',
         _shows("hedging", "the answer hedged"),
         {STORY: ("Looking back, what was the one decision that mattered most, and would you make it again?",),
          SCENARIO: ("If you had to decide right now, what do you recommend, and why?",)}),
    Rule("scope", ONLY_SCENARIO, "000", '"A practical answer structure" (step 2)', _missing_step("scope"),
         {"any": ("What constraints are you working with: time, team, and what's off the table?",)}),
    Rule("map", ONLY_SCENARIO, "000", '"A practical answer structure" (step 3)', _missing_step("map"),
         {"any": ("Walk me through the funnel: which steps lead to this number?",)}),
    Rule("options", ONLY_SCENARIO, "000", '"A practical answer structure" (step 5)', _missing_step("options"),
         {"any": ("What other options did you consider, and why not those?",)}),
)
RULES_BY_KEY: dict[str, Rule] = {r.key: r for r in RULES}

# General twists when the prompt has none left (guide 000, "Seven-day execution interview prep
# plan", day 5: sales pressure, engineering pushback, legal constraints, executive urgency).
GENERAL_TWISTS: dict[str, tuple[str, ...]] = {
    STORY: ("If leadership had pulled your date in by two weeks, what would you have cut?",
            "Suppose legal had raised a compliance issue a week before launch. What would you have done?"),
    SCENARIO: ("Sales has already promised this to a big customer for next month. What changes?",
               "Legal flags a compliance concern a week before launch. How does your plan change?",
               "An executive wants it two weeks earlier. How do you respond?"),
}
_TWIST_WHERE_PROMPT = "mistake #7 (framework memorisation doesn't survive follow-ups)"
_TWIST_WHERE_GENERAL = '"Seven-day execution interview prep plan" (day 5: stakeholder scenarios)'


def norm(question: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", question.lower()).strip()


def gap_follow_ups(gaps: AnswerGaps, asked: Iterable[str] = ()) -> list[FollowUp]:
    """Every rule that applies to this answer, in priority order, each with its first phrasing not
    yet asked (a rule with none left is passed over)."""
    done = {norm(q) for q in asked}
    out = []
    for rule in RULES:
        if gaps.kind not in rule.applies:
            continue
        found = rule.check(gaps)
        if found is None:
            continue
        question = next((q for q in rule.phrasings(gaps.kind) if norm(q) not in done), None)
        if question is None:
            continue
        because, keys = found
        out.append(FollowUp(question, rule.key, because, rule.guide, rule.where, keys))
    return out


def twist_follow_ups(gaps: AnswerGaps, asked: Iterable[str] = ()) -> list[FollowUp]:
    """The prompt's own follow-ups not yet asked, in the prompt's order, then general twists."""
    done = {norm(q) for q in asked}
    out = []
    for q in gaps.prompt_follow_ups:
        if norm(q) not in done:
            number = guide_number(gaps.prompt_source)
            where = "a twist written for this prompt" + (f", from guide {number}" if number else "")
            out.append(FollowUp(q, PROMPT_TWIST, "the prompt's own scenario twist tests whether your plan "
                                "holds when the facts change", "003", f"{_TWIST_WHERE_PROMPT}; {where}"))
    for q in GENERAL_TWISTS[gaps.kind]:
        if norm(q) not in done:
            out.append(FollowUp(q, GENERAL_TWIST, "the prompt has no scenario twist left, so a general "
                                "stakeholder twist tests how the plan holds under pressure", "000",
                                _TWIST_WHERE_GENERAL))
    return out


def choose_follow_ups(gaps: AnswerGaps, asked: Iterable[str] = (), limit: int = 3) -> list[FollowUp]:
    """Up to `limit` follow-ups for one answer: the gaps in priority order, keeping the last slot
    for a scenario twist when there are two or more slots; twists fill whatever the gaps leave.
    Nothing is chosen when no speech was heard."""
    asked = list(asked)
    if gaps.no_speech or limit <= 0:
        return []
    gaps_found = gap_follow_ups(gaps, asked)
    twists = twist_follow_ups(gaps, asked)
    keep_for_twist = 1 if twists and limit >= 2 else 0
    chosen = gaps_found[:limit - keep_for_twist]
    chosen += twists[:limit - len(chosen)]
    return chosen


def addressed(follow_up: FollowUp | dict, answer: AnswerGaps) -> bool | None:
    """Did the answer to a follow-up fill the gap it was asked about? (None for twists, which ask
    about something new rather than a gap.)"""
    rule_key = follow_up["rule"] if isinstance(follow_up, dict) else follow_up.rule
    rule = RULES_BY_KEY.get(rule_key)
    if rule is None:
        return None
    if answer.no_speech:
        return False
    return rule.check(answer) is None


def follow_up_prompt(main: Prompt, follow_up: FollowUp) -> Prompt:
    """The prompt a follow-up answer is analysed against: the main prompt's id, category and
    framework (so story checks still apply), with the follow-up question as its text."""
    return Prompt(id=main.id, text=follow_up.question, category=main.category, framework=main.framework,
                  hint=follow_up.reason, source=main.source, follow_ups=(), origin=main.origin,
                  is_follow_up=True)


@dataclass
class FollowUpPicker:
    """Follow-ups across one session: remembers every question asked so none is asked twice."""

    asked: list[str] = field(default_factory=list)

    def choose(self, gaps: AnswerGaps, limit: int = 3) -> list[FollowUp]:
        chosen = choose_follow_ups(gaps, self.asked, limit)
        self.asked += [f.question for f in chosen]
        return chosen

