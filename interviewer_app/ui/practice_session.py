"""The practice flow without widgets: record against the audio clock, then transcribe, analyse
and save on a worker. Pages observe it through signals; it never blocks the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interviewer_app.audio.recorder import Recorder, recover_partial_recordings
from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.pipeline import AnalyzedAnswer, AppContext, analyze_file, save_answer
from interviewer_app.ui.qt import QObject, QTimer, Signal
from interviewer_app.ui.tasks import run_in_background

POLL_MS = 50


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

    def __init__(self, ctx: AppContext, sd=None, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._sd = sd
        self.state = "idle"
        self.prompt: Prompt | None = None
        self.budget: Budget | None = None
        self._recorder: Recorder | None = None
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
            return self.ctx.transcriber.model_name
        self._keep(run_in_background(load, on_done=self.model_ready.emit,
                                     on_error=self.failed.emit, parent=self))

    # -- recording ----------------------------------------------------------------------------
    def start_recording(self, prompt: Prompt | None, budget: Budget | None, device=None) -> None:
        if self.state != "idle":
            return
        self.prompt, self.budget, self._problem = prompt, budget, None
        recorder = Recorder(self.ctx.paths.recordings_dir, device=device, sd=self._sd)
        recorder.start()  # AudioError propagates: the caller shows it and offers a file instead
        self._recorder = recorder
        self._set_state("recording")
        self._timer.start()

    def stop_recording(self) -> None:
        if self.state != "recording" or self._recorder is None:
            return
        self._timer.stop()
        try:
            recording = self._recorder.stop()  # drains the queue: nothing captured is dropped
        except InterviewerError as exc:
            self._recorder = None
            self._set_state("idle")
            self.failed.emit(str(exc))
            return
        self._recorder = None
        self.analyze(recording.path, self.prompt, self.budget, interrupted=recording.interrupted)

    @property
    def recording_seconds(self) -> float:
        return self._recorder.status().seconds if self._recorder is not None else 0.0

    def _poll(self) -> None:
        if self._recorder is None:
            return
        status = self._recorder.status()
        self.tick.emit(status.seconds, status.level_dbfs)
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
            try:
                attempt_id, error = save_answer(ctx, answer), None
            except InterviewerError as exc:  # the recording stays on disk; say why it is not in history
                attempt_id, error = None, str(exc)
            return AnswerResult(answer, attempt_id, error, interrupted)

        def done(result):
            self._set_state("idle")
            self.analyzed.emit(result)

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
        for task in self._tasks:
            task.cancel()

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _keep(self, task) -> None:
        self._tasks = [t for t in self._tasks if t.running] + [task]
