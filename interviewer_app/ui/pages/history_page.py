"""History: every kept attempt, filtered (search, category, company or drill, dates, over budget),
sortable, opened in review, deleted to a trash with Undo, and the trash itself."""

from __future__ import annotations

from dataclasses import replace

from interviewer_app.core.models import plural
from interviewer_app.core.prompts import CATEGORIES
from interviewer_app.qt_binding import Qt, QtCore, QtWidgets, Signal
from interviewer_app.storage import history
from interviewer_app.storage.history import HistoryFilter
from interviewer_app.ui.palette import callout_style, status_colors
from interviewer_app.ui.store_ops import StoreOps
from interviewer_app.ui.widgets.history_table import SCORE, STEPS, WPM, HistoryTable
from interviewer_app.ui.widgets.prompt_labels import category_label

ANY_DATE = QtCore.QDate(2000, 1, 1)  # the date edits' minimum, shown as "any date"
SEARCH_DELAY_MS = 300
UNDO_MS = 10_000
Yes, No = QtWidgets.QMessageBox.StandardButton.Yes, QtWidgets.QMessageBox.StandardButton.No


def _named(widget, name: str, accessible: str | None = None):
    widget.setObjectName(name)
    if accessible:
        widget.setAccessibleName(accessible)
    return widget


def _button(text: str, name: str, slot) -> QtWidgets.QPushButton:
    button = _named(QtWidgets.QPushButton(text), name)
    button.clicked.connect(slot)
    return button


class DateEdit(QtWidgets.QDateEdit):
    """A day, or "any date" (the minimum); its calendar opens on today's month when at "any date"."""

    def __init__(self, name: str, tip: str):
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(tip)
        self.setToolTip(f"{tip}; Clear sets it back to any date")
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(ANY_DATE)
        self.setSpecialValueText("any date")
        self.setDate(ANY_DATE)
        month = self.calendarWidget().findChild(QtWidgets.QToolButton, "qt_calendar_monthbutton")
        if month is not None:  # Fusion sizes it without its menu arrow and elides "November"
            month.setMinimumWidth(month.fontMetrics().horizontalAdvance("September") + 36)

    def day(self):
        return None if self.date() == ANY_DATE else self.date().toPython()

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)  # opens the calendar on the current value
        calendar = self.calendarWidget()
        if self.date() == ANY_DATE and calendar is not None and calendar.isVisible():
            today = QtCore.QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())


