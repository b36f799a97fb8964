"""One spoken answer, from the microphone to stored feedback, for every front end: the desktop
app's practice and mock screens (ui/practice_session.py runs it on workers), `practice` and the
terminal `mock` (cli/). No Qt: the caller decides which thread runs which step.

    session = AnswerSession(ctx, prompt=..., budget=..., device=..., live=True)
    session.start()                # opens the microphone; AudioError if it cannot
    session.status(), session.snapshot()    # poll: audio clock, level, live transcript so far
    result = session.finish()      # stop, finish the transcript, analyse, save
    better = session.refine(result)  # a live answer: one full pass, stored in its place
    # or session.abandon()  -> the audio is kept, nothing analysed (Ctrl+C, window closed)

A live answer's feedback comes from the live transcript at once; the full pass is more accurate
(benchmarks/live_transcription.py), so `refine` replaces the stored feedback when it is done.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from interviewer_app.analysis.feedback.changes import what_changed
from interviewer_app.audio.recorder import Recorder, RecorderStatus
from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.services.pipeline import (
    AnalyzedAnswer,
    AppContext,
    analyze_file,
    finish_live_answer,
    refine_answer,
    save_answer,
)
from interviewer_app.transcribe.live import LiveSnapshot, LiveTranscriber

log = logging.getLogger(__name__)

SaveAnswer = Callable[[AnalyzedAnswer], int]  # stores an analysed answer; returns the attempt id


@dataclass
class AnswerResult:
    answer: AnalyzedAnswer
    attempt_id: int | None
    save_error: str | None  # why it is not stored (the recording stays on disk)
    interrupted: str | None = None  # why the recording ended early (microphone lost)
    live_decodes: int | None = None  # decodes made while the answer was spoken (live answers)
    changes: tuple[str, ...] = ()  # a refined answer: what its feedback says differently (what_changed)
    words_changed: int = 0  # a refined answer: how many words the full pass reads differently

    @property
    def refined_note(self) -> str:
        return refined_note(self.changes, self.words_changed)


def refined_note(changes, words_changed: int | None = None) -> str:
    """What the user is told when a full pass replaced a live answer's feedback: how much of the
    transcript it corrected and every change to the verdict, or that there is none."""
    head = "Transcript refined with a full pass over the recording"
    if words_changed:
        head += f" ({words_changed} word{'s' if words_changed != 1 else ''} corrected)"
    return f"{head}: " + "; ".join(changes) + "." if changes else f"{head}; the feedback is the same."


def words_changed(before: str, after: str) -> int:
    """How many words a second transcript of the same audio reads differently: the word-level
    edit distance (replaced + dropped + added), case and punctuation aside. A full alignment,
    not difflib's longest-block matching, which pairs repeated passages wrongly."""
    a, b = _words(before), _words(after)
    if not a or not b:
        return len(a) + len(b)
    vocab: dict[str, int] = {}
    ids_b = np.array([vocab.setdefault(w, len(vocab)) for w in b])
    steps = np.arange(len(b) + 1)
    prev = steps.copy()
    for i, word in enumerate(a, 1):
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(prev[:-1] + (ids_b != vocab.get(word, -1)), prev[1:] + 1)
        prev = np.minimum.accumulate(cur - steps) + steps  # an added word: one more than its left
    return int(prev[-1])


def _words(text: str) -> list[str]:
    return ["".join(c for c in w.lower() if c.isalnum()) for w in text.split()]


def no_save(_answer: AnalyzedAnswer) -> None:
    """A save hook that stores nothing (`practice --no-save`)."""
    return None


def store_answer(ctx: AppContext, answer: AnalyzedAnswer, save: SaveAnswer | None = None,
                 interrupted: str | None = None, live_decodes: int | None = None) -> AnswerResult:
    """Save an analysed answer (in history, or with `save`). A failed save is reported in the
    result, never raised: the answer is shown and its recording stays on disk."""
    try:
        attempt_id, error = (save(answer) if save is not None else save_answer(ctx, answer)), None
    except InterviewerError as exc:
        attempt_id, error = None, str(exc)
    return AnswerResult(answer, attempt_id, error, interrupted, live_decodes)


