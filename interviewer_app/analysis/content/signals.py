"""Content signals: what an answer says beyond its structure — ownership, quantified results,
guardrails, edge cases, stakeholder trade-offs, escalation, decision points — and the habits that
weaken it: hypotheticals in a story, data used only to validate, jumping to features, hedging.

Every signal is defined once, in signal_registry.py (like the steps in core/steps.py): its title,
whether it is a strength (present = heard) or a concern (present = the problem shows), the guide
it comes from, a one-line tip, and the cue rules that detect it. Detection is explainable: a
sentence earns a sentence-level signal when its cue weights reach 1.0 (cues.py), negative cues
cancel keyword-only mentions, and each piece of evidence carries the sentence, its times, the cue
words and the reason. Answer-level concerns (hedging, "we" vs "I", hypotheticals, validate-only,
jumped to features) count things across the answer and say what they counted in `detail`.

Labelling rules the detectors aim at: docs/signals-labeling.md; measured by
benchmarks/signals_f1.py on tests/data/signals/.
"""

from __future__ import annotations

from interviewer_app.analysis.content.signal_registry import (  # noqa: F401  (the public names live here too)
    CONCERN,
    MAX_EVIDENCE,
    SIGNAL_KEYS,
    SIGNALS,
    SIGNALS_BY_KEY,
    STRENGTH,
    Signal,
    SignalSpec,
)
from interviewer_app.analysis.structure.cues import (
    FRACTION,
    NUM_WORD,
    Cue,
    CueHit,
    compiled,
    evidence,
    match,
    normalise,
    rx,
)
from interviewer_app.analysis.structure.sentences import Sentence
from interviewer_app.analysis.structure.steps import SentenceLabel, first_sentence_index, jumped_to_options
from interviewer_app.core.models import Prompt, is_story_prompt, plural

# -- answer-level rules --------------------------------------------------------------------------
HEDGE_MIN = 3
HEDGE_PER_SENTENCE = 0.3
HEDGE_PER_100_WORDS = 2.0
_HEDGE = (
    r"\b(?:maybe|perhaps|probably|possibly|presumably|hopefully|i guess|i suppose|i think|i feel like|"
    r"kind of|sort of|kinda|sorta|somewhat|i'm not (?:totally |really |entirely |100% )?sure|"
    r"not (?:totally |really )?sure|i don't know|i believe|i'd imagine|more or less|should be (?:fine|ok|okay)|should probably)\b")
_NOT_HEDGE_BEFORE = r"(?:what|which|this|that|the|a|any|every|some|one|same|other|no|all|these|those|right|new|different) $"

WE_MIN = 3
WE_RATIO = 2.0
_I_AGENT = r"\b(?:i|i'd|i'm|i've|i'll)\b(?! (?:think|guess|mean|suppose|feel|believe|remember|don't (?:know|remember|think)|'d say|would say|am not sure|'m not sure))"
_WE_AGENT = r"\b(?:we|we'd|we're|we've|we'll)\b|\b(?:the|our) (?:whole )?(?:team|engineers|engineering team|developers)\b(?= \w+(?:ed|d)\b| (?:did|made|built|took|ran|cut|got|had|handled|decided|shipped|worked|fixed))|\bengineering (?:handled|fixed|did|built|took care)\b"
_PAST = (
    r"\b(?:i|we|the team|our team)\s+(?:also |then |just |finally |eventually |really |actually |quickly |immediately |all )?"
    r"(?:\w+ed|was|were|had|did|led|ran|made|took|got|went|built|cut|set|put|sat|told|found|chose|"
    r"shipped|brought|drew|kept|lost|saw|spent|wrote|thought|knew|pushed|moved|launched|hired|"
    r"introduced|agreed|decided|began|came|gave|held|left|met|paid|sent|sold|spoke|stood|"
    r"taught|understood|won|owned|drove|felt|learned|could've|didn't|couldn't|wasn't|weren't)\b")
