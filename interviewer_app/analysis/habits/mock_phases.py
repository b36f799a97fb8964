"""Going over time per phase of a real interview format, across mock interviews.

A mock's phase budget is shared by its main answer and follow-ups (guide 002 gives each stage a
length, e.g. Amazon's 30-minute deep dive), so the habit that matters is whether the *phase* ran
over, not each answer. Pure computation over `PhaseTime` rows (storage/mock_sessions.py reads
them); no database, no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from interviewer_app.core.models import format_clock

MIN_SESSIONS = 2  # a phase is called a habit once it ran over in at least this many mocks


@dataclass(frozen=True)
class PhaseTime:
    """The time one mock session spent answering in one phase."""

    session_id: int
    format_key: str
    format_name: str
    phase_key: str
    phase_name: str
    budget_s: float
    used_s: float  # recorded time of the phase's answers (main and follow-ups)
    answers: int


@dataclass(frozen=True)
class MockPhaseHabit:
    format_key: str
    format_name: str
    phase_key: str
    phase_name: str
    budget_s: float
    sessions: int  # mocks that answered in this phase
    over: int  # of them, how many ran over the phase's budget
    mean_used_s: float
    mean_overtime_s: float | None  # when over

    @property
    def over_share(self) -> float:
        return round(self.over / self.sessions, 3) if self.sessions else 0.0

    def to_dict(self) -> dict:
        return {**self.__dict__, "over_share": self.over_share}


def mock_phase_habits(times: list[PhaseTime]) -> list[MockPhaseHabit]:
    """One row per (format, phase), the phases most often over first."""
    groups: dict[tuple[str, str], list[PhaseTime]] = defaultdict(list)
    for t in times:
        if t.answers:
            groups[(t.format_key, t.phase_key)].append(t)
    out = []
    for rows in groups.values():
        first = rows[0]
        over = [r.used_s - r.budget_s for r in rows if r.used_s > r.budget_s]
        out.append(MockPhaseHabit(first.format_key, first.format_name, first.phase_key, first.phase_name,
                                  first.budget_s, len(rows), len(over),
                                  round(mean(r.used_s for r in rows), 2),
                                  round(mean(over), 2) if over else None))
    return sorted(out, key=lambda h: (-h.over_share, -h.sessions, h.format_name, h.phase_name))


def mock_phase_sentence(habits: list[MockPhaseHabit]) -> str | None:
    """The phase that most often ran over in mocks, in one line (None if none did twice)."""
    worst = next((h for h in habits if h.over >= MIN_SESSIONS), None)
    if worst is None:
        return None
    return (f"In mock interviews, the {worst.format_name} {worst.phase_name.lower()} ran over its "
            f"{format_clock(worst.budget_s)} in {worst.over} of {worst.sessions} sessions, by "
            f"{format_clock(worst.mean_overtime_s)} on average: plan where to cut before you start "
            "(guide 002 gives each stage its length).")
