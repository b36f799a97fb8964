"""The eight steps of an execution answer: the single definition used everywhere.

Source: guide 000, "A practical answer structure" (../shared/guides/000_2726c1ce649d4db0.txt).
The wording here is ours; the facts are the guide's.
"""

from __future__ import annotations

from dataclasses import dataclass

GUIDE_000 = "000_2726c1ce649d4db0.txt"
GUIDE_001 = "001_3bb2a46e75a71a3b.txt"
GUIDE_002 = "002_295c2e5020856213.txt"
GUIDE_003 = "003_b277f0af57712b6a.txt"
GUIDE_004 = "004_2c4abb2c31d61dc5.txt"
# Guide number (as cited in tips, "guide 002") -> file in ../shared/guides/.
GUIDE_FILES: dict[str, str] = {"000": GUIDE_000, "001": GUIDE_001, "002": GUIDE_002,
                               "003": GUIDE_003, "004": GUIDE_004}
# What each guide is about, in our words: what the app shows (never the file names above).
GUIDE_TITLES: dict[str, str] = {
    "000": "execution mock interviews: prompts, answer structure and scoring rubric",
    "001": "the product execution interview: what it is, questions and tips",
    "002": "the PM execution interview at top companies: C.A.R.E. stories, stages and timings",
    "003": "seven execution mistakes that get strong candidates rejected",
    "004": "execution frameworks for root-cause, metric-drop and trade-off questions",
}


def guide_number(source: str | None) -> str | None:
    """'000_2726c1ce649d4db0.txt' (a prompt's or budget's source) -> '000'; None for anything else."""
    if source and len(source) > 4 and source[:3].isdigit() and source[3] == "_":
        return source[:3]
    return None


def guide_words(number: str | None) -> str:
    """'guide 002 (the PM execution interview at top companies: …)' for tooltips; '' for none."""
    if not number:
        return ""
    title = GUIDE_TITLES.get(number)
    return f"guide {number}" + (f" ({title})" if title else "")


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    title: str
    summary: str
    tip: str
    source: str = GUIDE_000


STEPS: tuple[Step, ...] = (
    Step("restate", 1, "Restate the goal",
         "Say what outcome the work serves and which success metric tells you it worked.",
         "Open with the goal and its metric: \"The goal is X, measured by Y\" — or ask which of "
         "activation, retention or conversion matters most."),
    Step("scope", 2, "Scope and constraints",
         "Bound the problem: product area, timeline, team size, quality bar, what you may change.",
         "Name your constraints out loud: timeline, team capacity, platforms, and what is off the table."),
    Step("map", 3, "Map the system",
         "Lay out the funnel, user journey or driver tree the metric comes from.",
         "Sketch the funnel or driver tree step by step before looking for causes."),
    Step("bottleneck", 4, "Find the bottleneck",
         "Say which data or segments you would inspect to find the constraint, and check the "
         "problem is real; state assumptions where data is missing.",
         "Say exactly what you would look at (segments, funnel steps, instrumentation) — not just "
         "\"check the data\"."),
    Step("options", 5, "Generate options",
         "Offer several ways to act, across different levers: product, process, messaging, "
         "tooling, staffing, sequencing.",
         "Give two or three options that pull different levers before choosing."),
    Step("prioritize", 6, "Prioritize",
         "Choose among the options and say why: impact, confidence, effort, reversibility, "
         "dependencies, time to learn.",
         "Pick one option and give the reason (impact, confidence, effort, reversibility); a "
         "framework name alone is not a choice."),
    Step("sequence", 7, "Sequence the plan",
         "Order the work in time: a first diagnostic step, an initial ship, a follow-up and a "
         "decision point.",
         "Lay out what happens first, next and when you decide: week one, week two, decision point."),
    Step("risks", 8, "Risks and cadence",
         "Name guardrail metrics, launch and rollback criteria, owners, stakeholder syncs and "
         "escalation.",
         "Close with guardrails and rollback criteria, who owns what, and how often you review."),
)

STEP_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)

# One colour per step for highlights (app, HTML and PDF exports), distinct for colour-blind
# readers (Okabe-Ito-like) and readable on light and dark backgrounds.
STEP_COLORS: dict[str, str] = {
    "restate": "#E69F00", "scope": "#56B4E9", "map": "#009E73", "bottleneck": "#D55E00",
    "options": "#CC79A7", "prioritize": "#0072B2", "sequence": "#9467BD", "risks": "#B8860B",
}
STEPS_BY_KEY: dict[str, Step] = {s.key: s for s in STEPS}

# Steps that should come before options (guide 003, Mistake #1; guide 004, "Starting with a feature
# idea instead of diagnosis"): options heard before any of these is "jumping to options".
FRAMING_STEPS: tuple[str, ...] = ("restate", "scope", "map")

JUMPED_TO_OPTIONS_TIP = (
    "You proposed solutions before framing the problem: restate the goal, scope it and map the "
    "system first (guide 003, mistake #1)."
)
