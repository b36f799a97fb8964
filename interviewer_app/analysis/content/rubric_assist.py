"""Suggested 1-5 scores on the seven rubric dimensions (core/rubric.py, guide 000), worked out from
what the analysis heard: the steps, the content signals, the framework parts and the pacing. It is
a second opinion shown next to the user's self-score and never replaces it; each score comes with
the short reasons that produced it ("risks heard at 1:42 with a rollback criterion").

Every dimension starts at 1 and the rules below add or take away points; the result is kept
within 1-5. The 1-2 / 3 / 4-5 bands are guide 000's weak / adequate / strong columns.

Goal clarity (000 rubric; 002 Context)
  +2 the goal is restated (C.A.R.E. prompts: the story's context is set up)
  +1 it is tied to a business outcome: a top-line or outcome metric is named (001, 000)
  +1 constraints are named (the scope step)
  -1 the goal is first stated after the first minute (002: context "in under 60 seconds")
  -1 only an output is measured, no outcome (000: "Ship the dashboard by June is an output")
System thinking (000 rubric "breaks the problem into drivers"; 004 METER / CAUSE)
  +1 the system is mapped (map step)          +1 the bottleneck is looked for (bottleneck step)
  +1 the framework's diagnostic parts are heard (METER segments + funnel, CAUSE area + journey
     + change), or a C.A.R.E. story shows its own actions
  +1 the problem is checked to be real (METER evidence, CAUSE confirm)
  -1 data used only to validate (003 #6)      -1 jumped to features (003 #1)
Prioritization (000 rubric "chooses a lever with clear tradeoffs and explains sequencing")
  +1 options are laid out    +1 one is chosen with a reason (prioritize step)
  +1 the work is sequenced   +1 who gains and who pays is said (stakeholder trade-offs, 003 #5)
Execution realism (000 rubric "team capacity, cross-functional owners, launch risk and rollback")
  +1 constraints or capacity (scope step)   +1 risks, owners or cadence (risks step)
  +1 decision points / rollback criteria    +1 edge cases and failure modes (003 #4)
Metrics (000 rubric "input, output, outcome and quality metrics"; 001 metric levels)
  +1 an outcome or top-line metric          +1 guardrail metrics
  +1 three or more of input / output / outcome / quality
  +1 quantified results or baselines (002)
  capped at 2 when only output is tracked (000: "tracks only output shipped" is weak)
Communication (000 rubric "owners, milestones, decision points and escalation path")
  +1 organised: most steps (8-step) or framework parts heard
  +1 milestones (sequence step)   +1 decision points   +1 escalation path (002)
  -1 over the time budget (002: going over reduces scores)   -1 hedging (004)
  -1 a story told as "we" (002 ownership)   -1 a story told as "I would" (002 hypotheticals)
Judgment (000 rubric "protects customer trust, business value and team focus"; 003)
  +1 stakeholder trade-offs   +1 guardrails   +1 edge cases
  +1 VALUE prompts: uncertainty and reversibility weighed (004)
  -1 jumped to features (003: "judgement, not feature lists")   -1 data only to validate (003 #6)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import fsum
from typing import Iterable, Protocol

from interviewer_app.core.models import format_clock
from interviewer_app.core.rubric import RUBRIC, RUBRIC_KEYS, SCORE_RANGE


class WhatWasHeard(Protocol):
    """What the scores are suggested from (an AnswerFeedback has it all; this module does not
    import feedback.py, which imports it)."""

    no_speech: bool
    steps: dict
    signals: list
    framework: object
    transcript: object
    pacing: object


NOTE = "Suggested from what was heard; your own self-score stays yours."
LATE_GOAL_S = 60.0
TREND_MIN_ATTEMPTS = 4
TREND_STEP = 0.25  # a change in the mean gap smaller than this is "steady"


@dataclass
class DimensionSuggestion:
    key: str
    score: int
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"score": self.score, "reasons": list(self.reasons)}


@dataclass
class RubricSuggestion:
    dimensions: dict[str, DimensionSuggestion]
    note: str = NOTE

    def scores(self) -> dict[str, int]:
        return {k: d.score for k, d in self.dimensions.items()}

    def to_dict(self) -> dict:
        return {k: self.dimensions[k].to_dict() for k in RUBRIC_KEYS if k in self.dimensions}


class _Tally:
    def __init__(self, key: str):
        self.key, self.points, self.reasons, self.cap = key, 1, [], SCORE_RANGE[1]

    def add(self, points: int, reason: str) -> None:
        self.points += points
        self.reasons.append(reason)

    def result(self) -> DimensionSuggestion:
        low, high = SCORE_RANGE
        return DimensionSuggestion(self.key, max(low, min(high, self.cap, self.points)), self.reasons)


def suggest_scores(fb: WhatWasHeard) -> RubricSuggestion | None:
    """A suggested score and its reasons for every rubric dimension; None when nothing was said."""
    if fb.no_speech:
        return None
    steps = fb.steps
    sig = {s.key: s for s in fb.signals}
    report = fb.framework
    framework = report.framework if report is not None else None
    levels = {p.key: p for r in (report.metric_levels if report is not None else ()) for p in r.parts if p.heard}
    part = {p.key: p for p in framework.parts} if framework is not None else {}
    fkey = framework.key if framework is not None else "8-step"
    timed = fb.transcript.timed

    def at(step: str) -> str:
        r = steps[step]
        return f" at {format_clock(r.first_s)}" if timed and r.first_s is not None else ""

    def quote(step: str) -> str:
        ev = steps[step].evidence
        return f" (\"{_short(ev[0].cue)}\")" if ev and ev[0].cue else ""

    def sig_at(key: str) -> str:
        ev = sig[key].evidence if key in sig else ()
        return f" at {format_clock(ev[0].start)}" if timed and ev and ev[0].start is not None else ""

    def has(key: str) -> bool:
        return key in sig and sig[key].present

    heard = lambda k: steps[k].heard  # noqa: E731
    t = {d.key: _Tally(d.key) for d in RUBRIC}

    # Goal clarity
    g = t["goal_clarity"]
    if heard("restate"):
        g.add(2, f"goal restated{at('restate')}{quote('restate')}")
    elif fkey == "care" and part.get("context") and part["context"].heard:
        g.add(2, "the story's goal and setting are given (C.A.R.E. context)")
    else:
        g.reasons.append("the goal or success metric is never stated")
    business = [k for k in ("north_star", "top_line", "outcome") if k in levels]
    if business:
        g.add(1, f"tied to a business outcome ({_level_names(levels, business)})")
    if heard("scope"):
        g.add(1, f"constraints named{at('scope')}")
    restate_s = steps["restate"].first_s
    if timed and restate_s is not None and restate_s > LATE_GOAL_S:
        g.add(-1, f"goal first stated at {format_clock(restate_s)}, after the first minute (guide 002)")
    if "output" in levels and not business:
        g.cap = 2
        g.reasons.append("only an output is measured, not an outcome (guide 000)")

    # System thinking
    s = t["system_thinking"]
    if heard("map"):
        s.add(1, f"system mapped{at('map')}{quote('map')}")
    if heard("bottleneck"):
        s.add(1, f"bottleneck looked for{at('bottleneck')}{quote('bottleneck')}")
    diagnostic = {"meter": ("segments", "funnel"), "cause": ("area", "journey", "change")}.get(fkey)
    if diagnostic and all(part[k].heard for k in diagnostic):
        s.add(1, f"{framework.name}: " + ", ".join(part[k].title.lower() for k in diagnostic) + " covered")
    elif fkey == "care" and part.get("action") and part["action"].heard:
        s.add(1, "the story shows your own actions (C.A.R.E. action)")
    real = part.get("evidence") if fkey == "meter" else part.get("confirm") if fkey == "cause" else None
    if real is not None and real.heard:
        s.add(1, f"checked the problem is real ({real.title.lower()})")
    if has("validate_only"):
        s.add(-1, "data used only to confirm a fix, not to find the problem (guide 003)")
    if has("jumped_to_features"):
        s.add(-1, f"jumped to features{sig_at('jumped_to_features')} before framing the problem (guide 003)")

    # Prioritization
    p = t["prioritization"]
    if heard("options"):
        p.add(1, f"options laid out{at('options')}")
    if heard("prioritize"):
        p.add(1, f"chose one with a reason{at('prioritize')}{quote('prioritize')}")
    elif heard("options"):
        p.reasons.append("options listed but none chosen")
    if heard("sequence"):
        p.add(1, f"work sequenced{at('sequence')}")
    if has("stakeholder_tradeoffs"):
        p.add(1, f"says who gains and who pays{sig_at('stakeholder_tradeoffs')}")

    # Execution realism
    r = t["execution_realism"]
    if heard("scope"):
        r.add(1, f"constraints and capacity{at('scope')}")
    if heard("risks"):
        r.add(1, f"risks, owners or cadence{at('risks')}{quote('risks')}")
    if has("decision_points"):
        r.add(1, f"decision point or rollback criterion{sig_at('decision_points')}")
    if has("edge_cases"):
        r.add(1, f"edge cases or failure modes{sig_at('edge_cases')}")

    # Metrics
    m = t["metrics"]
    if business:
        m.add(1, f"outcome metric named ({_level_names(levels, business)})")
    if has("guardrails"):
        m.add(1, f"guardrail metrics{sig_at('guardrails')}")
    types = [k for k in ("input", "output", "outcome", "quality") if k in levels]
    if len(types) >= 3:
        m.add(1, f"{len(types)} metric types: " + ", ".join(types) + " (guide 000)")
    if has("quantified_results"):
        m.add(1, f"quantified results or baselines{sig_at('quantified_results')}")
    if "output" in levels and not business:
        m.cap = 2
        m.reasons.append("tracks only output shipped (guide 000)")

    # Communication
    c = t["communication"]
    if framework is not None and framework.parts:
        share = len(framework.heard) / len(framework.parts)
        if share >= 0.75:
            what = "steps" if framework.key == "8-step" else f"{framework.name} parts"
            c.add(1, f"organised: {len(framework.heard)} of {len(framework.parts)} {what} heard")
    if heard("sequence"):
        c.add(1, "milestones in order")
    if has("decision_points"):
        c.add(1, "decision points stated")
    if has("escalation_path"):
        c.add(1, f"escalation path{sig_at('escalation_path')}")
    pacing = fb.pacing
    if pacing.over_budget:
        c.add(-1, f"went {format_clock(pacing.overtime_s)} over the time budget (guide 002)")
    for key, why in (("hedging", "hedged"), ("we_dominant", "told as 'we', not 'I'"),
                     ("hypotheticals", "told as 'I would', not what you did")):
        if has(key):
            c.add(-1, f"{why}: {sig[key].detail} (guide {sig[key].guide})")

    # Judgment
    j = t["judgment"]
    if has("stakeholder_tradeoffs"):
        j.add(1, "weighs who gains and who pays")
    if has("guardrails"):
        j.add(1, "protects guardrails")
    if has("edge_cases"):
        j.add(1, "thinks about how it could break")
    if fkey == "value" and part.get("uncertainty") and part["uncertainty"].heard:
        j.add(1, "weighs uncertainty and reversibility (VALUE)")
    if has("jumped_to_features"):
        j.add(-1, "proposed features before diagnosis (guide 003)")
    if has("validate_only"):
        j.add(-1, "data only to validate (guide 003)")

    return RubricSuggestion({k: t[k].result() for k in RUBRIC_KEYS})


def _level_names(levels: dict, keys: list[str]) -> str:
    return ", ".join(levels[k].title.lower() for k in keys)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# -- self-score versus suggestion, over time ------------------------------------------------------
@dataclass
class ScoreGap:
    """How far the self-scores of one dimension sit from the suggested scores (self − suggested:
    positive means scoring yourself higher than what was heard)."""

    dimension: str
    attempts: int
    mean_gap: float
    earlier_gap: float | None = None  # mean gap of the older half of the attempts
    recent_gap: float | None = None  # and of the newer half
    trend: str | None = None  # "narrowing", "widening", "steady"; None with too few attempts

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _mean(values: list[float]) -> float:
    return fsum(values) / len(values)  # statistics.mean is exact but ~20x slower: 10,000 answers


def score_gaps(rows: Iterable[tuple[dict, dict]]) -> dict[str, ScoreGap]:
    """rows: (self-score dict, suggestion dict) per attempt, oldest first. A suggestion is either
    dimension -> score or dimension -> {"score": ..., "reasons": [...]} (as stored in the
    feedback JSON). Dimensions missing on either side are skipped for that attempt."""
    gaps: dict[str, list[float]] = {}
    for own, suggested in rows:
        for dim, value in (own or {}).items():
            other = (suggested or {}).get(dim)
            if isinstance(other, dict):
                other = other.get("score")
            if value is None or other is None:
                continue
            gaps.setdefault(dim, []).append(float(value) - float(other))
    out = {}
    for dim in [k for k in RUBRIC_KEYS if k in gaps] + [k for k in gaps if k not in RUBRIC_KEYS]:
        values = gaps[dim]
        gap = ScoreGap(dim, len(values), round(_mean(values), 2))
        if len(values) >= TREND_MIN_ATTEMPTS:
            half = len(values) // 2
            gap.earlier_gap = round(_mean(values[:half]), 2)
            gap.recent_gap = round(_mean(values[-half:]), 2)
            change = abs(gap.recent_gap) - abs(gap.earlier_gap)
            gap.trend = "narrowing" if change <= -TREND_STEP else "widening" if change >= TREND_STEP else "steady"
        out[dim] = gap
    return out
