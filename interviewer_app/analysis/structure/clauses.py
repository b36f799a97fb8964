"""Where a long unpunctuated run of speech breaks into thoughts.

Captions and some speech-recognised transcripts have no full stops: a whole answer arrives as one
run of words ("so first i'd want to know is this sudden or gradual okay so then i'd break the
metric down into ..."). Read as one sentence it matches every step's cues at once and quotes the
whole answer as evidence. People who label such transcripts cut them where a new thought starts:
at a discourse marker ("so", "okay", "and then", "but", "now", "um so"), at the end of a question
to the interviewer ("... right", "does that make sense"), or at a change of topic
(`../shared/realanswers/README.md`, "Sentence splitting"). This module finds the first two of
those from the words alone; it never cuts a piece shorter than `MIN_WORDS`.

Works on tokens as they appear (with any punctuation attached), so the same rule serves typed
text and timed words.
"""

from __future__ import annotations

import re

LONG_RUN_WORDS = 24  # a run of at least this many words without a sentence end is cut at markers
# A speech recogniser that punctuates (Whisper writes commas and full stops) has already said where
# its sentences end: a run with commas that ends in a full stop is one sentence, even a long one
# ("we could retry failed rows, show which ones failed, or drop the limit."); cut only past this.
PUNCTUATED_RUN_WORDS = 45
MIN_WORDS = 5  # no piece shorter than this (the short "yeah" or "okay" stays with its neighbour)
MAX_WORDS = 45  # a piece still longer than this is cut at a weaker marker ("and", "i think")

_FILLERS = frozenset({"um", "uh", "erm", "uhm", "hmm", "mm", "ah", "oh"})
# a new thought starts here (the marker word opens the new piece)
_STRONG = frozenset({"so", "okay", "ok", "alright", "now", "but", "yeah", "anyway", "however",
                     "firstly", "secondly", "thirdly", "lastly", "finally", "next", "another",
                     "additionally", "otherwise", "cool", "great", "right"})
_STRONG_PAIRS = frozenset({("and", "then"), ("and", "so"), ("and", "also"), ("and", "now"),
                           ("after", "that"), ("the", "first"), ("the", "second"), ("the", "third"),
                           ("the", "next"), ("the", "last"), ("one", "more"), ("first", "of"),
                           ("second", "thing"), ("let", "me"), ("let's", "say"), ("lets", "say"),
                           ("what", "i'd"), ("what", "i"), ("if", "we"), ("if", "i"), ("once", "we")})
# "so" and "right" that do not start a thought
_NOT_AFTER_SO = frozenset({"that", "much", "many", "far", "long", "basically", "on", "forth", "to",
                           "the", "a", "an", "called", "yeah", "high", "low", "bad", "good", "big"})
_NOT_BEFORE_SO = frozenset({"or", "not", "and", "is", "was", "be", "been", "do", "think", "just",
                            "are", "were", "a", "the"})
_NOT_AFTER_RIGHT = frozenset({"now", "away", "there", "here", "thing", "one", "way", "time", "side",
                              "after", "before", "to", "metric", "metrics", "answer", "balance"})
# weaker openings, used only to cut a piece that is still too long
_WEAK = frozenset({"and", "because", "then", "i", "we", "if", "which", "or", "also", "maybe",
                   "like", "where", "when", "since"})
# a question to the interviewer ends here: cut after it
_TAGS = (("does", "that", "make", "sense"), ("is", "that", "okay"), ("is", "that", "ok"),
         ("is", "that", "fair"), ("is", "that", "correct"), ("is", "that", "right"),
         ("if", "that", "makes", "sense"), ("sound", "good"), ("sounds", "good"))

_TAG_ENDS = frozenset(tag[-1] for tag in _TAGS)
_WORD = re.compile(r"[^\w']+")


def _plain(token: str) -> str:
    return _WORD.sub("", token.lower().replace("\u2019", "'"))


def _ends_sentence(token: str) -> bool:
    return token.rstrip("\"')]").endswith((".", "?", "!"))


def cut_points(tokens: list[str]) -> list[int]:
    """Indices (into `tokens`) where a new piece starts, for the long runs that have no sentence
    end (or a punctuated sentence longer than PUNCTUATED_RUN_WORDS); empty when every run is
    short."""
    cuts: list[int] = []
    start = 0
    for i, token in enumerate(tokens):
        if _ends_sentence(token) or i == len(tokens) - 1:
            punctuated = _ends_sentence(token) and any(t.endswith(",") for t in tokens[start:i])
            if i + 1 - start >= (PUNCTUATED_RUN_WORDS if punctuated else LONG_RUN_WORDS):
                cuts += [start + c for c in _cut_run([_plain(t) for t in tokens[start:i + 1]])]
            start = i + 1
    return cuts


def _cut_run(words: list[str]) -> list[int]:
    cuts = [0]
    n = len(words)
    for i in range(1, n):
        if i - cuts[-1] < MIN_WORDS or n - i < 3:
            continue
        if _opens_thought(words, i) or _after_tag(words, i):
            # a filler just before the marker goes with the new piece ("um so ...")
            j = i
            while j - 1 > cuts[-1] + MIN_WORDS - 1 and words[j - 1] in _FILLERS:
                j -= 1
            if j - cuts[-1] >= MIN_WORDS:
                cuts.append(j)
    pieces = cuts + [n]
    out = []
    for a, b in zip(pieces, pieces[1:]):
        out.append(a)
        out += _cut_long(words, a, b)
    return out[1:]


def _opens_thought(words: list[str], i: int) -> bool:
    w, prev = words[i], words[i - 1]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if prev in _FILLERS and w in _FILLERS:
        return False
    if (w, nxt) in _STRONG_PAIRS:
        return prev not in ("and", "the", "of", "to", "that", "is")
    if w not in _STRONG:
        return False
    if w == "so":
        return nxt not in _NOT_AFTER_SO and prev not in _NOT_BEFORE_SO
    if w == "right":
        return False  # "right" closes a question (see _after_tag), it does not open one
    if w in ("now", "next", "great", "cool"):
        return prev not in ("the", "a", "is", "are", "was", "right", "for", "and", "until", "by")
    if w == "another":
        return prev not in ("one", "to", "of", "in", "with", "for", "an", "some", "and", "or")
    if w in ("okay", "ok", "alright", "yeah"):
        return prev not in ("is", "was", "be", "are", "it's", "its", "that's", "thats", "pretty")
    return True


def _after_tag(words: list[str], i: int) -> bool:
    """The words before `i` end a question to the interviewer: a tag question, or a "right"
    that closes a clause ("... for new users right so ..." is caught by "so" already)."""
    if words[i - 1] in _TAG_ENDS:
        for tag in _TAGS:
            if tuple(words[max(0, i - len(tag)):i]) == tag:
                return True
    return (words[i - 1] == "right" and words[i] not in _NOT_AFTER_RIGHT
            and words[i - 2] not in ("the", "all", "that's", "thats", "is", "you're", "youre", "be"))


def _cut_long(words: list[str], a: int, b: int) -> list[int]:
    """Cuts inside a piece still longer than MAX_WORDS, at the weak opening nearest its middle."""
    if b - a <= MAX_WORDS:
        return []
    middle = (a + b) // 2
    best = None
    for i in range(a + MIN_WORDS * 2, b - MIN_WORDS * 2):
        if words[i] in _WEAK and (best is None or abs(i - middle) < abs(best - middle)):
            best = i
    if best is None:
        best = middle
    return _cut_long(words, a, best) + [best] + _cut_long(words, best, b)
