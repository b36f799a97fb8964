"""Habits: what repeats across attempts, in plain words first, then week-by-week charts, a table
of going over budget by company or drill and phase, how often each content signal showed, how
far self-scores sit from the suggested scores, and which phases of mock interviews ran over.

Loading is in two steps off the UI thread: the rows and self-scores first (the charts show), then
the content signals and suggested scores, which are read from every attempt's stored feedback
JSON (the slow part at 10,000 attempts, so it never holds the charts back)."""

from __future__ import annotations

import html

from interviewer_app.analysis.habits.summary import Habits, summarize, with_content
from interviewer_app.core.models import format_clock
from interviewer_app.qt_binding import Qt, QtCore, QtGui, QtWidgets, Signal
from interviewer_app.storage import history
from interviewer_app.storage.mock_sessions import MockSessionStore
from interviewer_app.ui.palette import callout_style
from interviewer_app.ui.store_ops import StoreOps
from interviewer_app.ui.widgets import habit_charts as charts
from interviewer_app.ui.widgets.content_habits import (
    FillerTriggerTable,
    MockPhaseTable,
    ScoreGapTable,
    SignalCountsTable,
    TableCard,
)
from interviewer_app.ui.widgets.history_table import DASH, budget_namer

EMPTY_TEXT = ("<h3>No habits to show yet</h3><p>Answer a few prompts: every kept attempt adds to the "
              "picture here — going over time, steps you skip, pace and fillers, and your self-scores "
              "week by week.</p>")
NO_TIMING = "Needs timed (recorded) answers; typed transcripts have no timing."
NO_BURSTS = ("No bursts of fillers yet (3 or more within 30 s). Whisper leaves out most "
             "fillers, so there may be more than it writes down.")
READING = "Reading what your answers said…"
NO_SIGNALS = "No content signals yet: answers saved from now on are checked for them."
NO_MOCKS = ("No mock interviews yet: Practice › Mock interview runs a whole company format, and "
            "each phase's time is compared with its budget here.")
NO_GAPS = ("No self-score to compare yet: score an answer on the review page's Self-score tab and "
           "it is set beside the suggested score.")


