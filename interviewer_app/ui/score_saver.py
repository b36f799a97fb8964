"""Save self-scores as they are given: each change goes to the store on a worker (a store call can
wait on a busy database), one at a time, the latest values always winning; whatever is still
unwritten when the window closes is written before it goes."""

from __future__ import annotations

import threading

from interviewer_app.qt_binding import QObject, QtCore, Signal
from interviewer_app.ui.tasks import run_in_background


class ScoreSaver(QObject):
    saved = Signal(int)  # attempt id: its latest scores and notes are in the store
    failed = Signal(int, str)  # attempt id, what went wrong

    def __init__(self, store, parent: QObject | None = None):
        """`store`: the AttemptStore, or how to get it (StoreOps.store: opened on a worker)."""
        super().__init__(parent)
        self._store = store
        self._lock = threading.Lock()  # one write at a time, from a worker or from close
        self._latest: dict[int, tuple[int, dict, str]] = {}  # attempt -> (change number, scores, notes)
        self._written: dict[int, int] = {}  # attempt -> change number in the store
        self._failed: dict[int, int] = {}  # attempt -> change number whose failure was reported
        self._count = 0
        self._pool = QtCore.QThreadPool(self)  # not queued behind transcription in the global pool
        self._pool.setMaxThreadCount(1)
        self._tasks = []

    def save(self, attempt_id: int, scores: dict, notes: str) -> None:
        """Returns at once; `saved` or `failed` follows."""
        self._count += 1
        self._latest[attempt_id] = (self._count, dict(scores), notes)  # one assignment: safe for workers
        self._tasks = [t for t in self._tasks if t.running]
        self._tasks.append(run_in_background(
            lambda progress, cancel: self._write(attempt_id), on_done=lambda n: self._done(attempt_id, n),
            on_error=lambda message: self._fail(attempt_id, message), parent=self, pool=self._pool))

    def pending(self) -> list[int]:
        """Attempts whose latest change is not in the store yet (and not reported as failed)."""
        return [a for a, (n, _s, _t) in self._latest.items()
                if self._written.get(a, 0) < n and self._failed.get(a) != n]

    def flush(self) -> None:
        """Write what is not written yet, here and now (on close). InterviewerError propagates."""
        for attempt_id in self.pending():
            self._write(attempt_id)

    def _write(self, attempt_id: int) -> int | None:  # a worker, or the UI thread on close
        with self._lock:
            number, scores, notes = self._latest[attempt_id]
            if self._written.get(attempt_id, 0) >= number:
                return None  # an earlier call already wrote these values
            store = self._store() if callable(self._store) else self._store
            store.set_self_score(attempt_id, scores, notes)
            self._written[attempt_id] = number
            return number

    def _fail(self, attempt_id: int, message: str) -> None:
        self._failed[attempt_id] = self._latest[attempt_id][0]
        self.failed.emit(attempt_id, message)

    def _done(self, attempt_id: int, number: int | None) -> None:
        if number is not None and number == self._latest[attempt_id][0]:
            self.saved.emit(attempt_id)