STORY_MIN_PAST = 3
HYPO_MIN = 2
_HYPOTHETICAL = r"\b(?:i|we)(?:'d| would| will|'ll| am going to|'m going to| should| could)\b|\bif (?:my|our|i|we) [a-z]+ (?:was|were|had)\b"
_REFLECTION = (
    r"\b(?:next time|looking back|in hindsight|in retrospect|if i (?:did|had|could|were to do) (?:it|that|this)?\s*(?:again|over)|"
    r"would have|would've|'d have|i'd say|i would say|what i'd do differently|do it again|"
    r"would (?:never|always) have)\b")

_VALIDATE = (
    Cue("validate", r"\b(?:a/?b test|ab test|experiment|test|survey|dashboard|data|numbers|metrics|results|feedback|readout)\b.{0,50}\b(?:to (?:validate|confirm|prove|show)|validat\w+ (?:that|it|the|whether)|confirm(?:s)? (?:it|that|the)|(?:it|they|the \w+) work(?:s|ed)?\b|show the impact)",
        1.0, "uses data to confirm the chosen fix"),
    Cue("validate-phrases", r"\b(?:a/?b test everything|see what works|see what happens|users will tell us|(?:they|customers|people|users) will (?:love|tell)|once it's live,? (?:we'd |we )?(?:look|check|measure)|afterwards?,? (?:we'd |we )?(?:look|check|run|measure|survey)|run a survey after\w*|track the metrics|data-driven decisions|to show the impact|if the numbers confirm)\b",
        1.0, "uses data only after the fact"),
)
_DIAGNOSE = (
    Cue("segment", r"\b(?:segment\w*|slic\w+|split\w*|break\w* (?:it |this |that |them |the [a-z-]+ )?(?:down|out)|broken (?:down|out)|cut (?:it|this|the data)|compare\w*|comparing|bucket\w*|line (?:it |them |each [a-z-]+ )?up)\b.{0,40}\b(?:by|across|per|against|with|before|versus|vs)\b",
        1.0, "segments or compares to find the problem"),
    Cue("where", r"\b(?:where|which step|what step|which (?:[a-z]+ )?(?:segment|group|type|kind|stage)|at what point|first step)\b.{0,60}\b(?:drop\w*|break\w*|fall\w*|fell|stall\w*|stuck|concentrat\w*|deviat\w*|lose|los(?:es|ing)|leak\w*|bail|diverg\w*|bunched|fails?|failing|problem|gap|weakest)",
        1.0, "looks for where it breaks"),
    Cue("is-it-real", r"\b(?:instrumentation|tracking|logging|event logs?|raw (?:event|server)|data pipeline|pipeline|tracking broke|event still fires|is (?:it|this|the [a-z]+) (?:even )?real|confirm (?:the )?(?:drop|spike|jump|change|it) is real|make sure (?:that number|the [a-z]+|it) is real|stopped counting)\b",
        1.0, "checks the problem is real"),
    Cue("evidence", r"\b(?:root cause|churn reasons|exit surveys|session recordings|recordings|user interviews|interview\w*|tickets|logs|usage logs|lost-deal|sales calls|asking for|ask(?:ing)? (?:the|them|customers)|sit (?:down )?with|watch(?:ed)? (?:a dozen|some|recordings)|pull\w* (?:the|conversion|numbers|data|accounts|churn)|count\w* how many|look\w* at (?:which|whether|how many|who)|find out|figure out|dig\w* (?:into|up))\b",
        1.0, "gathers evidence to find the cause"),
    Cue("hypothesis", r"\b(?:my (?:hypothesis|guess|hunch|bet|suspicion)|i suspect|i bet|my going-in|points to|that tells me|if one \w+ dwarfs|test that|check that by|validate (?:it|that) (?:by|with)|before we build)\b",
        1.0, "tests a hypothesis about the cause"),
    Cue("gate", r"\b(?:launch gate|go/no-go|go or no-go|evaluation set|offline evaluation|kill it|stop spending)\b", 1.0,
        "uses data to stop an idea early"),
)


