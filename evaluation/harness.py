"""Score step detection against hand-labelled answers (tests/data/structure/*): per-step
precision, recall and F1, at the level of whole answers (was the step heard?) and of sentences
(which sentences are evidence?). Labelling rules: docs/structure-labeling.md.

Also content signals, framework parts and metric levels against tests/data/signals/* (answer
level; labelling rules: docs/signals-labeling.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from interviewer_app.analysis.structure.sentences import sentence_of
from interviewer_app.analysis.structure.steps import label_sentences
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


# Spoken versions of the labelled answers (espeak-ng -> the bundled Whisper model), made and cached
# by benchmarks/structure_f1.py --audio: <cache>/<split>/<answer id>.json = {"key", "id", "transcript"}.
AUDIO_CACHE = Path(__file__).resolve().parents[1] / ".bench-cache" / "structure-audio"


def transcript_to_json(t) -> dict:
    return {"model": t.model, "duration_s": t.duration_s, "warnings": list(t.warnings),
            "speech": [list(r) for r in (t.speech or ())],
            "segments": [{"start": s.start, "end": s.end, "text": s.text,
                          "words": [[w.start, w.end, w.word, w.probability] for w in s.words]}
                         for s in t.segments]}


def transcript_from_json(d: dict):
    from interviewer_app.core.models import Segment, Transcript

    segments = tuple(Segment(s["start"], s["end"], s["text"], tuple(Word(*w) for w in s["words"]))
                     for s in d["segments"])
    return Transcript(segments=segments, model=d["model"], duration_s=d["duration_s"],
                      warnings=tuple(d["warnings"]), speech=tuple(tuple(r) for r in d["speech"]))


def cached_audio_transcript(split: str, answer_id: str):
    """The cached transcript of a labelled answer spoken aloud, or None if it was never made."""
    path = AUDIO_CACHE / split / f"{answer_id}.json"
    return transcript_from_json(json.loads(path.read_text())["transcript"]) if path.exists() else None


def score_answers(answers: list[dict]) -> Score:
    score = Score()
    for answer in answers:
        score.answers += 1
        heard_pred, heard_true = set(), set()
        sentences = [sentence_of(i, [Word(None, None, t) for t in item["text"].split()])
                     for i, item in enumerate(answer["sentences"])]
        for item, label in zip(answer["sentences"], label_sentences(sentences)):
            predicted = set(label.steps)
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


# -- content signals, framework parts and metric levels (tests/data/signals/*) -------------------
# Labelling rules: docs/signals-labeling.md. Each answer is run through the whole of analyze(), as
# a timed transcript (words at a steady pace, a pause between sentences, unless the caller supplies
# another, e.g. from audio), with its prompt.
SIGNAL_WORD_S = 0.35
SIGNAL_PAUSE_S = 1.2


@dataclass
class SignalScore:
    answers: int = 0
    signals: dict[str, Counts] = field(default_factory=dict)  # signal key -> counts
    parts: dict[str, dict[str, Counts]] = field(default_factory=dict)  # framework -> part -> counts
    levels: dict[str, Counts] = field(default_factory=dict)  # metric level / type -> counts
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (answer id, what, kind)
    seconds: list[float] = field(default_factory=list)  # analyze() time per answer

    def macro_f1(self, which: str = "signals") -> float:
        counts = (self.signals if which == "signals" else self.levels if which == "levels"
                  else {f"{f}.{p}": c for f, parts in self.parts.items() for p, c in parts.items()})
        return sum(c.f1 for c in counts.values()) / len(counts) if counts else 0.0


def load_signal_answers(folder: Path) -> list[dict]:
    import tomllib

    answers = []
    for path in sorted(Path(folder).glob("*.toml")):
        with open(path, "rb") as f:
            answers.append(tomllib.load(f))
    return answers


def signal_answer_prompt(answer: dict):
    from interviewer_app.core.models import Prompt

    return Prompt(id=answer["id"], text=answer["prompt"], category=answer["category"],
                  framework=answer["framework"], hint="", source="tests/data/signals")


def paced_transcript(parts: list[tuple[str, float]], *, start: float = 0.0, word_s: float = 0.4,
                     speech=None, model: str = "labelled"):
    """A timed transcript built from text: (sentence, silence after it in seconds) parts, one
    segment per sentence, each word lasting `word_s`. For labelled sets and tests."""
    from interviewer_app.core.models import Segment, Transcript

    segments, t = [], start
    for text, pause in parts:
        words = []
        for token in text.split():
            words.append(Word(round(t, 3), round(t + word_s, 3), " " + token))
            t += word_s
        segments.append(Segment(words[0].start, words[-1].end, text, tuple(words)))
        t += pause
    return Transcript(segments=tuple(segments), model=model, duration_s=t, speech=speech)


def signal_answer_transcript(answer: dict):
    """The answer as a timed transcript: one segment per sentence, words at a steady pace."""
    return paced_transcript([(text, SIGNAL_PAUSE_S) for text in answer["sentences"]], start=0.5,
                            word_s=SIGNAL_WORD_S)


def score_signal_answers(answers: list[dict], transcript_of=signal_answer_transcript) -> SignalScore:
    """Run analyze() on each answer's transcript with its prompt and count against its labels.
    `transcript_of(answer)` makes the transcript: by default the paced text, or e.g. a transcript
    of the answer spoken aloud (benchmarks/signals_f1.py --audio). Only analyze() is timed."""
    import time

    from interviewer_app.analysis.content.signals import SIGNAL_KEYS
    from interviewer_app.analysis.feedback.answer import analyze

    score = SignalScore(signals={k: Counts() for k in SIGNAL_KEYS})
    for answer in answers:
        score.answers += 1
        transcript, prompt = transcript_of(answer), signal_answer_prompt(answer)
        start = time.perf_counter()
        fb = analyze(transcript, prompt=prompt)
        score.seconds.append(time.perf_counter() - start)
        truth = set(answer.get("signals", []))
        for s in fb.signals:
            _add(score, score.signals[s.key], answer["id"], s.key, s.present, s.key in truth)
        if "framework_parts" in answer and fb.framework.framework.key == answer["framework"]:
            truth = set(answer["framework_parts"])
            parts = score.parts.setdefault(answer["framework"], {})
            for part in fb.framework.framework.parts:
                _add(score, parts.setdefault(part.key, Counts()), answer["id"],
                     f"{answer['framework']}.{part.key}", part.heard, part.key in truth)
        if "metric_levels" in answer:
            truth = set(answer["metric_levels"])
            heard = {p.key for r in fb.framework.metric_levels for p in r.parts if p.heard}
            for key in METRIC_LEVEL_KEYS:
                _add(score, score.levels.setdefault(key, Counts()), answer["id"], key,
                     key in heard, key in truth)
    return score


METRIC_LEVEL_KEYS = ("north_star", "top_line", "supporting", "input", "output", "outcome", "quality")


def _add(score: SignalScore, counts: Counts, answer_id: str, what: str, predicted: bool, truth: bool) -> None:
    counts.add(predicted, truth)
    if predicted != truth:
        score.misses.append((answer_id, what, "false positive" if predicted else "missed"))


# -- real candidates' answers (../shared/realanswers, issue 19) ------------------------------------
# 34 answers that 7 candidates spoke in public mock interviews, labelled sentence by sentence with
# the 8 steps. Third-party text: read from ../shared, never copied into the project. Each answer is
# scored as the app reads a pasted transcript: its text (answers/<id>.txt) cut into sentences by
# the app (sentences.py), not by the labeller, so the figure includes the app's own splitting.
# Answer-level truth: a step is present when any labelled sentence has it.
REAL_ANSWERS = Path(__file__).resolve().parents[2] / "shared" / "realanswers"


@dataclass(frozen=True)
class RealAnswer:
    id: str
    video: str  # the source video: answers of one speaker are alike, so folds leave one video out
    text: str
    truth: frozenset[str]
    question_type: str


def load_real_answers(folder: Path | None = None) -> list[RealAnswer]:
    """The labelled real answers, or [] where ../shared/realanswers is not beside the project."""
    folder = Path(folder) if folder is not None else REAL_ANSWERS
    labels = folder / "labels.json"
    if not labels.is_file():
        return []
    out = []
    for a in json.loads(labels.read_text(encoding="utf-8")):
        out.append(RealAnswer(
            id=a["id"], video=str(a["source"].get("video_id") or a["source"].get("source_no")),
            text=(folder / "answers" / f"{a['id']}.txt").read_text(encoding="utf-8"),
            truth=frozenset(s for x in a["sentences"] for s in x["steps"]),
            question_type=a.get("question_type", "")))
    return out


def real_answer_sentences(answer: RealAnswer):
    from interviewer_app.analysis.feedback.answer import typed_transcript
    from interviewer_app.analysis.structure.sentences import split_sentences

    return split_sentences(typed_transcript(answer.text))


def steps_heard(sentences, model=None, use_model: bool = True) -> set[str]:
    """The steps the app reports as heard for these sentences (rules, model, context pass)."""
    heard: set[str] = set()
    for label in label_sentences(sentences, use_model=use_model, model=model):
        heard |= set(label.steps)
    return heard


def sentence_evidence(sentences, model) -> list[tuple[set[str], set[str], dict[str, float]]]:
    """Per sentence: the steps the cue rules earn, the steps a cancelling rule vetoes, and the
    learned model's probability for every step (what a threshold decides on)."""
    from interviewer_app.analysis.structure.step_model import features
    from interviewer_app.analysis.structure.steps import read_for_rules

    out = []
    for s in sentences:
        ruled = read_for_rules(s.text)
        if ruled.model_may_judge:  # as label_sentence: too short a reading is not judged
            p = model.scores(set(features(ruled.text, model.config, ruled.names, s.index)))
        else:
            p = {k: 0.0 for k in STEP_KEYS}
        out.append((set(ruled.earned), ruled.vetoed, p))
    return out


