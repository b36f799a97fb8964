"""When the recommendation was first stated, and whether a timed answer left it too late.

Guide 004 ("Trade-off framework"): a strong answer does not hide from the decision, it ends with a
recommendation, and "refusing to make a recommendation" is one of its mistakes. In a timed answer a
recommendation kept for the very end is the first thing the clock cuts, so the check is answer
first (issue 24): say the call, even as a working answer, by the halfway mark of the budget, then
support it and say it again at the end.

A recommendation is a sentence that commits to a course of action in words that commit: "I'd
recommend…", "my call is…", "I would go with…", "we should launch…", "I'd prioritise the
reminder fix…", "so, bottom line…". Proposals ("we could…") and questions are not commitments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.structure.spoken import read
from interviewer_app.analysis.structure.steps import SentenceLabel, normalise

_MODAL = r"(?:(?:i|we)(?:'d|'ll| would| will| should| am going to|'m going to|'m gonna| are going to)|id)"
_ADVERB = r"(?:(?:probably|definitely|still|then|actually|just|now|first|right now|immediately) )?"
# words that commit whatever follows them
_CALL = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will| do)? (?:(?:strongly|probably|still) )?recommend(?:ing)?\b"
    r"|\bmy (?:\w+ )?recommendation\b|\bthe recommendation (?:is|would be)\b"
    r"|\bmy (?:call|decision|pick|choice|verdict)(?: here| then| overall)? (?:is|would be|will be)\b"
    r"|\bi(?:'d| would)? (?:make|made) the call\b|\b(?:bottom line|net net|long story short)\b"
    r"|\bif i had to (?:choose|pick|decide)\b|\b(?:i|we) would not (?:change|launch|ship|touch)\b"
    r"|\b(?:is|'s|was) (?:my|the) (?:call|pick|choice|first pick|top pick|lean|recommendation)\b"
    r"|\bmy (?:lean|money|vote|pick|choice|call|bet)(?: here| then)? (?:is on|goes (?:on|to))\b|\bmy lean is\b"
    r"|\bwhere i(?:'d| would) land\b|\b(?:goes|go|comes|come) first\b|\bi (?:prefer|favou?r)\b"
    r"|\bwins\b(?= (?:because|since|for me|here|out|hands down)\b|,)|\bbeats (?:everything|the others|the rest|the other \w+)\b"
    rf"|\b{_MODAL} {_ADVERB}(?:do|build|ship|launch|fix|tackle) (?:\w+ ){{0,4}}first\b")
# an action the speaker commits to, when it names what ("I'd ship the import fix"), not how
# ("I'd prioritise by impact", "we'd pick the best one")
_ACTION = re.compile(
    rf"\b{_MODAL} {_ADVERB}(?:not )?(?:go (?:ahead )?with|go for|lead with|lean (?:on|toward|towards|to)|bet on|"
    r"try(?! to\b)|choose|pick|opt for|ship|launch|delay|postpone|pause|"
    r"hold off(?: on)?|roll (?:it |this |that )?back|roll (?:it |this |that )?out|kill|sunset|turn (?:it |this |that )?off|"
    r"prioriti[sz]e|invest in|fund|staff)\b"
    r"(?! (?:by|using|with|carefully|based|according|accordingly|all|everything|the best|the right|whatever|what|"
    r"the ones|one of them|them|these|those|it all|a bunch|between)\b)")
# a goal or metric chosen ("I'll go with bookings per searcher as the goal") is restate, not the call
_GOAL_CHOICE = re.compile(r"\b(?:north star|goal|metric|kpi|success measure|measure of success)s?\b")
# a question to the interviewer is no call
_QUESTION = re.compile(r"\b(?:would|do|should|will) (?:you|they) (?:recommend|go with|choose|pick|launch|ship|"
                       r"prioriti[sz]e)\b|\?\s*$")
# nor is a commitment talked about rather than made: "whether we should launch", "if we ship it…",
# "the way I'd prioritise them", "all the metrics I should pick"
_JUST_BEFORE = re.compile(r"\b(?:whether|before|if|once|until|unless)\s*$")
_TALKED_ABOUT = re.compile(r"\b(?:the way|how|what|which|about|criteria)\b[\w' ]{0,20}$")


QUOTE_WORDS = 12


@dataclass(frozen=True)
class Recommendation:
    """Where a recommendation was first heard; `late` is None where it cannot be judged (no times
    or no budget), and for an answer with no recommendation."""
    stated: bool
    sentence: str | None = None
    cue: str | None = None
    first_s: float | None = None
    cue_start: float | None = None
    midpoint_s: float | None = None
    late: bool | None = None
    quote: str | None = None  # the call as said: from the cue, at most QUOTE_WORDS words

    def to_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 2)  # noqa: E731
        return {"stated": self.stated, "sentence": self.sentence, "cue": self.cue,
                "first_s": r(self.first_s), "cue_start": r(self.cue_start),
                "midpoint_s": r(self.midpoint_s), "late": self.late, "quote": self.quote}


def recommendation_cue(text: str) -> tuple[int, int] | None:
    """The span of `text` (as said) that commits to a course of action, or None."""
    reading = read(normalise(text))
    if _QUESTION.search(reading.text):
        return None
    text = reading.text
    found = [m for m in _CALL.finditer(text)]
    if not _GOAL_CHOICE.search(text):
        found += list(_ACTION.finditer(text))
    for m in sorted(found, key=lambda m: m.start()):
        before = text[max(0, m.start() - 30):m.start()]
        if not (_JUST_BEFORE.search(before) or _TALKED_ABOUT.search(before)):
            return reading.span(m.start(), m.end())
    return None


def find_recommendation(labels: list[SentenceLabel], budget_s: float | None = None) -> Recommendation:
    """The first sentence that states a recommendation, and whether it came after the halfway
    mark of the time budget (only for a timed answer with a budget)."""
    midpoint = None if budget_s is None else budget_s / 2
    for label in labels:
        span = recommendation_cue(label.sentence.text)
        if span is None:
            continue
        s = label.sentence
        cue_start, _end = s.time_of(*span)
        late = None if midpoint is None or s.start is None else s.start > midpoint
        words = s.text[span[0]:].split()
        quote = " ".join(words[:QUOTE_WORDS]).rstrip(",;:") + ("…" if len(words) > QUOTE_WORDS else "")
        return Recommendation(True, s.text, s.text[span[0]:span[1]], s.start, cue_start, midpoint, late, quote)
    return Recommendation(False, midpoint_s=midpoint)
