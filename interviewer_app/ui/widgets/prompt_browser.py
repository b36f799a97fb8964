"""Browse the prompt bank: search and filter, read one prompt (hint on request), pick at random,
add your own."""

from __future__ import annotations

import random
import re
from typing import Callable

from interviewer_app.core.models import Prompt
from interviewer_app.core.prompts import FRAMEWORKS, PromptBank
from interviewer_app.core.steps import guide_words
from interviewer_app.qt_binding import Qt, QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.widgets.add_prompt_dialog import AddPromptDialog
from interviewer_app.ui.widgets.prompt_labels import (
    META_ROLE,
    PROMPT_ROLE,
    _elided_lines,
    _fill_category_combo,
    _fill_framework_combo,
    _set_muted,
    category_label,
    framework_label,
    source_label,
)


class _PromptDelegate(QtWidgets.QStyledItemDelegate):
    """The prompt's text (up to three wrapped lines), then a smaller 'category · framework' line."""

    PAD_X, PAD_Y, GAP, MAX_LINES = 10, 7, 2, 3

    def _meta_font(self, font: QtGui.QFont) -> QtGui.QFont:
        meta = QtGui.QFont(font)
        meta.setPointSizeF(max(font.pointSizeF() * 0.86, 7.0))
        return meta

    def _text_width(self, option) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QtWidgets.QAbstractItemView) else option.rect.width()
        return max(width - 2 * self.PAD_X, 60)

    def sizeHint(self, option, index):  # noqa: N802 (Qt override)
        fm = QtGui.QFontMetrics(option.font)
        meta = QtGui.QFontMetrics(self._meta_font(option.font))
        lines = len(_elided_lines(str(index.data() or ""), option.font, self._text_width(option),
                                  self.MAX_LINES)) or 1
        return QtCore.QSize(200, 2 * self.PAD_Y + lines * fm.lineSpacing() + self.GAP + meta.height())

    def paint(self, painter, option, index):
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QtWidgets.QStyle.StateFlag.State_Selected)
        group = (QtGui.QPalette.ColorGroup.Active if opt.state & QtWidgets.QStyle.StateFlag.State_Active
                 else QtGui.QPalette.ColorGroup.Inactive)
        role = QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        rect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        fm = QtGui.QFontMetrics(opt.font)
        painter.save()
        if not selected:  # a hairline between prompts
            line_color = QtGui.QColor(opt.palette.color(QtGui.QPalette.ColorRole.Text))
            line_color.setAlpha(28)
            painter.setPen(line_color)
            painter.drawLine(opt.rect.left() + self.PAD_X, opt.rect.bottom(), opt.rect.right() - self.PAD_X,
                             opt.rect.bottom())
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, role))
        y = rect.top()
        for line in _elided_lines(text, opt.font, rect.width(), self.MAX_LINES):
            painter.drawText(QtCore.QRect(rect.left(), y, rect.width(), fm.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
            y += fm.lineSpacing()
        meta_font = self._meta_font(opt.font)
        meta_fm = QtGui.QFontMetrics(meta_font)
        painter.setFont(meta_font)
        color = QtGui.QColor(opt.palette.color(group, role))
        color.setAlpha(215 if selected else 165)
        painter.setPen(color)
        meta = meta_fm.elidedText(str(index.data(META_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QtCore.QRect(rect.left(), y + self.GAP, rect.width(), meta_fm.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), meta)
        painter.restore()


class PromptBrowser(QtWidgets.QWidget):
    """Search box and filters over a list of prompts, the selected prompt's detail below."""

    prompt_selected = Signal(object)  # the Prompt, or None when the filters match nothing
    prompt_activated = Signal(object)  # the Prompt: double-click or Enter, i.e. start practising

    def __init__(self, bank: PromptBank, on_add: Callable[[Prompt], object] | None = None,
                 rng: random.Random | None = None, parent=None):
        super().__init__(parent)
        self.bank = bank
        self._progress: dict[str, str] = {}  # prompt id -> "answered 3× · best 7/8 · ..." (from history)
        self._on_add = on_add
        self._rng = rng or random.Random()
        self._visible: list[Prompt] = []
        self._current: Prompt | None = None
        self.add_dialog: AddPromptDialog | None = None

        self.search = QtWidgets.QLineEdit()
        self.search.setObjectName("prompt_search")
        self.search.setPlaceholderText("Search prompts  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search prompts")
        self.search.setToolTip("Matches the question, its hint and its id. Up/Down move through the list.")
        self.category_combo = QtWidgets.QComboBox()
        self.category_combo.setObjectName("category_filter")
        self.category_combo.setAccessibleName("Category filter")
        _fill_category_combo(self.category_combo, "All categories")
        self.framework_combo = QtWidgets.QComboBox()
        self.framework_combo.setObjectName("framework_filter")
        self.framework_combo.setAccessibleName("Framework filter")
        _fill_framework_combo(self.framework_combo, "All frameworks")
        for combo in (self.category_combo, self.framework_combo):
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("prompt_list")
        self.list.setAccessibleName("Prompts")
        self.list.setItemDelegate(_PromptDelegate(self.list))
        self.list.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)  # re-wrap the text on resize
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(150)
        self.empty_label = QtWidgets.QLabel("No prompts match.  <a href='clear'>Clear the search and filters</a>")
        self.empty_label.setObjectName("prompt_list_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.empty_label.setBackgroundRole(QtGui.QPalette.ColorRole.Base)
        self.empty_label.setAutoFillBackground(True)
        self.empty_label.linkActivated.connect(lambda _link: self.clear_filters())
        self.list_stack = QtWidgets.QStackedWidget()
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.empty_label)

        self.random_button = QtWidgets.QPushButton("Random prompt")
        self.random_button.setObjectName("random_prompt_button")
        self.random_button.setToolTip("Pick a different prompt at random from the ones listed")
        self.random_button.clicked.connect(self.pick_random)
        self.add_button = QtWidgets.QPushButton("Add your own…")
        self.add_button.setObjectName("add_prompt_button")
        self.add_button.setToolTip("Write a prompt of your own; it is saved with your prompts")
        self.add_button.clicked.connect(self.open_add_dialog)
        self.count_label = QtWidgets.QLabel()
        self.count_label.setObjectName("prompt_count")
        _set_muted(self.count_label)

        self.detail_text = QtWidgets.QLabel()
        self.detail_text.setObjectName("prompt_text")
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.detail_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.detail_text.setFont(font)
        self.detail_meta = QtWidgets.QLabel()
        self.detail_meta.setObjectName("prompt_meta")
        self.detail_meta.setWordWrap(True)
        _set_muted(self.detail_meta)
        self.hint_button = QtWidgets.QPushButton("Show hint")
        self.hint_button.setObjectName("show_hint_button")
        self.hint_button.setCheckable(True)
        self.hint_button.setToolTip("The hint says what a strong answer covers; try without it first")
        self.hint_button.toggled.connect(self._hint_toggled)
        self.source_label = QtWidgets.QLabel()
        self.source_label.setObjectName("prompt_source")
        _set_muted(self.source_label)
        self.hint_label = QtWidgets.QLabel()
        self.hint_label.setObjectName("prompt_hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label.setVisible(False)

        filters = QtWidgets.QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.category_combo)
        filters.addWidget(self.framework_combo)
        actions = QtWidgets.QHBoxLayout()
        actions.addWidget(self.random_button)
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        hint_row = QtWidgets.QHBoxLayout()
        hint_row.addWidget(self.hint_button)
        hint_row.addStretch(1)
        hint_row.addWidget(self.source_label)
        self.detail = QtWidgets.QFrame()
        self.detail.setObjectName("prompt_detail")
        self.detail.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        detail_layout = QtWidgets.QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(14, 12, 14, 12)
        detail_layout.addWidget(self.detail_text)
        detail_layout.addWidget(self.detail_meta)
        detail_layout.addSpacing(4)
        detail_layout.addLayout(hint_row)
        detail_layout.addWidget(self.hint_label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(actions)
        layout.addWidget(self.detail)

        self.search_shortcut = QtGui.QShortcut(QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Find), self)
        self.search_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.search_shortcut.activated.connect(self.focus_search)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.search.textChanged.connect(self._refilter)
        self.category_combo.currentIndexChanged.connect(self._refilter)
        self.framework_combo.currentIndexChanged.connect(self._refilter)
        self.framework_combo.currentIndexChanged.connect(self._framework_tooltip)
        self.search.returnPressed.connect(self.list.setFocus)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemDoubleClicked.connect(lambda item: self._activate())
        self._framework_tooltip()
        self._refilter()

    # -- public API -----------------------------------------------------------------------------
    def current_prompt(self) -> Prompt | None:
        return self._current

    def select(self, prompt_id: str) -> bool:
        """Select a prompt by id, clearing the filters if they hide it. False if the bank has no such id."""
        if not any(p.id == prompt_id for p in self.bank.prompts):
            return False
        if not any(p.id == prompt_id for p in self._visible):
            self.clear_filters()
        for row in range(self.list.count()):
            if self.list.item(row).data(PROMPT_ROLE).id == prompt_id:
                self.list.setCurrentRow(row)
                self.list.scrollToItem(self.list.item(row))
                return True
        return False

    def set_bank(self, bank: PromptBank) -> None:
        """Show another bank (after the user's prompts changed), keeping the selection if it is still there."""
        self.bank = bank
        self._refilter()

    def clear_filters(self) -> None:
        for widget in (self.search, self.category_combo, self.framework_combo):
            widget.blockSignals(True)
        self.search.clear()
        self.category_combo.setCurrentIndex(0)
        self.framework_combo.setCurrentIndex(0)
        for widget in (self.search, self.category_combo, self.framework_combo):
            widget.blockSignals(False)
        self._framework_tooltip()
        self._refilter()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def pick_random(self) -> Prompt | None:
        """Select a random prompt among those listed, a different one from the current when possible."""
        if not self._visible:
            return None
        current_id = self._current.id if self._current else None
        pool = [p for p in self._visible if p.id != current_id] or self._visible
        choice = self._rng.choice(pool)
        self.select(choice.id)
        return choice

    def open_add_dialog(self) -> AddPromptDialog:
        """Open (not exec) the add-your-own dialog, so the window keeps running; returns it."""
        self.add_dialog = AddPromptDialog({p.id for p in self.bank.prompts},
                                          category=self.category_combo.currentData(),
                                          framework=self.framework_combo.currentData(), parent=self)
        dialog = self.add_dialog
        dialog.accepted.connect(lambda: self._add_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- internals ------------------------------------------------------------------------------
    def _add_accepted(self, dialog: AddPromptDialog) -> None:
        prompt = dialog.prompt()
        if prompt is None:
            return
        if self._on_add is not None:
            try:
                if self._on_add(prompt) is False:  # the caller could not save it (and said so)
                    return
            except Exception as exc:  # noqa: BLE001 (show any save problem, keep the app running)
                QtWidgets.QMessageBox.warning(self, "Prompt not added", f"Your prompt was not saved: {exc}")
                return
        others = tuple(p for p in self.bank.prompts if p.id != prompt.id)
        self.set_bank(PromptBank(others + (prompt,)))
        self.select(prompt.id)
        self.list.setFocus()

    def _filters(self) -> tuple[str | None, str | None, str]:
        return self.category_combo.currentData(), self.framework_combo.currentData(), self.search.text().strip()

    def _refilter(self, *_args) -> None:
        category, framework, text = self._filters()
        self._visible = self.bank.filter(category=category, framework=framework, text=text)
        keep = self._current.id if self._current else None
        self.list.blockSignals(True)
        self.list.clear()
        row_to_select = 0
        for row, prompt in enumerate(self._visible):
            meta = self._meta(prompt)
            item = QtWidgets.QListWidgetItem(prompt.text)
            item.setData(PROMPT_ROLE, prompt)
            item.setData(META_ROLE, meta)
            item.setToolTip(prompt.text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{prompt.text} ({meta})")
            self.list.addItem(item)
            if prompt.id == keep:
                row_to_select = row
        if self._visible:
            self.list.setCurrentRow(row_to_select)
        self.list.blockSignals(False)
        if self._visible:
            self.list.scrollToItem(self.list.currentItem())
        self.list_stack.setCurrentWidget(self.list if self._visible else self.empty_label)
        total = len(self.bank.prompts)
        shown = len(self._visible)
        self.count_label.setText(f"{total} prompts" if shown == total else f"{shown} of {total} prompts")
        self.random_button.setEnabled(shown > 0)
        self._current_changed(self.list.currentItem())

    def _meta(self, prompt: Prompt) -> str:
        meta = f"{category_label(prompt.category)} · {framework_label(prompt.framework)}"
        return meta + (f"  —  {self._progress[prompt.id]}" if prompt.id in self._progress else "")

    def set_progress(self, labels: dict[str, str]) -> None:
        """Show under each prompt how you did on it (analysis/practice/plan.py prompt_progress)."""
        self._progress = dict(labels)
        for row in range(self.list.count()):
            item = self.list.item(row)
            prompt = item.data(PROMPT_ROLE)
            meta = self._meta(prompt)
            item.setData(META_ROLE, meta)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{prompt.text} ({meta})")

    def progress_of(self, prompt_id: str) -> str | None:
        return self._progress.get(prompt_id)

    def _current_changed(self, item, _previous=None) -> None:
        prompt = item.data(PROMPT_ROLE) if item is not None else None
        changed = (prompt.id if prompt else None) != (self._current.id if self._current else None)
        self._current = prompt
        self._show_detail(prompt, reset_hint=changed)
        if changed:
            self.prompt_selected.emit(prompt)

    def _show_detail(self, prompt: Prompt | None, reset_hint: bool) -> None:
        if reset_hint:
            self.hint_button.setChecked(False)  # a new prompt starts with its hint hidden
        if prompt is None:
            self.detail_text.setText("No prompt selected")
            self.detail_meta.setText("Clear the search or pick another category or framework.")
            self.source_label.clear()
            self.hint_label.clear()
            self.hint_button.setEnabled(False)
            return
        self.detail_text.setText(prompt.text)
        self.detail_meta.setText(f"{category_label(prompt.category)} · {framework_label(prompt.framework)}")
        self.detail_meta.setToolTip(FRAMEWORKS.get(prompt.framework, ""))
        self.source_label.setText(f"Source: {source_label(prompt.source)}")
        number = re.match(r"^(\d{3})_", prompt.source or "")
        self.source_label.setToolTip(f"From {guide_words(number.group(1))}" if number else
                                     "A prompt you added" if prompt.origin != "bank" else "")
        self.hint_label.setText(prompt.hint)
        self.hint_button.setEnabled(True)

    def _hint_toggled(self, shown: bool) -> None:
        self.hint_label.setVisible(shown)
        self.hint_button.setText("Hide hint" if shown else "Show hint")

    def _framework_tooltip(self, *_args) -> None:
        key = self.framework_combo.currentData()
        self.framework_combo.setToolTip(FRAMEWORKS.get(key, "Filter by answer framework"))

    def _activate(self) -> None:
        if self._current is not None:
            self.prompt_activated.emit(self._current)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
        if event.type() == QtCore.QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.list and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate()
                return True
            if watched is self.search and key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                                                  Qt.Key.Key_PageDown):
                forwarded = QtGui.QKeyEvent(event.type(), key, event.modifiers())
                QtWidgets.QApplication.sendEvent(self.list, forwarded)
                return True
        return super().eventFilter(watched, event)
