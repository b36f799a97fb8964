"""The table of kept attempts: one row per attempt, sortable by any column (fast for 10,000 rows:
the model sorts a list of row positions on precomputed keys; cells are formatted only when shown)."""

from __future__ import annotations

from typing import Callable

from interviewer_app.core.drills import focus_of_row
from interviewer_app.core.models import format_clock, local_time
from interviewer_app.qt_binding import Qt, QtCore, QtGui, QtWidgets, Signal
from interviewer_app.storage.history import AttemptSummary
from interviewer_app.ui.palette import status_colors

COLUMNS = ("Date", "Prompt", "Budget", "Duration / budget", "Overtime", "Steps", "WPM", "Self-score")
DATE, PROMPT, BUDGET, DURATION, OVERTIME, STEPS, WPM, SCORE = range(len(COLUMNS))
DASH = "—"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


Namer = Callable[[str | None, str | None], tuple[str, str | None]]


def budget_namer(budgets=None) -> Namer:
    """(format key, phase key) -> (company or drill name, phase name), from a BudgetBook if given;
    keys the book does not know (a custom mock's, or one since removed) are put in words."""
    names = {f.key: (f.name, {p.key: p.name for p in f.phases}) for f in (budgets.formats if budgets else ())}

    def name(format_key, phase_key):
        if format_key in (None, "custom"):
            return "Custom", None
        fmt, phases = names.get(format_key, (_words(format_key), {}))
        return fmt, phases.get(phase_key) or (_words(phase_key) if phase_key else None)
    return name


def _words(key: str) -> str:
    """A key no budgets file names any more, in words: 'custom-mock' -> 'Custom mock'."""
    text = key.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def budget_text(r: AttemptSummary, names: Namer) -> str:
    if r.budget_s is None:
        return DASH
    fmt, phase = names(r.budget_format, r.budget_phase)
    return " · ".join(x for x in (fmt, phase, format_clock(r.budget_s)) if x)


def overtime_text(r: AttemptSummary) -> str:
    if r.over_budget is None:
        return DASH
    return f"+{format_clock(r.overtime_s or 0)}" if r.over_budget else "on time"


