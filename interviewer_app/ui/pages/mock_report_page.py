"""After a mock interview: time per phase against its budget (overtime highlighted), the whole
interview against its total, the full report (answers, follow-ups and how they were answered,
habits by phase), and a self-score of the whole interview with notes; Finish saves the session."""

from __future__ import annotations

import html

from interviewer_app.core.models import format_clock
from interviewer_app.qt_binding import QtGui, QtWidgets, Signal
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.widgets.mock_phase_table import PhaseTable, mock_title
from interviewer_app.ui.widgets.self_score import SelfScoreForm

TO_FINISH = "All phases done. Score the whole interview, then Finish to save the session."


class MockReportPage(QtWidgets.QWidget):
    finish_requested = Signal(dict, str)  # self-score (rubric key -> 1..5 or None), notes
    back_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report = None
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("mock_report_title")
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("mock_report_status")
        self.status.setWordWrap(True)
        self.totals = QtWidgets.QLabel()
        self.totals.setObjectName("mock_report_totals")
        self.totals.setWordWrap(True)
        self.table = PhaseTable()
        self.table.setObjectName("mock_report_phases")
        self.details = QtWidgets.QPlainTextEdit()
        self.details.setObjectName("mock_report_text")
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Mock interview report")
        self.details.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
        self.score_form = SelfScoreForm()
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.score_form)
        scroll.setMinimumWidth(420)
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("mock_report_notice")
        self.notice.setWordWrap(True)
        self.back_button = QtWidgets.QPushButton("Back to prompts")
        self.back_button.clicked.connect(self.back_requested)
        self.finish_button = QtWidgets.QPushButton("Finish and save")
        self.finish_button.setObjectName("mock_finish")
        self.finish_button.setMinimumHeight(40)
        self.finish_button.clicked.connect(
            lambda: self.finish_requested.emit(self.score_form.scores(), self.score_form.notes()))

        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.totals)
        left_layout.addWidget(self.table)
        left_layout.addWidget(QtWidgets.QLabel("<b>Answers, follow-ups and habits</b>"))
        left_layout.addWidget(self.details, 3)
        split = QtWidgets.QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)

    def show_report(self, report, *, fresh: bool = False) -> None:
        """A MockReport (mock/report.py). `fresh`: a new interview, so the self-score
        form starts empty and Finish is offered."""
        self.report = report
        if fresh:
            self.score_form.clear()
            self.notice.setText("")
            self.status.setText(TO_FINISH)
            self.finish_button.setEnabled(True)
        head = f"{mock_title(report.plan)} · report"
        if report.session_id is not None:
            head += f" · session {report.session_id}"
        self.title.setText(f"<h2>{html.escape(head)}</h2>")
        rows = report.phase_rows()
        self.table.show_report(rows)
        t = report.totals(rows)
        colors = status_colors(self.palette())
        if t["used_s"] is None:
            text, color = "Time: not measured", None
        elif t["over_budget"]:
            text, color = f"OVER by {format_clock(t['overtime_s'])}", colors["bad"]
        else:
            text, color = f"{format_clock(t['answer_budget_s'] - t['used_s'])} to spare", colors["good"]
        used = format_clock(t["used_s"])
        self.totals.setText(f"Time answering: <b>{used}</b> of {format_clock(t['answer_budget_s'])} "
                            f"({format_clock(t['interview_budget_s'])} with the phases not recorded) · "
                            + (f"<b style='color:{color}'>{text}</b>" if color else text))
        bar = self.details.verticalScrollBar().value()
        self.details.setPlainText(report.text())
        self.details.verticalScrollBar().setValue(bar)

    def set_saving(self, saving: bool) -> None:
        self.finish_button.setEnabled(not saving)
        self.status.setText("Saving…" if saving else TO_FINISH)

    def set_finished(self) -> None:
        sid = self.report.session_id if self.report else None
        self.status.setText(f"Finished and saved as mock session {sid}: its answers are in history too.")
        self.finish_button.setEnabled(False)
