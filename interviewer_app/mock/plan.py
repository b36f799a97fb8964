"""Mock interview plans: a company's format from budgets.toml (or your own phases) run in order,
with a question from the prompt bank for every phase that takes an answer, each phase's budget and
the budget of the whole interview. Plain data, no Qt, no work at import.

Formats follow guide 002 ("Interview Stages / Process", ../shared/guides/002_295c2e5020856213.txt):
Amazon 5 min setup / 30 min deep dive / 10 min Q&A; Google 10 min intro / 25 min story / 10 min
scenario; Meta two 20-minute stories; Stripe a 60-minute deep dive that often includes a live
scenario ("How would you handle a critical outage 3 days before launch?"). What each phase asks
is in budgets.toml (`asks`); a phase that takes no answer (introductions, your questions at the
end) stays in the plan with its budget, marked as not recorded, so the whole-interview clock is
honest.

Questions are drawn with `random.Random(seed)`: the same seed, bank and format give the same plan.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from interviewer_app.core.budgets import ANSWER_ASKS, MAX_BUDGET_S, MAX_FOLLOW_UPS, PHASE_ASKS, Format
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import Budget, Prompt, format_clock, plural

CUSTOM_KEY = "custom-mock"
CUSTOM_NAME = "Custom mock"
DEFAULT_FOLLOW_UPS = 3  # guide 002: a deep dive is followed by "2-3 follow-up scenario questions"

ASK_TITLES: dict[str, str] = {
    "story": "a past project, told with C.A.R.E.",
    "scenario": "a hypothetical execution problem",
    "live-scenario": "a live incident or risk scenario",
    "intro": "introductions (not recorded)",
    "questions": "your questions for the interviewer (not recorded)",
}
NO_ANSWER_NOTES: dict[str, str] = {
    "intro": "Introductions and setting up the round: timed, not recorded or analysed.",
    "questions": "Your questions for the interviewer: timed, not recorded or analysed. Running over "
                 "in the earlier phases eats into this time.",
}
# What each company listens for (guide 002, "Is the execution interview the same across
# companies?"), in our words; shown with the plan.
COMPANY_FOCUS: dict[str, str] = {
    "amazon": "Ownership and leadership principles: say what you did, not the team, and when you "
              "escalated; expect 1-2 follow-ups.",
    "google": "Process and data rigour: a structured answer, baselines and before/after numbers, "
              "and 'what if X happened?' probes on your story.",
    "meta": "Speed and iteration: fast decisions, launch and learn, cross-functional leadership "
            "across two different stories.",
    "stripe": "Risk mitigation: compliance, security and scale; the live scenario tests how you "
              "stabilise an incident and make the go / no-go call.",
}


@dataclass(frozen=True)
class MockQuestion:
    key: str  # unique in the plan: the phase key, or "<phase>-2", "<phase>-3" for more in one phase
    asks: str  # story, scenario or live-scenario
    prompt: Prompt

    def to_dict(self) -> dict:
        p = self.prompt
        return {"key": self.key, "asks": self.asks,
                "prompt": {"id": p.id, "text": p.text, "category": p.category, "framework": p.framework,
                           "hint": p.hint, "source": p.source, "follow_ups": list(p.follow_ups),
                           "origin": p.origin}}


@dataclass(frozen=True)
class MockPhase:
    key: str
    name: str
    seconds: float
    asks: tuple[str, ...]
    questions: tuple[MockQuestion, ...] = ()
    max_follow_ups: int = 0  # after each main answer of this phase

    @property
    def takes_answer(self) -> bool:
        return bool(self.questions)

    @property
    def note(self) -> str:
        if self.takes_answer:
            return ("Answer " + " then ".join(ASK_TITLES[q.asks] for q in self.questions)
                    + f"; up to {plural(self.max_follow_ups, 'follow-up')} "
                      "after each answer, all inside this budget.")
        return NO_ANSWER_NOTES.get(self.asks[0] if self.asks else "", "Timed, not recorded.")

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "seconds": self.seconds, "asks": list(self.asks),
                "takes_answer": self.takes_answer, "max_follow_ups": self.max_follow_ups,
                "note": self.note, "questions": [q.to_dict() for q in self.questions]}


@dataclass(frozen=True)
class MockPlan:
    format_key: str
    format_name: str
    phases: tuple[MockPhase, ...]
    seed: int
    source: str | None = None
    focus: str = ""

    @property
    def total_s(self) -> float:
        """The whole interview, every phase included."""
        return sum(p.seconds for p in self.phases)

    @property
    def answer_s(self) -> float:
        """The phases you answer in (what a recording can be timed against)."""
        return sum(p.seconds for p in self.phases if p.takes_answer)

    @property
    def answer_phases(self) -> tuple[MockPhase, ...]:
        return tuple(p for p in self.phases if p.takes_answer)

    @property
    def questions(self) -> tuple[MockQuestion, ...]:
        return tuple(q for p in self.phases for q in p.questions)

    def phase(self, key: str) -> MockPhase:
        wanted = key.strip().lower()
        for phase in self.phases:
            if phase.key == wanted or phase.name.lower() == wanted:
                return phase
        raise UsageError(f"unknown phase '{key}' for {self.format_name}; valid phases: "
                         f"{', '.join(p.key for p in self.phases)}")

    def question(self, key: str) -> MockQuestion:
        for q in self.questions:
            if q.key == key:
                return q
        raise UsageError(f"unknown question '{key}'; the plan has: {', '.join(q.key for q in self.questions)}")

    def phase_of(self, question_key: str) -> MockPhase:
        return next(p for p in self.phases if any(q.key == question_key for q in p.questions))

    def budget(self, phase_key: str) -> Budget:
        """The budget an answer in this phase is timed against: the phase's (main answer and its
        follow-ups share it)."""
        phase = self.phase(phase_key)
        return Budget(seconds=phase.seconds, format_key=self.format_key, format_name=self.format_name,
                      phase_key=phase.key, phase_name=phase.name, source=self.source)

    def to_dict(self) -> dict:
        return {"format": self.format_key, "name": self.format_name, "source": self.source,
                "seed": self.seed, "focus": self.focus, "total_s": self.total_s,
                "answer_s": self.answer_s, "phases": [p.to_dict() for p in self.phases]}

    @classmethod
    def from_dict(cls, d: dict) -> "MockPlan":
        """The plan as stored with a session (to_dict), back as objects."""
        phases = []
        for p in d["phases"]:
            questions = tuple(MockQuestion(q["key"], q["asks"], Prompt(
                id=q["prompt"]["id"], text=q["prompt"]["text"], category=q["prompt"]["category"],
                framework=q["prompt"]["framework"], hint=q["prompt"]["hint"], source=q["prompt"]["source"],
                follow_ups=tuple(q["prompt"].get("follow_ups", ())), origin=q["prompt"].get("origin", "bank")))
                for q in p["questions"])
            phases.append(MockPhase(p["key"], p["name"], float(p["seconds"]), tuple(p["asks"]), questions,
                                    int(p.get("max_follow_ups", 0))))
        return cls(d["format"], d["name"], tuple(phases), int(d["seed"]), d.get("source"), d.get("focus", ""))

    def describe(self) -> str:
        """The plan as text, for the CLI's dry run."""
        out = [f"Mock interview: {self.format_name} · {format_clock(self.total_s)} in all "
               f"({format_clock(self.answer_s)} answering) · seed {self.seed}"]
        if self.source:
            out.append(f"Format from guide {self.source}")
        if self.focus:
            out.append(f"Focus: {self.focus}")
        for n, phase in enumerate(self.phases, 1):
            out += ["", f"{n}. {phase.name} [{phase.key}]  {format_clock(phase.seconds)}", f"   {phase.note}"]
            for q in phase.questions:
                out.append(f"   Q [{q.prompt.id}, {q.asks}] {q.prompt.text}")
                out.append(f"     hint: {q.prompt.hint}")
        return "\n".join(out) + "\n"


