"""After a mock interview: the report as a page (export/mock_report.py: the time of each phase
against its budget on a timeline and in a table, each answer with its follow-ups, why each was
asked and how it was answered, the habits by phase), a self-score of the whole interview with
notes, Finish to save the session and Export… to keep the report as a web page, PDF, Markdown or
JSON."""

from __future__ import annotations

import html
import re

from interviewer_app.analysis.feedback.guide_notes import link_citations
from interviewer_app.export.mock_report import report_title, to_html
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.widgets.guide_notes_dialog import open_note
from interviewer_app.ui.widgets.self_score import SelfScoreForm

TO_FINISH = "All phases done. Score the whole interview, then Finish to save the session."


def page_colors(palette: QtGui.QPalette) -> dict:
    """The report page's colours on this palette (light or dark): text on the view's base, the
    status colours, and tints of them for the timeline."""
    base = palette.color(QtGui.QPalette.ColorRole.Base)
    status = status_colors(palette)

    def tint(color: str, share: float) -> str:
        c = QtGui.QColor(color)
        mix = [round(a * share + b * (1 - share)) for a, b in zip((c.red(), c.green(), c.blue()),
                                                                     (base.red(), base.green(), base.blue()))]
        return QtGui.QColor(*mix).name()
    text = palette.color(QtGui.QPalette.ColorRole.Text).name()
    return {"text": text, "muted": palette.color(QtGui.QPalette.ColorRole.PlaceholderText).name(),
            "good": status["good"], "bad": status["bad"], "good_bg": tint(status["good"], 0.18),
            "bad_bg": tint(status["bad"], 0.18), "plain_bg": tint(text, 0.08), "rule": tint(text, 0.25),
            "gap": base.name()}


class MockReportPage(QtWidgets.QWidget):
    finish_requested = Signal(dict, str)  # self-score (rubric key -> 1..5 or None), notes
    back_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report = None
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("mock_report_title")
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("mock_report_status")
        self.status.setWordWrap(True)
        self.details = QtWidgets.QTextBrowser()
        self.details.setObjectName("mock_report_text")
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(lambda url: open_note(self.details, url.toString()))
        self.details.setAccessibleName("Mock interview report")
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
        self.export_button = QtWidgets.QPushButton("Export…")
        self.export_button.setObjectName("mock_export")
        self.export_button.setToolTip("Save this report as a web page, PDF, Markdown or JSON")
        self.export_button.clicked.connect(self.export_requested)
        self.finish_button = QtWidgets.QPushButton("Finish and save")
        self.finish_button.setObjectName("mock_finish")
        self.finish_button.setMinimumHeight(40)
        self.finish_button.clicked.connect(
            lambda: self.finish_requested.emit(self.score_form.scores(), self.score_form.notes()))

        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.details, 1)
        split = QtWidgets.QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.export_button)
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
        d = report.to_dict()
        self.title.setText(f"<h2>{html.escape(report_title(d))} · report</h2>")
        bar = self.details.verticalScrollBar().value()
        page = re.sub(r"<h1>.*?</h1>", "", to_html(d, page_colors(self.palette())), count=1)  # title above
        self.details.setHtml(link_citations(page))  # a cited guide opens its passage
        self.details.verticalScrollBar().setValue(bar)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self.report is not None:
            self.show_report(self.report)  # the page's colours follow a light / dark switch

    def set_saving(self, saving: bool) -> None:
        self.finish_button.setEnabled(not saving)
        self.status.setText("Saving…" if saving else TO_FINISH)

    def set_finished(self) -> None:
        sid = self.report.session_id if self.report else None
        self.status.setText(f"Finished and saved as mock session {sid}: its answers are in history too.")
        self.finish_button.setEnabled(False)
