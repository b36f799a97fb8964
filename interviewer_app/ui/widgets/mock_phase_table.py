"""A mock interview's phases in a table: the plan before it starts (budget and what each phase
asks), or the report after it (time used against the budget, overtime in words and colour)."""

from __future__ import annotations

from interviewer_app.core.models import format_clock, plural
from interviewer_app.mock.plan import ASK_TITLES, MockPlan
from interviewer_app.qt_binding import Qt, QtGui, QtWidgets
from interviewer_app.ui.palette import status_colors

PLAN_COLUMNS = ("Phase", "Budget", "What it asks")
REPORT_COLUMNS = ("Phase", "Budget", "Used", "Over or left", "Answers")


def mock_title(plan: MockPlan) -> str:
    """"Google mock", "Custom mock"."""
    name = plan.format_name
    return name if name.lower().endswith("mock") else f"{name} mock"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


class PhaseTable(QtWidgets.QTableWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_plan(self, plan: MockPlan | None) -> None:
        self._reset(PLAN_COLUMNS, len(plan.phases) if plan else 0)
        for row, phase in enumerate(plan.phases if plan else ()):
            asks = [f"{_first_upper(ASK_TITLES[q.asks])}: {q.prompt.text}" for q in phase.questions]
            if phase.takes_answer:
                follow = phase.max_follow_ups
                asks.append(f"then up to {plural(follow, 'follow-up')} after each answer")
            else:
                asks.append(phase.note)
            self._set(row, 0, f"{row + 1}. {phase.name}")
            self._set(row, 1, format_clock(phase.seconds), right=True)
            self._set(row, 2, "\n".join(asks))
        self._fit()

    def show_report(self, rows: list[dict]) -> None:
        """MockReport.phase_rows()."""
        self._reset(REPORT_COLUMNS, len(rows))
        bad = QtGui.QColor(status_colors(self.palette())["bad"])
        for n, r in enumerate(rows):
            self._set(n, 0, r["name"])
            self._set(n, 1, format_clock(r["budget_s"]), right=True)
            if not r["takes_answer"]:
                self._set(n, 2, "-", right=True)
                self._set(n, 3, "not recorded")
                self._set(n, 4, "")
                continue
            self._set(n, 2, format_clock(r["used_s"]), right=True)
            if r["over_budget"]:
                over = self._set(n, 3, f"OVER by {format_clock(r['overtime_s'])}")
                over.setForeground(bad)
                font = over.font()
                font.setBold(True)
                over.setFont(font)
                over.setBackground(QtGui.QColor(bad.red(), bad.green(), bad.blue(), 40))
            else:
                self._set(n, 3, r["note"] or f"{format_clock(r['left_s'])} left")
            follow = r["follow_up_answers"]
            self._set(n, 4, f"{r['answers']} + {plural(follow, 'follow-up')}")
        self._fit()

    def text(self, row: int, column: str) -> str:
        """A cell's text by its column title (for tests and accessibility checks)."""
        titles = [self.horizontalHeaderItem(c).text() for c in range(self.columnCount())]
        return self.item(row, titles.index(column)).text()

    def _reset(self, columns: tuple[str, ...], rows: int) -> None:
        self.clear()
        self.setColumnCount(len(columns))
        self.setHorizontalHeaderLabels(list(columns))
        self.setRowCount(rows)

    def _set(self, row: int, column: int, text: str, right: bool = False) -> QtWidgets.QTableWidgetItem:
        item = QtWidgets.QTableWidgetItem(text)
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignTop)
        self.setItem(row, column, item)
        return item

    def _fit(self) -> None:
        header = self.horizontalHeader()
        for c in range(self.columnCount()):
            header.setSectionResizeMode(c, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.columnCount() - 1, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self._fit_height()

    def resizeEvent(self, event) -> None:  # wrapped text needs its rows re-measured at the new width
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its rows (a plan has a few phases), so the page keeps its room for the rest."""
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(self.horizontalHeader().height() + rows + 2 * self.frameWidth() + 2)
