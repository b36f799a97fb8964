"""Labelled answers spoken aloud, for the --audio paths of structure_f1.py and signals_f1.py.

Each answer is spoken by espeak-ng (the test fixtures' voice and pace, a 0.5 s lead-in and
AUDIO_PAUSE_S of silence between its sentences) and transcribed by the bundled Whisper model
through the app's own transcriber. Transcripts are cached as <cache>/<answer id>.json =
{"key", "id", "transcript"}; the key hashes the sentences and the speech and model settings, so a
rerun only transcribes answers that changed. An answer's "sentences" are strings (signals set) or
{"text", "steps"} tables (structure set); the key depends on the texts only.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, corpus_wer

from evaluation.harness import transcript_from_json, transcript_to_json

AUDIO_PAUSE_S = 0.6  # silence between sentences: a short spoken break, under the 1 s sentence cut
LEAD_IN_S = 0.5


def sentence_texts(answer: dict) -> list[str]:
    return [s if isinstance(s, str) else s["text"] for s in answer["sentences"]]


def audio_script(answer: dict) -> dict:
    """The answer as a tests.fixtures.speech script (steps are carried along when labelled)."""
    return {"prompt": answer["prompt"], "lead_in": LEAD_IN_S,
            "sentence": [{"text": text, "steps": [] if isinstance(s, str) else s["steps"],
                          "pause_after": AUDIO_PAUSE_S}
                         for text, s in zip(sentence_texts(answer), answer["sentences"])]}


def _cache_key(answer: dict, model_name: str) -> str:
    from tests.fixtures.speech import VOICE, WPM, _espeak_version

    blob = json.dumps([sentence_texts(answer), AUDIO_PAUSE_S, VOICE, WPM, _espeak_version(), model_name],
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def require_espeak() -> None:
    from tests.fixtures.speech import espeak_available

    if not espeak_available():
        raise SystemExit("--audio needs espeak-ng (scripts/install-system-deps.sh)")


class SpokenAnswers:
    """Transcripts of labelled answers, from the cache folder or made now (model loaded on first
    need). Records (written text, transcript text) pairs for the WER of everything it returned."""

    def __init__(self, cache: Path):
        self.folder = Path(cache)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.ctx = None
        self.made = 0
        self.audio_s = self.work_s = 0.0
        self.pairs: list[tuple[str, str]] = []
        self._model_name: str | None = None

    @property
    def model_name(self) -> str:
        if self._model_name is None:
            from interviewer_app.transcribe.models import resolve_model

            self._model_name = resolve_model(None, Path(tempfile.gettempdir())).name
        return self._model_name

    def transcript(self, answer: dict):
        path = self.folder / f"{answer['id']}.json"
        key = _cache_key(answer, self.model_name)
        t = None
        if path.exists():
            cached = json.loads(path.read_text())
            if cached.get("key") == key:
                t = transcript_from_json(cached["transcript"])
        if t is None:
            t = self._make(answer)
            tmp = path.with_suffix(".part")
            tmp.write_text(json.dumps({"key": key, "id": answer["id"], "transcript": transcript_to_json(t)}))
            tmp.replace(path)
        self.pairs.append((" ".join(sentence_texts(answer)), t.text))
        return t

    def wer(self) -> float:
        """Corpus WER of every transcript returned so far against its written answer."""
        return corpus_wer(self.pairs)[0]

    def summary(self, what: str) -> str:
        """'<what> spoken by espeak-ng and transcribed by <model>: N answers, WER x%[; transcribed …]'."""
        made = (f"; transcribed {self.made} now ({self.work_s / max(self.audio_s, 1e-9):.2f} x real time)"
                if self.made else "")
        return (f"{what} spoken by espeak-ng and transcribed by {self.model_name}: {len(self.pairs)} answers, "
                f"WER {100 * self.wer():.1f}%{made}")

    def _make(self, answer: dict):
        from interviewer_app.audio.clip import load_clip
        from tests.fixtures.speech import synthesize

        if self.ctx is None:
            os.environ.setdefault("INTERVIEWER_HOME", str(ROOT / ".bench-cache" / "spoken-answers-home"))
            from interviewer_app.core.paths import app_paths
            from interviewer_app.services.pipeline import AppContext

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
