"""Self-score form: rate the answer 1-5 on each of the seven rubric dimensions, plus free notes.
Under each dimension a suggested score with its reasons can be shown (`set_suggestion`): a
second opinion from what was heard, kept apart from the user's own score, which alone is saved.
Nothing to press to keep it: the page saves each change as it is made and shows a quiet "Saved"
(`set_save_status`)."""

from __future__ import annotations

from interviewer_app.core.rubric import RUBRIC, RUBRIC_KEYS, SCORE_RANGE, Dimension, describe
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.widgets.score_suggestion import INTRO, SuggestionLine

LOW, HIGH = SCORE_RANGE
UNSCORED = "Not scored yet: pick 1 (weak) to 5 (strong)."


class _ScoreRow:
    """Title, five exclusive checkable buttons and the description of the chosen score."""

    def __init__(self, dim: Dimension, parent: QtWidgets.QWidget):
        self.dim = dim
        self.title = QtWidgets.QLabel(f"<b>{dim.title}</b>")
        self.title.setObjectName(f"score_title_{dim.key}")
        self.title.setToolTip(f"1-2: {dim.weak}\n3: {dim.adequate}\n4-5: {dim.strong}")
        self.group = QtWidgets.QButtonGroup(parent)
        self.group.setExclusive(True)
        self.buttons: list[QtWidgets.QToolButton] = []
        for score in range(LOW, HIGH + 1):
            b = QtWidgets.QToolButton()
            b.setObjectName(f"score_{dim.key}_{score}")
            b.setText(str(score))
            b.setCheckable(True)
            b.setAutoRaise(False)
            b.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
            b.setMinimumSize(30, 28)
            b.setToolTip(f"{dim.title} {score}: {describe(dim, score)}")
            b.setAccessibleName(f"{dim.title}: score {score} of {HIGH}")
            self.group.addButton(b, score)
            self.buttons.append(b)
        self.description = QtWidgets.QLabel(UNSCORED)
        self.description.setObjectName(f"score_desc_{dim.key}")
        self.description.setWordWrap(True)
        self.description.setAccessibleName(f"{dim.title}: what the score means")
        self.description.setContentsMargins(0, 0, 0, 8)
        self.suggestion = SuggestionLine(dim)
        self.title.setBuddy(self.buttons[0])

    def value(self) -> int | None:
        score = self.group.checkedId()
        return score if LOW <= score <= HIGH else None

    def set_value(self, score: int | None) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot be emptied
        for b in self.buttons:
            b.setChecked(b is self.group.button(score) if score is not None else False)
        self.group.setExclusive(True)
        self.refresh()

    def refresh(self) -> None:
        score = self.value()
        self.description.setText(describe(self.dim, score) if score is not None else UNSCORED)
        role = QtGui.QPalette.ColorRole
        self.description.setForegroundRole(role.WindowText if score is not None else role.PlaceholderText)


