"""Filler words (um, uh, "you know", "like" used as filler) with their times.

Note: Whisper is trained to write clean text and drops many fillers; benchmarks/fillers_realspeech.py
measures how many it keeps. Counts here are a lower bound of what was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.core.models import Word

SINGLE = {"um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "hmm", "hm", "mm", "mhm", "eh"}
_YOU_KNOW_NOT_AFTER = {"do", "did", "don't", "dont", "if", "as", "would", "we", "they", "i", "you",
                       "to", "what", "should", "could", "might", "will", "may", "must", "let"}
_YOU_KNOW_NOT_BEFORE = {"what", "how", "that", "why", "when", "where", "if", "whether", "the", "about",
                        "who", "which", "this", "it", "him", "her", "them", "me", "us", "a", "an",
                        "your", "my", "our", "their", "more", "enough"}
_LIKE_VERB_BEFORE = {"would", "i'd", "we'd", "you'd", "they'd", "looks", "look", "looked", "feel",
                     "feels", "felt", "seem", "seems", "seemed", "sounds", "sound", "something",
                     "just", "i", "we", "you", "they", "don't", "didn't", "really", "things",
                     "stuff", "not", "is", "was", "be", "more", "much", "exactly", "anything",
                     "nothing", "likes", "liked"}


@dataclass(frozen=True)
class Filler:
    text: str
    start: float | None
    end: float | None

    def to_dict(self) -> dict:
        return {"word": self.text, "start": self.start, "end": self.end}


def _norm(token: str) -> str:
    return re.sub(r"[^\w']", "", token.lower().replace("\u2019", "'"))


def find_fillers(words: list[Word]) -> list[Filler]:
    tokens = [_norm(w.word) for w in words]
    raw = [w.word.strip() for w in words]
    found: list[Filler] = []
    i = 0
    while i < len(words):
        tok = tokens[i]
        prev = tokens[i - 1] if i > 0 else ""
        nxt = tokens[i + 1] if i + 1 < len(words) else ""
        prev_raw = raw[i - 1] if i > 0 else "."
        if tok in SINGLE:
            found.append(Filler(tok, words[i].start, words[i].end))
        elif tok == "you" and nxt == "know" and prev not in _YOU_KNOW_NOT_AFTER:
            after = tokens[i + 2] if i + 2 < len(words) else ""
            if after not in _YOU_KNOW_NOT_BEFORE:
                found.append(Filler("you know", words[i].start, words[i + 1].end))
                i += 2
                continue
        elif tok == "like" and (prev_raw.endswith((",", ".", "?", "!")) or (
                prev not in _LIKE_VERB_BEFORE and (raw[i].endswith(",") or nxt in SINGLE))):
            found.append(Filler("like", words[i].start, words[i].end))
        elif tok == "i" and nxt == "mean" and (raw[i + 1].endswith(",") or prev_raw.endswith((",", ".", "?", "!"))):
            found.append(Filler("i mean", words[i].start, words[i + 1].end))
            i += 2
            continue
        i += 1
    return found
