"""The mock interview as it runs: the format and phase, the phase's countdown (recorded answer time
against its budget), the whole interview against its total, the question in large text — for a
follow-up, why it was asked and the guide behind it — the level meter, the live transcript, and
the interviewer's controls (record / stop with Space, skip a follow-up, end the phase, pause,
abandon). A phase without answers shows its note, a countdown and Continue."""

from __future__ import annotations

import html
import re

from interviewer_app.analysis.feedback.guide_notes import link_citations
from interviewer_app.core.models import format_clock, is_story_prompt
from interviewer_app.core.steps import guide_words
from interviewer_app.mock.report import structure_line
from interviewer_app.qt_binding import Qt, QtWidgets, Signal
from interviewer_app.ui.widgets.budget_clock import BudgetClock
from interviewer_app.ui.widgets.guide_notes_dialog import open_note
from interviewer_app.ui.widgets.level_meter import LevelMeter
from interviewer_app.ui.widgets.live_panel import LivePanel
from interviewer_app.ui.widgets.mock_phase_table import mock_title

BANNERS = {  # flow state -> (text, style)
    "starting": ("Preparing the mock…", "background:#455A64; color:white;"),
    "asking": ("The interviewer asks…", "background:#37474F; color:white;"),
    "ready": ("Your answer: press Space to start recording", "background:#455A64; color:white;"),
    "recording": ("●  RECORDING", "background:#C62828; color:white;"),
    "analyzing": ("Analysing your answer…", "background:#2E7D32; color:white;"),
    "countdown": ("Not recorded: timed only", "background:#1565C0; color:white;"),
    "paused": ("Paused: the clocks are stopped", "background:#6D4C41; color:white;"),
    "saving": ("Saving…", "background:#455A64; color:white;"),
}
PRIMARY = {"asking": "●  Start answer  (Space)", "ready": "●  Start answer  (Space)",
           "recording": "■  Stop  (Space)", "countdown": "Continue  (Space)", "paused": "Resume  (Space)"}


