"""Plain data passed between transcription, analysis, storage, CLI and UI. No behaviour beyond
small derived views, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    start: float | None
    end: float | None
    word: str
    probability: float | None = None


@dataclass(frozen=True)
class Segment:
    start: float | None
    end: float | None
    text: str
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Transcript:
    """What was said. `timed` is False for a typed transcript (no times known)."""

    segments: tuple[Segment, ...]
    model: str | None = None
    duration_s: float | None = None
    timed: bool = True
    warnings: tuple[str, ...] = ()
    speech: tuple[tuple[float, float], ...] | None = None  # voice activity regions, from the audio
    # Whisper was asked to write "um" and "uh" down (TranscribeOptions.keep_fillers): more fillers
    # are counted than in a plain transcript, so the two are not compared as habits
    fillers_written: bool = False

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    category: str
    framework: str
    hint: str
    source: str
    follow_ups: tuple[str, ...] = ()
    origin: str = "bank"  # "bank" or the path of the user's file
    is_follow_up: bool = False  # the interviewer's follow-up to an answer (a mock's), not a main question


def is_story_prompt(prompt: Prompt | None) -> bool:
    """The prompt's framework decides the coaching: C.A.R.E. (guide 002) means a past story,
    whatever the prompt's category; anything else is a plan framed with the 8 steps."""
    return prompt is not None and prompt.framework == "care"


@dataclass(frozen=True)
class Budget:
    """How long an answer may take. `format_key` is a company or drill, or "custom"."""

    seconds: float
    format_key: str = "custom"
    format_name: str = "Custom"
    phase_key: str | None = None
    phase_name: str | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        if self.format_key == "custom":
            return f"Custom {format_clock(self.seconds)}"
        return f"{self.format_name} · {self.phase_name} ({format_clock(self.seconds)})"


def plural(n: int, word: str) -> str:
    """'1 phase', '3 phases', '1,204 attempts'."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def format_clock(seconds: float | None) -> str:
    """m:ss for display; '-' when unknown."""
    if seconds is None:
        return "-"
    sign = "-" if seconds < 0 else ""
    total = int(round(abs(seconds)))
    return f"{sign}{total // 60}:{total % 60:02d}"


@dataclass
class Evidence:
    start: float | None
    end: float | None
    text: str
    cue: str  # the words that earned the step
    rule: str  # why they count, in plain language
    cue_start: float | None = None
    cue_end: float | None = None

    def to_dict(self) -> dict:
        return {"start": _r(self.start), "end": _r(self.end), "text": self.text, "cue": self.cue,
                "cue_start": _r(self.cue_start), "cue_end": _r(self.cue_end), "rule": self.rule}


@dataclass
class StepResult:
    key: str
    heard: bool = False
    first_s: float | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"heard": self.heard, "first_s": _r(self.first_s),
                "evidence": [e.to_dict() for e in self.evidence]}


def _r(x: float | None, nd: int = 2) -> float | None:
    return None if x is None else round(float(x), nd)


def local_time(created_at: str | None) -> str:
    """'Mon 3 Nov 2026, 14:05' in the computer's time zone (stored times are UTC ISO)."""
    from datetime import datetime

    if not created_at:
        return "—"
    try:
        t = datetime.fromisoformat(created_at).astimezone()
    except ValueError:
        return created_at
    return f"{t:%a} {t.day} {t:%b %Y, %H:%M}"