class HistoryModel(QtCore.QAbstractTableModel):
    """A list[AttemptSummary] as table rows; `names` gives company/drill and phase names."""

    def __init__(self, names: Namer | None = None, parent=None):
        super().__init__(parent)
        self.names = names or budget_namer()
        self._budget_texts: dict[tuple, str] = {}  # few distinct budgets among many rows
        self._rows: list[AttemptSummary] = []
        self._order: list[int] = []  # view row -> index into _rows
        self._keys: dict[int, list] = {}  # column -> sort key per _rows index, built on first sort
        self._sort: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.DescendingOrder)
        self._colors = {"good": "#166D31", "bad": "#CF222E"}

    # -- data --------------------------------------------------------------------------------
    def set_rows(self, rows: list[AttemptSummary]) -> None:
        self.beginResetModel()
        self._rows, self._keys = list(rows), {}
        self._order = self._sorted(*self._sort)
        self.endResetModel()

    def set_colors(self, colors: dict[str, str]) -> None:
        self._colors = colors
        if self._rows:
            self.dataChanged.emit(self.index(0, OVERTIME), self.index(len(self._rows) - 1, OVERTIME))

    def row_at(self, row: int) -> AttemptSummary:
        return self._rows[self._order[row]]

    def row_of(self, attempt_id: int) -> int | None:
        for view_row, i in enumerate(self._order):
            if self._rows[i].id == attempt_id:
                return view_row
        return None

    def rowCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: B008 (Qt's own signature)
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.row_at(index.row()), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole and col == OVERTIME and r.over_budget is not None:
            return QtGui.QColor(self._colors["bad" if r.over_budget else "good"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(r, col)
        return None

    def _text(self, r: AttemptSummary, col: int) -> str:
        if col == DATE:
            return local_time(r.created_at)
        if col == PROMPT:
            return r.prompt_text or r.prompt_id or "(no prompt)"
        if col == BUDGET:
            return self._budget(r)
        if col == DURATION:
            if r.duration_s is None:
                return DASH
            return format_clock(r.duration_s) + (f" / {format_clock(r.budget_s)}" if r.budget_s else "")
        if col == OVERTIME:
            return overtime_text(r)
        if col == STEPS:
            if r.story:
                return "story"
            focus = focus_of_row(r)
            if focus:  # a focus drill: the steps it asked for
                return f"{sum(s not in r.missing_steps for s in focus)}/{len(focus)} focus"
            return f"{r.steps_heard}/8"
        if col == WPM:
            return DASH if r.wpm is None else f"{r.wpm:.0f}"
        return DASH if r.self_score is None else f"{r.self_score:.1f}"

    def _tip(self, r: AttemptSummary, col: int) -> str:
        if col == PROMPT:
            return f"{r.prompt_text or '(no prompt)'}\n\nAttempt #{r.id}"
        if col == OVERTIME and r.over_budget and r.over_at_step:
            return f"Time ran out during step “{r.over_at_step}”"
        if col == STEPS and r.story:
            return "A story: coached on C.A.R.E. (context, action, result, escalation), not the 8 steps"
        if col == STEPS and r.missing_steps:
            return "Missed: " + ", ".join(r.missing_steps)
        if col == DURATION and r.duration_s is None:
            return "Typed transcript: no timing"
        return None

    def _budget(self, r: AttemptSummary) -> str:
        key = (r.budget_format, r.budget_phase, r.budget_s)
        text = self._budget_texts.get(key)
        if text is None:
            text = self._budget_texts[key] = budget_text(r, self.names)
        return text

    # -- sorting -------------------------------------------------------------------------------
    def _key(self, r: AttemptSummary, col: int):
        return (r.created_at if col == DATE else
                (r.prompt_text or r.prompt_id or "").casefold() if col == PROMPT else
                (self._budget(r).casefold(), r.budget_s) if col == BUDGET and r.budget_s else
                r.duration_s if col == DURATION else
                (r.overtime_s or 0.0) if col == OVERTIME and r.over_budget is not None else
                (None if r.story else r.steps_heard) if col == STEPS else
                r.wpm if col == WPM else
                r.self_score if col == SCORE else None)

    def _sorted(self, col: int, order: Qt.SortOrder) -> list[int]:
        keys = self._keys.get(col)
        if keys is None:
            keys = self._keys[col] = [self._key(r, col) for r in self._rows]
        descending = order == Qt.SortOrder.DescendingOrder
        known = [i for i, k in enumerate(keys) if k is not None]
        known.sort(key=[r.id for r in self._rows].__getitem__, reverse=descending)  # ties: by id
        known.sort(key=keys.__getitem__, reverse=descending)  # stable, so ties keep that order
        return known + [i for i, k in enumerate(keys) if k is None]  # no value: always last

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = self.persistentIndexList()  # selection and current row follow their attempts
        old_at = [self._order[i.row()] for i in old_rows]
        self._order = self._sorted(column, order)
        if old_rows:
            where = {i: row for row, i in enumerate(self._order)}
            self.changePersistentIndexList(old_rows, [self.index(where[at], i.column())
                                                      for at, i in zip(old_at, old_rows)])
        self.layoutChanged.emit()


class HistoryTable(QtWidgets.QTableView):
    """Attempts, newest first. Double-click or Enter opens one; Delete or the menu deletes."""

    open_requested = Signal(int)
    delete_requested = Signal(list)

    def __init__(self, budgets=None, parent=None):
        super().__init__(parent)
        self.setObjectName("history_table")
        self.setAccessibleName("Attempts")
        self.placeholder = "No attempts yet."
        self.history_model = HistoryModel(budget_namer(budgets), self)
        self.setModel(self.history_model)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.data(ID_ROLE)))
        vh = self.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.horizontalHeader()
        hh.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        hh.setHighlightSections(False)
        hh.setStretchLastSection(False)
        self._size_columns()
        self._apply_palette()

    def _size_columns(self) -> None:
        fm, hh = self.fontMetrics(), self.horizontalHeader()
        samples = {DATE: "Wed 30 Sep 2026, 23:59", BUDGET: "Practice drill 2/3/1 · story · 3:00",
                   DURATION: "Duration / budget", OVERTIME: "on time +", STEPS: "Steps ", WPM: "WPM 000",
                   SCORE: "Self-score"}
        for col, sample in samples.items():
            hh.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(col, fm.horizontalAdvance(sample) + 28)
        hh.setSectionResizeMode(PROMPT, QtWidgets.QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(fm.horizontalAdvance("Steps") + 24)

    def set_rows(self, rows: list[AttemptSummary]) -> None:
        """Show these rows, keeping the current sort and the selection of rows still present."""
        keep = set(self.selected_ids())
        self.history_model.set_rows(rows)
        if keep:
            selection = QtCore.QItemSelection()
            for aid in keep:
                row = self.history_model.row_of(aid)
                if row is not None:
                    selection.select(self.history_model.index(row, 0),
                                     self.history_model.index(row, len(COLUMNS) - 1))
            self.selectionModel().select(selection, QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [self.history_model.row_at(r).id for r in rows]

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().data(ID_ROLE))
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_ids():
            self.delete_requested.emit(self.selected_ids())
        else:
            super().keyPressEvent(event)

    def _menu(self, pos: QtCore.QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        if index.row() not in {i.row() for i in self.selectionModel().selectedRows()}:
            self.selectRow(index.row())
        ids = self.selected_ids()
        menu = QtWidgets.QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opener = menu.addAction("Open in review")
        opener.setEnabled(len(ids) == 1)
        opener.triggered.connect(lambda: self.open_requested.emit(ids[0]))
        menu.addAction(f"Delete {len(ids)} attempts" if len(ids) > 1 else "Delete",
                       lambda: self.delete_requested.emit(ids))
        menu.popup(self.viewport().mapToGlobal(pos))

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.history_model.rowCount() == 0 and self.placeholder:
            painter = QtGui.QPainter(self.viewport())
            painter.setPen(self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.placeholder)

    def _apply_palette(self) -> None:
        self.history_model.set_colors(status_colors(self.palette()))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._apply_palette()
