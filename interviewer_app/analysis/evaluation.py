"""Score step detection against hand-labelled answers (tests/data/structure/*): per-step
precision, recall and F1, at the level of whole answers (was the step heard?) and of sentences
(which sentences are evidence?). Labelling rules: docs/structure-labeling.md."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from interviewer_app.analysis.sentences import _build
from interviewer_app.analysis.structure import label_sentence
from interviewer_app.core.models import Word
from interviewer_app.core.steps import STEP_KEYS


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, truth: bool) -> None:
        self.tp += predicted and truth
        self.fp += predicted and not truth
        self.fn += truth and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    answers: int = 0
    answer_level: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in STEP_KEYS})
    sentence_level: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in STEP_KEYS})
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # (answer, step, kind, sentence)

    def macro_f1(self, level: str = "answer") -> float:
        counts = self.answer_level if level == "answer" else self.sentence_level
        return sum(c.f1 for c in counts.values()) / len(counts)


def load_answers(folder: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(Path(folder).glob("*.json"))]


def score_answers(answers: list[dict]) -> Score:
    score = Score()
    for answer in answers:
        score.answers += 1
        heard_pred, heard_true = set(), set()
        for i, item in enumerate(answer["sentences"]):
            sentence = _build(i, [Word(None, None, t) for t in item["text"].split()])
            predicted = set(label_sentence(sentence).steps)
            truth = set(item["steps"])
            heard_pred |= predicted
            heard_true |= truth
            for step in STEP_KEYS:
                score.sentence_level[step].add(step in predicted, step in truth)
                if (step in predicted) != (step in truth):
                    kind = "false positive" if step in predicted else "missed"
                    score.misses.append((answer["id"], step, kind, item["text"]))
        for step in STEP_KEYS:
            score.answer_level[step].add(step in heard_pred, step in heard_true)
    return score