@dataclass
class MockAnswer:
    """One answer of a mock session — a main answer or a follow-up — as the report reads it and
    storage returns it. `feedback` is AnswerFeedback.to_dict() (what `analyze --json` prints)."""

    position: int  # 1, 2, ... in the order answered
    phase_key: str
    question_key: str  # the plan's question this answer belongs to (a follow-up: the one followed up)
    question: str  # what was asked: the prompt's text, or the follow-up question
    feedback: dict
    follow_up: dict | None = None  # the follow-up answered (FollowUp.to_dict()); None for a main answer
    follow_up_of: int | None = None  # the position of the main answer it follows
    follow_ups: list[dict] = field(default_factory=list)  # main answers: the follow-ups chosen after it
    source: str | None = None  # the file it came from
    attempt_id: int | None = None  # when it is saved
    created_at: str | None = None

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up is not None

    @property
    def duration_s(self) -> float | None:
        return self.feedback.get("duration_s")

    def to_dict(self) -> dict:
        return {"position": self.position, "phase": self.phase_key, "question_key": self.question_key,
                "question": self.question, "is_follow_up": self.is_follow_up,
                "follow_up": self.follow_up, "follow_up_of": self.follow_up_of,
                "follow_ups": self.follow_ups, "source": self.source, "attempt_id": self.attempt_id,
                "created_at": self.created_at, "feedback": self.feedback}


