"""Cut a transcript into spoken sentences, keeping each word's time and place in the text, so a
phrase matched in a sentence can be traced back to when it was said."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.structure.clauses import cut_points
from interviewer_app.core.models import Transcript, Word

SENTENCE_PAUSE_S = 1.0  # a silence this long ends a sentence even without punctuation
MAX_SENTENCE_WORDS = 45
# A typed sentence longer than this is cut into pieces (a token longer than this too): no cue
# pattern then ever searches more than this many characters at once, so a run-on without full
# stops or a pasted token of megabytes takes time linear in its length. Real captions have no
# full stops: an answer from ../shared/realanswers is one "sentence" of up to 3,725 characters,
# so the cut sits far above that (about 3,500 words, 25 minutes of speech); at 3,000 it split
# 4 of those 34 answers and changed the steps heard in 2.
MAX_TEXT_SENTENCE_CHARS = 20_000
_END = re.compile(r"[.?!]+[\"')\]]*$")
# a full stop that does not end a sentence: "vs.", "e.g.", "no. 3", "approx."
_ABBREVIATION = re.compile(r"(?:^|(?<=\W))(?:vs|v|e\.g|i\.e|etc|approx|incl|esp|mr|mrs|ms|dr|st|no|nos)\.$",
                           re.IGNORECASE)
_TEXT_SPLIT = re.compile(r"(?<=[.?!])[\"')\]]*\s+|\n+")


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    words: tuple[Word, ...]
    spans: tuple[tuple[int, int], ...]  # character span of each word in `text`

    @property
    def start(self) -> float | None:
        return self.words[0].start if self.words else None

    @property
    def end(self) -> float | None:
        return self.words[-1].end if self.words else None

    def time_of(self, char_start: int, char_end: int) -> tuple[float | None, float | None]:
        """Start and end time of the words overlapping a character range of `text`."""
        hit = [w for w, (a, b) in zip(self.words, self.spans) if a < char_end and b > char_start]
        if not hit:
            return self.start, self.end
        return hit[0].start, hit[-1].end


def split_sentences(transcript: Transcript) -> list[Sentence]:
    if transcript.timed and transcript.words:
        return _from_words(transcript.words)
    return _from_text(transcript.text)


def sentence_of(index: int, words: list[Word]) -> Sentence:
    parts, spans, pos = [], [], 0
    for w in words:
        token = w.word.strip()
        if parts:
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return Sentence(index, " ".join(parts), tuple(words), tuple(spans))


def _from_words(words: list[Word]) -> list[Sentence]:
    """Sentences end at a full stop, a pause of SENTENCE_PAUSE_S, a comma after
    MAX_SENTENCE_WORDS words, or where a long unpunctuated run starts a new thought (clauses.py)."""
    words = [w for w in words if w.word.strip()]
    cuts = set(cut_points([w.word.strip() for w in words]))
    sentences, current = [], []
    for i, word in enumerate(words):
        current.append(word)
        nxt = words[i + 1] if i + 1 < len(words) else None
        gap = (nxt.start - word.end) if nxt is not None and nxt.start is not None and word.end is not None else 0
        token = word.word.strip()
        long_enough = len(current) >= MAX_SENTENCE_WORDS and token.endswith((",", ";", ":"))
        ends = _END.search(token) and not _abbreviation(token, nxt.word.strip() if nxt else "")
        if nxt is None or ends or gap >= SENTENCE_PAUSE_S or long_enough or i + 1 in cuts:
            sentences.append(sentence_of(len(sentences), current))
            current = []
    return sentences


def _abbreviation(token: str, following: str) -> bool:
    """A full stop after "vs", "e.g" and the like does not end the sentence, nor "no." before a
    number ("No. 3") or "of" ("the no. of sign-ups"); "No." before another word is a one-word
    answer and does."""
    if not _ABBREVIATION.search(token):
        return False
    if token.lower().rstrip(".").endswith("no"):
        return following[:1].isdigit() or following.rstrip(",;:") == "of"
    return token.lower() != "etc." or not following[:1].isupper()


def _text_chunks(text: str) -> list[str]:
    """Typed text cut at sentence ends, except after an abbreviation."""
    chunks: list[str] = []
    pos = 0
    for m in _TEXT_SPLIT.finditer(text):
        before = text[pos:m.start()].split()
        after = text[m.end():m.end() + 12].split()
        if before and "\n" not in m.group() and _abbreviation(before[-1], after[0] if after else ""):
            continue
        chunks.append(text[pos:m.start()])
        pos = m.end()
    chunks.append(text[pos:])
    return chunks


def _from_text(text: str) -> list[Sentence]:
    sentences = []
    for chunk in _text_chunks(text):
        for piece in _pieces(chunk.split(), MAX_TEXT_SENTENCE_CHARS):
            for clause in _clauses(piece):
                sentences.append(sentence_of(len(sentences), [Word(None, None, t) for t in clause]))
    return sentences


def _clauses(tokens: list[str]) -> list[list[str]]:
    """A run of typed words without full stops, cut where a new thought starts (clauses.py)."""
    bounds = [0, *cut_points(tokens), len(tokens)]
    return [tokens[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _pieces(tokens: list[str], limit: int):
    """The tokens in runs whose joined text is at most `limit` characters; a longer token is cut."""
    piece, size = [], -1
    for token in tokens:
        if len(token) > limit:
            if piece:
                yield piece
            cuts = range(0, len(token), limit)
            for at in cuts[:-1]:
                yield [token[at:at + limit]]
            token = token[cuts[-1]:]
            piece, size = [], -1
        if piece and size + 1 + len(token) > limit:
            yield piece
            piece, size = [], -1
        piece.append(token)
        size += 1 + len(token)
    if piece:
        yield piece
