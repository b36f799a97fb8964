"""The content of answers across attempts, for the habits page: how often each concern showed and
each strength was heard, and how far self-scores sit from the suggested scores per dimension."""

from __future__ import annotations

from interviewer_app.analysis.content.rubric_assist import ScoreGap
from interviewer_app.analysis.content.signals import CONCERN, SIGNALS_BY_KEY, STRENGTH
from interviewer_app.analysis.habits.summary import RECENT, SignalCount
from interviewer_app.core.models import format_clock
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.qt_binding import Qt, QtGui, QtWidgets
from interviewer_app.ui.palette import status_colors
from interviewer_app.ui.widgets.history_table import DASH

TRENDS = {"narrowing": "narrowing ↘", "widening": "widening ↗", "steady": "steady →"}


def _setup(t: QtWidgets.QTableWidget, name: str, headers: list[str], accessible: str) -> None:
    """A read-only, compact table like the page's phase table, sized to its rows."""
    t.setObjectName(name)
    t.setAccessibleName(accessible)
    t.setColumnCount(len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.setWordWrap(False)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)


def _fit_height(t: QtWidgets.QTableWidget) -> None:
    rows_h = sum(t.rowHeight(r) for r in range(t.rowCount()))
    t.setFixedHeight(rows_h + t.horizontalHeader().height() + 2 * t.frameWidth() + 2)


def _item(text: str, right: bool = False, tip: str = "") -> QtWidgets.QTableWidgetItem:
    item = QtWidgets.QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


def _share(present: int, checked: int) -> str:
    return f"{present} of {checked}" if checked else DASH


class SignalCountsTable(QtWidgets.QTableWidget):
    """Two groups of rows under their own headings: concerns (the most often shown on top), then
    strengths (the least often heard on top: the ones to work on). A signal never checked in
    these answers (e.g. hypotheticals, checked for behavioral prompts only) is dimmed at the end."""

    HEADERS = ["Signal", "Answers", "Share", f"Last {RECENT}"]
    GROUPS = ((CONCERN, "⚠ Concerns: how often they showed", "showed"),
              (STRENGTH, "✓ Strengths: how often they were heard", "heard"))

    def __init__(self, parent=None):
        super().__init__(parent)
        _setup(self, "habits_signal_table", self.HEADERS, "How often each content signal showed")
        self.counts: list[SignalCount] = []
        self.rows: dict[str, int] = {}  # signal key -> its row

    def show_counts(self, counts: list[SignalCount]) -> None:
        self.counts, self.rows = list(counts), {}
        colors = status_colors(self.palette())
        muted = self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText)
        self.clearSpans()
        self.setRowCount(0)
        for kind, heading, verb in self.GROUPS:
            group = [c for c in counts if c.kind == kind]
            if not group:
                continue
            worst_first = (lambda c: -c.share) if kind == CONCERN else (lambda c: c.share)
            group.sort(key=lambda c: (c.share is None, 0 if c.share is None else worst_first(c)))
            row = self.rowCount()
            self.insertRow(row)
            head = _item(heading)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setForeground(QtGui.QColor(colors["warn" if kind == CONCERN else "good"]))
            self.setItem(row, 0, head)
            self.setSpan(row, 0, 1, len(self.HEADERS))
            for c in group:
                self._add(c, verb, muted)
        _fit_height(self)

    def _add(self, c: SignalCount, verb: str, muted: QtGui.QColor) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.rows[c.key] = row
        spec = SIGNALS_BY_KEY.get(c.key)
        tip = spec.tip if spec else c.title
        cells = [_item(c.title, tip=tip if c.checked else tip + "\nNot checked in these answers: it applies "
                       "to some prompts only."),
                 _item(_share(c.present, c.checked), True,
                       f"{verb} in {c.present} of the {c.checked} answers where it was checked"),
                 _item(DASH if c.share is None else f"{round(100 * c.share)}%", True),
                 _item(_share(c.recent_present, c.recent_checked), True,
                       f"{verb} in {c.recent_present} of your last {c.recent_checked} answers where it was checked")]
        for col, cell in enumerate(cells):
            if not c.checked:
                cell.setForeground(muted)
            self.setItem(row, col, cell)

    def cells(self, key: str) -> list[str]:
        """The texts of a signal's row (for tests and accessibility checks)."""
        return [self.item(self.rows[key], col).text() for col in range(self.columnCount())]


