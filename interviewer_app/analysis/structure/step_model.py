"""A small learned second opinion for step detection: per-step logistic regression over word
n-grams, trained on the labelled dev answers and their speech-recognised transcripts
(scripts/train_step_model.py) and shipped as a gzipped JSON file of weights. It catches steps said in
everyday words that no cue rule lists. It stays explainable: the evidence it gives is the words
(n-grams, or the words a cue rule matched) that pushed the sentence over the line.

Features (the model file records which were used, so training and the app always agree):
word 1-3-grams of the normalised sentence (lowercase, apostrophes dropped so "I'd" and an ASR's
"id" are one word, fillers like "um" dropped, numbers as "#"); optionally "~stem" word stems
(crude suffix stripping, so "ranks" and "ranked" share evidence); "rule:step.name" for every cue
rule that matched, even when its weight alone did not reach the threshold; and "@0".."@3" for the
sentence's place in the answer (first, second, third, later)."""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import InitVar, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("step_model.json.gz")  # gzipped JSON: 1.5 MB instead of 6.3 MB
_TOKEN = re.compile(r"[a-z0-9%]+(?:'[a-z]+)?")
_FILLERS = frozenset({"um", "uh", "erm", "uhm", "hmm", "mm", "ah"})
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


def ngrams(text: str) -> list[str]:
    """The original features (models without a "config"): raw word 1-3-grams."""
    return _grams(_TOKEN.findall(text.lower().replace("\u2019", "'")))