class SelfScoreForm(QtWidgets.QWidget):
    """`scores()` maps every rubric key to 1-5 or None; `changed` fires on any user edit, and
    `scores_changed` or `notes_changed` says which."""

    changed = Signal()
    scores_changed = Signal()
    notes_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("self_score_form")
        self.setAccessibleName("Self-score")
        self.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 4px; padding: 3px 8px;"
            " background: palette(button); color: palette(button-text); }"
            " QToolButton:hover { border-color: palette(highlight); }"
            " QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
            " border-color: palette(highlight); font-weight: bold; }"
            " QToolButton:focus { border: 2px solid palette(highlight); }"
            " QToolButton:checked:focus { border: 2px solid palette(text); }")
        intro = QtWidgets.QLabel("Score yourself on each dimension, 1 (weak) to 5 (strong). "
                                 "Hover a title for what each level means.")
        intro.setWordWrap(True)
        self.suggestion_note = QtWidgets.QLabel(INTRO)
        self.suggestion_note.setObjectName("score_suggestion_note")
        self.suggestion_note.setWordWrap(True)
        self.suggestion_note.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.suggestion_note.hide()
        grid = QtWidgets.QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(2, 1)
        self.rows: dict[str, _ScoreRow] = {}
        for i, dim in enumerate(RUBRIC):
            row = _ScoreRow(dim, self)
            buttons = QtWidgets.QHBoxLayout()
            buttons.setSpacing(2)
            for b in row.buttons:
                buttons.addWidget(b)
            grid.addWidget(row.title, 3 * i, 0)
            grid.addLayout(buttons, 3 * i, 1)
            grid.addWidget(row.description, 3 * i + 1, 0, 1, 3)
            grid.addWidget(row.suggestion, 3 * i + 2, 0, 1, 3)
            row.group.idToggled.connect(lambda _id, on, r=row: self._toggled(r, on))
            self.rows[dim.key] = row
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("score_summary")
        self.save_status = QtWidgets.QLabel()
        self.save_status.setObjectName("score_save_status")
        self.save_status.setAccessibleName("Self-score saving")
        self.save_status.setWordWrap(True)
        notes_label = QtWidgets.QLabel("&Notes")
        self.notes_edit = QtWidgets.QPlainTextEdit()
        self.notes_edit.setObjectName("score_notes")
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("What to try next time, what went well…")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)
        self.notes_edit.setMaximumHeight(140)
        self.notes_edit.textChanged.connect(self._notes_changed)
        notes_label.setBuddy(self.notes_edit)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.save_status)  # at the top, where it is seen without scrolling
        layout.addWidget(self.suggestion_note)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes_edit)
        layout.addStretch(1)
        self._quiet = False
        self._update_summary()

    def scores(self) -> dict[str, int | None]:
        return {key: self.rows[key].value() for key in RUBRIC_KEYS}

    def notes(self) -> str:
        return self.notes_edit.toPlainText()

    def set_values(self, scores: dict | None, notes: str | None = "") -> None:
        """Load saved values (unknown keys and out-of-range scores are ignored); does not emit `changed`."""
        scores = scores or {}
        self._quiet = True
        try:
            for key, row in self.rows.items():
                score = scores.get(key)
                row.set_value(score if isinstance(score, int) and LOW <= score <= HIGH else None)
            self.notes_edit.setPlainText(notes or "")
        finally:
            self._quiet = False
        self._update_summary()

    def clear(self) -> None:
        """Back to unscored with empty notes; does not emit `changed`. Suggestions stay."""
        self.set_values({}, "")

    def set_suggestion(self, suggestion: dict | None) -> None:
        """Show the suggested scores (feedback["rubric_suggestion"]: dimension -> {"score",
        "reasons"}) under each dimension, or hide them (None or {}). The user's scores, `scores()`
        and `changed` are untouched."""
        suggestion = suggestion or {}
        for key, row in self.rows.items():
            row.suggestion.show_suggestion(suggestion.get(key))
            row.description.setContentsMargins(0, 0, 0, 2 if row.suggestion.score is not None else 8)
        self.suggestion_note.setVisible(any(r.suggestion.score is not None for r in self.rows.values()))

    def suggestions(self) -> dict[str, int]:
        """The suggested scores on show (for display only; never saved as the user's)."""
        return {k: r.suggestion.score for k, r in self.rows.items() if r.suggestion.score is not None}

    def set_save_status(self, text: str, problem: bool = False) -> None:
        """A quiet line under the notes ("Saved"), or a plain warning when saving failed."""
        self.save_status.setText(text)
        role = QtGui.QPalette.ColorRole
        self.save_status.setForegroundRole(role.WindowText if problem else role.PlaceholderText)
        self.save_status.setStyleSheet("font-weight: bold;" if problem else "")

    def _toggled(self, row: _ScoreRow, on: bool) -> None:
        if not on and row.value() is not None:
            return  # the other half of switching from one score to another
        row.refresh()
        self._update_summary()
        if not self._quiet:
            self.scores_changed.emit()
            self.changed.emit()

    def _notes_changed(self) -> None:
        if not self._quiet:
            self.notes_changed.emit()
            self.changed.emit()

    def _update_summary(self) -> None:
        given = [s for s in self.scores().values() if s is not None]
        if given:
            self.summary.setText(f"Scored {len(given)} of {len(RUBRIC)} · average {sum(given) / len(given):.1f}")
        else:
            self.summary.setText(f"Scored 0 of {len(RUBRIC)}")
