"""Restarts: words said again straight away ("we we should", "the plan the plan is"), counted apart
from fillers (issue 22). A filler between the two copies ("we um we should") does not hide one.

The same rule tells the structure reader which words to skip (analysis/structure/spoken.py), so
the pacing count and the reading of an answer agree on what a restart is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.pacing.fillers import SINGLE
from interviewer_app.core.models import Word

MAX_RUN = 3  # the longest phrase said twice that still counts as a restart ("the first step the first step")


@dataclass(frozen=True)
class Restart:
    text: str  # the words said again
    start: float | None
    end: float | None

    def to_dict(self) -> dict:
        return {"words": self.text, "start": self.start, "end": self.end}


def repeated_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) index ranges, end exclusive, of words that only repeat the words just before
    them: the second copy. A repeated number ("two two") may be meant and is left alone."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        size = next((k for k in range(1, MAX_RUN + 1)
                     if i + 2 * k <= n and tokens[i:i + k] == tokens[i + k:i + 2 * k]
                     and all(tokens[i:i + k]) and not (k == 1 and tokens[i].isdigit())), 0)
        if size:
            runs.append((i + size, i + 2 * size))
            i += size
        else:
            i += 1
    return runs


def _token(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower().replace("\u2019", "'"))


def find_restarts(words: list[Word]) -> list[Restart]:
    """Restarts in timed (or untimed: start and end None) words, fillers looked past."""
    kept = [i for i, w in enumerate(words) if _token(w.word) not in SINGLE]
    tokens = [_token(words[i].word) for i in kept]
    out = []
    for a, b in repeated_runs(tokens):
        first, last = words[kept[a]], words[kept[b - 1]]
        text = " ".join(_token(words[kept[j]].word) for j in range(a, b))
        out.append(Restart(text, first.start, last.end))
    return out
