"""Two attempts side by side (issue 24): the one-line verdict of what changed, the measures row by
row, and both transcripts with their step highlights (analysis/practice/compare.py)."""

from __future__ import annotations

import html

from interviewer_app.analysis.practice.compare import compare
from interviewer_app.core.models import local_time
from interviewer_app.qt_binding import Qt, QtWidgets
from interviewer_app.ui.widgets.transcript_view import TranscriptView


class CompareDialog(QtWidgets.QDialog):
    def __init__(self, before: tuple[int, str, dict], after: tuple[int, str, dict], parent=None):
        """`before`, `after`: (attempt id, created_at, feedback JSON), the older first."""
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.setWindowTitle("Two attempts side by side")
        self.resize(1100, 700)
        (a_id, a_when, a_fb), (b_id, b_when, b_fb) = before, after
        c = compare(a_fb, b_fb)
        self.verdict = QtWidgets.QLabel(f"<b>{html.escape(c.verdict)}</b>")
        self.verdict.setObjectName("compare_verdict")
        self.verdict.setWordWrap(True)
        heads = [f"#{a_id} · {local_time(a_when)}", f"#{b_id} · {local_time(b_when)}"]
        self.table = QtWidgets.QTableWidget(len(c.rows), 3)
        self.table.setObjectName("compare_table")
        self.table.setHorizontalHeaderLabels(["", *heads])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        for row, (what, b, a) in enumerate(c.rows):
            for col, text in enumerate((what, b, a)):
                item = QtWidgets.QTableWidgetItem(text)
                if col and b != a:  # what changed stands out
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.transcripts = []
        side = QtWidgets.QHBoxLayout()
        for head, fb in zip(heads, (a_fb, b_fb)):
            box = QtWidgets.QVBoxLayout()
            box.addWidget(QtWidgets.QLabel(f"<b>{html.escape(head)}</b>"))
            view = TranscriptView()
            view.show_feedback(fb)
            box.addWidget(view, 1)
            side.addLayout(box, 1)
            self.transcripts.append(view)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        top = QtWidgets.QWidget()
        top_layout = QtWidgets.QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        bottom = QtWidgets.QWidget()
        bottom.setLayout(side)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
