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
    ("T", "Try the same prompt again"),
    ("P", "Play or pause the recording (review)"),
    ("Ctrl+O", "Analyze an audio file"),
    ("Ctrl+F", "Search prompts"),
    ("Esc", "Back to the prompt list"),
    ("Ctrl+M", "Mock interview: a company's whole round"),
    ("F1", "This list"),
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
