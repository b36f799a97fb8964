"""Pick the answer's time budget: a company or drill phase, a custom m:ss, or no time limit."""

from __future__ import annotations

import re

from interviewer_app.core.budgets import MAX_BUDGET_S, BudgetBook, Format, custom_budget
from interviewer_app.core.models import Budget, format_clock
from interviewer_app.qt_binding import Qt, QtGui, QtWidgets, Signal

KIND_ROLE = Qt.ItemDataRole.UserRole  # "format", "custom", "none" or "header"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PHASE_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
PHASE_CLOCK_ROLE = Qt.ItemDataRole.UserRole + 3
_CLOCK = re.compile(r"^\s*(\d{0,3})\s*(?::\s*(\d{0,2}))?\s*$")
_UNSET = object()


def _guide(source: str | None) -> str | None:
    match = re.match(r"^(\d{3})_", source or "")
    return f"guide {match.group(1)}" if match else source


def parse_clock(text: str) -> int | None:
    """'1:30' -> 90, '90' -> 90 (plain numbers are seconds), '' or '1:75' -> None."""
    match = _CLOCK.match(text)
    if not match or not (match.group(1) or match.group(2)):
        return None
    if ":" not in text:
        return int(match.group(1))
    minutes, seconds = int(match.group(1) or 0), match.group(2)
    if not seconds or int(seconds) >= 60:
        return None
    return minutes * 60 + int(seconds)


class ClockSpinBox(QtWidgets.QSpinBox):
    """Seconds, shown and typed as m:ss (a plain number is read as seconds); arrows step 15 s."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRange(1, MAX_BUDGET_S)
        self.setSingleStep(15)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt override)
        return format_clock(value)

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt override)
        value = parse_clock(text)
        return self.value() if value is None else value

    def validate(self, text: str, pos: int):
        if not _CLOCK.match(text):
            return QtGui.QValidator.State.Invalid
        value = parse_clock(text)
        if value is None or not self.minimum() <= value <= self.maximum():
            return QtGui.QValidator.State.Intermediate
        return QtGui.QValidator.State.Acceptable

    def fixup(self, text: str) -> str:
        return format_clock(self.value())


class _PhaseCombo(QtWidgets.QComboBox):
    """When narrow, shortens the phase's name rather than its time: "Deep dive with li… — 60:00"."""

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        painter = QtWidgets.QStylePainter(self)
        opt = QtWidgets.QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QtWidgets.QStyle.ComplexControl.CC_ComboBox, opt)
        name, clock = self.currentData(PHASE_NAME_ROLE), self.currentData(PHASE_CLOCK_ROLE)
        if name is not None:
            field = self.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_ComboBox, opt,
                                                QtWidgets.QStyle.SubControl.SC_ComboBoxEditField, self)
            suffix = f" — {clock}"
            fm = self.fontMetrics()
            room = field.width() - fm.horizontalAdvance(suffix) - 6
            opt.currentText = fm.elidedText(name, Qt.TextElideMode.ElideRight, room) + suffix
        painter.drawControl(QtWidgets.QStyle.ControlElement.CE_ComboBoxLabel, opt)


