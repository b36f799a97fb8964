"""Which of the eight steps were heard, where, and the words that count as evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_app.analysis.sentences import Sentence
from interviewer_app.analysis.step_model import load_model
from interviewer_app.analysis.step_rules import RULES, THRESHOLD, Rule
from interviewer_app.core.models import Evidence, StepResult
from interviewer_app.core.steps import FRAMING_STEPS, STEP_KEYS, STEPS_BY_KEY

MAX_EVIDENCE_PER_STEP = 5


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
    """Lowercase with straight apostrophes; same length as the input so offsets still apply."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def label_sentence(sentence: Sentence, rules: tuple[Rule, ...] = RULES, use_model: bool = True) -> SentenceLabel:
    text = normalise(sentence.text)
    scores: dict[str, float] = {}
    hits: dict[str, list[Hit]] = {}
    vetoed: set[str] = set()
    for rule in rules:
        match = rule.pattern.search(text)
        if match is None:
            continue
        scores[rule.step] = scores.get(rule.step, 0.0) + rule.weight
        if rule.weight > 0:
            hits.setdefault(rule.step, []).append(Hit(rule, match.start(), match.end()))
        else:
            vetoed.add(rule.step)
    earned = {step: sorted(hits[step], key=lambda h: -h.rule.weight)
              for step, score in scores.items() if score >= THRESHOLD - 1e-9 and step in hits}
    model = load_model() if use_model else None
    if model is not None:
        for step, (_p, grams) in model.predict(text).items():
            if step not in earned and step not in vetoed:
                earned[step] = [_model_hit(step, text, grams)]
    return SentenceLabel(sentence, {k: earned[k] for k in STEP_KEYS if k in earned})


def _model_hit(step: str, text: str, grams: list[str]) -> Hit:
    """Evidence for a step the learned model found: the strongest n-gram, located in the text."""
    start, end = 0, len(text)
    for gram in grams:
        found = re.search(r"\b" + r"\W+".join(map(re.escape, gram.split())) + r"\b", text)
        if found:
            start, end = found.span()
            break
    quoted = ", ".join(f"'{g}'" for g in grams) or "its wording"
    reason = f"worded like the {STEPS_BY_KEY[step].title.lower()} examples it learned from ({quoted})"
    return Hit(Rule(step, "learned", re.compile(""), 1.0, reason), start, end)


def detect_steps(sentences: list[Sentence]) -> tuple[dict[str, StepResult], list[SentenceLabel]]:
    results = {key: StepResult(key) for key in STEP_KEYS}
    labels = [label_sentence(s) for s in sentences]
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
