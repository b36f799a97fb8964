"""Mock sessions in the history database, read and written on workers (opening the database may
migrate it, and a write can wait on the lock): the UI thread only hears back through signals.
What is kept when is decided in services/mock_session.py, shared with the terminal mock."""

from __future__ import annotations

from typing import Callable

from interviewer_app.qt_binding import QObject
from interviewer_app.services.mock_session import answer_keeper, answer_notices, keep_unsaved, then_end
from interviewer_app.storage.mock_sessions import MockSessionStore
from interviewer_app.ui.tasks import run_in_background


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


__all__ = ["MockStoreTasks", "answer_keeper", "answer_notices", "keep_unsaved", "then_end"]
