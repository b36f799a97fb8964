"""The app's log: standard `logging` to a rotating file in the log folder (AppPaths.log_dir).

Only the `interviewer_app` loggers write to it at INFO (DEBUG with `debug=True`); other libraries
only with a warning or worse. Privacy: nothing here may log a transcript, a prompt's answer or
other user content: names of commands, files, models and timings only.

Logging never stops the app: a log folder that cannot be created or written (read-only home, full
disk) means no log file, silently. Nothing happens at import time.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

from interviewer_app.core.paths import AppPaths

LOGGER_NAME = "interviewer_app"
LOG_FILENAME = "interviewer-app.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger(__name__)


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A failed write or rotation (disk full, folder removed) drops the record: no
    "--- Logging error ---" on stderr, no exception."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def flush(self) -> None:
        try:
            super().flush()
        except OSError:
            pass

    def close(self) -> None:
        try:
            super().close()
        except OSError:
            pass


class _OthersWarningsOnly(logging.Filter):
    """On the root logger: other libraries' warnings and errors (ours arrive on our own logger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == LOGGER_NAME or record.name.startswith(LOGGER_NAME + ".")
        return not ours and record.levelno >= logging.WARNING


def log_file(paths: AppPaths) -> Path:
    return paths.log_dir / LOG_FILENAME


def setup_logging(paths: AppPaths, *, debug: bool = False) -> Path | None:
    """Send the app's logging to `log_file(paths)`; returns that file, or None when it cannot be
    written. Calling it again keeps one handler (moved to the new file if the folder changed)."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    if not any(type(h) is logging.NullHandler for h in logger.handlers):
        logger.addHandler(logging.NullHandler())  # no file: nothing on stderr either (no lastResort)
    target = log_file(paths)
    current = _installed()
    if current is not None and current.baseFilename == os.path.abspath(target):
        return target
    _remove(current)
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                            encoding="utf-8")
    except (OSError, ValueError):  # read-only, not a folder, full disk, a bad name: no log file
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logging.getLogger().addHandler(_Relay(handler))
    return target


class _Relay(logging.Handler):
    """Hands other libraries' warnings to the file handler."""

    def __init__(self, target: logging.Handler):
        super().__init__(logging.WARNING)
        self.target = target
        self.addFilter(_OthersWarningsOnly())

    def emit(self, record: logging.LogRecord) -> None:
        self.target.handle(record)


def _installed() -> _QuietRotatingFileHandler | None:
    return next((h for h in logging.getLogger(LOGGER_NAME).handlers
                 if isinstance(h, _QuietRotatingFileHandler)), None)


def _remove(handler: _QuietRotatingFileHandler | None) -> None:
    if handler is None:
        return
    logging.getLogger(LOGGER_NAME).removeHandler(handler)
    root = logging.getLogger()
    for relay in [h for h in root.handlers if isinstance(h, _Relay) and h.target is handler]:
        root.removeHandler(relay)
    handler.close()


def install_excepthooks(paths: AppPaths) -> None:
    """Log uncaught exceptions (the main thread, Qt slots, other threads) with their traceback
    to the log file, then let the previous hooks do what they did (print it)."""
    previous, previous_thread = sys.excepthook, threading.excepthook
    if getattr(previous, "_interviewer_logs", False):
        return

    def hook(kind, value, tb):
        if not issubclass(kind, KeyboardInterrupt):
            log.error("unexpected error (%s)", kind.__name__, exc_info=(kind, value, tb))
        previous(kind, value, tb)
        if not issubclass(kind, KeyboardInterrupt) and _installed() is not None:
            print(f"interviewer-app: unexpected error; details are in {log_file(paths)}; please "
                  "report it with that file", file=sys.stderr)

    def thread_hook(args):
        if args.exc_type is not SystemExit:
            log.error("unexpected error in thread %s (%s)", getattr(args.thread, "name", "?"),
                      args.exc_type.__name__, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        previous_thread(args)

    hook._interviewer_logs = True
    sys.excepthook = hook
    threading.excepthook = thread_hook
