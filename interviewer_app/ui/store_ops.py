"""The one way the desktop app uses the database, like Anki's QueryOp: `run(fn, on_done,
on_error)` calls fn(store) on a worker and hands the result, or a one-line error, back on the UI
thread. The database is opened on first use there too (opening may migrate it, or move a damaged
one aside), and a write can wait on a busy lock: none of that may freeze the window.
tests/ui/test_store_ops.py checks that no statement runs on the UI thread."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from interviewer_app.qt_binding import QObject, QtCore
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.ui.tasks import Task, run_in_background

T = TypeVar("T")


class StoreOps(QObject):
    def __init__(self, store: AttemptStore | Callable[[], AttemptStore], parent: QObject | None = None):
        """`store`: the store, or how to open it (AppContext's `lambda: ctx.store`), called on a worker."""
        super().__init__(parent)
        self._open = store if callable(store) and not isinstance(store, AttemptStore) else (lambda: store)
        self._opening = threading.Lock()
        self._store: AttemptStore | None = None
        self._tasks: list[Task] = []
        self._pool = QtCore.QThreadPool(self)  # never queued behind a transcription in the global pool
        self._pool.setMaxThreadCount(2)

    @classmethod
    def of(cls, store, parent: QObject) -> StoreOps:
        """`store` as StoreOps: itself when it is one, else ops on it owned by `parent`."""
        return store if isinstance(store, StoreOps) else cls(store, parent=parent)

    def store(self) -> AttemptStore:
        """The store (a worker: the first call opens the database)."""
        with self._opening:
            if self._store is None:
                self._store = self._open()
            return self._store

    def run(self, fn: Callable[[AttemptStore], T], on_done: Callable[[T], None] | None = None,
            on_error: Callable[[str], None] | None = None) -> Task:
        """fn(store) on a worker; on_done(result) or on_error(one line) back on the UI thread."""
        self._tasks = [t for t in self._tasks if t.running]
        task = run_in_background(lambda _progress, _cancel: fn(self.store()),
                                 on_done=on_done or (lambda _r: None), on_error=on_error or (lambda _m: None),
                                 parent=self, pool=self._pool)
        self._tasks.append(task)
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the work started (closing the window: writes must land first)."""
        return self._pool.waitForDone(msecs)
