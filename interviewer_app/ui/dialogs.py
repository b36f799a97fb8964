"""Small dialogs: keyboard shortcuts, About (versions, model, data location), one-line errors."""

from __future__ import annotations

import platform
from importlib import metadata

from interviewer_app import __version__
from interviewer_app.qt_binding import QtWidgets

SHORTCUTS = (
    ("Space", "Start recording / stop recording"),
    ("R", "Replay the prompt aloud"),
    ("N", "Next (random) prompt"),
    ("Shift+N", "Next for me: the prompt your history says to practise, and why"),
    ("T", "Try the same prompt again"),
    ("P", "Play or pause the recording (review)"),
    ("Ctrl+O", "Analyze an audio file"),
    ("Ctrl+F", "Search prompts"),
    ("Esc", "Back to the prompt list"),
    ("Ctrl+M", "Mock interview: a company's whole round"),
    ("Ctrl+E", "Export the answer on the review screen"),
    ("Ctrl+H", "Past attempts (history)"),
    ("Ctrl+D", "Habits dashboard"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
)


def show_shortcuts(parent) -> None:
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    QtWidgets.QMessageBox.information(parent, "Keyboard shortcuts", f"<table>{rows}</table>")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text(model: str, data_dir, loaded: bool) -> str:
    from interviewer_app.qt_binding import QtCore

    parts = [
        f"<h3>Interviewer {__version__}</h3>",
        "<p>Rehearse PM execution interview answers out loud. Everything stays on this computer: "
        "no account, no cloud, no telemetry.</p>",
        f"<p><b>Speech model:</b> {model} ({'loaded' if loaded else 'loads when first needed'})<br>",
        f"<b>Your data:</b> {data_dir}</p>",
        "<p>",
        f"Qt {QtCore.qVersion()} · PySide6 {_version('PySide6-Essentials')} · "
        f"faster-whisper {_version('faster-whisper')} · CTranslate2 {_version('ctranslate2')} · "
        f"Python {platform.python_version()}</p>",
        "<p>Answer structure, rubric and timings from the interview-prep guides "
        "(guides 000–004).</p>",
    ]
    return "".join(parts)


def show_error(parent, title: str, message: str) -> None:
    QtWidgets.QMessageBox.warning(parent, title, message)


def install_error_notice(log_file) -> None:
    """A bug in the app (an exception nobody caught: a slot, a timer) is logged with its traceback
    by core/logs.py's hook; this adds one message on screen, so a desktop user knows something
    went wrong, that what they recorded is kept, and which file to send. Each kind of error is
    shown once (a repeating timer must not pile up dialogs); never from a worker thread."""
    import sys

    from interviewer_app.qt_binding import QtCore

    previous, shown = sys.excepthook, set()
    boxes = []

    def hook(kind, value, tb):
        previous(kind, value, tb)
        app = QtWidgets.QApplication.instance()
        key = (kind.__name__, str(value)[:200])
        if app is None or key in shown or issubclass(kind, KeyboardInterrupt) \
                or QtCore.QThread.currentThread() is not app.thread():
            return
        shown.add(key)
        where = f"The details are in {log_file}; please report it with that file." if log_file else \
            "Please report it, with what you were doing."
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "Something went wrong",
                                    f"Interviewer hit an unexpected error ({kind.__name__}: {value}). Your "
                                    f"recordings and saved answers are kept. {where}")
        box.setObjectName("error_notice")
        box.setModal(False)  # shown from inside whatever failed: never a nested event loop there
        box.finished.connect(lambda _r, b=box: boxes.remove(b) if b in boxes else None)
        boxes.append(box)
        box.show()

    sys.excepthook = hook
