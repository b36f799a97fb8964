"""Train the learned step detector (interviewer_app/analysis/step_model.json) on the dev split of
tests/data/structure. Never reads the held-out split. Deterministic: same data, same weights.

  .venv/bin/python scripts/train_step_model.py [--folds 5] [--l2 1.0]

Per step: logistic regression over word 1-3-grams seen at least twice, trained by full-batch
gradient descent with class weights; the decision threshold is chosen by k-fold cross-validation
on the dev answers (so it is not fitted to sentences the weights have memorised), maximising F1
of "rules OR model" at the answer level.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer_app.analysis.sentences import _build  # noqa: E402
from interviewer_app.analysis.step_model import MODEL_FILE, StepModel, ngrams  # noqa: E402
from interviewer_app.analysis.structure import label_sentence  # noqa: E402
from interviewer_app.core.models import Word  # noqa: E402
from interviewer_app.core.steps import STEP_KEYS  # noqa: E402

DEV = ROOT / "tests" / "data" / "structure" / "dev"


def load(folder: Path):
    answers = []
    for path in sorted(folder.glob("*.json")):
        a = json.loads(path.read_text())
        answers.append([(s["text"], set(s["steps"])) for s in a["sentences"]])
    return answers


def rule_steps(text: str) -> set[str]:
    return set(label_sentence(_build(0, [Word(None, None, t) for t in text.split()]), use_model=False).steps)


def fit(X: np.ndarray, y: np.ndarray, l2: float, iters: int, lr: float = 0.5):
    n, d = X.shape
    pos = max(y.sum(), 1.0)
    weight = np.where(y > 0, n / (2 * pos), n / (2 * max(n - pos, 1.0)))
    w, b = np.zeros(d), 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        g = (p - y) * weight
        w -= lr * (X.T @ g / n + l2 * w / n)
        b -= lr * g.mean()
    return w, b


def featurize(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, text in enumerate(sentences):
        for g in set(ngrams(text)):
            j = vocab.get(g)
            if j is not None:
                X[i, j] = 1.0
    return X


def build_vocab(texts, min_count=2):
    counts = Counter(g for t in texts for g in set(ngrams(t)))
    return {g: i for i, g in enumerate(sorted(g for g, c in counts.items() if c >= min_count))}


def answer_f1(answers, probs_by_answer, step, threshold):
    tp = fp = fn = 0
    for answer, probs in zip(answers, probs_by_answer):
        truth = any(step in labels for _, labels in answer)
        pred = any(step in rule_steps(text) or p >= threshold for (text, _), p in zip(answer, probs))
        tp += truth and pred
        fp += pred and not truth
        fn += truth and not pred
    return 2 * tp / max(2 * tp + fp + fn, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--iters", type=int, default=1500)  # dev cross-validation: 400 -> 0.923, 1500 -> 0.925
    args = ap.parse_args()
    answers = load(DEV)
    folds = [answers[i::args.folds] for i in range(args.folds)]
    grid = [round(x, 2) for x in np.arange(0.5, 0.96, 0.05)]
    thresholds, weights, bias = {}, {}, {}
    for step in STEP_KEYS:
        # cross-validated probabilities for every dev answer
        cv_probs = {}
        for k in range(args.folds):
            train = [a for j, f in enumerate(folds) if j != k for a in f]
            texts = [t for a in train for t, _ in a]
            vocab = build_vocab(texts)
            X = featurize(texts, vocab)
            y = np.array([1.0 if step in labels else 0.0 for a in train for _, labels in a])
            w, b = fit(X, y, args.l2, args.iters)
            for a in folds[k]:
                Xa = featurize([t for t, _ in a], vocab)
                cv_probs[id(a)] = list(1 / (1 + np.exp(-(Xa @ w + b))))
        probs = [cv_probs[id(a)] for a in answers]
        best = max(grid, key=lambda th: (answer_f1(answers, probs, step, th), th))
        thresholds[step] = best
        # final weights on all dev answers
        texts = [t for a in answers for t, _ in a]
        vocab = build_vocab(texts)
        X = featurize(texts, vocab)
        y = np.array([1.0 if step in labels else 0.0 for a in answers for _, labels in a])
        w, b = fit(X, y, args.l2, args.iters)
        weights[step] = {g: round(float(w[i]), 4) for g, i in vocab.items() if abs(w[i]) >= 0.01}
        bias[step] = round(float(b), 4)
        print(f"{step:<10} threshold {best:.2f}  cross-validated answer F1 {answer_f1(answers, probs, step, best):.3f}  "
              f"rules alone {answer_f1(answers, probs, step, 2.0):.3f}  features {len(weights[step])}")
    MODEL_FILE.write_text(StepModel(weights, bias, thresholds).to_json())
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