# -- building plans -----------------------------------------------------------------------------
def new_seed() -> int:
    """A seed for a plan nobody asked to repeat; printed with the plan so it can be."""
    return random.SystemRandom().randrange(1, 1_000_000)


def plan_for_format(fmt: Format, prompts: Sequence[Prompt], seed: int | None = None,
                    chosen: Mapping[str, Prompt] | None = None) -> MockPlan:
    """A plan from a format of budgets.toml. `chosen` pins the prompt of a question key (the phase
    key, or "<phase>-2" for a second question in a phase); the others are drawn from `prompts`."""
    declared = any(p.asks for p in fmt.phases)
    if fmt.kind != "company" and not declared:
        raise UsageError(f"'{fmt.key}' is a drill, not an interview format; a mock needs a company "
                         "(amazon, google, meta, stripe) or your own phases (--phase NAME:MINUTES:ASKS)")
    specs = [(p.key, p.name, p.seconds, p.asks or infer_asks(p.key), p.follow_ups) for p in fmt.phases]
    return _build(fmt.key, fmt.name, specs, prompts, seed, chosen, fmt.source,
                  COMPANY_FOCUS.get(fmt.key, ""))


def plan_custom(phases: Sequence[tuple[str, float, str | Sequence[str]]], prompts: Sequence[Prompt],
                seed: int | None = None, chosen: Mapping[str, Prompt] | None = None) -> MockPlan:
    """A plan from your own phases: (name, seconds, asks), asks one of PHASE_ASKS or a list of them."""
    if not phases:
        raise UsageError("a custom mock needs at least one phase (--phase NAME:MINUTES:ASKS)")
    specs, seen = [], set()
    for name, seconds, asks in phases:
        key = slug(name)
        if not key:
            raise UsageError(f"phase name '{name}' needs letters or digits")
        if key in seen:
            raise UsageError(f"two phases are called '{name}'; give each phase its own name")
        seen.add(key)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 < seconds <= MAX_BUDGET_S:
            raise UsageError(f"phase '{name}': seconds must be between 1 and {MAX_BUDGET_S}, got {seconds}")
        asks_t = (asks,) if isinstance(asks, str) else tuple(asks)
        bad = [a for a in asks_t if a not in PHASE_ASKS]
        if not asks_t or bad:
            raise UsageError(f"phase '{name}': asks must be one of {', '.join(PHASE_ASKS)}"
                             + (f" (got '{bad[0]}')" if bad else ""))
        specs.append((key, name.strip(), float(seconds), asks_t, None))
    return _build(CUSTOM_KEY, CUSTOM_NAME, specs, prompts, seed, chosen, None, "")


