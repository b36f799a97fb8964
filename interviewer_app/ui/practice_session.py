"""The practice flow without widgets: record against the audio clock while the answer is
transcribed live, then finish the transcript, analyse and save on a worker. Pages observe it
through signals; it never blocks the UI thread (the audio and live threads are polled on a
timer, never signalled from)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from interviewer_app.analysis.live_progress import LiveProgress
from interviewer_app.analysis.step_model import load_model as load_step_model
from interviewer_app.audio.recorder import Recorder, recover_partial_recordings
from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.pipeline import (AnalyzedAnswer, AppContext, analyze_file, finish_live_answer,
                                      refine_answer, save_answer)
from interviewer_app.transcribe.live import LiveTranscriber
from interviewer_app.ui.qt import QObject, QTimer, Signal
from interviewer_app.ui.tasks import run_in_background

POLL_MS = 50
SaveAnswer = Callable[[AnalyzedAnswer], int]  # runs on the worker; returns the attempt id


@dataclass
class AnswerResult:
    answer: AnalyzedAnswer
    attempt_id: int | None
    save_error: str | None
    interrupted: str | None = None


class PracticeSession(QObject):
    state_changed = Signal(str)  # idle, recording, analyzing
    tick = Signal(float, float)  # seconds recorded (audio clock), input level in dBFS
    recording_problem = Signal(str)  # e.g. microphone unplugged; what was recorded is kept
    progress = Signal(float)
    analyzed = Signal(object)  # AnswerResult
    failed = Signal(str)
    model_ready = Signal(str)  # model name
    live_update = Signal(object, object)  # LiveSnapshot, LiveView: the transcript so far
    refined = Signal(object)  # AnswerResult: the full pass that replaces a live answer's feedback

    def __init__(self, ctx: AppContext, sd=None, parent: QObject | None = None, live: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self._sd = sd
        self.live_enabled = live
        self._live: LiveTranscriber | None = None
        self._progress: LiveProgress | None = None
        self._live_version = -1
        self.state = "idle"
        self.prompt: Prompt | None = None
        self.budget: Budget | None = None
        self._recorder: Recorder | None = None
        self._save_hook: SaveAnswer | None = None
        self._problem: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._tasks = []

    # -- model --------------------------------------------------------------------------------
    def warm_up_model(self) -> None:
        """Load the speech model in the background so the first answer does not wait for it."""
        def load(progress, cancel):
            self.ctx.transcriber.load()
            load_step_model()  # ~120 ms: paid here, not by the first live update on the UI thread
            return self.ctx.transcriber.model_name
        self._keep(run_in_background(load, on_done=self.model_ready.emit,
                                     on_error=self.failed.emit, parent=self))

    # -- recording ----------------------------------------------------------------------------
    def start_recording(self, prompt: Prompt | None, budget: Budget | None, device=None,
                        save: SaveAnswer | None = None) -> None:
        """`save` replaces how the analysed answer is stored (a mock interview keeps it in its
        session); it runs on the worker, and an InterviewerError it raises is reported like a
        failed save_answer: in AnswerResult.save_error, the recording kept on disk."""
        if self.state != "idle":
            return
        self.prompt, self.budget, self._problem = prompt, budget, None
        live = LiveTranscriber(self.ctx.transcriber) if self.live_enabled else None
        recorder = Recorder(self.ctx.paths.recordings_dir, device=device, sd=self._sd,
                            on_audio=live.feed if live is not None else None)
        recorder.start()  # AudioError propagates: the caller shows it and offers a file instead
        if live is not None:
            live.start()
        self._recorder, self._live, self._save_hook = recorder, live, save
        self._progress, self._live_version = LiveProgress(), -1
        self._set_state("recording")
        self._timer.start()

    def stop_recording(self) -> None:
        """Stop and finish on a worker: the recorder drains what it captured (nothing is dropped),
        then only the part of the answer not yet transcribed live is decoded."""
        if self.state != "recording" or self._recorder is None:
            return
        self._timer.stop()
        recorder, live = self._recorder, self._live
        self._recorder = self._live = None
        prompt, budget, ctx = self.prompt, self.budget, self.ctx
        self._set_state("analyzing")
        save, self._save_hook = self._save_hook, None

        def work(progress, cancel):
            try:
                recording = recorder.stop()
            except InterviewerError:
                if live is not None:
                    live.close()
                raise
            if live is not None:
                answer = finish_live_answer(ctx, live, recording.path, prompt=prompt, budget=budget)
            else:
                answer = analyze_file(ctx, recording.path, prompt=prompt, budget=budget,
                                      on_progress=progress, cancel=cancel)
            return self._save(answer, recording.interrupted, save)

        self._run_analysis(work, refine=live is not None)

    def _refine(self, result: AnswerResult) -> None:
        """Transcribe the whole recording again in the background and swap it in (stored attempt
        included). If that fails, the live feedback already shown and saved stays."""
        ctx = self.ctx

        def work(progress, cancel):
            refined = refine_answer(ctx, result.answer, cancel=cancel)
            if cancel.is_set():
                return None
            if result.attempt_id is not None:
                ctx.store.replace_feedback(result.attempt_id, refined.feedback)
            return AnswerResult(refined, result.attempt_id, result.save_error, result.interrupted)

        self._keep(run_in_background(work, on_done=lambda r: r is not None and self.refined.emit(r),
                                     on_error=lambda _m: None, parent=self))

    @property
    def recording_seconds(self) -> float:
        return self._recorder.status().seconds if self._recorder is not None else 0.0

    def _poll(self) -> None:
        if self._recorder is None:
            return
        status = self._recorder.status()
        self.tick.emit(status.seconds, status.level_dbfs)
        if self._live is not None:
            snap = self._live.snapshot()
            view = self._progress.update(snap)
            self.live_update.emit(snap, view)
        if status.error and self._problem is None:
            self._problem = status.error
            self.recording_problem.emit(status.error)
            self.stop_recording()

    # -- analysis -----------------------------------------------------------------------------
    def analyze(self, path: Path, prompt: Prompt | None, budget: Budget | None,
                interrupted: str | None = None) -> None:
        self.prompt, self.budget = prompt, budget
        self._set_state("analyzing")
        ctx = self.ctx

        def work(progress, cancel):
            answer = analyze_file(ctx, path, prompt=prompt, budget=budget, on_progress=progress,
                                  cancel=cancel)
            return self._save(answer, interrupted)

        self._run_analysis(work)

    def _save(self, answer: AnalyzedAnswer, interrupted: str | None,
              save: SaveAnswer | None = None) -> AnswerResult:  # worker
        try:
            attempt_id, error = (save(answer) if save is not None else save_answer(self.ctx, answer)), None
        except InterviewerError as exc:  # the recording stays on disk; say why it is not in history
            attempt_id, error = None, str(exc)
        return AnswerResult(answer, attempt_id, error, interrupted)

    def _run_analysis(self, work, refine: bool = False) -> None:
        def done(result):
            self._set_state("idle")
            self.analyzed.emit(result)
            if refine:
                self._refine(result)

        def failed(message):
            self._set_state("idle")
            self.failed.emit(message)

        self._keep(run_in_background(work, on_done=done, on_error=failed,
                                     on_progress=self.progress.emit, parent=self))

    def recover_unfinished(self) -> list[Path]:
        """Recordings a crash left as raw audio, turned into FLAC files ready to analyse."""
        return recover_partial_recordings(self.ctx.paths.recordings_dir)

    def shutdown(self) -> None:
        """Stop recording (keeping the audio) and ask background work to stop; used on close."""
        if self.state == "recording" and self._recorder is not None:
            self._timer.stop()
            self._recorder.stop(finalize_audio=False)  # offered for recovery at next start
            self._recorder = None
        if self._live is not None:
            self._live.close()
            self._live = None
        for task in self._tasks:
            task.cancel()

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _keep(self, task) -> None:
        self._tasks = [t for t in self._tasks if t.running] + [task]
