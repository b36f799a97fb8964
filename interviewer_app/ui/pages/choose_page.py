"""Choose: the prompt, the time budget, the microphone, and how the round starts."""

from __future__ import annotations

import html

from interviewer_app.core.models import Budget, Prompt
from interviewer_app.qt_binding import QtWidgets, Signal
from interviewer_app.ui.widgets.budget_picker import BudgetPicker
from interviewer_app.ui.widgets.device_combo import DeviceCombo
from interviewer_app.ui.widgets.prompt_browser import PromptBrowser


class VoiceCombo(QtWidgets.QComboBox):
    """The voice list; it is filled only when first opened, because starting the speech engine
    blocks the app for a few seconds (and should not delay the first window)."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()


class ChoosePage(QtWidgets.QWidget):
    start_requested = Signal()
    analyze_file_requested = Signal()

    def __init__(self, bank, budgets, on_add_prompt, list_devices=None, parent=None):
        super().__init__(parent)
        self.browser = PromptBrowser(bank, on_add_prompt)
        self.budget_picker = BudgetPicker(budgets)
        self.device_combo = DeviceCombo(list_devices) if list_devices else DeviceCombo()
        self.speak_prompt = QtWidgets.QCheckBox("Read the prompt aloud")
        self.speak_prompt.setChecked(True)
        self.voice_combo = VoiceCombo()
        self.voice_combo.setObjectName("voice_combo")
        self.voice_combo.setToolTip("The voice that reads prompts aloud")
        self.voice_combo.addItem("System default")
        self.think_seconds = QtWidgets.QSpinBox()
        self.think_seconds.setRange(0, 300)
        self.think_seconds.setSingleStep(15)
        self.think_seconds.setSuffix(" s")
        self.think_seconds.setSpecialValueText("off")
        self.think_seconds.setToolTip("A countdown to collect your thoughts before recording starts; "
                                      "it is not counted as hesitation")
        self.start_button = QtWidgets.QPushButton("Start answering  (Space)")
        self.start_button.setObjectName("start_button")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(44)
        self.start_button.clicked.connect(self.start_requested)
        self.file_button = QtWidgets.QPushButton("Analyze an audio file…")
        self.file_button.setObjectName("analyze_file_button")
        self.file_button.clicked.connect(self.analyze_file_requested)
        self.plan_note = QtWidgets.QLabel()  # why "Next for me" chose the prompt shown
        self.plan_note.setObjectName("plan_reason")
        self.plan_note.setWordWrap(True)
        self.plan_note.hide()
        self._planned: str | None = None
        self.browser.prompt_selected.connect(self._keep_plan_note)
        self.mic_note = QtWidgets.QLabel()
        self.mic_note.setWordWrap(True)
        self.mic_note.setObjectName("mic_note")

        settings = QtWidgets.QGroupBox("Round")
        form = QtWidgets.QFormLayout(settings)
        form.addRow("Time budget", self.budget_picker)
        form.addRow("Microphone", self.device_combo)
        form.addRow("", self.mic_note)
        form.addRow("Voice", self.voice_combo)
        form.addRow("Think time", self.think_seconds)
        form.addRow("", self.speak_prompt)

        side = QtWidgets.QVBoxLayout()
        side.addWidget(self.plan_note)
        side.addWidget(settings)
        side.addStretch(1)
        side.addWidget(self.start_button)
        side.addWidget(self.file_button)
        side_box = QtWidgets.QWidget()
        side_box.setLayout(side)
        side_box.setMinimumWidth(330)
        side_box.setMaximumWidth(460)

        layout = QtWidgets.QHBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(side_box)
        self.refresh_microphones()

    def refresh_microphones(self) -> None:
        self.device_combo.refresh()
        has = self.device_combo.has_devices()
        self.mic_note.setText("" if has else "No microphone found. Plug one in, or analyze a recording "
                                             "you made elsewhere.")
        self.mic_note.setVisible(not has)

    def set_voices(self, names: list[str], backend: str, current: str | None) -> None:
        """Fill the voice list once the speech engine is known."""
        self.voice_combo.blockSignals(True)
        self.voice_combo.clear()
        if names:
            self.voice_combo.addItems(names)
            if current in names:
                self.voice_combo.setCurrentText(current)
        else:
            self.voice_combo.addItem({"espeak-ng": "espeak-ng (fallback voice)",
                                      "none": "No voice available"}.get(backend, "System default"))
        self.voice_combo.setEnabled(bool(names))
        self.voice_combo.blockSignals(False)

    def show_plan(self, prompt_id: str, reason: str) -> None:
        """Say why the practice plan chose the prompt now selected (until another is picked)."""
        self._planned = prompt_id
        self.plan_note.setText(f"<b>Chosen for you:</b> {html.escape(reason)}")
        self.plan_note.show()

    def _keep_plan_note(self, prompt) -> None:
        if prompt is None or prompt.id != self._planned:
            self._planned = None
            self.plan_note.hide()

    def prompt(self) -> Prompt | None:
        return self.browser.current_prompt()

    def budget(self) -> Budget | None:
        return self.budget_picker.current_budget()