def parse_phase_spec(text: str) -> tuple[str, float, tuple[str, ...]]:
    """'Story:20:story' or 'Deep dive:60:story+live-scenario' (minutes may be decimal) ->
    (name, seconds, asks), for --phase."""
    parts = text.rsplit(":", 2)
    if len(parts) != 3 or not parts[0].strip():
        raise UsageError(f"--phase '{text}' should be NAME:MINUTES:ASKS, e.g. 'Story:20:story' "
                         f"(asks: {', '.join(PHASE_ASKS)}; join several with +)")
    name, minutes, asks = parts
    try:
        seconds = float(minutes) * 60
    except ValueError:
        raise UsageError(f"--phase '{text}': '{minutes}' is not a number of minutes") from None
    return name.strip(), seconds, tuple(a.strip() for a in asks.split("+"))


def infer_asks(phase_key: str) -> tuple[str, ...]:
    """What a company phase asks when its budgets file does not say (a user's own format)."""
    key = phase_key.lower()
    if "intro" in key or "setup" in key:
        return ("intro",)
    if key in ("qa", "q-and-a", "q-a") or "question" in key:
        return ("questions",)
    if "scenario" in key:
        return ("scenario",)
    return ("story",) if ("story" in key or "deep" in key) else ("scenario",)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")


def question_key(phase_key: str, index: int) -> str:
    """The key of a phase's index-th question (0-based)."""
    return phase_key if index == 0 else f"{phase_key}-{index + 1}"


def prompt_pool(prompts: Sequence[Prompt], asks: str) -> list[Prompt]:
    """The prompts a question of this kind is drawn from."""
    if asks == "story":
        return [p for p in prompts if p.framework == "care"]
    scenario = [p for p in prompts if p.framework != "care" and p.category != "behavioral"]
    if asks == "live-scenario":
        return [p for p in scenario if p.category == "incident-response"] or scenario
    return scenario


@dataclass
class _Draw:
    prompts: Sequence[Prompt]
    rng: random.Random
    used: set[str] = field(default_factory=set)

    def take(self, asks: str, where: str) -> Prompt:
        pool = [p for p in prompt_pool(self.prompts, asks) if p.id not in self.used]
        if not pool:
            raise UsageError(f"the prompt bank has no {asks} prompt left for {where}; add prompts to "
                             "your prompts.toml or use fewer phases")
        prompt = self.rng.choice(pool)
        self.used.add(prompt.id)
        return prompt


def _build(format_key, format_name, specs, prompts, seed, chosen, source, focus) -> MockPlan:
    seed = new_seed() if seed is None else int(seed)
    chosen = dict(chosen or {})
    keys = {question_key(key, i) for key, _n, _s, asks, _f in specs
            for i, a in enumerate([a for a in asks if a in ANSWER_ASKS])}
    unknown = sorted(set(chosen) - keys)
    if unknown:
        raise UsageError(f"no question '{unknown[0]}' in this plan; its questions are: {', '.join(sorted(keys))}")
    draw = _Draw(prompts, random.Random(seed), {p.id for p in chosen.values()})
    phases = []
    for key, name, seconds, asks, follow_ups in specs:
        answer_asks = [a for a in asks if a in ANSWER_ASKS]
        questions = []
        for i, a in enumerate(answer_asks):
            q_key = question_key(key, i)
            prompt = chosen.get(q_key) or draw.take(a, f"phase '{name}'")
            questions.append(MockQuestion(q_key, a, prompt))
        limit = 0 if not questions else DEFAULT_FOLLOW_UPS if follow_ups is None else min(follow_ups, MAX_FOLLOW_UPS)
        phases.append(MockPhase(key, name, seconds, tuple(asks), tuple(questions), limit))
    if not any(p.takes_answer for p in phases):
        raise UsageError(f"{format_name} has no phase that takes an answer (asks story, scenario or "
                         "live-scenario)")
    return MockPlan(format_key, format_name, tuple(phases), seed, source, focus)
