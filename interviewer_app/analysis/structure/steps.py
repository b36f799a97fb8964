"""Which of the eight steps were heard, where, and the words that count as evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.structure.sentences import Sentence
from interviewer_app.analysis.structure.spoken import Reading, read
from interviewer_app.analysis.structure.step_model import StepModel, load_model, locate
from interviewer_app.analysis.structure.step_rules import RULES, THRESHOLD, Rule
from interviewer_app.core.models import Evidence, StepResult
from interviewer_app.core.steps import FRAMING_STEPS, STEP_KEYS, STEPS_BY_KEY

MAX_EVIDENCE_PER_STEP = 5
# the learned model does not judge what is left of a sentence once fillers and talk to the
# interviewer are gone if that is shorter than this ("or", "okay so"): too little to be a step
MODEL_MIN_WORDS = 3


@dataclass(frozen=True)
class Hit:
    rule: Rule
    start: int
    end: int


@dataclass(frozen=True)
class SentenceLabel:
    sentence: Sentence
    steps: dict[str, list[Hit]]  # step -> the positive hits that earned it


def normalise(text: str) -> str:
    """Lowercase with straight apostrophes; same length as the input so offsets still apply
    ("\u0130", the one character whose lowercase is two, becomes a plain "i")."""
    return text.replace("\u0130", "i").lower().replace("\u2019", "'").replace("\u2018", "'")


def rule_matches(text: str, rules: tuple[Rule, ...] = RULES) -> list[Hit]:
    """Every cue rule that matches a normalised sentence, cancelling ones included."""
    hits, seen = [], {}
    for rule in rules:
        key = id(rule.pattern)  # one search for a pattern several rules share (the agenda check)
        if key not in seen:
            seen[key] = rule.pattern.search(text)
        match = seen[key]
        if match is not None:
            hits.append(Hit(rule, match.start(), match.end()))
    return hits


def rule_label(text: str, rules: tuple[Rule, ...] = RULES,
               matches: list[Hit] | None = None) -> tuple[dict[str, list[Hit]], set[str]]:
    """What the cue rules say about a normalised sentence: the steps they earn (with the hits that
    earned them, strongest first) and the steps a cancelling rule vetoed."""
    scores: dict[str, float] = {}
    hits: dict[str, list[Hit]] = {}
    vetoed: set[str] = set()
    for hit in (rule_matches(text, rules) if matches is None else matches):
        rule = hit.rule
        scores[rule.step] = scores.get(rule.step, 0.0) + rule.weight
        if rule.weight > 0:
            hits.setdefault(rule.step, []).append(hit)
        else:
            vetoed.add(rule.step)
    earned = {step: sorted(hits[step], key=lambda h: -h.rule.weight)
              for step, score in scores.items() if score >= THRESHOLD - 1e-9 and step in hits}
    return earned, vetoed


@dataclass(frozen=True)
class RuleReading:
    """A sentence as the cue rules see it: the reading (spoken.read of its normalised text), every
    rule that matched, the steps they earn and the steps a cancelling rule vetoed. The app, the
    trainer and the evaluation all start from this, so they read a sentence the same way."""
    reading: Reading
    matches: list[Hit]
    earned: dict[str, list[Hit]]
    vetoed: set[str]

    @property
    def text(self) -> str:
        return self.reading.text

    @property
    def names(self) -> list[str]:
        """"step.name" of every matching rule: the learned model's rule features."""
        return [f"{h.rule.step}.{h.rule.name}" for h in self.matches]

    @property
    def model_may_judge(self) -> bool:
        return len(self.text.split()) >= MODEL_MIN_WORDS


def read_for_rules(text: str, rules: tuple[Rule, ...] = RULES) -> RuleReading:
    reading = read(normalise(text))
    matches = rule_matches(reading.text, rules)
    earned, vetoed = rule_label(reading.text, rules, matches)
    return RuleReading(reading, matches, earned, vetoed)


def label_sentence(sentence: Sentence, rules: tuple[Rule, ...] = RULES, use_model: bool = True,
                   model: StepModel | None = None) -> SentenceLabel:
    """The steps a sentence does: the cue rules', plus the learned model's where no cancelling rule
    objects. Both read the sentence without fillers, restarts and talk to the interviewer
    (spoken.read); the hits point into the sentence as said. `model` replaces the shipped model
    (cross-validation trains its own)."""
    ruled = read_for_rules(sentence.text, rules)
    text, earned, vetoed = ruled.text, ruled.earned, ruled.vetoed
    if model is None and use_model:
        model = load_model()
    if model is not None and ruled.model_may_judge:
        for step, (_p, feats) in model.predict(text, ruled.names, sentence.index).items():
            if step not in earned and step not in vetoed:
                earned[step] = [_model_hit(step, text, feats, ruled.matches)]
    return SentenceLabel(sentence, {k: [_as_said(h, ruled.reading) for h in earned[k]]
                                    for k in STEP_KEYS if k in earned})


