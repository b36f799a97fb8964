"""The seven rubric dimensions for scoring an execution answer, 1 to 5.

Source: guide 000, "Scoring rubric for execution mocks" (../shared/guides/000_2726c1ce649d4db0.txt).
The descriptions are ours, condensed from the guide's weak (1-2) / adequate (3) / strong (4-5)
columns.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    weak: str      # 1-2
    adequate: str  # 3
    strong: str    # 4-5


RUBRIC: tuple[Dimension, ...] = (
    Dimension("goal_clarity", "Goal clarity",
              "Busy work with no clear target.",
              "A metric is named, but not why the business cares.",
              "Anchored on a measurable business outcome and its constraint."),
    Dimension("system_thinking", "System thinking",
              "Symptoms are treated as causes.",
              "Part of the funnel is mapped.",
              "The problem is broken into drivers and likely bottlenecks are found."),
    Dimension("prioritization", "Prioritization",
              "Everything is important.",
              "A framework is applied by rote.",
              "One lever is chosen, with its trade-offs and why it goes first."),
    Dimension("execution_realism", "Execution realism",
              "Dependencies and capacity are ignored.",
              "Resources are mentioned in general terms.",
              "Team capacity, owners across functions, launch risk and rollback are covered."),
    Dimension("metrics", "Metrics",
              "Only shipped output is tracked.",
              "Outcomes are tracked, without guardrails.",
              "Input, output, outcome and quality metrics work together."),
    Dimension("communication", "Communication",
              "Rambles like a status update.",
              "Mostly organized.",
              "A crisp plan with owners, milestones, decision points and escalation."),
    Dimension("judgment", "Judgment",
              "Optimizes one corner at the expense of the whole.",
              "Sees some of the trade-offs.",
              "Protects customer trust, business value and team focus under pressure."),
)

RUBRIC_KEYS: tuple[str, ...] = tuple(d.key for d in RUBRIC)
SCORE_RANGE = (1, 5)


def describe(dimension: Dimension, score: int) -> str:
    """The description that goes with a score."""
    if score <= 2:
        return dimension.weak
    if score == 3:
        return dimension.adequate
    return dimension.strong
