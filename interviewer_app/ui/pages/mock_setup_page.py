"""Mock interview set-up: a company's format from the budgets book (or a quick custom mock), its
plan as a preview (phases, budgets, the questions drawn), new questions on demand, Start; and the
recent sessions, where an unfinished one can be resumed or abandoned."""

from __future__ import annotations

from datetime import datetime

from interviewer_app.core.errors import InterviewerError
from interviewer_app.core.models import format_clock, plural
from interviewer_app.core.steps import guide_number
from interviewer_app.mock.plan import MockPlan, new_seed, plan_custom, plan_for_format
from interviewer_app.qt_binding import Qt, QtWidgets, Signal
from interviewer_app.storage.mock_sessions import UNFINISHED
from interviewer_app.ui.widgets.mock_phase_table import PhaseTable

CUSTOM = "custom"
SESSION_COLUMNS = ("Started", "Format", "Status", "Answers", "Recorded")


def _local(iso: str | None) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or ""


class MockSetupPage(QtWidgets.QWidget):
    start_requested = Signal(object, bool)  # MockPlan, read questions aloud
    resume_requested = Signal(int, bool)  # session id, read questions aloud
    abandon_requested = Signal(int)  # session id
    back_requested = Signal()

    def __init__(self, bank, budgets, parent=None):
        super().__init__(parent)
        self.prompts = bank.prompts
        self.formats = {f.key: f for f in budgets.formats if f.kind == "company" or any(p.asks for p in f.phases)}
        self.seed = new_seed()
        self._plan: MockPlan | None = None
        self.format_combo = QtWidgets.QComboBox()
        self.format_combo.setObjectName("mock_format")
        for fmt in self.formats.values():
            self.format_combo.addItem(fmt.name, fmt.key)
        self.format_combo.addItem("Quick custom mock", CUSTOM)
        self.story_minutes, self.scenario_minutes = self._minutes("Story"), self._minutes("Scenario")
        self.custom_row = QtWidgets.QWidget()
        custom = QtWidgets.QHBoxLayout(self.custom_row)
        custom.setContentsMargins(0, 0, 0, 0)
        for label, spin in (("Story", self.story_minutes), ("Scenario", self.scenario_minutes)):
            custom.addWidget(QtWidgets.QLabel(label))
            custom.addWidget(spin)
        custom.addStretch(1)
        self.focus_label = QtWidgets.QLabel()
        self.focus_label.setObjectName("mock_focus")
        self.focus_label.setWordWrap(True)
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("mock_plan_summary")
        self.summary.setWordWrap(True)
        self.table = PhaseTable()
        self.table.setObjectName("mock_plan_table")
        self.new_button = QtWidgets.QPushButton("New questions")
        self.new_button.setToolTip("Draw other questions from the prompt bank (a new seed)")
        self.new_button.clicked.connect(self.new_questions)
        self.read_aloud = QtWidgets.QCheckBox("Read questions aloud")
        self.read_aloud.setChecked(True)
        self.start_button = QtWidgets.QPushButton("Start the mock  (Space)")
        self.start_button.setObjectName("mock_start")
        self.start_button.setMinimumHeight(44)
        self.start_button.clicked.connect(self.request_start)
        self.sessions = QtWidgets.QTreeWidget()
        self.sessions.setObjectName("mock_sessions")
        self.sessions.setHeaderLabels(list(SESSION_COLUMNS))
        self.sessions.setRootIsDecorated(False)
        self.sessions.setMaximumHeight(180)
        self.sessions.currentItemChanged.connect(lambda *_: self._session_buttons())
        self.resume_button = QtWidgets.QPushButton("Resume")
        self.resume_button.clicked.connect(self._resume)
        self.abandon_button = QtWidgets.QPushButton("Abandon")
        self.abandon_button.clicked.connect(self._abandon)
        self.back_button = QtWidgets.QPushButton("Back to prompts")
        self.back_button.clicked.connect(self.back_requested)
        self.notice = QtWidgets.QLabel()
        self.notice.setObjectName("mock_setup_notice")
        self.notice.setWordWrap(True)
        self._layout()
        self.format_combo.currentIndexChanged.connect(self._update)
        self.story_minutes.valueChanged.connect(self._update)
        self.scenario_minutes.valueChanged.connect(self._update)
        self._update()
        self.show_sessions([])

    def _minutes(self, what: str) -> QtWidgets.QDoubleSpinBox:
        spin = QtWidgets.QDoubleSpinBox()
        spin.setRange(0, 60)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setValue(10)
        spin.setSuffix(" min")
        spin.setSpecialValueText("none")
        spin.setAccessibleName(f"{what} phase minutes")
        return spin

    def _layout(self) -> None:
        self.form = form = QtWidgets.QFormLayout()
        form.addRow("Interview format", self.format_combo)
        form.addRow("Phases", self.custom_row)
        form.addRow("", self.focus_label)
        plan_buttons = QtWidgets.QHBoxLayout()
        plan_buttons.addWidget(self.new_button)
        plan_buttons.addWidget(self.read_aloud)
        plan_buttons.addStretch(1)
        plan_buttons.addWidget(self.start_button)
        session_buttons = QtWidgets.QHBoxLayout()
        session_buttons.addWidget(self.resume_button)
        session_buttons.addWidget(self.abandon_button)
        session_buttons.addStretch(1)
        session_buttons.addWidget(self.back_button)
        title = QtWidgets.QLabel("<h2>Mock interview</h2>")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(plan_buttons)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addWidget(QtWidgets.QLabel("<b>Recent mock sessions</b> (an unfinished one can be resumed)"))
        layout.addWidget(self.sessions)
        layout.addLayout(session_buttons)

    # -- the plan -----------------------------------------------------------------------------------
    def plan(self) -> MockPlan | None:
        """The plan on show (None when it cannot be built; the reason is on the page)."""
        return self._plan

    def select_format(self, key: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(key))

    def new_questions(self) -> None:
        self.seed = new_seed()
        self._update()

    def request_start(self) -> None:
        if self._plan is not None:
            self.start_requested.emit(self._plan, self.read_aloud.isChecked())

    def _build(self) -> MockPlan:
        key = self.format_combo.currentData()
        if key != CUSTOM:
            return plan_for_format(self.formats[key], self.prompts, self.seed)
        phases = [(name, spin.value() * 60, asks) for name, spin, asks in
                  (("Story", self.story_minutes, "story"), ("Scenario", self.scenario_minutes, "scenario"))
                  if spin.value() > 0]
        return plan_custom(phases, self.prompts, self.seed)

    def _update(self) -> None:
        self.form.setRowVisible(self.custom_row, self.format_combo.currentData() == CUSTOM)
        try:
            self._plan = self._build()
        except InterviewerError as exc:
            self._plan = None
            self.summary.setText(f"This mock cannot be planned: {exc}")
        else:
            p = self._plan
            number = guide_number(p.source) or p.source
            self.summary.setText(f"{format_clock(p.total_s)} in all ({format_clock(p.answer_s)} answering), "
                                 f"{plural(len(p.phases), 'phase')} · questions drawn at random"
                                 + (f" · format from guide {number}" if number else ""))
        self.focus_label.setText(f"What they listen for: {self._plan.focus}" if self._plan and self._plan.focus else "")
        self.form.setRowVisible(self.focus_label, bool(self.focus_label.text()))
        self.table.show_plan(self._plan)
        self.start_button.setEnabled(self._plan is not None)

    # -- sessions ------------------------------------------------------------------------------------
    def show_sessions(self, summaries: list) -> None:
        """MockSessionStore.list() rows, newest first."""
        self.sessions.clear()
        for s in summaries:
            recorded = format_clock(s.recorded_s) if s.recorded_s is not None else "-"
            item = QtWidgets.QTreeWidgetItem([_local(s.started_at), s.format_name, s.status,
                                              str(s.answers), recorded])
            item.setData(0, Qt.ItemDataRole.UserRole, s.id)
            item.setData(1, Qt.ItemDataRole.UserRole, s.status)
            self.sessions.addTopLevelItem(item)
        for c in range(len(SESSION_COLUMNS)):
            self.sessions.resizeColumnToContents(c)
        unfinished = [self.sessions.topLevelItem(i) for i in range(self.sessions.topLevelItemCount())
                      if self.sessions.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole) == UNFINISHED]
        if unfinished:
            self.sessions.setCurrentItem(unfinished[0])
        self._session_buttons()

    def selected_session(self) -> int | None:
        """The selected session's id when it is unfinished (the only kind that can be resumed)."""
        item = self.sessions.currentItem()
        if item is None or item.data(1, Qt.ItemDataRole.UserRole) != UNFINISHED:
            return None
        return item.data(0, Qt.ItemDataRole.UserRole)

    def _session_buttons(self) -> None:
        can = self.selected_session() is not None
        self.resume_button.setEnabled(can)
        self.abandon_button.setEnabled(can)

    def _resume(self) -> None:
        if self.selected_session() is not None:
            self.resume_requested.emit(self.selected_session(), self.read_aloud.isChecked())

    def _abandon(self) -> None:
        if self.selected_session() is not None:
            self.abandon_requested.emit(self.selected_session())
