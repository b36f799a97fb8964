"""Run slow work (model load, transcription, saving) off the UI thread; results come back as
signals on the UI thread. The one pattern for every long operation in the app."""

from __future__ import annotations

import threading
import traceback
from typing import Callable

from interviewer_app.core.errors import InterviewerError
from interviewer_app.ui.qt import QObject, QtCore, Signal


class _Signals(QObject):
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
            result = self.fn(self.signals.progress.emit, self.cancel)
        except InterviewerError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so in one line, details to stderr
            traceback.print_exc()
            self.signals.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)


class Task(QObject):
    """A handle on background work: cancel() asks it to stop; signals report back."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.signals = _Signals()
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