class MockPage(QtWidgets.QWidget):
    primary_requested = Signal()  # record, stop, continue or resume, by state (Space does the same)
    skip_requested = Signal()
    end_phase_requested = Signal()
    pause_requested = Signal()  # pause, or resume when paused
    abandon_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = "starting"
        self.turn = None  # mock.interview.Turn on show
        self.interview_total = 0.0
        self.banner = QtWidgets.QLabel()
        self.banner.setObjectName("mock_banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setMinimumHeight(44)
        self._scale(self.banner, 1.4, bold=True)
        self.where = QtWidgets.QLabel()
        self.where.setObjectName("mock_where")
        self._scale(self.where, 1.15)
        self.interview_clock = QtWidgets.QLabel()
        self.interview_clock.setObjectName("mock_interview_clock")
        self.interview_clock.setAccessibleName("Whole interview time")
        self._scale(self.interview_clock, 1.15)
        self.question = QtWidgets.QLabel()
        self.question.setObjectName("mock_question")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._scale(self.question, 1.7)
        self.why = QtWidgets.QLabel()
        self.why.setObjectName("mock_follow_up_reason")
        self.why.setWordWrap(True)
        self.why.linkActivated.connect(lambda href: open_note(self.why, href))  # the cited guide's passage
        self.note = QtWidgets.QLabel()
        self.note.setObjectName("mock_phase_note")
        self.note.setWordWrap(True)
        self.clock = BudgetClock()
        self.clock.elapsed_label.setAccessibleName("Time used in this phase")
        self.meter = LevelMeter()
        self.live = LivePanel()
        self.kept = QtWidgets.QLabel()
        self.kept.setObjectName("mock_last_answer")
        self.kept.setWordWrap(True)
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("mock_notice")
        self.notice.setWordWrap(True)
        self.auto_advance = QtWidgets.QCheckBox("Move on when a timed phase is up")
        self.pause_button = QtWidgets.QPushButton("Pause")
        self.abandon_button = QtWidgets.QPushButton("Abandon…")
        self.skip_button = QtWidgets.QPushButton("Skip follow-up")
        self.end_phase_button = QtWidgets.QPushButton("End phase")
        self.end_phase_button.setToolTip("The interviewer moves on: the rest of this phase is not asked")
        self.primary = QtWidgets.QPushButton()
        self.primary.setObjectName("mock_record_button")
        self.primary.setMinimumHeight(44)
        for button, signal in ((self.pause_button, self.pause_requested), (self.abandon_button, self.abandon_requested),
                               (self.skip_button, self.skip_requested), (self.end_phase_button, self.end_phase_requested),
                               (self.primary, self.primary_requested)):
            button.clicked.connect(signal)
        self._layout()
        self.set_state("starting")

    @staticmethod
    def _scale(label: QtWidgets.QLabel, factor: float, bold: bool = False) -> None:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * factor)
        font.setBold(bold)
        label.setFont(font)

    def _layout(self) -> None:
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.interview_clock)
        card = QtWidgets.QFrame()
        card.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        card_layout = QtWidgets.QVBoxLayout(card)
        card_layout.setContentsMargins(18, 14, 18, 14)
        for w in (self.question, self.why, self.note):
            card_layout.addWidget(w)
        meter_row = QtWidgets.QHBoxLayout()
        meter_row.addWidget(QtWidgets.QLabel("Input"))
        meter_row.addWidget(self.meter, 1)
        buttons = QtWidgets.QHBoxLayout()
        for w in (self.pause_button, self.abandon_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        for w in (self.auto_advance, self.skip_button, self.end_phase_button, self.primary):
            buttons.addWidget(w)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(card)
        layout.addWidget(self.clock)
        layout.addLayout(meter_row)
        layout.addWidget(self.live, 3)
        layout.addWidget(self.kept)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)

    # -- what the flow tells ------------------------------------------------------------------------
    def begin(self, title: str) -> None:
        self.where.setText(f"<b>{html.escape(title)}</b>")
        for label in (self.question, self.why, self.note, self.kept, self.notice, self.interview_clock):
            label.setText("")
        self.clock.set_budget(None)
        self.clock.set_elapsed(0.0)
        self.live.clear()
        self.turn = None

    def show_turn(self, turn, plan) -> None:
        """A question, a follow-up or a phase without answers (mock.interview.Turn) of `plan`."""
        n = [p.key for p in plan.phases].index(turn.phase.key) + 1
        self.where.setText(f"<b>{html.escape(mock_title(plan))}</b> · phase {n} of {len(plan.phases)}: "
                           f"<b>{html.escape(turn.phase.name)}</b>")
        self.interview_total = plan.total_s
        self.question.setText(turn.text if turn.takes_answer else turn.phase.name)
        if turn.is_follow_up:
            f = turn.follow_up
            reason = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", html.escape(f.reason))  # *risks* in italics
            self.why.setText(f"<b>Follow-up</b> — {link_citations(reason, f.reason)}")
            self.why.setToolTip(f"From {guide_words(f.guide)}" if f.guide else "")
        else:
            self.why.setText("")
        self.why.setVisible(turn.is_follow_up)
        self.note.setText("" if turn.takes_answer else turn.text)
        self.note.setVisible(not turn.takes_answer)
        self.clock.set_budget(turn.phase.seconds)
        self.live.clear(story=turn.takes_answer and is_story_prompt(turn.prompt))
        self.meter.reset()
        self.turn = turn
        self.set_state(self.state)

    def set_clock(self, phase_s: float, interview_s: float, level: float) -> None:
        self.clock.set_elapsed(phase_s)
        self.meter.set_level(level)
        over = "  ·  over" if interview_s > self.interview_total else ""
        self.interview_clock.setText(f"Interview {format_clock(int(interview_s))} of "
                                     f"{format_clock(self.interview_total)}{over}")

    def show_kept(self, answer) -> None:
        """A line on the answer just kept (core.mock.MockAnswer)."""
        fb = answer.feedback
        what = "no speech was heard" if fb.get("no_speech") else structure_line(fb)
        self.kept.setText(f"Answer {answer.position} kept: {format_clock(fb.get('duration_s'))}; {what}")

    def set_state(self, state: str) -> None:
        self.state = state
        text, style = BANNERS.get(state, ("", "background:#455A64; color:white;"))
        self.banner.setText(text)
        self.banner.setStyleSheet(style + "border-radius:6px; padding:6px;")
        self.banner.setAccessibleName(text)
        recording = state == "recording"
        if recording:  # news about the previous answer has been seen by now
            self.notice.clear()
            self.notice.setStyleSheet("")
        self.primary.setText(PRIMARY.get(state, "●  Start answer  (Space)"))
        self.primary.setStyleSheet("background:#C62828; color:white; font-weight:bold; padding:6px 18px;"
                                   if recording else "font-weight:bold; padding:6px 18px;")
        self.primary.setEnabled(state in PRIMARY)
        turn = self.turn
        between = state in ("asking", "ready", "countdown")
        self.skip_button.setEnabled(state in ("asking", "ready") and turn is not None and turn.is_follow_up)
        self.end_phase_button.setEnabled(between)
        self.pause_button.setText("Resume" if state == "paused" else "Pause")
        self.pause_button.setEnabled(between or state == "paused")
        self.abandon_button.setEnabled(between or state == "paused")
        self.auto_advance.setVisible(turn is not None and not turn.takes_answer)