def _as_said(hit: Hit, reading: Reading) -> Hit:
    start, end = reading.span(hit.start, hit.end)
    return Hit(hit.rule, start, end)


def _model_hit(step: str, text: str, feats: list[str], matches: list[Hit]) -> Hit:
    """Evidence for a step the learned model found: the words behind its strongest features
    (an n-gram, or the words a cue rule matched), located in the text."""
    by_name = {f"rule:{h.rule.step}.{h.rule.name}": h for h in matches}
    spans, quoted = [], []
    for feat in feats:
        if feat in by_name:
            span = (by_name[feat].start, by_name[feat].end)
        else:
            span = locate(feat, text)
        if span is None:
            continue
        spans.append(span)
        quoted.append(text[span[0]:span[1]])
    start, end = spans[0] if spans else (0, len(text))
    words = ", ".join(f"'{q}'" for q in dict.fromkeys(quoted)) or "its wording"
    reason = f"worded like the {STEPS_BY_KEY[step].title.lower()} examples it learned from ({words})"
    return Hit(Rule(step, "learned", re.compile(""), 1.0, reason), start, end)


# A transcript often loses the colon of "the journey goes: a, b, c" and cuts it into a short
# lead-in sentence and a list. The lead-in then counts as the map when the next sentence is a list.
_LEAD_IN = re.compile(r"\b(?:chain|steps|stages|journey|funnel|path|flow|pieces|layers|trip|life|parts|"
                      r"moves|sides|places|sources|buckets|kinds|groups|like this|goes|go|works|"
                      r"looks like|breaks down|depends on(?: \w+){1,3})\W*$")
_NOT_A_MAP_LIST = re.compile(r"\b(?:we|you|i) could\b|\b(?:options|ideas|fixes|choices)\b")
LEAD_IN = Rule("map", "lead-in", _LEAD_IN, 1.0, "introduces the stages that the next sentence lists")


def label_sentences(sentences: list[Sentence], use_model: bool = True,
                    model: StepModel | None = None, cache: dict | None = None) -> list[SentenceLabel]:
    """Each sentence's steps, plus what only shows across two sentences (a lead-in and its list).
    `cache` keeps each sentence's own steps by its place and text, for callers that label a
    growing transcript again and again (the live view): only new or changed sentences cost work."""
    labels = []
    for s in sentences:
        key = (s.index, s.text)
        steps = cache.get(key) if cache is not None else None
        if steps is None:
            steps = label_sentence(s, use_model=use_model, model=model).steps
            if cache is not None:
                cache[key] = steps
        labels.append(SentenceLabel(s, steps))
    for i, (label, nxt) in enumerate(zip(labels, labels[1:])):
        text, after = normalise(label.sentence.text), normalise(nxt.sentence.text)
        if ("map" in label.steps or "map" in nxt.steps or len(text.split()) > 14
                or after.count(",") < 2 or _NOT_A_MAP_LIST.search(after)):
            continue
        found = _LEAD_IN.search(text)
        if found:
            steps = dict(label.steps, map=[Hit(LEAD_IN, found.start(), found.end())])
            labels[i] = SentenceLabel(label.sentence, {k: steps[k] for k in STEP_KEYS if k in steps})
    return labels


def detect_steps(sentences: list[Sentence], cache: dict | None = None
                 ) -> tuple[dict[str, StepResult], list[SentenceLabel]]:
    results = {key: StepResult(key) for key in STEP_KEYS}
    labels = label_sentences(sentences, cache=cache)
    for label in labels:
        for step, step_hits in label.steps.items():
            result = results[step]
            if not result.heard:
                result.heard = True
                result.first_s = label.sentence.start
            if len(result.evidence) < MAX_EVIDENCE_PER_STEP:
                best = step_hits[0]
                cue_start, cue_end = label.sentence.time_of(best.start, best.end)
                result.evidence.append(Evidence(
                    start=label.sentence.start, end=label.sentence.end, text=label.sentence.text,
                    cue=label.sentence.text[best.start:best.end],
                    rule="; ".join(dict.fromkeys(h.rule.reason for h in step_hits)),
                    cue_start=cue_start, cue_end=cue_end,
                ))
    return results, labels


def first_sentence_index(labels: list[SentenceLabel], step: str) -> int | None:
    return next((lab.sentence.index for lab in labels if step in lab.steps), None)


def jumped_to_options(labels: list[SentenceLabel]) -> bool:
    """Options came before any framing (restate, scope or map) — guide 003, mistake #1."""
    first_option = first_sentence_index(labels, "options")
    if first_option is None:
        return False
    framing = [i for i in (first_sentence_index(labels, s) for s in FRAMING_STEPS) if i is not None]
    return not framing or first_option < min(framing)
