"""What sets your fillers off (issue 22): fillers that come in bursts, and what was happening just
before each burst, with the words as evidence.

A burst is CLUSTER_N or more fillers within CLUSTER_S seconds. What can set one off, checked in
this order and all reported when several apply:
- "opening": the burst starts in the first OPENING_S seconds of the answer (nerves at the start;
  the guides do not discuss fillers, so these triggers are the team's, from speaking coaching);
- "follow_up": the same, in an answer to a follow-up question (a mock's): right after the
  interviewer pressed on something, the question itself is the evidence;
- "new_step": a step is heard for the first time from STEP_LEAD_S before the burst to its end
  (the moment of moving on, when the next thing to say is still being chosen);
- "number": a figure is said inside the burst (a number being recalled: "um, it was, uh, 20 percent");
- "mid_thought": none of these: the words around its first filler are the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.pacing.fillers import Filler
from interviewer_app.core.models import Word
from interviewer_app.core.steps import STEPS_BY_KEY

CLUSTER_N = 3
CLUSTER_S = 30.0
OPENING_S = 20.0
STEP_LEAD_S = 5.0

TRIGGER_TEXT = {
    "opening": "in the first {opening:g} seconds of the answer",
    "follow_up": "right after a follow-up question",
    "new_step": "as a new step began",
    "number": "while giving a number",
    "mid_thought": "in the middle of a thought",
}

_NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                 "eighty", "ninety", "hundred", "thousand", "million", "billion", "percent", "half",
                 "quarter", "double", "triple"}
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class FillerCluster:
    start: float
    end: float
    count: int
    triggers: tuple[str, ...]
    evidence: str  # the words that show the trigger, as said

    @property
    def describe(self) -> str:
        return " and ".join(TRIGGER_TEXT[t].format(opening=OPENING_S) for t in self.triggers)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "count": self.count, "triggers": list(self.triggers),
                "said": self.describe, "evidence": self.evidence}


def is_number(token: str) -> bool:
    t = token.strip().lower().strip(".,;:!?\"'()%$")
    return bool(_DIGIT.search(token)) or t in _NUMBER_WORDS


def find_clusters(fillers: list[Filler], words: list[Word], first_heard: dict[str, float],
                  answer_start: float | None, follow_up: str | None = None) -> list[FillerCluster]:
    """Bursts of timed fillers with what set them off. `first_heard` maps each step heard to the
    moment it was first heard; `answer_start` is the first moment of speech; `follow_up` is the
    question when the answer replies to a follow-up."""
    timed = sorted((f for f in fillers if f.start is not None), key=lambda f: f.start)
    out, i = [], 0
    while i < len(timed):
        j = i
        while j + 1 < len(timed) and timed[j + 1].start - timed[i].start <= CLUSTER_S:
            j += 1
        if j - i + 1 >= CLUSTER_N:
            burst = timed[i:j + 1]
            out.append(_cluster(burst, words, first_heard, answer_start, follow_up))
            i = j + 1
        else:
            i += 1
    return out


def _cluster(burst: list[Filler], words: list[Word], first_heard: dict[str, float],
             answer_start: float | None, follow_up: str | None) -> FillerCluster:
    start, end = burst[0].start, burst[-1].end if burst[-1].end is not None else burst[-1].start
    triggers, evidence = [], []
    if answer_start is not None and start - answer_start <= OPENING_S:
        opening = _words_around(words, start, before=0.0, after=4.0)
        if follow_up:
            triggers.append("follow_up")
            evidence.append(f'asked "{_shorten(follow_up)}", you began "{opening}"')
        else:
            triggers.append("opening")
            evidence.append(opening)
    began = sorted((t, k) for k, t in first_heard.items() if start - STEP_LEAD_S <= t <= end)
    if began:
        triggers.append("new_step")
        evidence.append(", ".join(f"{STEPS_BY_KEY[k].title} first heard at {_clock(t)}" for t, k in began))
    inside = [w for w in words if w.start is not None and start <= w.start <= end]
    numbers = [i for i, w in enumerate(inside) if is_number(w.word)]
    if numbers:
        triggers.append("number")
        k = numbers[0]
        evidence.append(" ".join(w.word.strip() for w in inside[max(0, k - 4):k + 2]))
    if not triggers:
        triggers.append("mid_thought")
        evidence.append(_words_around(words, start, before=3.0, after=3.0))
    return FillerCluster(round(start, 2), round(end, 2), len(burst), tuple(triggers),
                         "; ".join(e for e in evidence if e))


def _words_around(words: list[Word], t: float, before: float, after: float) -> str:
    return " ".join(w.word.strip() for w in words
                    if w.start is not None and t - before <= w.start <= t + after)


def _shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _clock(t: float) -> str:
    return f"{int(t // 60)}:{int(t % 60):02d}"