class HabitsPage(QtWidgets.QWidget):
    charts_shown = Signal()  # the charts of the latest refresh() are on screen; content still loading
    refreshed = Signal()  # the page shows the whole result of the latest refresh()

    def __init__(self, store=None, budgets=None, parent=None):
        """`store`: a StoreOps, an AttemptStore, or how to open one (every call runs on a worker)."""
        super().__init__(parent)
        self.setObjectName("habits_page")
        self.ops = None if store is None else StoreOps.of(store, self)
        self.names = budget_namer(budgets)
        self.budgets = budgets
        self.habits: Habits | None = None
        self._pending = False  # the content of the shown habits is still being read
        self._generation = 0

        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("habits_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cards = {
            "over_budget": charts.ChartCard("Going over budget, week by week", "chart_over_budget"),
            "missed_steps": charts.ChartCard("Steps most often missed", "chart_missed_steps"),
            "restate": charts.ChartCard("Time until the goal is restated", "chart_restate"),
            "pace": charts.ChartCard("Pace and fillers", "chart_pace"),
            "self_scores": charts.ChartCard("Self-scores by rubric dimension (1–5)", "chart_self_scores"),
            "score_gaps": charts.ChartCard("Your self-score minus the suggested score, week by week",
                                           "chart_score_gaps"),
        }
        self.signal_table = SignalCountsTable()
        self.signals_card = TableCard("Content signals across answers", "habits_signals", self.signal_table)
        self.mock_table = MockPhaseTable()
        self.mock_card = TableCard("Mock interviews: going over time per phase", "habits_mock", self.mock_table)
        self.trigger_table = FillerTriggerTable()
        self.triggers_card = TableCard("What sets off your fillers", "habits_filler_triggers", self.trigger_table)
        self.gap_table = ScoreGapTable()
        self.cards["score_gaps"].add_footer(self.gap_table)
        self.phase_table = QtWidgets.QTableWidget(0, 5)
        self.phase_table.setObjectName("habits_phase_table")
        self.phase_table.setAccessibleName("Over budget by company or drill and phase")
        self.phase_table.setHorizontalHeaderLabels(["Company or drill", "Phase", "Timed attempts",
                                                    "Over budget", "Mean overtime"])
        self.phase_table.verticalHeader().hide()
        self.phase_table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.phase_table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.phase_table.setAlternatingRowColors(True)
        self.phase_table.setShowGrid(False)
        header = self.phase_table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.Stretch)
        phase_card = QtWidgets.QFrame()
        phase_card.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        phase_layout = QtWidgets.QVBoxLayout(phase_card)
        phase_layout.setContentsMargins(8, 8, 8, 8)
        phase_layout.addWidget(QtWidgets.QLabel("<b>Over budget by company or drill and phase</b>"))
        phase_layout.addWidget(self.phase_table)
        phase_layout.addStretch(1)

        grid = QtWidgets.QGridLayout()
        grid.setSpacing(10)
        c = self.cards  # over time beside its breakdown, then structure, then pace and scores
        for i, card in enumerate((c["over_budget"], phase_card, c["missed_steps"], c["restate"],
                                  c["pace"], c["self_scores"], self.signals_card, c["score_gaps"],
                                  self.mock_card, self.triggers_card)):
            grid.addWidget(card, i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        content = QtWidgets.QWidget()
        content_layout = QtWidgets.QVBoxLayout(content)
        content_layout.addWidget(self.summary)
        content_layout.addLayout(grid)
        content_layout.addStretch(1)
        self.scroll = QtWidgets.QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)

        self.empty = QtWidgets.QLabel(EMPTY_TEXT)
        self.empty.setObjectName("habits_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setFixedWidth(560)
        empty_box = QtWidgets.QWidget()
        QtWidgets.QVBoxLayout(empty_box).addWidget(self.empty, 0, Qt.AlignmentFlag.AlignCenter)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(empty_box)
        self.stack.addWidget(self.scroll)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._style_summary()

    # -- loading -------------------------------------------------------------------------------
    def refresh(self, rows=None, scores=None, suggestions=None, signals=None) -> None:
        """Show habits of these rows (AttemptSummary, newest first) with their self-scores,
        suggested scores and content signals (history.scores_for, suggestions_for, signals_for),
        or of every kept attempt in the store, read and summarised off the UI thread: first the
        rows (`charts_shown`), then what the answers said (`refreshed`)."""
        self._generation += 1
        if rows is not None:
            self.show_habits(summarize(rows, scores or {}, self.budgets, suggestions, signals))
            return
        generation, budgets = self._generation, self.budgets

        def work(store):
            rows, scores = history.query(store), history.scores_for(store)
            mock_times = MockSessionStore(store).phase_times()
            return generation, rows, scores, summarize(rows, scores, budgets, mock_times=mock_times)
        self.ops.run(work, self._loaded, self._failed)

    def _loaded(self, result) -> None:
        generation, rows, scores, habits = result
        if generation != self._generation:
            return
        if not habits.attempts:
            self.show_habits(habits)
            return
        self.show_habits(habits, content_pending=True)
        budgets = self.budgets

        def content(store):
            return generation, with_content(habits, rows, scores, budgets, history.suggestions_for(store),
                                            history.signals_for(store), history.filler_bursts_for(store))
        self.ops.run(content, self._content_loaded, self._content_failed)

    def _content_loaded(self, result) -> None:
        generation, habits = result
        if generation == self._generation:
            self.habits, self._pending = habits, False
            self.summary.setText(self._summary_html(habits))
            self._show_content(habits)
            self.refreshed.emit()

    def _content_failed(self, message: str) -> None:
        self._pending = False
        for card in (self.signals_card, self.cards["score_gaps"], self.triggers_card):
            card.show_note(f"Could not read what your answers said: {html.escape(message)}")
        self.refreshed.emit()

    def _failed(self, message: str) -> None:
        self.empty.setText(f"<h3>Could not load your habits</h3><p>{html.escape(message)}</p>")
        self.stack.setCurrentIndex(0)
        self.refreshed.emit()

    # -- display -------------------------------------------------------------------------------
    def show_habits(self, habits: Habits, content_pending: bool = False) -> None:
        """Show everything; with content_pending the content cards say they are still loading
        and `charts_shown` fires instead of `refreshed`."""
        self.habits, self._pending = habits, content_pending
        if not habits.attempts:
            self.empty.setText(EMPTY_TEXT)
            self.stack.setCurrentIndex(0)
            self.refreshed.emit()
            return
        self.stack.setCurrentWidget(self.scroll)
        self.summary.setText(self._summary_html(habits))
        pal, weeks, c = self.palette(), habits.weeks, self.cards
        if habits.over_share is not None:
            c["over_budget"].show_chart(charts.over_budget_chart(weeks, pal))
        else:
            c["over_budget"].show_note("No timed answer had a time budget yet: pick one on the prompt page.")
        if any(habits.step_miss_rate.values()):
            c["missed_steps"].show_chart(charts.missed_steps_chart(habits.step_miss_rate, pal))
        else:
            c["missed_steps"].show_note("No step missed so far.")
        for key, has, build, note in (
                ("restate", lambda w: w.mean_time_to_restate_s, charts.restate_chart, NO_TIMING),
                ("pace", lambda w: w.mean_wpm,
                 lambda weeks, pal: charts.pace_chart(weeks, pal, habits.fillers_written), NO_TIMING),
                ("self_scores", lambda w: w.self_scores or None, charts.self_score_chart,
                 "No self-scores yet: score an answer on the review page's Self-score tab.")):
            if any(has(w) is not None for w in weeks):
                c[key].show_chart(build(weeks, pal))
            else:
                c[key].show_note(note)
        self._fill_phase_table(habits.by_phase)
        if habits.mock_phases:
            self.mock_table.show_phases(habits.mock_phases)
            self.mock_card.show_table()
        else:
            self.mock_card.show_note(NO_MOCKS)
        if content_pending:
            self.signals_card.show_note(READING)
            self.triggers_card.show_note(READING)
            self.cards["score_gaps"].show_note(READING)
            self.gap_table.hide()
            self.charts_shown.emit()
            return
        self._show_content(habits)
        self.refreshed.emit()

    def _show_content(self, habits: Habits) -> None:
        if habits.filler_bursts:
            self.trigger_table.show_triggers(habits.filler_triggers, habits.filler_bursts)
            self.triggers_card.show_table()
        else:
            self.triggers_card.show_note(NO_BURSTS)
        if any(c.checked for c in habits.signal_counts):
            self.signal_table.show_counts(habits.signal_counts)
            self.signals_card.show_table()
        else:
            self.signals_card.show_note(NO_SIGNALS)
        card = self.cards["score_gaps"]
        if habits.score_gaps:
            card.show_chart(charts.score_gap_chart(habits.weeks, self.palette()))
            self.gap_table.show_gaps(habits.score_gaps)
            self.gap_table.show()
        else:
            card.show_note(NO_GAPS)
            self.gap_table.hide()

    def _summary_html(self, h: Habits) -> str:
        facts = [f"{h.attempts:,} attempt" + ("" if h.attempts == 1 else "s")]
        if h.over_share is not None:
            facts.append(f"{round(100 * h.over_share)}% of timed answers over budget")
        if h.mean_overtime_s is not None:
            facts.append(f"by {format_clock(h.mean_overtime_s)} on average when over")
        items = "".join(f"<li>{html.escape(line)}</li>" for line in h.summary)
        return (f"<b>{' · '.join(facts)}</b>"
                f"<ul style='margin-left:-20px; margin-top:4px; margin-bottom:0'>{items}</ul>")

    def _fill_phase_table(self, by_phase: list[dict]) -> None:
        t = self.phase_table
        t.setRowCount(len(by_phase))
        for row, p in enumerate(by_phase):
            fmt, phase = self.names(p["format"], p["phase"])
            over = p["mean_overtime_s"]
            cells = (fmt, phase or DASH, str(p["attempts"]), f"{round(100 * p['over_share'])}%",
                     DASH if over is None else f"+{format_clock(over)}")
            for col, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(row, col, item)
        if not by_phase:
            t.setRowCount(1)
            t.setItem(0, 0, QtWidgets.QTableWidgetItem("No timed attempts yet"))
        rows_h = sum(t.rowHeight(r) for r in range(t.rowCount()))
        t.setFixedHeight(min(rows_h, 8 * t.verticalHeader().defaultSectionSize())
                         + t.horizontalHeader().height() + 2 * t.frameWidth() + 2)

    def _style_summary(self) -> None:
        highlight = self.palette().color(QtGui.QPalette.ColorRole.Highlight).name()
        self.summary.setStyleSheet(callout_style("QLabel#habits_summary", highlight, alpha=30,
                                                 padding="8px 12px"))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._style_summary()
            if self.habits is not None and self.habits.attempts:
                self.show_habits(self.habits, self._pending)  # charts take their colours from the palette