def heard_at(evidence, step: str, threshold: float) -> bool:
    return any(step in earned or (p[step] >= threshold and step not in vetoed)
               for earned, vetoed, p in evidence)


def threshold_curve(evidences: list, truths: list, step: str, grid: list[float]) -> list[float]:
    """Answer-level F1 of one step at each threshold of `grid`."""
    out = []
    for th in grid:
        c = Counts()
        for evidence, truth in zip(evidences, truths):
            c.add(heard_at(evidence, step, th), step in truth)
        out.append(c.f1)
    return out


TIE_F1 = 0.005  # half a point of F1: on 34 real answers, one answer changes a step's F1 by more


def choose_thresholds(grid: list[float], team: dict[str, list[float]],
                      real: dict[str, list[float]] | None) -> dict[str, float]:
    """Per step, the threshold with the best mean of the team's cross-validated answer F1 and the
    real answers' answer F1 (the team's alone without real answers). Scores within TIE_F1 of the
    best count as a tie, and a tie goes to the lowest threshold, which keeps recall on
    speech-recognised answers (sequence: 0.70 instead of 0.55 for a mean 0.0002 higher cost the
    team's spoken held-out sequence 0.88 -> 0.81)."""
    chosen = {}
    for step, team_f1 in team.items():
        score = team_f1 if not real else [(t + r) / 2 for t, r in zip(team_f1, real[step])]
        top = max(score)
        best = min((i for i in range(len(grid)) if score[i] >= top - TIE_F1), key=lambda i: grid[i])
        chosen[step] = grid[best]
    return chosen
