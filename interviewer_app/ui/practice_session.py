"""The practice flow without widgets: record against the audio clock while the answer is
transcribed live, then finish the transcript, analyse and save on a worker. Pages observe it
through signals; it never blocks the UI thread (the audio and live threads are polled on a
timer, never signalled from)."""

from __future__ import annotations

from pathlib import Path

from interviewer_app.analysis.feedback.live_progress import LiveProgress
from interviewer_app.analysis.structure.step_model import load_model as load_step_model
from interviewer_app.audio.recorder import recover_partial_recordings
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.qt_binding import QObject, QTimer, Signal
from interviewer_app.services.answer_session import AnswerResult, AnswerSession, SaveAnswer, store_answer
from interviewer_app.services.pipeline import AppContext, analyze_file
from interviewer_app.ui.tasks import run_in_background

POLL_MS = 50
__all__ = ["AnswerResult", "PracticeSession", "SaveAnswer"]


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
    refine_done = Signal(object)  # the full pass is over: its AnswerResult, or None (the same words)

    def __init__(self, ctx: AppContext, sd=None, parent: QObject | None = None, live: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self._sd = sd
        self.live_enabled = live
        self._answer: AnswerSession | None = None
        self._progress: LiveProgress | None = None
        self.state = "idle"
        self.prompt: Prompt | None = None
        self.budget: Budget | None = None
        self._problem: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._tasks = []

    # -- model --------------------------------------------------------------------------------
    def warm_up_model(self) -> None:
        """Load the speech model in the background so the first answer does not wait for it."""
        def load(progress, cancel):
            self.ctx.transcriber.load(live=self.live_enabled)  # both instances: full pass and live
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
        answer = AnswerSession(self.ctx, prompt=prompt, budget=budget, device=device, sd=self._sd,
                               live=self.live_enabled, save=save)
        answer.start()  # AudioError propagates: the caller shows it and offers a file instead
        self._answer = answer
        self._progress = LiveProgress(prompt, None if budget is None else budget.seconds)
        self._set_state("recording")
        self._timer.start()

    def stop_recording(self) -> None:
        """Stop and finish on a worker: the recorder drains what it captured (nothing is dropped),
        then only the part of the answer not yet transcribed live is decoded."""
        if self.state != "recording" or self._answer is None:
            return
        self._timer.stop()
        answer, self._answer = self._answer, None
        self._set_state("analyzing")
        self._run_analysis(lambda progress, cancel: answer.finish(on_progress=progress, cancel=cancel),
                           refine=answer if answer.live is not None else None)

    def _refine(self, answer: AnswerSession, result: AnswerResult) -> None:
        """Transcribe the whole recording again in the background and swap it in (stored attempt
        included). If that fails, the live feedback already shown and saved stays."""
        self._keep(run_in_background(lambda progress, cancel: answer.refine(result, cancel=cancel),
                                     on_done=self._refine_finished,
                                     on_error=lambda _m: self.refine_done.emit(None), parent=self))

    def _refine_finished(self, result: AnswerResult | None) -> None:
        if result is not None:
            self.refined.emit(result)
        self.refine_done.emit(result)

    @property
    def recording_seconds(self) -> float:
        return self._answer.status().seconds if self._answer is not None else 0.0

    def _poll(self) -> None:
        if self._answer is None:
            return
        status = self._answer.status()
        self.tick.emit(status.seconds, status.level_dbfs)
        snap = self._answer.snapshot()
        if snap is not None:
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
            return store_answer(ctx, answer, interrupted=interrupted)

        self._run_analysis(work)

    def _run_analysis(self, work, refine: AnswerSession | None = None) -> None:
        def done(result):
            self._set_state("idle")
            self.analyzed.emit(result)
            if refine is not None:
                self._refine(refine, result)

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
        if self._answer is not None:
            self._timer.stop()
            self._answer.abandon(finalize_audio=False)  # offered for recovery at next start
            self._answer = None
        for task in self._tasks:
            task.cancel()

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _keep(self, task) -> None:
        self._tasks = [t for t in self._tasks if t.running] + [task]