def detect_signals(labels: list[SentenceLabel], prompt: Prompt | None = None,
                   jumped: bool | None = None) -> list[Signal]:
    """Every signal of SIGNALS, in registry order, for an answer's labelled sentences."""
    sentences = [lab.sentence for lab in labels]
    texts = [normalise(s.text) for s in sentences]
    prompt_text = normalise(prompt.text) if prompt is not None else ""
    category = prompt.category if prompt is not None else None
    out = []
    for spec in SIGNALS:
        if spec.cues:
            found = _sentence_signal(spec, sentences, texts, prompt_text)
        elif spec.key == "hedging":
            found = _hedging(sentences, texts)
        elif spec.key == "we_dominant":
            found = _we_dominant(sentences, texts, category)
        elif spec.key == "hypotheticals":
            found = _hypotheticals(sentences, texts, category)
        elif spec.key == "validate_only":
            found = _validate_only(sentences, texts)
        elif spec.key == "jumped_to_features":
            found = _jumped(labels, jumped, is_story_prompt(prompt))
        else:  # pragma: no cover - every registry entry is handled above
            raise KeyError(spec.key)
        present, ev, detail = found[:3]
        checked = found[3] if len(found) > 3 else True
        out.append(Signal(spec.key, spec.title, spec.kind, present, tuple(ev[:MAX_EVIDENCE]),
                          spec.tip, spec.guide, detail, checked))
    return out


# -- sentence-level signals -------------------------------------------------------------------
def sentence_hits(key: str, text: str, prompt_text: str = "", table=None) -> list[CueHit]:
    """The hits that earn signal `key` in one normalised sentence ([] when it is not earned)."""
    hits = match(text, table if table is not None else SIGNALS_BY_KEY[key].cues)
    if hits and prompt_text:
        hits = _drop_prompt_echo(key, hits, text, prompt_text)
    return hits


def _sentence_signal(spec: SignalSpec, sentences: list[Sentence], texts: list[str], prompt_text: str):
    ev, table = [], compiled(spec.cues)
    for sentence, text in zip(sentences, texts):
        hits = sentence_hits(spec.key, text, prompt_text, table)
        if hits:
            ev.append(evidence(sentence, hits))
    detail = f"heard in {plural(len(ev), 'sentence')}" if ev else ""
    return bool(ev), ev, detail


_NUMBER = (rf"\d+(?:[.,]\d+)?|{NUM_WORD}|{FRACTION}|doubled|tripled|halved")
_WORD_VALUE = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORD_VALUE.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                    "eighty": "80", "ninety": "90", "hundred": "100", "a hundred": "100"})


_ABUSE_PROMPT = r"\b(?:fraud\w*|abus\w+|attack\w*|spam\w*|fake)\b"


def _numbers(text: str) -> set[str]:
    return {_WORD_VALUE.get(n, n) for n in rx(_NUMBER).findall(text)}


def _drop_prompt_echo(key: str, hits: list[CueHit], text: str, prompt_text: str) -> list[CueHit]:
    """Negative rules that need the prompt: a figure the prompt already gave is not the speaker's
    result (quantified_results), and the prompt's own problem is not an edge case (edge_cases)."""
    if key == "quantified_results":
        prompt_numbers = _numbers(prompt_text)
        kept = [h for h in hits if h.cue.name == "metric-noun"
                or not _numbers(text[h.start:h.end]) <= prompt_numbers]
        if not any(h.cue.weight >= 0.7 for h in kept) or sum(h.cue.weight for h in kept) < 1.0:
            return []
        return kept
    if key == "edge_cases":
        about_abuse = rx(_ABUSE_PROMPT).search(prompt_text) is not None
        kept = [h for h in hits if text[h.start:h.end].split()[0] not in prompt_text
                and not (about_abuse and h.cue.name == "abuse")]
        return kept if sum(h.cue.weight for h in kept) >= 1.0 else []
    return hits


