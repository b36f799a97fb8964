"""The "Add your own prompt" dialog: text, category, framework and hint, with an id derived
from the text and checked by the same rule the prompt loader uses."""

from __future__ import annotations

from interviewer_app.core.models import Prompt
from interviewer_app.core.prompts import _ID as PROMPT_ID_PATTERN
from interviewer_app.qt_binding import QtWidgets
from interviewer_app.ui.widgets.prompt_labels import (
    _fill_category_combo,
    _fill_framework_combo,
    _select_data,
    _set_muted,
    derive_id,
)


class AddPromptDialog(QtWidgets.QDialog):
    """Write your own prompt: text, category, framework and hint; the id follows the text."""

    def __init__(self, taken_ids: set[str], category: str | None = None, framework: str | None = None,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add your own prompt")
        self.setMinimumWidth(520)
        self._taken = set(taken_ids)
        self._id_edited = False

        self.text_edit = QtWidgets.QPlainTextEdit()
        self.text_edit.setObjectName("add_prompt_text")
        self.text_edit.setPlaceholderText("The interview question, as an interviewer would ask it")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 14)
        self.id_edit = QtWidgets.QLineEdit()
        self.id_edit.setObjectName("add_prompt_id")
        self.id_edit.setPlaceholderText("filled in from the text")
        self.id_edit.setToolTip("A short name for the prompt: lowercase letters, digits and hyphens")
        self.category_combo = QtWidgets.QComboBox()
        self.category_combo.setObjectName("add_prompt_category")
        _fill_category_combo(self.category_combo, None)
        self.framework_combo = QtWidgets.QComboBox()
        self.framework_combo.setObjectName("add_prompt_framework")
        _fill_framework_combo(self.framework_combo, None)
        if category:
            _select_data(self.category_combo, category)
        if framework:
            _select_data(self.framework_combo, framework)
        self.hint_edit = QtWidgets.QPlainTextEdit()
        self.hint_edit.setObjectName("add_prompt_hint")
        self.hint_edit.setPlaceholderText("What a strong answer covers. Stays hidden until you ask to see it.")
        self.hint_edit.setTabChangesFocus(True)
        self.hint_edit.setFixedHeight(self.hint_edit.fontMetrics().lineSpacing() * 4 + 14)
        self.problem_label = QtWidgets.QLabel()
        self.problem_label.setObjectName("add_prompt_problem")
        self.problem_label.setWordWrap(True)
        _set_muted(self.problem_label)

        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Save
                                                  | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Add prompt")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)

        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Question", self.text_edit)
        form.addRow("&Id", self.id_edit)
        form.addRow("&Category", self.category_combo)
        form.addRow("&Framework", self.framework_combo)
        form.addRow("&Hint", self.hint_edit)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.text_edit.textChanged.connect(self._text_changed)
        self.id_edit.textEdited.connect(self._id_typed)
        self.hint_edit.textChanged.connect(self._validate)
        self._validate()

    def _text_changed(self) -> None:
        if not self._id_edited:
            self.id_edit.setText(derive_id(self.text_edit.toPlainText(), self._taken))
        self._validate()

    def _id_typed(self, text: str) -> None:
        self._id_edited = bool(text.strip())  # clearing the id hands it back to the text
        if not self._id_edited:
            self.id_edit.setText(derive_id(self.text_edit.toPlainText(), self._taken))
        self._validate()

    def problem(self) -> str | None:
        """What still stops the prompt from being added, in plain words; None when it is ready."""
        prompt_id = self.id_edit.text().strip()
        if not self.text_edit.toPlainText().strip():
            return "Write the question first."
        if not PROMPT_ID_PATTERN.match(prompt_id):
            return "The id needs 3-60 lowercase letters, digits or hyphens (not starting or ending with one)."
        if prompt_id in self._taken:
            return f"The id '{prompt_id}' is already used by another prompt."
        if not self.hint_edit.toPlainText().strip():
            return "Add a hint: a sentence or two on what a strong answer covers."
        return None

    def _validate(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.save_button.setEnabled(problem is None)

    def _try_accept(self) -> None:
        if self.problem() is None:
            self.accept()

    def prompt(self) -> Prompt | None:
        if self.problem() is not None:
            return None
        return Prompt(id=self.id_edit.text().strip(), text=" ".join(self.text_edit.toPlainText().split()),
                      category=self.category_combo.currentData(), framework=self.framework_combo.currentData(),
                      hint=" ".join(self.hint_edit.toPlainText().split()), source="your own", origin="user")
