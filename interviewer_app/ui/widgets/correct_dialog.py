"""Correct the transcript: the user fixes words the speech model misheard, and the answer is
scored again on their words (services/correction.py keeps the recording's timing)."""

from __future__ import annotations

import html

from interviewer_app.qt_binding import QtWidgets

EXPLAIN = ("Fix the words the speech model misheard (for example “fun all” for “funnel”). Your "
           "answer is then checked again on your words; the recording's timing is kept, and so is "
           "what the model wrote.")


class CorrectTranscriptDialog(QtWidgets.QDialog):
    def __init__(self, text: str, model_text: str | None, parent=None):
        super().__init__(parent)
        self.setObjectName("correct_dialog")
        self.setWindowTitle("Correct the transcript")
        self.resize(640, 420)
        explain = QtWidgets.QLabel(EXPLAIN)
        explain.setWordWrap(True)
        self.edit = QtWidgets.QPlainTextEdit(text)
        self.edit.setObjectName("correct_text")
        self.edit.setAccessibleName("Transcript to correct")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.edit, 1)
        if model_text and model_text != text:
            wrote = QtWidgets.QLabel(f"<small>The model wrote: <i>{html.escape(model_text)}</i></small>")
            wrote.setObjectName("correct_model_text")
            wrote.setWordWrap(True)
            layout.addWidget(wrote)
        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("Save and check again",
                                                  QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("correct_save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._changed)
        layout.addWidget(self.buttons)
        self._original = text
        self._changed()

    def text(self) -> str:
        return " ".join(self.edit.toPlainText().split())

    def _changed(self) -> None:
        self.save_button.setEnabled(bool(self.text()) and self.text() != " ".join(self._original.split()))
