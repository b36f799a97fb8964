"""The small values the feedback view (analysis/feedback/view.py) is built from: a number with its
unit, a tip with the guide passage it comes from, the words heard as evidence, and a time as the
user reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer_app.core.models import format_clock


def clock(seconds: float | None) -> str:
    return "" if seconds is None else format_clock(seconds)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, and how it is written."""

    value: float | None
    unit: str  # "s", "words/min", "per min", "count"
    text: str


@dataclass(frozen=True)
class Tip:
    title: str
    text: str
    guide: str
    anchor: str = ""  # the passage of the coaching notes it comes from (analysis/feedback/guide_notes.py)

    @property
    def line(self) -> str:
        return f"{self.title}: {self.text} (guide {self.guide})"

    @property
    def href(self) -> str:
        """The link that opens its passage in the app: "guide:000#step-scope"."""
        return f"guide:{self.guide}#{self.anchor or 'guide-' + self.guide}"


@dataclass(frozen=True)
class Evidence:
    cue: str  # the words that count
    rule: str
    text: str  # the sentence they were said in
    start: float | None  # of the sentence: playback starts there, and every front end shows it
    cue_start: float | None  # of the words themselves, when known

    @property
    def when(self) -> str:
        return clock(self.start)
