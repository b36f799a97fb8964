"""Step detection quality on the labelled answers: per-step precision / recall / F1.

Run:  .venv/bin/python benchmarks/structure_f1.py [--split heldout|dev] [--misses] [--audio]

The held-out split (tests/data/structure/heldout) was written and labelled separately from the
rules and is never used to tune them; the dev split is. Answer level = "was the step heard in
this answer?" (what the checklist shows); sentence level = "is this sentence evidence?".
Target (issue 3): answer-level macro-F1 >= 0.85 on held-out.

--audio also speaks every answer of the split with espeak-ng (its sentences joined by short
pauses), transcribes it with the bundled tiny.en model exactly as the app does, runs analyze() on
that transcript and scores the steps heard against the answer's labels (a step is present in the
answer when any of its sentences has it). Transcripts are cached under
.bench-cache/structure-audio/<split>/<id>.json, keyed by a hash of the text and the speech and
model settings, so a rerun only transcribes answers that changed. Text and audio figures are
printed side by side. For an honest estimate of how the learned model generalises on dev, use
cross-validation: scripts/train_step_model.py --cv.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, corpus_wer, table

from interviewer_app.analysis.evaluation import (AUDIO_CACHE, Counts, load_answers, score_answers,
                                                 transcript_from_json, transcript_to_json)
from interviewer_app.core.steps import STEP_KEYS

AUDIO_PAUSE_S = 0.6  # silence between sentences: a short spoken break, under the 1 s sentence cut


def report(split: str, show_misses: bool, audio: bool) -> None:
    answers = load_answers(ROOT / "tests" / "data" / "structure" / split)
    if not answers:
        raise SystemExit(f"no answers in tests/data/structure/{split}")
    start = time.perf_counter()
    score = score_answers(answers)
    ms = 1000 * (time.perf_counter() - start) / len(answers)
    sentences = sum(len(a["sentences"]) for a in answers)
    print(f"\n{split}: {len(answers)} answers, {sentences} sentences ({ms:.1f} ms per answer)")
    rows = []
    for step in STEP_KEYS:
        a, s = score.answer_level[step], score.sentence_level[step]
        rows.append([step, f"{a.precision:.2f}", f"{a.recall:.2f}", f"{a.f1:.2f}",
                     f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}"])
    rows.append(["macro", "", "", f"{score.macro_f1('answer'):.3f}", "", "", f"{score.macro_f1('sentence'):.3f}"])
    print(table(rows, ["step", "answer P", "answer R", "answer F1", "sentence P", "sentence R", "sentence F1"]))
    if show_misses:
        for answer_id, step, kind, text in score.misses:
            print(f"  {kind:<14} {step:<10} {answer_id}: {text}")
    if audio:
        audio_report(split, answers, score, show_misses)


# -- spoken answers: espeak-ng -> tiny.en -> analyze() -------------------------------------------

def audio_script(answer: dict) -> dict:
    return {"prompt": answer["prompt"], "lead_in": 0.5,
            "sentence": [{"text": s["text"], "steps": s["steps"], "pause_after": AUDIO_PAUSE_S}
                         for s in answer["sentences"]]}


def _cache_key(answer: dict, model_name: str) -> str:
    from tests.fixtures.speech import VOICE, WPM, _espeak_version

    blob = json.dumps([[s["text"] for s in answer["sentences"]], AUDIO_PAUSE_S, VOICE, WPM,
                       _espeak_version(), model_name], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class _Audio:
    """Transcripts of the split's answers, from the cache or made now (model loaded on first need)."""

    def __init__(self, split: str):
        self.folder = AUDIO_CACHE / split
        self.folder.mkdir(parents=True, exist_ok=True)
        self.ctx = None
        self.made = 0
        self.audio_s = self.work_s = 0.0

    @property
    def model_name(self) -> str:
        from interviewer_app.transcribe.models import resolve_model

        return resolve_model(None, Path(tempfile.gettempdir())).name

    def transcript(self, answer: dict, model_name: str):
        path = self.folder / f"{answer['id']}.json"
        key = _cache_key(answer, model_name)
        if path.exists():
            cached = json.loads(path.read_text())
            if cached.get("key") == key:
                return transcript_from_json(cached["transcript"])
        t = self._make(answer)
        tmp = path.with_suffix(".part")
        tmp.write_text(json.dumps({"key": key, "id": answer["id"], "transcript": transcript_to_json(t)}))
        tmp.replace(path)
        return t

    def _make(self, answer: dict):
        from interviewer_app.audio.clip import load_clip
        from tests.fixtures.speech import synthesize

        if self.ctx is None:
            os.environ.setdefault("INTERVIEWER_HOME", str(ROOT / ".bench-cache" / "structure-audio-home"))
            from interviewer_app.core.paths import app_paths
            from interviewer_app.pipeline import AppContext

            self.ctx = AppContext(paths=app_paths())
            self.ctx.transcriber.load()
        with tempfile.TemporaryDirectory() as tmp:
            spoken = synthesize(answer["id"], audio_script(answer), cache=Path(tmp))
            samples = load_clip(spoken.wav).samples
            t0 = time.perf_counter()
            transcript = self.ctx.transcriber.transcribe(samples)
            self.work_s += time.perf_counter() - t0
            self.audio_s += spoken.duration_s
        self.made += 1
        print(f"  transcribed {answer['id']} ({spoken.duration_s:.0f} s audio)", file=sys.stderr, flush=True)
        return transcript