class HistoryPage(QtWidgets.QWidget):
    open_attempt = Signal(int)
    export_requested = Signal(list)  # the rows listed, to a file
    compared = Signal()  # two attempts are shown side by side
    refreshed = Signal()  # the table shows the result of the latest refresh()
    first_rows_shown = Signal()  # the newest rows are on screen; the full list is still loading

    def __init__(self, store, budgets, parent=None):
        """`store`: a StoreOps, an AttemptStore, or how to open one (every call runs on a worker)."""
        super().__init__(parent)
        self.setObjectName("history_page")
        self.ops = StoreOps.of(store, self)
        self.budgets = budgets
        self.rows: list[history.AttemptSummary] = []
        self._generation = 0
        self.rows_loaded_for = -1  # generation whose full result is on screen

        self.search = _named(QtWidgets.QLineEdit(), "history_search", "Search transcripts and prompts")
        self.search.setPlaceholderText("Search transcripts and prompts…")
        self.search.setClearButtonEnabled(True)
        self._debounce = QtCore.QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.category = _named(QtWidgets.QComboBox(), "history_category", "Category filter")
        self.category.addItem("All categories", None)
        for key in CATEGORIES:
            label = category_label(key)
            self.category.addItem(label[:1].upper() + label[1:], key)
        self.company = _named(QtWidgets.QComboBox(), "history_company", "Company or drill filter")
        self.company.addItem("All companies and drills", None)
        for fmt in budgets.formats:
            self.company.addItem(fmt.name, fmt.key)
        self.company.addItem("Custom budget", "custom")
        self.date_from = DateEdit("history_from", "From this day")
        self.date_to = DateEdit("history_to", "Up to and including this day")
        self.over_only = _named(QtWidgets.QCheckBox("Over budget only"), "history_over_only")
        clear = _button("Clear", "history_clear", self.clear_filters)
        clear.setToolTip("Clear every filter")
        for combo in (self.category, self.company):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self.over_only.toggled.connect(self.refresh)

        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.company, 1)
        for text, edit in (("From", self.date_from), ("to", self.date_to)):
            label = QtWidgets.QLabel(text)
            label.setBuddy(edit)
            bar.addWidget(label)
            bar.addWidget(edit)
        bar.addWidget(self.over_only)
        bar.addWidget(clear)

        self.table = HistoryTable(budgets)
        self.table.set_placeholder("Loading…")
        self.table.open_requested.connect(self.open_attempt)
        self.table.delete_requested.connect(self.delete)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count_label = _named(QtWidgets.QLabel(), "history_count")

        self.undo_bar = _named(QtWidgets.QFrame(), "undo_bar")
        self.undo_label = QtWidgets.QLabel()
        self.undo_button = _button("Undo", "undo_button", self.undo_delete)
        undo_layout = QtWidgets.QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(10, 4, 4, 4)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        self._undo_ids: list[int] = []
        self._undo_timer = QtCore.QTimer(self, singleShot=True, interval=UNDO_MS)
        self._undo_timer.timeout.connect(self.undo_bar.hide)

        self.open_button = _button("Open in review", "history_open",
                                   lambda: self.open_attempt.emit(self.table.selected_ids()[0]))
        self.delete_button = _button("Delete", "history_delete", lambda: self.delete(self.table.selected_ids()))
        self.trash_button = _button("Trash…", "history_trash", self.show_trash)
        self.compare_button = _button("Compare", "history_compare", self.compare_selected)
        self.compare_button.setToolTip("Select two attempts to see them side by side")
        self.export_button = _button("Export…", "history_export", lambda: self.export_requested.emit(self.rows))
        self.export_button.setToolTip("Save the attempts listed (with these filters) as CSV or JSON")
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for button in (self.export_button, self.compare_button, self.trash_button, self.delete_button,
                       self.open_button):
            buttons.addWidget(button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)
        self._style_undo_bar()
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    def current_filter(self) -> HistoryFilter:
        return HistoryFilter(since=self.date_from.day(), until=self.date_to.day(),
                             category=self.category.currentData(), company=self.company.currentData(),
                             over_budget_only=self.over_only.isChecked(),
                             text=self.search.text().strip() or None)

    FIRST_PAGE = 200  # rows shown at once; the rest follow from a second, full query

    def refresh(self) -> None:
        """Reload with the current filters, off the UI thread: the newest FIRST_PAGE rows come
        first so the table is usable at once, then all rows (10,000 attempts take ~0.1-0.2 s);
        `refreshed` fires when the table shows the full, newest result (older ones are dropped)."""
        self._debounce.stop()
        self._generation += 1
        generation, f = self._generation, self.current_filter()
        self.count_label.setText("Loading…")
        self._update_buttons()  # nothing to export until the whole list is in

        def load_all(*_):
            self.ops.run(lambda store: (generation, f, history.query(store, f)), self._loaded, self._failed)

        if f.limit is None and f.sort == "created_at" and f.descending:
            first = replace(f, limit=self.FIRST_PAGE)  # newest rows first, then everything

            def shown(result):
                self._first_page(result)
                load_all()
            self.ops.run(lambda store: (generation, first, history.query(store, first)), shown, self._failed)
        else:
            load_all()

    def _first_page(self, result) -> None:
        generation, _f, rows = result
        if generation == self._generation:
            self.table.set_rows(rows)
            self.count_label.setText("Loading all attempts…")
            self.first_rows_shown.emit()

    def _loaded(self, result) -> None:
        generation, f, rows = result
        if generation != self._generation:
            return
        self.rows_loaded_for = generation
        self.rows = rows
        filtered = f != HistoryFilter()
        self.table.set_placeholder("No attempts match these filters." if filtered else
                                   "No attempts yet: answer a prompt and it is kept here.")
        self.table.set_rows(rows)
        over = sum(1 for r in rows if r.over_budget)
        self.count_label.setText(f"{plural(len(rows), 'attempt')} · {over:,} over budget")
        self._update_buttons()
        self.refreshed.emit()

    def _failed(self, message: str) -> None:
        self.count_label.setText(f"Could not load the history: {message}")
        self.table.set_placeholder("")
        self.refreshed.emit()

    def clear_filters(self) -> None:
        for widget in (self.search, self.category, self.company, self.date_from, self.date_to, self.over_only):
            widget.blockSignals(True)
        self.search.clear()
        self.category.setCurrentIndex(0)
        self.company.setCurrentIndex(0)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        self.over_only.setChecked(False)
        for widget in (self.search, self.category, self.company, self.date_from, self.date_to, self.over_only):
            widget.blockSignals(False)
        self.refresh()

    def _update_buttons(self, *_) -> None:
        n = len(self.table.selected_ids())
        self.open_button.setEnabled(n == 1)
        self.compare_button.setEnabled(n == 2)
        self.delete_button.setEnabled(n > 0)
        self.delete_button.setText(f"Delete {n}" if n > 1 else "Delete")
        self.export_button.setEnabled(self.rows_loaded_for == self._generation and bool(self.rows))

    def compare_selected(self) -> None:
        """The two attempts selected, side by side (read on a worker), the older on the left."""
        ids = sorted(self.table.selected_ids())
        if len(ids) != 2:
            return

        def read(store):
            rows = {r.id: r.created_at for r in history.query(store) if r.id in ids}
            return [(i, rows.get(i, ""), store.feedback_json(i)) for i in ids]

        def shown(pair) -> None:
            from interviewer_app.ui.widgets.compare_dialog import CompareDialog

            before, after = sorted(pair, key=lambda t: (t[1], t[0]))
            self.compare_dialog = CompareDialog(before, after, self)
            self.compare_dialog.finished.connect(self.compare_dialog.deleteLater)
            self.compare_dialog.open()
            self.compared.emit()
        self.ops.run(read, shown, lambda message: QtWidgets.QMessageBox.warning(
            self, "Cannot compare", f"The attempts could not be read: {message}"))

    # -- delete, undo, trash -----------------------------------------------------------------
    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        one = len(ids) == 1
        what, it = ("this attempt", "it") if one else (f"these {len(ids)} attempts", "them")
        answer = QtWidgets.QMessageBox.question(
            self, "Delete attempt" if one else "Delete attempts", f"Move {what} to the trash?\n\nYou can "
            f"undo this, or restore {it} from Trash… until the trash is emptied.", Yes | No, No)
        if answer != Yes:
            return
        def deleted(done):
            if done:
                self._undo_ids = done
                self.undo_label.setText(f"Moved {plural(len(done), 'attempt')} to the trash.")
                self.undo_bar.show()
                self._undo_timer.start()
            self.refresh()

        def failed(message):
            QtWidgets.QMessageBox.warning(self, "Delete attempts", message)
            self.refresh()
        # all or nothing: one transaction, so a failure leaves every attempt where it was
        self.ops.run(lambda store: history.move_to_trash(store, ids), deleted, failed)

    def undo_delete(self) -> None:
        ids, self._undo_ids = self._undo_ids, []
        self._undo_timer.stop()
        self.undo_bar.hide()

        def failed(message):
            QtWidgets.QMessageBox.warning(self, "Undo delete", message)
            self.refresh()
        # those emptied from the trash meanwhile are skipped: nothing is left to bring back
        self.ops.run(lambda store: history.restore(store, ids, skip_missing=True), lambda _r: self.refresh(), failed)

    def show_trash(self) -> None:
        dialog = TrashDialog(self.ops, self.budgets, self)
        dialog.exec()
        if dialog.changed:
            self.undo_bar.hide()
            self.refresh()

    def _style_undo_bar(self) -> None:
        self.undo_bar.setStyleSheet(callout_style("QFrame#undo_bar", status_colors(self.palette())["warn"],
                                                  padding=None))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._style_undo_bar()


