"""Mock sessions in the history database, read and written on workers (opening the database may
migrate it, and a write can wait on the lock): the UI thread only hears back through signals."""

from __future__ import annotations

from typing import Callable

from interviewer_app.core.mock import MockAnswer
from interviewer_app.mock_run import MockInterview, Turn
from interviewer_app.pipeline import AnalyzedAnswer
from interviewer_app.storage.mock_sessions import MockSessionStore
from interviewer_app.ui.qt import QObject
from interviewer_app.ui.tasks import run_in_background


def keep_unsaved(sessions: MockSessionStore, session_id: int, answers: list[MockAnswer],
                 unsaved: dict[int, tuple]) -> int | None:
    """Store, in order, every answer of a run not stored yet — `unsaved` maps its position to
    (feedback, source path, samples); an answer whose save failed is tried again with the next
    one. Returns the last attempt id. Worker thread."""
    last = None
    for answer in answers:
        if answer.attempt_id is None and answer.position in unsaved:
            feedback, source, samples = unsaved[answer.position]
            last = sessions.keep(session_id, answer, feedback, source_path=source, samples=samples)
            del unsaved[answer.position]
    return last


def answer_keeper(run: MockInterview, turn: Turn, session_id: int, unsaved: dict[int, tuple],
                  sessions: Callable[[], MockSessionStore]) -> Callable[[AnalyzedAnswer], int]:
    """PracticeSession's save hook for a mock answer (worker): the answer joins the run (its
    follow-ups are chosen there) and is stored in the session at once."""
    def save(answer: AnalyzedAnswer) -> int:
        kept = run.record(turn, answer.feedback, source=str(answer.source))
        samples = answer.clip.samples if answer.clip is not None else None
        unsaved[kept.position] = (answer.feedback, answer.source, samples)
        return keep_unsaved(sessions(), session_id, run.answers, unsaved)
    return save


def then_end(run: MockInterview, session_id: int, unsaved: dict[int, tuple],
             end: Callable[[MockSessionStore, int], None]) -> Callable[[MockSessionStore], None]:
    """Store work that first keeps any answer not stored yet, then finishes or abandons."""
    def work(sessions: MockSessionStore) -> None:
        keep_unsaved(sessions, session_id, run.answers, unsaved)
        end(sessions, session_id)
    return work


def answer_notices(result, kept: bool) -> list[str]:
    """What to tell about an analysed answer (PracticeSession's AnswerResult) beyond its feedback;
    `kept`: the run recorded it (when only storing failed, it is stored with the next answer)."""
    out = []
    if result.interrupted:
        out.append(f"Recording ended early: {result.interrupted}. What was recorded is analysed.")
    if result.save_error:
        out.append(f"Answer not saved yet ({result.save_error}); it stays in this mock and is saved with the "
                   f"next answer. The recording is kept at {result.answer.source}." if kept else
                   f"Answer not kept: {result.save_error}. The recording is kept at {result.answer.source}.")
    if result.answer.feedback.no_speech:
        out.append("No speech was heard: check that the right microphone is selected and not muted.")
    return out


class MockStoreTasks(QObject):
    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._sessions: MockSessionStore | None = None
        self._tasks = []

    def sessions(self) -> MockSessionStore:
        """The store (worker thread: the first call opens the database)."""
        if self._sessions is None:
            self._sessions = MockSessionStore(self.ctx.store)
        return self._sessions

    def run(self, fn: Callable[[MockSessionStore], object], on_done: Callable[[object], None],
            on_error: Callable[[str], None]) -> None:
        """fn(store) on a worker; on_done(result) or on_error(one line) back on the UI thread."""
        self._tasks = [t for t in self._tasks if t.running]
        self._tasks.append(run_in_background(lambda _p, _c: fn(self.sessions()), on_done=on_done,
                                             on_error=on_error, parent=self))

    def list_recent(self, on_done: Callable[[list], None], on_error: Callable[[str], None],
                    limit: int = 30) -> None:
        """Recent sessions, newest first (MockSessionSummary)."""
        self.run(lambda s: s.list(limit=limit), on_done, on_error)

    def abandon(self, session_id: int, on_done: Callable[[object], None], on_error: Callable[[str], None]) -> None:
        self.run(lambda s: s.abandon(session_id), on_done, on_error)