def audio_report(split: str, answers: list[dict], text_score, show_misses: bool) -> None:
    from interviewer_app.analysis.feedback import analyze
    from tests.fixtures.speech import espeak_available

    if not espeak_available():
        raise SystemExit("--audio needs espeak-ng (scripts/install-system-deps.sh)")
    audio = _Audio(split)
    model_name = audio.model_name
    counts = {k: Counts() for k in STEP_KEYS}
    pairs, misses, analyze_ms = [], [], []
    for answer in answers:
        transcript = audio.transcript(answer, model_name)
        t0 = time.perf_counter()
        fb = analyze(transcript)
        analyze_ms.append(1000 * (time.perf_counter() - t0))
        truth = {step for s in answer["sentences"] for step in s["steps"]}
        for step in STEP_KEYS:
            heard = fb.steps[step].heard
            counts[step].add(heard, step in truth)
            if heard != (step in truth):
                misses.append((answer["id"], step, "false positive" if heard else "missed"))
        pairs.append((" ".join(s["text"] for s in answer["sentences"]), transcript.text))
    wer = corpus_wer(pairs)[0]
    made = f"; transcribed {audio.made} now ({audio.work_s / max(audio.audio_s, 1e-9):.2f} x real time)" if audio.made else ""
    print(f"\n{split} spoken by espeak-ng and transcribed by {model_name}: {len(answers)} answers, "
          f"WER {100 * wer:.1f}%{made}; analyze() {sorted(analyze_ms)[len(analyze_ms) // 2]:.1f} ms "
          f"median, {max(analyze_ms):.1f} ms max per answer")
    rows = []
    for step in STEP_KEYS:
        t, a = text_score.answer_level[step], counts[step]
        rows.append([step, f"{t.precision:.2f}", f"{t.recall:.2f}", f"{t.f1:.2f}",
                     f"{a.precision:.2f}", f"{a.recall:.2f}", f"{a.f1:.2f}"])
    audio_macro = sum(c.f1 for c in counts.values()) / len(counts)
    rows.append(["macro", "", "", f"{text_score.macro_f1('answer'):.3f}", "", "", f"{audio_macro:.3f}"])
    print(table(rows, ["step (answer level)", "text P", "text R", "text F1", "audio P", "audio R", "audio F1"]))
    if show_misses:
        for answer_id, step, kind in misses:
            print(f"  audio {kind:<14} {step:<10} {answer_id}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["heldout", "dev", "both"], default="both")
    ap.add_argument("--misses", action="store_true", help="list every disagreement (dev only!)")
    ap.add_argument("--audio", action="store_true",
                    help="also score transcripts of the answers spoken by espeak-ng (cached)")
    args = ap.parse_args()
    for split in (["dev", "heldout"] if args.split == "both" else [args.split]):
        report(split, args.misses and split == "dev", args.audio)


if __name__ == "__main__":
    main()