def tokens(text: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'")):
        t = t.replace("'", "")
        if t in _FILLERS:
            continue
        out.append("#" if t[0].isdigit() else t)
    return out


def stem(token: str) -> str:
    for suffix in _SUFFIXES:
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def _grams(toks: list[str]) -> list[str]:
    grams = list(toks)
    grams += [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    grams += [f"{a} {b} {c}" for a, b, c in zip(toks, toks[1:], toks[2:])]
    return grams


def features(text: str, config: dict | None = None, rules: tuple[str, ...] | list[str] = (),
             index: int | None = None) -> list[str]:
    """What the model sees of a sentence (training and prediction alike). `rules` are the
    "step.name" of the cue rules that matched it, `index` its place in the answer."""
    config = config or {}
    if not config.get("norm"):
        return ngrams(text)
    toks = tokens(text)
    feats = _grams(toks)
    if config.get("stems"):
        feats += [f"~{stem(t)}" for t in toks if len(t) > 3]
    if config.get("rules"):
        feats += [f"rule:{r}" for r in rules]
    if config.get("position") and index is not None:
        feats.append(f"@{min(index, 3)}")
    return feats


def locate(feature: str, text: str) -> tuple[int, int] | None:
    """Where a word feature sits in the (lowercased) sentence, or None for one that is not words."""
    if feature.startswith(("rule:", "@")):
        return None
    if feature.startswith("~"):
        found = re.search(r"\b" + re.escape(feature[1:]) + r"\w*", text)
        return found.span() if found else None
    parts = []
    for tok in feature.split():
        if tok == "#":
            parts.append(r"\d[\d,.]*")
        else:
            parts.append("'?".join(map(re.escape, tok)))
    gap = r"\W+(?:(?:" + "|".join(sorted(_FILLERS)) + r")\W+)*"
    found = re.search(r"\b" + gap.join(parts) + r"\b", text)
    return found.span() if found else None


@dataclass(frozen=True)
class StepModel:
    """Per-step weights, held as one table: a row of float32 weights (one per step) for each
    feature. The model file lists them per step (step -> feature -> weight); keeping that as
    Python dicts cost about 27 MB for the 255,000 weights of session 7's model, the table about
    10 MB."""
    weights: InitVar[dict[str, dict[str, float]]]  # step -> feature -> weight, as in the file
    bias: dict[str, float]
    threshold: dict[str, float]
    config: dict = field(default_factory=dict)  # which features; {} = the original n-grams
    # how the thresholds were chosen (scripts/train_step_model.py): the grid tried, and per step the
    # team's cross-validated answer F1 at each value of it; empty for older model files
    tuning: dict = field(default_factory=dict)
    steps: tuple[str, ...] = field(init=False, repr=False, compare=False)
    row: dict[str, int] = field(init=False, repr=False, compare=False)  # feature -> table row
    table: np.ndarray = field(init=False, repr=False, compare=False)  # rows x steps, float32

    def __post_init__(self, weights):
        steps = tuple(weights)
        row: dict[str, int] = {}
        for step in steps:
            for g in weights[step]:
                row.setdefault(g, len(row))
        table = np.zeros((len(row), len(steps)), dtype=np.float32)
        for i, step in enumerate(steps):
            w = weights[step]
            table[[row[g] for g in w], i] = list(w.values())
        object.__setattr__(self, "steps", steps)
        object.__setattr__(self, "row", row)
        object.__setattr__(self, "table", table)

    @property
    def n_weights(self) -> int:
        return int(np.count_nonzero(self.table))

    def step_weights(self, step: str) -> dict[str, float]:
        """One step's non-zero weights, feature -> weight (as written in the model file)."""
        col = self.table[:, self.steps.index(step)]
        return {g: round(float(col[i]), 4) for g, i in self.row.items() if col[i] != 0.0}

    def _rows(self, feats) -> list[int]:
        return [i for i in (self.row.get(g) for g in set(feats)) if i is not None]

    def scores(self, feats) -> dict[str, float]:
        """Every step's probability for a set of features."""
        z = self.table[self._rows(feats)].sum(axis=0, dtype=np.float64)
        return {step: _sigmoid(self.bias[step] + float(z[s])) for s, step in enumerate(self.steps)}

    def predict(self, text: str, rules: tuple[str, ...] | list[str] = (),
                index: int | None = None) -> dict[str, tuple[float, list[str]]]:
        """Steps whose probability passes their threshold, with the features that weighed most."""
        feats = set(features(text, self.config, rules, index))
        out = {}
        for step, p in self.scores(feats).items():
            if p >= self.threshold[step]:
                s = self.steps.index(step)
                weighed = [(float(self.table[self.row[g], s]), g) for g in feats if g in self.row]
                top = sorted((-w, g) for w, g in weighed if w > 0)[:3]
                out[step] = (p, [g for _w, g in top])
        return out

    def with_thresholds(self, threshold: dict[str, float]) -> StepModel:
        """The same weights with other decision thresholds (leave-one-video-out evaluation)."""
        copy = object.__new__(StepModel)
        for name in ("bias", "config", "tuning", "steps", "row", "table"):
            object.__setattr__(copy, name, getattr(self, name))
        object.__setattr__(copy, "threshold", dict(threshold))
        return copy

    def to_json(self) -> str:
        data = {"weights": {step: self.step_weights(step) for step in self.steps},
                "bias": self.bias, "threshold": self.threshold}
        if self.config:
            data["config"] = self.config
        if self.tuning:
            data["tuning"] = self.tuning
        return json.dumps(data, sort_keys=True)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_model_file(path: Path = MODEL_FILE) -> dict:
    """The model file's content: {"weights": step -> feature -> weight, "bias", "threshold", "config"}."""
    return json.loads(gzip.decompress(path.read_bytes()))


def write_model_file(model: StepModel, path: Path = MODEL_FILE) -> None:
    """Write the model deterministically (no time stamp in the gzip header): same weights, same bytes."""
    path.write_bytes(gzip.compress(model.to_json().encode(), compresslevel=9, mtime=0))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> StepModel | None:
    if not path.exists():
        return None
    data = read_model_file(path)
    return StepModel(data["weights"], data["bias"], data["threshold"], data.get("config", {}),
                     data.get("tuning", {}))
