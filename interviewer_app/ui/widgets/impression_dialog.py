"""Calibration (issue 24): before the feedback, how did that answer feel, 1 to 5? The habits
dashboard then compares these first impressions with what the checklist heard."""

from __future__ import annotations

from interviewer_app.qt_binding import Qt, QtWidgets, Signal

LABELS = {1: "1 — lost", 2: "2 — shaky", 3: "3 — OK", 4: "4 — solid", 5: "5 — nailed it"}


class ImpressionDialog(QtWidgets.QDialog):
    rated = Signal(object)  # 1-5, or None when skipped

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("impression_dialog")
        self.setWindowTitle("Before the feedback")
        ask = QtWidgets.QLabel("<b>How did that answer go?</b><br>Rate it before you see the feedback; "
                               "the habits dashboard shows how your first impressions compare with "
                               "what the checklist heard.")
        ask.setWordWrap(True)
        row = QtWidgets.QHBoxLayout()
        self.buttons: dict[int, QtWidgets.QPushButton] = {}
        for value, text in LABELS.items():
            button = QtWidgets.QPushButton(text)
            button.setObjectName(f"impression_{value}")
            button.setShortcut(str(value))
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            row.addWidget(button)
            self.buttons[value] = button
        skip = QtWidgets.QPushButton("Skip")
        skip.setObjectName("impression_skip")
        skip.clicked.connect(lambda: self._choose(None))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(ask)
        layout.addLayout(row)
        layout.addWidget(skip, 0, Qt.AlignmentFlag.AlignRight)
        self._done = False

    def _choose(self, value: int | None) -> None:
        if not self._done:
            self._done = True
            self.rated.emit(value)
        self.accept()

    def reject(self) -> None:  # Esc or closing the window: skipped
        if not self._done:
            self._done = True
            self.rated.emit(None)
        super().reject()
