"""Help › Coaching notes, and where a cited guide opens: one window with the notes
(analysis/feedback/guide_notes.py), scrolled to the passage a clicked citation points to."""

from __future__ import annotations

from interviewer_app.analysis.feedback.guide_notes import notes_html
from interviewer_app.qt_binding import QtWidgets


class GuideNotesDialog(QtWidgets.QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("guide_notes")
        self.setWindowTitle("Coaching notes")
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setObjectName("guide_notes_text")
        self.browser.setAccessibleName("Coaching notes")
        self.browser.setHtml(notes_html())
        close = QtWidgets.QPushButton("Close")
        close.clicked.connect(self.close)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.resize(680, 620)
        self.anchor = ""

    def show_anchor(self, anchor: str) -> None:
        if anchor != self.anchor:
            self.browser.setHtml(notes_html(anchor))  # the passage opened is marked
        self.anchor = anchor
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.browser.scrollToAnchor(anchor)


def open_note(parent: QtWidgets.QWidget, href: str = "") -> GuideNotesDialog:
    """Open the notes over `parent`'s window at the passage of a "guide:NNN#anchor" link (one
    window per main window, reused)."""
    window = parent.window() if parent is not None else None
    dialog = getattr(window, "_guide_notes", None) if window is not None else None
    if dialog is None:
        dialog = GuideNotesDialog(window)
        if window is not None:
            window._guide_notes = dialog
    dialog.show_anchor(href.partition("#")[2] if href.startswith("guide:") else "")
    return dialog
