"""Spoken words as the cue rules should read them.

Real answers are full of "um" and "uh", restarts ("we we could", "i'd i'd probably") and talk
addressed to the interviewer ("does that make sense?", "let me take a second to gather my
thoughts"). A cue such as "we could" must still match "we um could", and talk to the interviewer
is never evidence of a step (docs/structure-labeling.md, "No step"). `read()` gives the sentence
with those removed and a map back to the original characters, so the evidence quoted to the user
is still the words they said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.pacing.fillers import SINGLE
from interviewer_app.analysis.pacing.restarts import repeated_runs

FILLERS = frozenset(SINGLE)  # the one list of sounds that are fillers, whatever the context
_WORD = re.compile(r"[a-z0-9']+")
# Talk to the interviewer about the conversation itself: never evidence (blanked, not deleted,
# so what is left keeps its word boundaries).
_TO_INTERVIEWER = re.compile(
    r"\b(?:does (?:that|this|it) (?:all )?make sense|(?:if|hope) (?:that|this) makes sense|"
    r"(?:does|is) (?:that|this) (?:sound )?(?:okay|ok|alright|all right|fair|good|reasonable)(?: with you| to you| for you)?|"
    r"(?:are|is) you (?:okay|ok|fine|good) with (?:that|this|me \w+ing)|sounds? good|"
    r"(?:can|could|may) i (?:just )?(?:take|have|get) (?:a|one|two|a few) (?:minute|minutes|second|seconds|moment|moments)|"
    r"(?:give|let) me (?:just )?(?:a|one|two|a few) (?:minute|minutes|second|seconds|moment|moments|sec)|"
    r"let me (?:just )?(?:take a (?:minute|second|moment|step back)|think (?:about (?:it|this|that) )?(?:for a (?:second|minute|moment))?|"
    r"gather my thoughts|structure my thoughts|jot (?:this|that|it|some \w+) down|write (?:this|that|it) down|"
    r"walk you through (?:my|the|how)(?: \w+)?|tell you (?:how|what) i'm thinking|share my screen)|"
    r"to (?:gather|structure|organi[sz]e) my thoughts|"
    # ... and so does asking whether to go on to a step: "should I go deeper on the risks"
    r"should i (?:(?:keep going|go on|continue|move on|go deeper|dive (?:deeper|in))"
    r"(?: (?:on|into|in|about|with|through|to)(?: (?:the|my|our|some|any))?(?: [\w-]+){1,2})?|"
    r"(?:talk (?:more )?about|go (?:into|through)|get into|cover)(?: (?:the|my|our|some|any))?(?: [\w-]+){1,2})|"
    r"(?:do you )?(?:want|would you like) me to (?:keep going|go on|continue|move on|go deeper|dive (?:deeper|in)|repeat)|"
    # asking the interviewer how to go on proposes the work, it does not do it
    r"(?:would|do) you (?:want|like) me to\b[^.?!]*|"
    r"any (?:questions|thoughts) (?:so far|on that)|(?:that's|thats|that is) a (?:great|good|fair) (?:question|point)|"
    r"thanks? (?:you )?for (?:the|that) (?:question|clarification)|got it|okay cool|sounds great|"
    # spoken fillers of more than one word
    r"you know(?! (?:what|how|why|that|if|whether|where|when|who|the answer|about)\b)|i mean(?=,| so\b| like\b)|"
    r"kind of like|sort of like)\b")


# Words the bundled Whisper model (tiny.en) writes in place of what was said, read back as said.
# Seen in the dev answers' transcripts (tests/data/structure/dev-asr), none in the written answers:
# a spoken "I'd" before a verb as "I de -verb" ("i de -do that first"), read as "id " the way an
# "I'd" without its apostrophe reads; "three" as "free" before a count of things ("free options",
# "free reasons"; "free months" and "free trial" stay free).
_MISHEARD = (
    (re.compile(r"\bi de -(?=[a-z])"), "id "),
    (re.compile(r"\bfree(?= (?:groups|things|reasons|choices|options|paths|ways|buckets|places|pieces|"
                r"parts|stages|steps|layers|sides|levers|ideas|fixes|kinds|types|teams|problems|causes|"
                r"categories|segments|questions|sources|waves|phases|contenders|candidates|bets|"
                r"metrics|drivers|risks|owners)\b)"), "three"),
)


@dataclass(frozen=True)
class Reading:
    """A sentence as the cue rules read it: `text`, and for each of its characters the index of
    the character it came from in the original."""
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind text[start:end]."""
        if not self.origin:
            return 0, 0
        start = min(start, len(self.origin) - 1)
        end = max(min(end, len(self.origin)), start + 1)
        return self.origin[start], self.origin[end - 1] + 1


def read(text: str) -> Reading:
    """`text` (already lowercased) without fillers, word restarts or talk to the interviewer."""
    blanked = _TO_INTERVIEWER.sub(lambda m: " " * len(m.group()), text)
    heard = {m.start(): (m.end(), said) for pattern, said in _MISHEARD for m in pattern.finditer(blanked)}
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(blanked)]
    keep = [w[0] not in FILLERS for w in words]
    kept = [w for w, k in zip(words, keep) if k]
    drop = {j for a, b in repeated_runs([w[0] for w in kept]) for j in range(a, b)}
    removed = [(w[1], w[2]) for w, k in zip(words, keep) if not k]
    removed += [(w[1], w[2]) for i, w in enumerate(kept) if i in drop]
    if not removed and not heard and blanked == text:
        return Reading(text, tuple(range(len(text))))
    # keep everything (punctuation included) except the removed words and blanked talk;
    # collapse the gaps left behind to one space
    gone = bytearray(len(text))
    for a, b in removed:
        gone[a:b] = b"\x01" * (b - a)
    for i, (c, d) in enumerate(zip(text, blanked)):
        if c != d:
            gone[i] = 1
    out, origin = [], []
    skip_to = 0
    for i, c in enumerate(text):
        if i < skip_to or gone[i]:
            continue
        if i in heard:  # a misheard word: the word said, each letter traced to the one heard
            end, said = heard[i]
            out += said
            origin += [min(i + k, end - 1) for k in range(len(said))]
            skip_to = end
            continue
        if c.isspace():
            c = " "
        if c == " " and (not out or out[-1] == " "):
            continue
        out.append(c)
        origin.append(i)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Reading("".join(out), tuple(origin))
