"""What the answer screen shows while someone speaks: steps heard so far (and when each was first
shown), or for a story prompt its C.A.R.E. parts, words per minute and the current pause, from a
live transcript snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewer_app.analysis.content.frameworks import detect_framework
from interviewer_app.analysis.content.signals import detect_signals
from interviewer_app.analysis.pacing.fillers import find_fillers
from interviewer_app.analysis.structure.recommendation import find_recommendation
from interviewer_app.analysis.structure.sentences import split_sentences
from interviewer_app.analysis.structure.steps import SentenceLabel, detect_steps
from interviewer_app.core.models import Prompt, StepResult, is_story_prompt

if TYPE_CHECKING:
    from interviewer_app.transcribe.live import LiveSnapshot

SHOW_PAUSE_S = 2.0  # a silence this long is shown as a pause
SHOW_BEHIND_S = 4.0  # a transcript this far behind the audio says so


@dataclass
class LiveView:
    steps: dict[str, StepResult]
    labels: list[SentenceLabel]
    wpm: float | None
    pause_s: float | None  # current silence, when it is long enough to show
    behind_s: float | None  # how far the transcript is behind the audio, when it is worth saying
    words: int
    first_shown_s: dict[str, float]  # step -> audio clock when it first lit up
    fillers: int = 0  # fillers in the words so far (as many as Whisper writes: see pacing/fillers.py)
    # a story prompt (C.A.R.E., guide 002): part key -> heard so far, in C.A.R.E. order; None for a plan
    story_parts: dict[str, bool] | None = None
    # answer first (analysis/structure/recommendation.py), for a plan with a budget: when the first
    # recommendation was said (None: not yet), and whether the budget's halfway mark has passed
    # without one ("say your call")
    call_at_s: float | None = None
    call_due: bool = False


@dataclass
class LiveProgress:
    prompt: Prompt | None = None  # a C.A.R.E. prompt is tracked on its parts, as it is coached
    budget_s: float | None = None  # with it, a plan is told when its halfway mark passes without a call
    first_shown_s: dict[str, float] = field(default_factory=dict)
    call_at_s: float | None = None
    _version: int = -1
    _view: LiveView | None = None
    # each sentence's steps by (place, text): final sentences never change, so a new snapshot
    # costs only its new and provisional sentences (labelling a whole 3-minute transcript on the
    # UI thread took ~40 ms per update, longer while the decoder held Python's lock)
    _labels: dict = field(default_factory=dict)

    def update(self, snap: LiveSnapshot) -> LiveView:
        """Recompute when the transcript changed; the pause and the backlog always follow the
        audio."""
        if self._view is None or snap.version != self._version:
            self._version = snap.version
            sentences = split_sentences(snap.transcript())
            current = {(s.index, s.text) for s in sentences}
            self._labels = {k: v for k, v in self._labels.items() if k in current}
            steps, labels = detect_steps(sentences, cache=self._labels)
            for key, result in steps.items():
                if result.heard and key not in self.first_shown_s:
                    self.first_shown_s[key] = round(snap.received_s, 2)
            words = [w for s in snap.segments for w in s.words]
            self._view = LiveView(steps, labels, _wpm(words), None, None, len(words), self.first_shown_s,
                                  len(find_fillers(words)), self._story_parts(labels, steps))
            if self.call_at_s is None and self._tracks_call:
                call = find_recommendation(labels)
                if call.stated:
                    self.call_at_s = call.first_s if call.first_s is not None else round(snap.received_s, 2)
        view = self._view
        view.pause_s = _pause(snap)
        view.behind_s = _behind(snap)
        view.call_at_s = self.call_at_s
        view.call_due = (self._tracks_call and self.call_at_s is None
                         and snap.received_s >= self.budget_s / 2)
        return view

    @property
    def _tracks_call(self) -> bool:
        """Answer first is followed live for a plan with a budget, not for a story."""
        return bool(self.budget_s) and not is_story_prompt(self.prompt)


    def _story_parts(self, labels: list[SentenceLabel], steps: dict[str, StepResult]) -> dict[str, bool] | None:
        """The C.A.R.E. parts heard so far, judged as the review judges them (escalation comes
        from the escalation-path signal), for a story prompt; None otherwise."""
        if not is_story_prompt(self.prompt):
            return None
        signals = detect_signals(labels, self.prompt)
        result = detect_framework("care", labels, steps, signals, self.prompt.category)
        return {p.key: p.heard for p in result.parts}


def _wpm(words) -> float | None:
    if len(words) < 5:
        return None
    span = words[-1].end - words[0].start
    return round(len(words) / (span / 60), 0) if span >= 10 else None


def _pause(snap: LiveSnapshot) -> float | None:
    """The current silence, from the voice detector on the audio itself (not from the words,
    which arrive late when the transcript is behind); None before the first word or while
    speaking."""
    if snap.last_speech_end_s is None:
        return None
    silent = snap.pause_s
    return round(silent, 1) if silent >= SHOW_PAUSE_S else None


def _behind(snap: LiveSnapshot) -> float | None:
    """How far the transcript shown is behind the audio, when it is far enough to say so."""
    behind = snap.behind_s
    return round(behind) if behind >= SHOW_BEHIND_S else None
