"""Focus drills (issue 24): a short answer on one or two of the eight steps. A drill is a budget
of the "focus" format (prompts/budgets.toml names them and sets their time); which steps each
phase checks is decided here, so a budgets file edited by hand cannot change what is checked."""

from __future__ import annotations

from interviewer_app.core.models import Budget

FOCUS_FORMAT = "focus"
# phase key -> the steps it drills (guide 000's order: open, diagnose, decide, close)
FOCUS_STEPS: dict[str, tuple[str, ...]] = {
    "open": ("restate", "scope"),
    "diagnose": ("map", "bottleneck"),
    "decide": ("options", "prioritize"),
    "close": ("sequence", "risks"),
}


def focus_of(budget: Budget | None) -> tuple[str, ...] | None:
    """The steps a focus drill's budget checks; None for a whole answer."""
    if budget is None or budget.format_key != FOCUS_FORMAT:
        return None
    return FOCUS_STEPS.get(budget.phase_key or "open")


def is_focus_row(row) -> bool:
    """A history row (storage.history.AttemptSummary) that was a focus drill."""
    return row.budget_format == FOCUS_FORMAT


def focus_of_row(row) -> tuple[str, ...] | None:
    """The steps a history row's focus drill checked; None for a whole answer."""
    return FOCUS_STEPS.get(row.budget_phase or "") if is_focus_row(row) else None
