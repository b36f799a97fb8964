"""Pacing: speaking time, words per minute, pauses, think time, fillers and the time budget."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer_app.analysis.pacing.filler_triggers import FillerCluster, find_clusters
from interviewer_app.analysis.pacing.fillers import Filler, find_fillers
from interviewer_app.analysis.pacing.restarts import Restart, find_restarts
from interviewer_app.analysis.structure.steps import SentenceLabel
from interviewer_app.core.models import Transcript, Word
from interviewer_app.core.steps import STEP_KEYS

PAUSE_S = 1.2  # a mid-answer silence at least this long is a pause
LONG_PAUSE_S = 4.0  # and this long is flagged


@dataclass
class Pause:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict:
        return {"start": round(self.start, 2), "end": round(self.end, 2),
                "duration": round(self.duration, 2), "long": self.duration >= LONG_PAUSE_S}


@dataclass
class Pacing:
    timed: bool
    word_count: int
    speaking_s: float | None = None
    wpm: float | None = None
    articulation_wpm: float | None = None
    think_time_s: float | None = None
    answer_end_s: float | None = None
    pauses: list[Pause] = field(default_factory=list)
    fillers: list[Filler] = field(default_factory=list)
    restarts: list[Restart] = field(default_factory=list)
    filler_clusters: list[FillerCluster] = field(default_factory=list)
    wpm_by_minute: list[dict] = field(default_factory=list)
    step_time_s: dict[str, float] = field(default_factory=dict)
    budget_s: float | None = None
    overtime_s: float | None = None
    over_budget: bool | None = None
    over_at_s: float | None = None
    over_at_step: str | None = None
    time_to_restate_s: float | None = None

    @property
    def longest_pause_s(self) -> float | None:
        if not self.timed:
            return None
        return round(max((p.duration for p in self.pauses), default=0.0), 2)

    @property
    def fillers_per_min(self) -> float | None:
        if not self.speaking_s:
            return None
        return round(len(self.fillers) / (self.speaking_s / 60), 2)

    def to_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 2)  # noqa: E731
        return {
            "speaking_s": r(self.speaking_s), "wpm": r(self.wpm),
            "articulation_wpm": r(self.articulation_wpm), "word_count": self.word_count,
            "think_time_s": r(self.think_time_s), "answer_end_s": r(self.answer_end_s),
            "pauses": [p.to_dict() for p in self.pauses],
            "long_pauses": sum(p.duration >= LONG_PAUSE_S for p in self.pauses),
            "longest_pause_s": self.longest_pause_s,
            "fillers": {"count": len(self.fillers), "per_min": self.fillers_per_min,
                        "items": [f.to_dict() for f in self.fillers],
                        "clusters": [c.to_dict() for c in self.filler_clusters]},
            "restarts": {"count": len(self.restarts), "items": [r.to_dict() for r in self.restarts]},
            "wpm_by_minute": self.wpm_by_minute,
            "step_time_s": {k: round(v, 2) for k, v in self.step_time_s.items()},
            "time_to_restate_s": r(self.time_to_restate_s),
            "budget_s": r(self.budget_s), "overtime_s": r(self.overtime_s),
            "over_budget": self.over_budget, "over_at_s": r(self.over_at_s),
            "over_at_step": self.over_at_step,
        }


def measure_pacing(transcript: Transcript, labels: list[SentenceLabel], budget_s: float | None,
                   restate_first_s: float | None, follow_up: str | None = None) -> Pacing:
    words = [w for w in transcript.words if w.word.strip()]
    if not transcript.timed:
        untimed = [Word(None, None, t) for t in transcript.text.split()]
        return Pacing(timed=False, word_count=len(untimed), budget_s=budget_s,
                      fillers=find_fillers(untimed), restarts=find_restarts(untimed))
    pacing = Pacing(timed=True, word_count=len(words), budget_s=budget_s, fillers=find_fillers(words),
                    restarts=find_restarts(words))
    if words:
        first, last = _speech_bounds(words, transcript.speech)
        pacing.think_time_s = first
        pacing.answer_end_s = last
        pacing.pauses = _pauses(words, transcript.speech)
        span = max(last - first, 1e-6)
        pacing.speaking_s = span - sum(p.duration for p in pacing.pauses)
        pacing.wpm = len(words) / (span / 60)
        pacing.articulation_wpm = len(words) / (max(pacing.speaking_s, 1e-6) / 60)
        pacing.wpm_by_minute = _wpm_by_minute(words)
        pacing.step_time_s = _step_time(labels)
        pacing.time_to_restate_s = restate_first_s
        pacing.filler_clusters = find_clusters(pacing.fillers, words, _first_heard(labels), first, follow_up)
    _apply_budget(pacing, transcript, labels)
    return pacing


def _speech_bounds(words: list[Word], speech) -> tuple[float, float]:
    """First and last moment of speech. Whisper tends to start the first word early and stretch
    the last one, so when voice activity is known, use the edges of the regions holding them."""
    first, last = words[0].start, words[-1].end
    if speech:
        opening = next((r for r in speech if r[1] > first), None)
        closing = next((r for r in reversed(speech) if r[0] < last), None)
        if opening is not None and opening[0] < words[0].end:
            first = opening[0]
        if closing is not None and closing[1] > words[-1].start:
            last = closing[1]
    return first, last


def _pauses(words: list[Word], speech) -> list[Pause]:
    """Mid-answer silences of at least PAUSE_S: gaps between voice-activity regions when the
    audio was analysed, else gaps between words."""
    first, last = words[0].start, words[-1].end
    if speech:
        return [Pause(a[1], b[0]) for a, b in zip(speech, speech[1:])
                if b[0] - a[1] >= PAUSE_S and a[1] >= first - 0.5 and b[0] <= last + 0.5]
    return [Pause(a.end, b.start) for a, b in zip(words, words[1:]) if b.start - a.end >= PAUSE_S]


def _wpm_by_minute(words: list[Word]) -> list[dict]:
    last_end = words[-1].end
    minutes = int(last_end // 60) + 1
    rows = []
    for m in range(minutes):
        lo, hi = m * 60.0, min((m + 1) * 60.0, last_end)
        n = sum(lo <= w.start < hi for w in words)
        length = hi - lo
        rows.append({"minute": m + 1, "start": lo, "end": round(hi, 2), "words": n,
                     "wpm": round(n / (length / 60), 1) if length >= 5 else None})
    return rows


def _first_heard(labels: list[SentenceLabel]) -> dict[str, float]:
    """When each step was first heard: the start of the first sentence labelled with it."""
    first: dict[str, float] = {}
    for lab in labels:
        if lab.sentence.start is not None:
            for step in lab.steps:
                first.setdefault(step, lab.sentence.start)
    return first


def _step_time(labels: list[SentenceLabel]) -> dict[str, float]:
    """Seconds spent on each step: a sentence's time goes to its steps; an unlabelled sentence
    continues the step before it."""
    totals = {k: 0.0 for k in STEP_KEYS}
    current: list[str] = []
    for lab in labels:
        s = lab.sentence
        if s.start is None or s.end is None:
            continue
        if lab.steps:
            current = list(lab.steps)
        for step in current:
            totals[step] += (s.end - s.start) / len(current)
    return totals


def _apply_budget(pacing: Pacing, transcript: Transcript, labels: list[SentenceLabel]) -> None:
    if pacing.budget_s is None:
        return
    end = pacing.answer_end_s if pacing.answer_end_s is not None else transcript.duration_s
    if end is None:
        return
    pacing.overtime_s = max(0.0, end - pacing.budget_s)
    pacing.over_budget = end > pacing.budget_s
    if pacing.over_budget:
        pacing.over_at_s = pacing.budget_s
        pacing.over_at_step = _step_at(labels, pacing.budget_s)


def _step_at(labels: list[SentenceLabel], t: float) -> str | None:
    """The step being spoken at time t: the last step heard in a sentence starting at or before t."""
    current = None
    for lab in labels:
        if lab.sentence.start is not None and lab.sentence.start <= t and lab.steps:
            current = next(iter(lab.steps))
    return current
