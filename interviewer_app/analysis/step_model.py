"""A small learned second opinion for step detection: per-step logistic regression over word
n-grams, trained on the labelled dev answers (scripts/train_step_model.py) and shipped as a JSON
file of weights. It catches steps said in everyday words that no cue rule lists. It stays
explainable: the evidence it gives is the n-grams that pushed the sentence over the line."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("step_model.json")
_TOKEN = re.compile(r"[a-z0-9%]+(?:'[a-z]+)?")


def ngrams(text: str) -> list[str]:
    tokens = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    grams = list(tokens)
    grams += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    grams += [f"{a} {b} {c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:])]
    return grams


@dataclass(frozen=True)
class StepModel:
    weights: dict[str, dict[str, float]]  # step -> n-gram -> weight
    bias: dict[str, float]
    threshold: dict[str, float]

    def score(self, step: str, grams: list[str]) -> float:
        w = self.weights[step]
        z = self.bias[step] + sum(w.get(g, 0.0) for g in set(grams))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def predict(self, text: str) -> dict[str, tuple[float, list[str]]]:
        """Steps whose probability passes their threshold, with the n-grams that weighed most."""
        grams = set(ngrams(text))
        out = {}
        for step in self.weights:
            p = self.score(step, list(grams))
            if p >= self.threshold[step]:
                top = sorted((g for g in grams if self.weights[step].get(g, 0) > 0),
                             key=lambda g: -self.weights[step][g])[:3]
                out[step] = (p, top)
        return out

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights, "bias": self.bias, "threshold": self.threshold},
                          sort_keys=True)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> StepModel | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return StepModel(data["weights"], data["bias"], data["threshold"])
