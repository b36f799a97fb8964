"""Run slow work (model load, transcription, saving) off the UI thread; results come back as
signals on the UI thread. The one pattern for every long operation in the app."""

from __future__ import annotations

import threading
import traceback
from typing import Callable

from interviewer_app.core.errors import InterviewerError
from interviewer_app.qt_binding import QObject, QtCore, Signal


class _Signals(QObject):
    """Carries a worker's results to the UI thread (queued connections)."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(float)


class _Runnable(QtCore.QRunnable):
    def __init__(self, fn, signals: _Signals, cancel: threading.Event):
        super().__init__()
        self.fn, self.signals, self.cancel = fn, signals, cancel
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.cancel)
        except InterviewerError as exc:
            self._emit(self.signals.failed, str(exc))
        except _ReceiverGone:
            pass
        except Exception as exc:  # a bug: say so in one line, details to stderr
            traceback.print_exc()
            self._emit(self.signals.failed, f"Unexpected error: {type(exc).__name__}: {exc}")
        else:
            self._emit(self.signals.done, result)

    def _progress(self, fraction: float) -> None:
        if self.cancel.is_set() or not self._emit(self.signals.progress, fraction):
            raise _ReceiverGone()

    @staticmethod
    def _emit(signal, value) -> bool:
        """Emit unless the window that asked for the work has been closed meanwhile."""
        try:
            signal.emit(value)
        except RuntimeError:  # "Signal source has been deleted": nobody is listening any more
            return False
        return True


class _ReceiverGone(Exception):
    """The work's owner went away (window closed, task cancelled): stop quietly."""


class Task:
    """A handle on background work: cancel() asks it to stop; `signals` report back on the UI
    thread. The signals object is a child of the task's owner, so when the owner (a window) is
    destroyed no result is delivered to it and the worker stops at its next progress report."""

    def __init__(self, parent: QObject | None = None):
        self.signals = _Signals(parent)
        self.cancel_event = threading.Event()
        self.running = True
        self.signals.done.connect(self._finish)
        self.signals.failed.connect(self._finish)

    def _finish(self, *_):
        self.running = False

    def cancel(self) -> None:
        self.cancel_event.set()


def run_in_background(fn: Callable[[Callable[[float], None], threading.Event], object], *,
                      on_done: Callable[[object], None], on_error: Callable[[str], None],
                      on_progress: Callable[[float], None] | None = None,
                      parent: QObject | None = None, pool: QtCore.QThreadPool | None = None) -> Task:
    """Call fn(progress, cancel_event) on a worker thread; on_done/on_error run on the UI thread."""
    task = Task(parent)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_error)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    (pool or QtCore.QThreadPool.globalInstance()).start(_Runnable(fn, task.signals, task.cancel_event))
    return task
