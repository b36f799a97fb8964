"""The small rule engine shared by content signals (signals.py) and framework parts
(frameworks.py): a cue is a phrase pattern with a weight and a plain-language reason, the same
idea as the step rules in step_rules.py. A sentence earns a signal or part when the weights of the
cues it matches reach 1.0; negative cues (weight < 0) cancel keyword-only mentions. Patterns are
kept as text and compiled on first use, so importing a module that defines cues does no work."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the regular-expression parser, to read required literals out of a pattern
    import re._constants as _const
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _const
    import sre_parse as _parser

from interviewer_app.analysis.structure.sentences import Sentence
from interviewer_app.analysis.structure.steps import normalise  # noqa: F401 - the one normaliser, re-exported
from interviewer_app.core.models import Evidence

THRESHOLD = 1.0

# Building blocks for patterns (text is lowercased with straight apostrophes first).
NUM_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
            r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
            r"eighty|ninety|hundred|a hundred|zero)")
NUM = rf"(?:\d+(?:[.,]\d+)?|{NUM_WORD}(?:[- ]{NUM_WORD})?)"
FRACTION = r"(?:a third|a half|half|a quarter|a fifth|a tenth|two-thirds|two thirds|three-quarters|three quarters)"
PCT = rf"(?:{NUM} ?(?:%|percent|per cent|percentage points?|points?)|{FRACTION})"
APPROX = r"(?:about |around |roughly |nearly |almost |over |under |more than |less than |just |only |some |maybe |like )?"


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: str
    weight: float
    reason: str


@dataclass(frozen=True)
class CueHit:
    cue: Cue
    start: int
    end: int


@lru_cache(maxsize=None)
def rx(pattern: str) -> re.Pattern:
    """A pattern compiled on first use (and kept)."""
    return re.compile(pattern)


@dataclass(frozen=True)
class Prefilter:
    """A necessary condition for a cue's pattern to match, cheaper than the pattern: either
    `words` (some token of the sentence starts with one of these, or equals one when `whole`)
    or, when that cannot be shown, `regex` (a plain alternation of literal needles)."""

    prefixes: frozenset[str] = frozenset()
    whole: frozenset[str] = frozenset()
    regex: re.Pattern | None = None

    def passes(self, text: str, tokens: "Tokens | None") -> bool:
        if self.regex is not None:
            return self.regex.search(text) is not None
        if tokens is None:
            return True
        return not self.whole.isdisjoint(tokens.words) or not self.prefixes.isdisjoint(tokens.prefixes)


class Tokens:
    """From every place a word starts (a \\b before a word character, so also inside "time-
    tracking" or "don't") the text up to the next space (`words`), and the prefixes of those
    (`prefixes`, two characters or more), both only up to LONGEST characters: a cue's prefilter
    never needs longer ones (prefilter() falls back to its regex check for a longer needle), and
    keeping every prefix of every word is quadratic in a long token (a pasted URL or base64 of
    300,000 characters took gigabytes). So time and memory are linear in the text."""

    __slots__ = ("words", "prefixes")
    LONGEST = 32

    def __init__(self, text: str):
        words, heads, longest = set(), set(), self.LONGEST
        for found in _WORD_START.finditer(text):
            start = found.start()
            end = text.find(" ", start, start + longest + 1)
            if end >= 0 or len(text) - start <= longest:
                word = text[start:] if end < 0 else text[start:end]
                words.add(word)
                heads.add(word)
            else:  # a word longer than any needle: only its first characters can matter
                heads.add(text[start:start + longest])
        self.words = words
        self.prefixes = {w[:i] for w in heads for i in range(2, len(w) + 1)}


@lru_cache(maxsize=2048)
def tokens_of(text: str) -> Tokens:
    return Tokens(text)


_WORD_START = re.compile(r"\b\w")
_WORD_CHARS = re.compile(r"[a-z0-9][a-z0-9'-]*")


@lru_cache(maxsize=None)
def compiled(cues: tuple[Cue, ...]) -> tuple[tuple, ...]:
    """Each cue as (cue, compiled pattern, prefilter regex or None, prefilter whole words or None,
    prefilter word prefixes or None, positive weight still available after it — to stop early).
    No prefilter at all: always run the pattern."""
    out, left = [], sum(c.weight for c in cues if c.weight > 0)
    for c in cues:
        left -= max(c.weight, 0.0)
        check = prefilter(c.pattern)
        words = check is not None and check.regex is None
        out.append((c, re.compile(c.pattern), None if check is None else check.regex,
                    check.whole if words else None, check.prefixes if words else None, left))
    return tuple(out)


def prefilter(pattern: str) -> Prefilter | None:
    found = needles(pattern, aligned=True)
    if found:
        prefixes, whole = set(), set()
        for needle, at_word_start in found:
            head = _WORD_CHARS.match(needle.lstrip(" "))
            if not (at_word_start or needle.startswith(" ")) or head is None or head.start() != 0:
                break  # cannot tie this needle to the start of a word: use the regex check
            rest = needle.lstrip(" ")[head.end():]
            if len(head.group()) > Tokens.LONGEST:
                break  # longer than Tokens keeps
            if rest.startswith(" "):
                whole.add(head.group())
            elif len(head.group()) >= 2:  # Tokens keeps prefixes of two letters or more
                prefixes.add(head.group())
            else:
                break
        else:
            return Prefilter(frozenset(prefixes), frozenset(whole))
    plain = needles(pattern)
    return Prefilter(regex=re.compile("|".join(map(re.escape, plain)))) if plain else None


def needles(pattern: str, aligned: bool = False):
    """A cheap prefilter for a pattern: literal substrings, one of which every match contains,
    read from the parsed pattern (a required literal run, or one per branch of a required
    alternation). Conservative: () whenever that cannot be shown. With aligned=True, pairs
    (needle, starts at a word boundary) instead."""
    try:
        found = _required(_parser.parse(pattern), False)
    except Exception:  # pragma: no cover - an unusual construct: just always run the pattern
        return ()
    if not found:
        return ()
    return tuple(sorted(found)) if aligned else tuple(sorted({n for n, _ in found}))


def _required(seq, word_start: bool) -> set[tuple[str, bool]] | None:
    """Needles of a sequence of parsed items, each with whether it begins right after a \\b (or
    the start of the pattern piece that did): every item must match, so any item's needles do;
    take the most selective (longest shortest needle)."""
    candidates, run, run_start, boundary = [], "", False, word_start
    for op, arg in list(seq) + [(None, None)]:
        if op is _const.LITERAL:
            if not run:
                run_start = boundary
            run += chr(arg)
            boundary = chr(arg) == " "
            continue
        if run:
            candidates.append({(run, run_start)})
            run = ""
        if op is None:
            break
        if op is _const.AT and arg == _const.AT_BOUNDARY:
            boundary = True
            continue
        found = _item(op, arg, boundary)
        if found:
            candidates.append(found)
        optional = op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT) and arg[0] == 0
        boundary = _ends_with_space(op, arg) and (boundary or not optional)
    best = None
    for found in candidates:
        if best is None or min(len(n) for n, _ in found) > min(len(n) for n, _ in best):
            best = found
    return best if best and min(len(n) for n, _ in best) >= 2 else None


def _ends_with_space(op, arg) -> bool:
    """Does every match of this parsed item end with a space?"""
    if op is _const.LITERAL:
        return chr(arg) == " "
    if op is _const.SUBPATTERN:
        return _seq_ends_with_space(arg[-1])
    if op is _const.BRANCH:
        return all(_seq_ends_with_space(a) for a in arg[1])
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT) and arg[1] >= 1:
        return _seq_ends_with_space(arg[2])
    return False


def _seq_ends_with_space(seq) -> bool:
    items = list(seq)
    return bool(items) and _ends_with_space(*items[-1])


def _item(op, arg, word_start: bool) -> set[tuple[str, bool]] | None:
    if op is _const.SUBPATTERN:
        return _required(arg[-1], word_start)
    if op is _const.BRANCH:
        out = set()
        for alternative in arg[1]:
            found = _required(alternative, word_start)
            if not found:
                return None
            out |= found
        return out
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT, _const.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _required(arg[2], word_start)
    return None


def match(text: str, cues: tuple[Cue, ...] | tuple, threshold: float = THRESHOLD,
          tokens: Tokens | None = None) -> list[CueHit]:
    """The positive hits of a sentence (already normalised) when its cues reach the threshold,
    strongest first; [] when they do not, or when a negative cue pulls the total below it.
    `cues` may also be the result of compiled(cues), and `tokens` Tokens(text), to save work in
    loops over many sentences."""
    table = cues if cues and isinstance(cues[0], tuple) else compiled(cues)
    if tokens is None:
        tokens = tokens_of(text)
    total, hits = 0.0, []
    words, prefixes = tokens.words, tokens.prefixes
    for cue, pattern, quick, whole, starts, left in table:
        if quick is not None:
            found = pattern.search(text) if quick.search(text) is not None else None
        elif whole is not None and whole.isdisjoint(words) and starts.isdisjoint(prefixes):
            found = None
        else:
            found = pattern.search(text)
        if found is not None:
            total += cue.weight
            if cue.weight > 0:
                hits.append(CueHit(cue, found.start(), found.end()))
        if total + left < threshold - 1e-9:
            return []  # even every remaining cue could not reach the threshold
    if not hits or total < threshold - 1e-9:
        return []
    return sorted(hits, key=lambda h: -h.cue.weight)


def evidence(sentence: Sentence, hits: list[CueHit], rule: str | None = None) -> Evidence:
    """Evidence in the same shape as a step's: the sentence with its times, the cue words that
    earned it (with their own times) and why they count."""
    best = hits[0]
    cue_start, cue_end = sentence.time_of(best.start, best.end)
    return Evidence(start=sentence.start, end=sentence.end, text=sentence.text,
                    cue=sentence.text[best.start:best.end],
                    rule=rule or "; ".join(dict.fromkeys(h.cue.reason for h in hits)),
                    cue_start=cue_start, cue_end=cue_end)