class TrashDialog(QtWidgets.QDialog):
    """Deleted attempts: restore them, or empty the trash for good (recordings included)."""

    reloaded = Signal()  # the table shows the trash as it is now

    def __init__(self, store, budgets, parent=None):
        """`store`: a StoreOps, an AttemptStore, or how to open one (every call runs on a worker)."""
        super().__init__(parent)
        self.setObjectName("trash_dialog")
        self.setWindowTitle("Trash")
        self.ops = StoreOps.of(store, self)
        self.changed = False
        self.resize(900, 480)
        intro = QtWidgets.QLabel("Deleted attempts stay here, with their recordings, until you empty "
                                 "the trash. Restore brings an attempt back into the history.")
        intro.setWordWrap(True)
        self.table = HistoryTable(budgets)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.table.set_placeholder("The trash is empty.")
        for col in (STEPS, WPM, SCORE):  # room for the prompt; these matter less here
            self.table.setColumnHidden(col, True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.restore_button = _button("Restore", "trash_restore", self.restore_selected)
        self.empty_button = _button("Empty trash now…", "trash_empty", self.empty)
        close = _button("Close", "trash_close", self.accept)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.ops.run(lambda store: history.query(store, HistoryFilter(in_trash=True)), self._show,
                     lambda message: QtWidgets.QMessageBox.warning(self, "Trash", message))

    def _show(self, rows) -> None:
        self.table.set_rows(rows)
        self._update_buttons()
        self.reloaded.emit()

    def _update_buttons(self, *_) -> None:
        self.restore_button.setEnabled(bool(self.table.selected_ids()))
        self.empty_button.setEnabled(self.table.model().rowCount() > 0)

    def restore_selected(self) -> None:
        ids = self.table.selected_ids()
        self.changed = True
        self.ops.run(lambda store: history.restore(store, ids), lambda _r: self.reload(),
                     lambda message: (QtWidgets.QMessageBox.warning(self, "Restore attempts", message), self.reload()))

    def empty(self) -> None:
        n = self.table.model().rowCount()
        answer = QtWidgets.QMessageBox.question(
            self, "Empty trash", f"Delete {plural(n, 'attempt')} and their recordings for good?\n\n"
            "This cannot be undone.", Yes | No, No)
        if answer == Yes:
            self.changed = True
            self.ops.run(lambda store: history.empty_trash(store, 0), lambda _n: self.reload(),
                         lambda message: (QtWidgets.QMessageBox.warning(self, "Empty trash", message), self.reload()))
