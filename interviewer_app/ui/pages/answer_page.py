"""Answer: the prompt on screen (and read aloud), the think countdown, then recording against the
budget with a live level meter, the live transcript and steps, and an unmistakable recording
state."""

from __future__ import annotations

from interviewer_app.core.drills import focus_of
from interviewer_app.core.models import Budget, Prompt, format_clock, is_story_prompt
from interviewer_app.qt_binding import Qt, QtWidgets, Signal
from interviewer_app.ui.widgets.budget_clock import BudgetClock
from interviewer_app.ui.widgets.level_meter import LevelMeter
from interviewer_app.ui.widgets.live_panel import LivePanel

BANNER_STYLES = {
    "ready": ("Ready", "background:#455A64; color:white;"),
    "reading": ("Reading the prompt aloud…", "background:#37474F; color:white;"),
    "thinking": ("Thinking", "background:#1565C0; color:white;"),
    "recording": ("●  RECORDING", "background:#C62828; color:white;"),
    "analyzing": ("Transcribing and analysing…", "background:#2E7D32; color:white;"),
}


class AnswerPage(QtWidgets.QWidget):
    stop_requested = Signal()
    start_requested = Signal()
    replay_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.banner = QtWidgets.QLabel()
        self.banner.setObjectName("state_banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setMinimumHeight(48)
        font = self.banner.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.banner.setFont(font)
        self.prompt_label = QtWidgets.QLabel()
        self.prompt_label.setObjectName("prompt_text")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pfont = self.prompt_label.font()
        pfont.setPointSizeF(pfont.pointSizeF() * 1.6)
        self.prompt_label.setFont(pfont)
        self.voice_note = QtWidgets.QLabel()
        self.voice_note.setObjectName("voice_note")
        self.voice_note.setWordWrap(True)
        self.clock = BudgetClock()
        self.meter = LevelMeter()
        self.live = LivePanel()
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("answer_notice")
        self.notice.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.replay_button = QtWidgets.QPushButton("Replay prompt  (R)")
        self.replay_button.clicked.connect(self.replay_requested)
        self.main_button = QtWidgets.QPushButton()
        self.main_button.setObjectName("record_button")
        self.main_button.setMinimumHeight(44)
        self.main_button.clicked.connect(self._main_clicked)
        self.cancel_button = QtWidgets.QPushButton("Back to prompts")
        self.cancel_button.clicked.connect(self.cancel_requested)

        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.replay_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.main_button)
        card = QtWidgets.QFrame()
        card.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        card_layout = QtWidgets.QVBoxLayout(card)
        card_layout.setContentsMargins(18, 14, 18, 14)
        card_layout.addWidget(self.prompt_label)
        card_layout.addWidget(self.voice_note)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addSpacing(12)
        layout.addWidget(card)
        layout.addStretch(1)
        layout.addWidget(self.clock)
        meter_row = QtWidgets.QHBoxLayout()
        meter_row.addWidget(QtWidgets.QLabel("Input"))
        meter_row.addWidget(self.meter, 1)
        layout.addLayout(meter_row)
        layout.addSpacing(8)
        layout.addWidget(self.live, 3)
        layout.addStretch(1)
        layout.addWidget(self.notice)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.set_state("ready")

    def show_prompt(self, prompt: Prompt | None, budget: Budget | None) -> None:
        self.prompt_label.setText(prompt.text if prompt else "Free answer (no prompt chosen)")
        self.clock.set_budget(budget.seconds if budget else None)
        self.clock.set_elapsed(0.0)
        self.meter.reset()  # no peak left over from the last answer
        self.notice.setText("")
        self.voice_note.setText("")
        self.live.clear(story=is_story_prompt(prompt), focus=focus_of(budget))

    def set_live_visible(self, visible: bool) -> None:
        self.live.setVisible(visible)

    def set_state(self, state: str, seconds_left: float | None = None) -> None:
        self.state = state
        text, style = BANNER_STYLES[state]
        if state == "thinking" and seconds_left is not None:
            text = f"Thinking — recording starts in {format_clock(seconds_left)}"
        self.banner.setText(text)
        self.banner.setStyleSheet(style + "border-radius:6px; padding:6px;")
        self.banner.setAccessibleName(text)
        recording = state == "recording"
        if not recording:
            self.meter.reset()  # nothing feeds the meter now: no peak mark frozen where it was
        self.main_button.setText("■  Stop  (Space)" if recording else "●  Start recording  (Space)")
        self.main_button.setStyleSheet("background:#C62828; color:white; font-weight:bold; padding:6px 18px;"
                                       if recording else "font-weight:bold; padding:6px 18px;")
        self.main_button.setEnabled(state in ("ready", "reading", "thinking", "recording"))
        self.progress.setVisible(state == "analyzing")
        self.replay_button.setEnabled(state in ("ready", "reading", "thinking"))
        self.cancel_button.setEnabled(state != "analyzing")

    def _main_clicked(self) -> None:
        (self.stop_requested if self.state == "recording" else self.start_requested).emit()