# -- answer-level signals -------------------------------------------------------------------------
def _hedging(sentences: list[Sentence], texts: list[str]):
    count, ev, words = 0, [], 0
    for sentence, text in zip(sentences, texts):
        words += len(text.split())
        found = [m for m in rx(_HEDGE).finditer(text) if not rx(_NOT_HEDGE_BEFORE).search(text[:m.start()])]
        if found:
            count += len(found)
            hits = [CueHit(Cue("hedge", "", 1.0, "hedge"), m.start(), m.end()) for m in found]
            quoted = ", ".join(f"'{text[m.start():m.end()]}'" for m in found)
            ev.append(evidence(sentence, hits, rule=f"hedges: {quoted}"))
    per_100 = 100 * count / words if words else 0.0
    per_sentence = count / len(sentences) if sentences else 0.0
    present = count >= HEDGE_MIN and (per_sentence >= HEDGE_PER_SENTENCE or per_100 >= HEDGE_PER_100_WORDS)
    detail = f"{plural(count, 'hedge')} in {len(sentences)} sentences ({per_100:.1f} per 100 words)"
    ev.sort(key=lambda e: -e.rule.count("'"))  # the most hedged sentences first
    return present, ev, detail


def is_story(texts: list[str]) -> tuple[bool, int]:
    """Is the answer told as a past story? (sentences with 'I/we + past-tense verb')"""
    past = sum(1 for t in texts if rx(_PAST).search(t))
    return past >= STORY_MIN_PAST and past >= 0.4 * len(texts), past


def _we_dominant(sentences: list[Sentence], texts: list[str], category: str | None):
    i_count = sum(len(rx(_I_AGENT).findall(t)) for t in texts)
    we_count = sum(len(rx(_WE_AGENT).findall(t)) for t in texts)
    story, past = is_story(texts)
    counts = f"'I' {plural(i_count, 'time')}, 'we'/'the team' {plural(we_count, 'time')}"
    if category != "behavioral" and not story:
        return False, [], f"{counts}; only checked when the answer tells a past story", False
    present = we_count >= WE_MIN and we_count >= WE_RATIO * i_count
    ev = []
    if present:
        for sentence, text in zip(sentences, texts):
            found = rx(_WE_AGENT).search(text)
            if found and not rx(_I_AGENT).search(text):
                hit = CueHit(Cue("we", "", 1.0, ""), found.start(), found.end())
                ev.append(evidence(sentence, [hit], rule="the team is the actor, not you"))
    why = "behavioral prompt" if category == "behavioral" else f"told as a past story ({past} sentences)"
    return present, ev, f"{counts} ({why})"


def _hypotheticals(sentences: list[Sentence], texts: list[str], category: str | None):
    if category != "behavioral":
        return False, [], "only checked for behavioral prompts", False
    ev, past = [], 0
    for sentence, text in zip(sentences, texts):
        if rx(_PAST).search(text):
            past += 1
        found = rx(_HYPOTHETICAL).search(text)
        if found and not rx(_REFLECTION).search(text):
            hit = CueHit(Cue("would", "", 1.0, ""), found.start(), found.end())
            ev.append(evidence(sentence, [hit], rule="says what you would do, not what you did"))
    present = len(ev) >= HYPO_MIN and len(ev) > past
    return present, ev, f"{plural(len(ev), 'sentence')} of what you would do, {past} of what was done"


def _validate_only(sentences: list[Sentence], texts: list[str]):
    validate, diagnose = [], 0
    diagnose_table, validate_table = compiled(_DIAGNOSE), compiled(_VALIDATE)
    for sentence, text in zip(sentences, texts):
        if match(text, diagnose_table):
            diagnose += 1
            continue
        hits = match(text, validate_table)
        if hits:
            validate.append(evidence(sentence, hits))
    present = bool(validate) and diagnose == 0
    detail = (f"data used to confirm in {plural(len(validate), 'sentence')}, "
              f"to diagnose or decide in {diagnose}")
    return present, (validate if present else []), detail


def _jumped(labels: list[SentenceLabel], jumped: bool | None, story: bool):
    if story:
        return False, [], "not checked for story prompts (C.A.R.E.): a story is not framed with the 8 steps", False
    present = jumped_to_options(labels) if jumped is None else jumped
    if not present:
        return False, [], ""
    index = first_sentence_index(labels, "options")
    label = next(lab for lab in labels if lab.sentence.index == index)
    hit = label.steps["options"][0]
    ev = evidence(label.sentence, [CueHit(Cue("options", "", 1.0, ""), hit.start, hit.end)],
                  rule="options proposed before the goal, scope or system were framed")
    return True, [ev], ""