class ScoreGapTable(QtWidgets.QTableWidget):
    """Per rubric dimension: answers with both scores, the mean of self-score minus suggestion,
    the earlier and recent halves and whether the gap is closing."""

    HEADERS = ["Dimension", "Answers", "You vs suggested", "Earlier → recent", "Trend"]

    def __init__(self, parent=None):
        super().__init__(parent)
        _setup(self, "habits_gap_table", self.HEADERS, "Self-score minus suggested score, per dimension")

    def show_gaps(self, gaps: dict[str, ScoreGap]) -> None:
        titles = {d.key: d.title for d in RUBRIC}
        self.setRowCount(len(gaps))
        for row, (key, g) in enumerate(gaps.items()):
            side = "above" if g.mean_gap > 0 else "below" if g.mean_gap < 0 else "level with"
            halves = (DASH if g.earlier_gap is None else f"{g.earlier_gap:+.1f} → {g.recent_gap:+.1f}")
            cells = [_item(titles.get(key, key)),
                     _item(str(g.attempts), True),
                     _item(f"{g.mean_gap:+.1f}", True, f"On average you score yourself {abs(g.mean_gap):.1f} "
                           f"points {side} the suggested score" if g.mean_gap else "On average your "
                           "self-score matches the suggested score"),
                     _item(halves, True, "Mean gap of the older half of these answers → the newer half"),
                     _item(TRENDS.get(g.trend or "", DASH), tip="Needs 4 answers with both scores"
                           if g.trend is None else f"The gap is {g.trend}")]
            for col, cell in enumerate(cells):
                self.setItem(row, col, cell)
        _fit_height(self)


class MockPhaseTable(QtWidgets.QTableWidget):
    """Per phase of a real format, across mock interviews: how often the phase (main answer and
    follow-ups together) ran over its budget."""

    HEADERS = ["Format and phase", "Budget", "Mocks", "Over budget", "Mean overtime"]

    def __init__(self, parent=None):
        super().__init__(parent)
        _setup(self, "habits_mock_table", self.HEADERS, "Mock interviews: going over time per phase")

    def show_phases(self, phases) -> None:
        """phases: MockPhaseHabit rows (analysis/habits/mock_phases.py), the most often over first."""
        self.setRowCount(len(phases))
        for row, m in enumerate(phases):
            cells = [_item(f"{m.format_name} — {m.phase_name}"),
                     _item(format_clock(m.budget_s), True),
                     _item(str(m.sessions), True, "Mock interviews with an answer in this phase"),
                     _item(f"{m.over} of {m.sessions}", True,
                           f"Mean time used: {format_clock(m.mean_used_s)}"),
                     _item(DASH if m.mean_overtime_s is None else f"+{format_clock(m.mean_overtime_s)}", True,
                           "Mean overtime in the mocks that ran over")]
            for col, cell in enumerate(cells):
                self.setItem(row, col, cell)
        _fit_height(self)


class FillerTriggerTable(QtWidgets.QTableWidget):
    """What set off the bursts of fillers (3 or more within 30 s) across answers, the most
    frequent first (analysis/pacing/filler_triggers.py). A burst can have several triggers."""

    HEADERS = ["Just before the burst", "Bursts"]

    def __init__(self, parent=None):
        super().__init__(parent)
        _setup(self, "habits_filler_triggers_table", self.HEADERS, "What sets off your fillers")

    def show_triggers(self, triggers: dict[str, int], total: int) -> None:
        from interviewer_app.analysis.pacing.filler_triggers import OPENING_S, TRIGGER_TEXT

        self.setRowCount(len(triggers))
        for row, (key, n) in enumerate(triggers.items()):
            text = TRIGGER_TEXT.get(key, key.replace("_", " ")).format(opening=OPENING_S)
            self.setItem(row, 0, _item(text[:1].upper() + text[1:]))
            self.setItem(row, 1, _item(f"{n} of {total}", True, "Bursts of 3 or more fillers within 30 s"))
        _fit_height(self)


class TableCard(QtWidgets.QFrame):
    """A titled table, or a short note in its place (like the page's chart cards)."""

    def __init__(self, title: str, name: str, table: QtWidgets.QTableWidget, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.table = table
        self.note = QtWidgets.QLabel()
        self.note.setObjectName(f"{name}_note")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setMinimumHeight(120)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(QtWidgets.QLabel(f"<b>{title}</b>"))
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.note.hide()

    def show_table(self) -> None:
        self.table.show()
        self.note.hide()

    def show_note(self, text: str) -> None:
        muted = self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText).name()
        self.note.setText(f"<span style='color:{muted}'>{text}</span>")
        self.table.hide()
        self.note.show()