class AnswerSession:
    """Record → (live transcript) → finish → save → refine, for one answer."""

    def __init__(self, ctx: AppContext, *, prompt: Prompt | None, budget: Budget | None, device=None,
                 sd=None, live: bool = True, save: SaveAnswer | None = None):
        self.ctx, self.prompt, self.budget = ctx, prompt, budget
        self.live = LiveTranscriber(ctx.transcriber) if live else None
        self.recorder = Recorder(ctx.paths.recordings_dir, device=device, sd=sd,
                                 on_audio=self.live.feed if self.live is not None else None)
        self._save = save
        self._stopped = False

    def start(self) -> None:
        """Open the microphone and start the live transcript; AudioError when it cannot (nothing
        is recorded then)."""
        self.recorder.start()
        if self.live is not None:
            self.live.start()

    def status(self) -> RecorderStatus:
        return self.recorder.status()

    def snapshot(self) -> LiveSnapshot | None:
        return self.live.snapshot() if self.live is not None else None

    def finish(self, on_progress: Callable[[float], None] | None = None,
               cancel: threading.Event | None = None) -> AnswerResult:
        """Stop recording (everything captured is written), finish the transcript — only the part
        not yet transcribed live — analyse, and save. A failed save is reported in the result,
        never raised: the answer and its recording are not lost. A recording that cannot be
        finished raises InterviewerError (its raw audio stays for recovery)."""
        recording = self._stop()
        if self.live is not None:
            decodes = self.live.stats.decodes
            answer = finish_live_answer(self.ctx, self.live, recording.path, prompt=self.prompt, budget=self.budget)
        else:
            decodes = None
            answer = analyze_file(self.ctx, recording.path, prompt=self.prompt, budget=self.budget,
                                  on_progress=on_progress, cancel=cancel)
        log.info("answer finished: %.1f s%s", recording.seconds, " (live)" if self.live is not None else "")
        return self.store(answer, recording.interrupted, decodes)

    def store(self, answer: AnalyzedAnswer, interrupted: str | None = None,
              live_decodes: int | None = None) -> AnswerResult:
        return store_answer(self.ctx, answer, self._save, interrupted, live_decodes)

    def refine(self, result: AnswerResult, cancel: threading.Event | None = None) -> AnswerResult | None:
        """One full pass over a live answer's recording, stored in place of its feedback when it
        reads differently. None when cancelled, when the answer was not transcribed live, or when
        the full pass reads the very same words (nothing changes, so nothing is said).

        When the words differ the full pass is kept: it is the more accurate on average
        (docs/benchmarks.md: realspeech 11.4 % WER against 12.7 % for the live chunks), and no
        per-answer signal tells the better one apart (keeping whichever Whisper was more
        confident in scored 11.5 %)."""
        if self.live is None or result.answer.source is None:
            return None
        refined = refine_answer(self.ctx, result.answer, cancel=cancel)
        if cancel is not None and cancel.is_set():
            return None
        corrected = words_changed(result.answer.feedback.transcript.text, refined.feedback.transcript.text)
        if not corrected:
            log.info("attempt %s: the full pass reads the same words", result.attempt_id)
            return None
        if result.attempt_id is not None:
            if self.ctx.store.feedback_json(result.attempt_id).get("corrected_by_user"):
                log.info("attempt %s: corrected by the user meanwhile; the full pass is not kept", result.attempt_id)
                return None
            self.ctx.store.replace_feedback(result.attempt_id, refined.feedback)
            log.info("attempt %s refined with a full pass (%d words)", result.attempt_id, corrected)
        changes = what_changed(result.answer.feedback.to_dict(), refined.feedback.to_dict())
        return AnswerResult(refined, result.attempt_id, result.save_error, result.interrupted, result.live_decodes,
                            tuple(changes), corrected)

    def abandon(self, finalize_audio: bool = True) -> Path | None:
        """Stop without analysing: the audio is kept (finalized, or left raw for recovery at the
        next start when `finalize_audio` is False). Returns where it is (None if already stopped)."""
        try:
            if self._stopped:
                return None
            self._stopped = True
            return self.recorder.stop(finalize_audio=finalize_audio).path
        finally:
            self._close_live()

    def _stop(self):
        self._stopped = True
        try:
            return self.recorder.stop()
        except InterviewerError:
            self._close_live()
            raise

    def _close_live(self) -> None:
        if self.live is not None:
            self.live.close()
