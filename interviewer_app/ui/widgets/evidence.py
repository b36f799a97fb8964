"""One piece of evidence on the review screen: a time button that plays the recording from the
sentence (like the step checklist's first-heard times) and the sentence, its cue words in bold."""

from __future__ import annotations

import html

from interviewer_app.core.models import format_clock
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets

UNTIMED = "typed"  # what the time button says for a typed transcript (no times)


def quote_html(ev: dict, words: int = 40) -> str:
    """The evidence sentence with its cue words in bold, shortened to about `words` words."""
    text = (ev.get("text") or "").strip()
    parts = text.split()
    if len(parts) > words:
        text = " ".join(parts[:words]) + " …"
    cue = (ev.get("cue") or "").strip()
    at = text.lower().find(cue.lower()) if cue else -1
    if at < 0:
        return f"“{html.escape(text)}”"
    end = at + len(cue)
    return f"“{html.escape(text[:at])}<b>{html.escape(text[at:end])}</b>{html.escape(text[end:])}”"


def time_button(name: str) -> QtWidgets.QPushButton:
    """A flat button sized for "12:34 ▸", as in the step checklist."""
    button = QtWidgets.QPushButton()
    button.setObjectName(name)
    button.setFlat(True)
    button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
    button.setFixedWidth(button.fontMetrics().horizontalAdvance("missed ▸") + 20)
    return button


def set_time(button: QtWidgets.QPushButton, start: float | None, what: str, missing: str = UNTIMED) -> None:
    """Point a time button at `start` (enabled, "0:42 ▸"), or show `missing` when there is no time."""
    button.setEnabled(start is not None)
    if start is not None:
        button.setText(f"{format_clock(start)} ▸")
        button.setToolTip(f"Play from {format_clock(start)}: {what}")
        button.setAccessibleName(f"Play {what} from {format_clock(start)}")
    else:
        button.setText(missing)
        button.setToolTip("A typed transcript has no times" if missing == UNTIMED else what)
        button.setAccessibleName(f"{what}: {missing}")


def quote_label(ev: dict, name: str, words: int = 40) -> QtWidgets.QLabel:
    """The evidence sentence (cue words in bold) as a word-wrapped label; the rule in its tooltip."""
    label = QtWidgets.QLabel(quote_html(ev, words))
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
    label.setToolTip(ev.get("rule") or "")
    return label


class EvidenceRow:
    """[0:42 ▸]  “…the sentence with its <b>cue</b>…”: a time button and a label, to be placed in
    the caller's grid (word-wrapped labels size well in one grid, not in nested widgets).
    Pressing the time calls `on_click(start)`."""

    def __init__(self, ev: dict, name: str, what: str, on_click):
        self.evidence = ev
        self.start = ev.get("start")
        self.time = time_button(name)
        set_time(self.time, self.start, what)
        self.time.clicked.connect(lambda _=False: self.start is not None and on_click(float(self.start)))
        self.text = quote_label(ev, f"{name}_text")


def muted_label(text: str = "", name: str = "") -> QtWidgets.QLabel:
    """A word-wrapped label of plain text in the palette's muted (placeholder) colour."""
    label = QtWidgets.QLabel(text)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
    return label