class BudgetPicker(QtWidgets.QWidget):
    """Format (companies, drills, custom, no limit), then its phase or the custom time, and a line
    saying what was picked. Starts on the first drill's main phase."""

    changed = Signal(object)  # the Budget, or None for no time limit

    def __init__(self, book: BudgetBook, parent=None):
        super().__init__(parent)
        self.book = book
        self._last = _UNSET

        self.format_combo = QtWidgets.QComboBox()
        self.format_combo.setObjectName("budget_format")
        self.format_combo.setAccessibleName("Interview format")
        self.format_combo.setToolTip("A company's interview format or a practice drill")
        self.format_combo.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.format_combo.setMinimumContentsLength(14)
        self.phase_combo = _PhaseCombo()
        self.phase_combo.setObjectName("budget_phase")
        self.phase_combo.setAccessibleName("Interview phase")
        self.phase_combo.setToolTip("The part of the interview your answer is timed against")
        self.phase_combo.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.phase_combo.setMinimumContentsLength(14)
        self.custom_seconds = ClockSpinBox()
        self.custom_seconds.setObjectName("budget_custom")
        self.custom_seconds.setAccessibleName("Custom time budget")
        self.custom_seconds.setToolTip("Minutes:seconds, for example 2:30 (a plain number is seconds)")
        self.custom_seconds.setValue(120)
        self.custom_label = QtWidgets.QLabel("m:ss")
        self.custom_label.setBuddy(self.custom_seconds)
        self.description = QtWidgets.QLabel()
        self.description.setObjectName("budget_description")
        self.description.setWordWrap(True)
        pal = self.description.palette()
        muted = QtGui.QColor(pal.color(QtGui.QPalette.ColorRole.WindowText))
        muted.setAlpha(175)
        pal.setColor(QtGui.QPalette.ColorRole.WindowText, muted)
        self.description.setPalette(pal)

        self.custom_box = QtWidgets.QWidget()
        custom_row = QtWidgets.QHBoxLayout(self.custom_box)
        custom_row.setContentsMargins(0, 0, 0, 0)
        custom_row.addWidget(self.custom_seconds, 1)
        custom_row.addWidget(self.custom_label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.format_combo)
        layout.addWidget(self.phase_combo)
        layout.addWidget(self.custom_box)
        layout.addWidget(self.description)

        self._fill_formats()
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.phase_combo.currentIndexChanged.connect(self._update)
        self.custom_seconds.valueChanged.connect(self._update)
        drills = [f for f in book.formats if f.kind == "drill"] or list(book.formats)
        if drills:
            self.set_current(drills[0].key)
        else:
            self.set_current(None)

    # -- public API -----------------------------------------------------------------------------
    def current_budget(self) -> Budget | None:
        kind = self.format_combo.currentData(KIND_ROLE)
        if kind == "custom":
            return custom_budget(self.custom_seconds.value())
        if kind == "format":
            fmt = self._format(self.format_combo.currentData(KEY_ROLE))
            phase = self.phase_combo.currentData()
            return fmt.budget(phase) if fmt is not None else None
        return None

    def set_current(self, format_key: str | None, phase_key: str | None = None,
                    seconds: float | None = None) -> bool:
        """Select a format ("custom" with `seconds`; None, "" or "none" = no time limit) and phase.
        An unknown phase falls back to the format's default; an unknown format changes nothing."""
        key = (format_key or "").strip().lower()
        if key in ("", "none"):
            row = self._row("none")
        elif key == "custom":
            row = self._row("custom")
        else:
            fmt = next((f for f in self.book.formats if key in (f.key, f.name.lower())), None)
            row = self._row("format", fmt.key) if fmt else -1
        if row < 0:
            return False
        for widget in (self.format_combo, self.phase_combo, self.custom_seconds):
            widget.blockSignals(True)
        self.format_combo.setCurrentIndex(row)
        self._fill_phases()
        if key == "custom" and seconds is not None:
            self.custom_seconds.setValue(int(round(min(max(float(seconds), 1), MAX_BUDGET_S))))
        if phase_key and self.phase_combo.findData(phase_key) >= 0:
            self.phase_combo.setCurrentIndex(self.phase_combo.findData(phase_key))
        for widget in (self.format_combo, self.phase_combo, self.custom_seconds):
            widget.blockSignals(False)
        self._update()
        return True

    # -- internals ------------------------------------------------------------------------------
    def _format(self, key: str | None) -> Format | None:
        return next((f for f in self.book.formats if f.key == key), None)

    def _row(self, kind: str, key: str | None = None) -> int:
        for row in range(self.format_combo.count()):
            if (self.format_combo.itemData(row, KIND_ROLE) == kind
                    and (key is None or self.format_combo.itemData(row, KEY_ROLE) == key)):
                return row
        return -1

    def _fill_formats(self) -> None:
        model = QtGui.QStandardItemModel(self.format_combo)
        groups = (("Companies", "company"), ("Drills", "drill"))
        for title, kind in groups:
            formats = [f for f in self.book.formats if f.kind == kind]
            if not formats:
                continue
            header = QtGui.QStandardItem(title)
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a group title, not a choice
            header.setData("header", KIND_ROLE)
            font = QtGui.QFont(self.format_combo.font())
            font.setBold(True)
            header.setData(font, Qt.ItemDataRole.FontRole)
            model.appendRow(header)
            for fmt in formats:
                item = QtGui.QStandardItem(fmt.name)
                item.setData("format", KIND_ROLE)
                item.setData(fmt.key, KEY_ROLE)
                if fmt.source:
                    item.setToolTip(f"From {_guide(fmt.source)}")
                model.appendRow(item)
        for text, kind, tip in (("Custom time", "custom", "Set your own time in minutes and seconds"),
                                ("No time limit", "none", "Answer for as long as you need")):
            item = QtGui.QStandardItem(text)
            item.setData(kind, KIND_ROLE)
            item.setToolTip(tip)
            model.appendRow(item)
        self.format_combo.setModel(model)
        self.format_combo.insertSeparator(self._row("custom"))

    def _fill_phases(self) -> None:
        self.phase_combo.blockSignals(True)
        self.phase_combo.clear()
        fmt = self._format(self.format_combo.currentData(KEY_ROLE))
        if self.format_combo.currentData(KIND_ROLE) == "format" and fmt is not None:
            for phase in fmt.phases:
                clock = format_clock(phase.seconds)
                self.phase_combo.addItem(f"{phase.name} — {clock}", phase.key)
                row = self.phase_combo.count() - 1
                self.phase_combo.setItemData(row, phase.name, PHASE_NAME_ROLE)
                self.phase_combo.setItemData(row, clock, PHASE_CLOCK_ROLE)
                self.phase_combo.setItemData(row, f"{phase.name}: {clock}", Qt.ItemDataRole.ToolTipRole)
            self.phase_combo.setCurrentIndex(max(self.phase_combo.findData(fmt.default_phase), 0))
            widest = max(self.phase_combo.fontMetrics().horizontalAdvance(self.phase_combo.itemText(i))
                         for i in range(self.phase_combo.count()))
            self.phase_combo.view().setMinimumWidth(widest + 32)  # the open list shows names in full
        self.phase_combo.blockSignals(False)

    def _format_changed(self, *_args) -> None:
        self._fill_phases()
        self._update()

    def _update(self, *_args) -> None:
        kind = self.format_combo.currentData(KIND_ROLE)
        self.phase_combo.setVisible(kind == "format")
        self.custom_box.setVisible(kind == "custom")
        budget = self.current_budget()
        self.description.setText(self._describe(budget))
        if budget != self._last:
            self._last = budget
            self.changed.emit(budget)

    def _describe(self, budget: Budget | None) -> str:
        if budget is None:
            return "No time limit: nothing is flagged as over time."
        if budget.format_key == "custom":
            return f"Custom — {format_clock(budget.seconds)}"
        text = f"{budget.format_name} · {budget.phase_name} — {format_clock(budget.seconds)}"
        return f"{text}, from {_guide(budget.source)}" if budget.source else text
