"""History and habits screens on a real SQLite store with really analysed attempts (pytest-qt)."""

from __future__ import annotations

import html
import time
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from PySide6 import QtCharts

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.prompts import PromptBank
from interviewer_app.core.steps import STEPS_BY_KEY
from interviewer_app.qt_binding import Qt, QtCore, QtGui, QtWidgets
from interviewer_app.storage import history
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.ui.pages.habits_page import HabitsPage
from interviewer_app.ui.pages.history_page import ANY_DATE, HistoryPage, TrashDialog
from interviewer_app.ui.step_colors import STEP_COLORS
from interviewer_app.ui.widgets.history_table import DURATION, OVERTIME, PROMPT, SCORE, STEPS, WPM
from tests.unit.timed import timed_transcript

DAY0 = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)  # a Monday
YES = QtWidgets.QMessageBox.StandardButton.Yes
PROMPTS = PromptBank.load().prompts
OTHER = next(i for i, p in enumerate(PROMPTS) if p.category != PROMPTS[0].category)


@pytest.fixture
def store(tmp_path):
    return AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")


@pytest.fixture
def budgets():
    return BudgetBook.load()


@pytest.fixture(autouse=True)
def _workers_finish(monkeypatch):
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected confirmation: {args[1:3]}")
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", unexpected)  # a real one would block
    yield
    QtCore.QThreadPool.globalInstance().waitForDone(5000)  # no query outlives its temporary store


def save(store, *, days=0.0, over=-10.0, budget=("sixty", None), prompt=0, opener=None, audio=False,
         typed=False) -> int:
    """One analysed attempt: a timed answer `over` seconds past its budget (or a typed one)."""
    opener = opener or "The goal is to lift activation for new teams."
    if typed:
        fb = analyze(typed_transcript(opener + " We could add templates."), None, PROMPTS[prompt])
    else:
        b = BudgetBook.load().format(budget[0]).budget(budget[1])
        words = int((b.seconds + over) / 0.5)
        t = timed_transcript([("um " + opener, 0.5), (" ".join(["and"] * max(1, words - 10)), 0)], word_s=0.5)
        fb = analyze(t, b, PROMPTS[prompt])
    samples = np.zeros(1600, dtype=np.float32) if audio else None
    return store.save(fb, samples=samples, created_at=DAY0 + timedelta(days=days))


def _shown_and_loaded(qtbot, page):
    """Show a page at the main window's size and wait until its first refresh is on screen."""
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.refresh()
    return page


def make_page(qtbot, store, budgets) -> HistoryPage:
    return _shown_and_loaded(qtbot, HistoryPage(store, budgets))


def shown(page) -> list[int]:
    model = page.table.history_model
    return [model.row_at(r).id for r in range(model.rowCount())]


def cell(page, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return page.table.history_model.index(row, col).data(role)


def click_header(qtbot, table, col: int) -> None:
    header = table.horizontalHeader()
    pos = QtCore.QPoint(header.sectionViewportPosition(col) + header.sectionSize(col) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


# -- history ---------------------------------------------------------------------------------------
@pytest.fixture
def three(store):
    a = save(store, days=0, over=20, opener="The goal is activation. We could add templates.")
    b = save(store, days=8, over=-30, budget=("practice", "setup"), prompt=OTHER)
    c = save(store, days=15, over=5, prompt=OTHER)
    return a, b, c


def test_rows_show_readable_values_newest_first(qtbot, store, budgets, three):
    a, b, c = three
    typed = save(store, days=20, typed=True)
    store.set_self_score(a, {"metrics": 3, "judgment": 4})
    page = make_page(qtbot, store, budgets)
    assert shown(page) == [typed, c, b, a]
    assert page.count_label.text() == "4 attempts · 2 over budget"
    row_a = shown(page).index(a)
    assert cell(page, row_a, OVERTIME) == "+0:20"
    assert cell(page, row_a, OVERTIME, Qt.ItemDataRole.ForegroundRole).name().upper() in ("#CF222E", "#FF7B72")
    assert cell(page, shown(page).index(b), OVERTIME) == "on time"
    assert cell(page, shown(page).index(b), 2) == "Practice drill 2/3/1 · Setup · 2:00"
    assert cell(page, shown(page).index(b), DURATION) == "1:30 / 2:00"
    assert cell(page, 0, OVERTIME) == cell(page, 0, DURATION) == cell(page, 0, WPM) == "—"  # typed, no budget
    assert cell(page, row_a, SCORE) == "3.5" and cell(page, 1, SCORE) == "—"
    assert cell(page, row_a, STEPS).endswith("/8")
    tip = cell(page, row_a, PROMPT, Qt.ItemDataRole.ToolTipRole)
    assert PROMPTS[0].text in tip and PROMPTS[0].id not in tip  # the question in full, no internal id


def test_filters_narrow_the_rows(qtbot, store, budgets, three):
    a, b, c = three
    page = make_page(qtbot, store, budgets)
    with qtbot.waitSignal(page.refreshed, timeout=5000):  # typing is debounced into one query
        qtbot.keyClicks(page.search, "templates")
    assert shown(page) == [a] and page.count_label.text() == "1 attempt · 1 over budget"
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.search.clear()
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.over_only.click()
    assert shown(page) == [c, a]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.over_only.click()
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.company.setCurrentIndex(page.company.findData("practice"))
    assert shown(page) == [b]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.company.setCurrentIndex(0)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.category.setCurrentIndex(page.category.findData(PROMPTS[OTHER].category))
    assert shown(page) == [c, b]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.category.setCurrentIndex(0)
    assert page.date_from.text() == "any date"
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.date_from.setDate(QtCore.QDate(2026, 10, 13))
    assert shown(page) == [c, b]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.date_to.setDate(QtCore.QDate(2026, 10, 13))
    assert shown(page) == [b]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        qtbot.keyClicks(page.search, "nowhere-to-be-found")
    assert shown(page) == [] and page.table.placeholder == "No attempts match these filters."
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.clear_filters()
    assert shown(page) == [c, b, a] and page.date_to.date() == ANY_DATE


def test_header_clicks_sort(qtbot, store, budgets, three):
    a, b, c = three
    typed = save(store, days=1, typed=True)
    page = make_page(qtbot, store, budgets)
    click_header(qtbot, page.table, DURATION)
    assert shown(page) == [c, a, b, typed]  # 1:05, 1:20, 1:30; no duration always last
    click_header(qtbot, page.table, DURATION)
    assert shown(page) == [b, a, c, typed]
    click_header(qtbot, page.table, OVERTIME)
    assert shown(page)[:3] in ([b, c, a], [a, c, b]) and shown(page)[3] == typed
    assert page.table.horizontalHeader().sortIndicatorSection() == OVERTIME
    with qtbot.waitSignal(page.refreshed, timeout=5000):  # a reload keeps the chosen order
        page.refresh()
    order = page.table.horizontalHeader().sortIndicatorOrder()
    assert shown(page) == ([b, c, a, typed] if order == Qt.SortOrder.AscendingOrder else [a, c, b, typed])


def test_double_click_enter_and_button_open_the_attempt(qtbot, store, budgets, three, monkeypatch):
    a, b, c = three
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.No)
    page = make_page(qtbot, store, budgets)
    table = page.table
    rect = table.visualRect(table.model().index(1, PROMPT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_attempt) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [b]
    table.selectRow(2)
    with qtbot.waitSignal(page.open_attempt) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [a]
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_attempt) as opened:
        page.open_button.click()
    assert opened.args == [a]
    table.selectAll()
    assert not page.open_button.isEnabled() and page.delete_button.text() == "Delete 3"
    with qtbot.waitSignal(table.delete_requested) as deleting:  # the context menu, on the selection
        table.customContextMenuRequested.emit(rect.center())
        menu = table.findChild(QtWidgets.QMenu)
        assert [a.text() for a in menu.actions()] == ["Open in review", "Delete 3 attempts"]
        menu.actions()[1].trigger()
    assert sorted(deleting.args[0]) == sorted(three)
    menu.close()


def test_delete_then_undo(qtbot, store, budgets, three, monkeypatch):
    a, b, c = three
    page = make_page(qtbot, store, budgets)
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.No)
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert shown(page) == [c, b, a] and page.undo_bar.isHidden()  # said no: nothing happens
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: YES)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert shown(page) == [c, a] and [r.id for r in history.query(store)] == [c, a]
    assert page.undo_bar.isVisible() and page.undo_label.text() == "Moved 1 attempt to the trash."
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.undo_button.click()
    assert shown(page) == [c, b, a] and page.undo_bar.isHidden()
    assert history.query(store, history.HistoryFilter(in_trash=True)) == []


def test_deleting_several_is_all_or_nothing_when_one_is_gone(qtbot, store, budgets, three, monkeypatch, tmp_path):
    """Another window emptied one of the selected attempts from the trash for good: the page's
    delete of all three changes none of them and says which one is gone (issue 18 item 4)."""
    a, b, c = three
    page = make_page(qtbot, store, budgets)
    other = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    history.move_to_trash(other, b)
    history.empty_trash(other, 0)
    warnings = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: YES)
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *args, **k: warnings.append(args[2]))
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.delete([a, b, c])
    assert warnings == [f"no attempt with id {b}; nothing was deleted"]
    assert [r.id for r in history.query(store)] == [c, a] and page.undo_bar.isHidden()
    # an undo skips attempts emptied from the trash meanwhile and brings back the rest
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.delete([a, c])
    history.empty_trash(other, 0)  # both gone for good behind the page's back
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.undo_button.click()
    assert warnings == [f"no attempt with id {b}; nothing was deleted"] and history.query(store) == []


def test_trash_restores_and_empties_with_the_audio(qtbot, store, budgets, monkeypatch):
    keep = save(store, days=0)
    gone = save(store, days=1, audio=True)
    audio = store.recordings_dir.parent / history.query(store)[0].audio_path
    page = make_page(qtbot, store, budgets)
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: YES)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.delete([gone])
    dialog = _trash(qtbot, store, budgets)
    assert [dialog.table.history_model.row_at(r).id for r in range(dialog.table.model().rowCount())] == [gone]
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.reloaded, timeout=5000):
        dialog.restore_button.click()
    assert dialog.table.model().rowCount() == 0 and dialog.changed
    assert [r.id for r in history.query(store)] == [gone, keep]
    history.move_to_trash(store, gone)
    with qtbot.waitSignal(dialog.reloaded, timeout=5000):
        dialog.reload()
    assert dialog.empty_button.isEnabled()
    with qtbot.waitSignal(dialog.reloaded, timeout=5000):
        dialog.empty_button.click()
    assert not audio.exists() and dialog.table.model().rowCount() == 0
    assert not dialog.empty_button.isEnabled()
    assert store.db.execute("SELECT count(*) FROM attempts WHERE id = ?", [gone]).fetchone()[0] == 0
    # Trash… from the page: a change there reloads the page
    history.move_to_trash(store, keep)

    def restore_first(dialog):  # what the user does in the dialog, once its rows are in
        qtbot.waitUntil(lambda: dialog.table.model().rowCount() == 1, timeout=5000)
        dialog.table.selectRow(0)
        with qtbot.waitSignal(dialog.reloaded, timeout=5000):
            dialog.restore_selected()
        return 1
    monkeypatch.setattr(TrashDialog, "exec", restore_first)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.trash_button.click()
    assert shown(page) == [keep]


def _trash(qtbot, store, budgets) -> TrashDialog:
    """The trash dialog with its rows in (they are read on a worker; the result arrives through
    the event loop, so it cannot come before the wait starts)."""
    dialog = TrashDialog(store, budgets)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.reloaded, timeout=5000):
        pass
    return dialog


# -- habits ----------------------------------------------------------------------------------------
def make_habits(qtbot, store, budgets) -> HabitsPage:
    return _shown_and_loaded(qtbot, HabitsPage(store, budgets))


def series_of(page, key):
    return page.cards[key].chart().series()


def test_habits_page_summary_and_charts(qtbot, store, budgets):
    ids = [save(store, days=d, over=o, opener=None if d % 2 == 0 else "We could add templates.")
           for d, o in ((0, 30), (2, -20), (7, 12), (9, 8), (16, -5))]
    save(store, days=17, over=25, budget=("amazon", "setup"))
    store.set_self_score(ids[0], {"metrics": 2, "judgment": 4})
    store.set_self_score(ids[2], {"metrics": 4})
    expected = summarize(history.query(store), history.scores_for(store), budgets)
    assert len(expected.weeks) == 3
    page = make_habits(qtbot, store, budgets)
    assert page.stack.currentWidget() is page.scroll
    for line in expected.summary:
        assert html.escape(line) in page.summary.text()
    assert "6 attempts" in page.summary.text()

    over, overtime = series_of(page, "over_budget")
    assert over.count() == 3 and [round(p.y()) for p in over.points()] == [50, 100, 50]
    assert overtime.count() == 3
    bars = series_of(page, "missed_steps")[0]
    assert isinstance(bars, QtCharts.QHorizontalStackedBarSeries) and bars.count() == 8
    top = bars.barSets()[-1]  # drawn last = at the top: the most often missed step
    worst = max(expected.step_miss_rate, key=expected.step_miss_rate.get)
    assert top.label() == STEPS_BY_KEY[worst].title
    assert top.color().name().upper() == STEP_COLORS[worst].upper()
    assert series_of(page, "restate")[0].count() == 2  # the middle week never restated the goal
    wpm, fillers = series_of(page, "pace")
    assert wpm.name() == "Words per minute" and wpm.count() == 3 and fillers.count() == 3
    scores = {s.name(): s.count() for s in series_of(page, "self_scores")}
    assert scores == {"Metrics": 2, "Judgment": 1}
    table = page.phase_table
    assert table.rowCount() == len(expected.by_phase) == 2
    assert [table.item(0, c).text() for c in range(4)] == ["60-second answer", "Answer", "5", "60%"]
    assert table.item(1, 0).text() == "Amazon" and table.item(1, 4).text() == "+0:26"  # 25 s + word rounding


def test_habits_notes_instead_of_empty_charts(qtbot, store, budgets):
    fb = analyze(typed_transcript("We could add templates."), None, PROMPTS[0])
    store.save(fb, created_at=DAY0)
    page = make_habits(qtbot, store, budgets)
    for key in ("over_budget", "restate", "pace", "self_scores"):
        assert page.cards[key].chart() is None and page.cards[key].note.isVisible(), key
    assert page.cards["missed_steps"].chart() is not None


def test_habits_empty_state(qtbot, store, budgets):
    page = make_habits(qtbot, store, budgets)
    assert page.stack.currentIndex() == 0 and page.empty.isVisible()
    assert "No habits to show yet" in page.empty.text()
    save(store)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.refresh()
    assert page.stack.currentWidget() is page.scroll
    page.refresh(rows=[], scores={})  # rows given directly: shown at once
    assert page.stack.currentIndex() == 0


def test_charts_follow_the_palette(qtbot, store, budgets):
    save(store)
    page = make_habits(qtbot, store, budgets)
    assert page.cards["over_budget"].chart().theme() == QtCharts.QChart.ChartTheme.ChartThemeLight
    dark = QtGui.QPalette(page.palette())
    for role, color in ((QtGui.QPalette.ColorRole.Window, "#2d2d30"), (QtGui.QPalette.ColorRole.Base, "#1e1e20"),
                        (QtGui.QPalette.ColorRole.Text, "#e6e6e6")):
        dark.setColor(role, QtGui.QColor(color))
    page.setPalette(dark)
    chart = page.cards["over_budget"].chart()
    assert chart.theme() == QtCharts.QChart.ChartTheme.ChartThemeDark
    assert chart.backgroundBrush().color().name() == "#1e1e20"


# -- 10,000 attempts --------------------------------------------------------------------------------
def test_ten_thousand_attempts_load_and_sort(qtbot, store, budgets):
    """Responsiveness check, not a timed assertion: the times are printed (run with -s)."""
    save(store, over=15)
    cols = [r[1] for r in store.db.execute("PRAGMA table_info(attempts)") if r[1] not in ("id", "created_at", "wpm")]
    with store.db.conn:
        store.db.execute(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9999) "
            f"INSERT INTO attempts (created_at, wpm, {', '.join(cols)}) "
            f"SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', '2026-01-01', '+' || i || ' hours'), "
            f"100 + (i * 37) % 91, {', '.join('a.' + c for c in cols)} FROM n, attempts a WHERE a.id = 1")
    page = HistoryPage(store, budgets)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    start = time.perf_counter()
    with qtbot.waitSignal(page.refreshed, timeout=20000):
        page.refresh()
    loaded = time.perf_counter() - start
    assert page.table.model().rowCount() == 10_000
    assert page.count_label.text() == "10,000 attempts · 10,000 over budget"
    start = time.perf_counter()
    click_header(qtbot, page.table, WPM)
    click_header(qtbot, page.table, WPM)
    sorted_s = (time.perf_counter() - start) / 2
    values = [page.table.history_model.row_at(r).wpm for r in range(10_000)]
    assert values == sorted(values, reverse=page.table.horizontalHeader().sortIndicatorOrder()
                            == Qt.SortOrder.DescendingOrder)
    start = time.perf_counter()
    habits = HabitsPage(store, budgets)
    qtbot.addWidget(habits)
    with qtbot.waitSignal(habits.refreshed, timeout=20000):
        habits.refresh()
    print(f"\n10,000 attempts: history refresh {loaded * 1000:.0f} ms, one sort {sorted_s * 1000:.0f} ms, "
          f"habits refresh {(time.perf_counter() - start) * 1000:.0f} ms")


def test_screens_with_six_weeks_of_practice(qtbot, store, budgets):
    """Six weeks of varied practice, for the README screenshots of History and Habits."""
    import random

    from tests.ui.conftest import screenshot

    rng = random.Random(3)
    openers = [None, "We could add templates.", "Let me map the funnel from signup to first value.",
               "I'd segment the drop by platform and app version."]
    plan = [("sixty", None), ("practice", "story"), ("amazon", "setup"), ("google", "intro")]
    for i in range(30):
        budget = plan[i % len(plan)]
        over = rng.uniform(-25, 40) - i  # going over less as the weeks go by
        attempt = save(store, days=i * 1.4, over=over, budget=budget, prompt=i % 12,
                       opener=openers[i % len(openers)])
        store.set_self_score(attempt, {"goal_clarity": min(5, 2 + i // 8), "metrics": min(5, 1 + i // 7),
                                       "communication": 3 + (i % 3 == 0)})
    history_page = make_page(qtbot, store, budgets)
    assert len(shown(history_page)) == 30
    screenshot(history_page, "6-history")
    habits = make_habits(qtbot, store, budgets)
    assert "You went over time" in habits.summary.text()
    screenshot(habits, "7-habits")


def test_the_current_week_is_labelled_this_week_on_the_habits_charts():
    from datetime import date

    from interviewer_app.ui.widgets.habit_charts import week_label

    today = date(2026, 12, 3)  # a Thursday: its week starts on Monday 30 Nov
    assert week_label("2026-11-30", today) == "this week"
    assert week_label("2026-11-23", today) == "23 Nov" and week_label("2025-11-24", today, long_span=True) == "24 Nov 25"


def test_self_scores_given_the_same_value_stay_side_by_side(qtbot):
    """Seven dimensions all scored 3 in a week were seven dots on one spot: only the last showed."""
    from interviewer_app.analysis.habits.summary import WeekStats
    from interviewer_app.core.rubric import RUBRIC
    from interviewer_app.ui.widgets.habit_charts import self_score_chart

    week = WeekStats("2026-11-30", 1, None, None, None, None, None, None,
                     self_scores={d.key: 3.0 for d in RUBRIC})
    chart = self_score_chart([week], QtWidgets.QApplication.palette())
    xs = [s.points()[0].x() for s in chart.series()]
    assert len(xs) == len(RUBRIC) == len(set(xs))  # seven dots, seven places
    assert max(xs) - min(xs) < 7  # all within the week


def test_two_attempts_selected_are_compared_side_by_side(qtbot, store, budgets, three):
    a, b, c = three
    page = make_page(qtbot, store, budgets)
    assert not page.compare_button.isEnabled()
    rows = shown(page)
    model = page.table.selectionModel()
    flags = QtCore.QItemSelectionModel.SelectionFlag.Select | QtCore.QItemSelectionModel.SelectionFlag.Rows
    for attempt in (c, a):
        model.select(page.table.model().index(rows.index(attempt), 0), flags)
    assert page.compare_button.isEnabled()
    with qtbot.waitSignal(page.compared, timeout=5000):
        qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    dialog = page.compare_dialog
    assert dialog.isVisible() and dialog.verdict.text()
    heads = [dialog.table.horizontalHeaderItem(i).text() for i in (1, 2)]
    assert heads[0].startswith(f"#{a} ·") and heads[1].startswith(f"#{c} ·")  # the older on the left
    cells = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
             for r in range(dialog.table.rowCount())}
    assert cells["Over time"][0] == "+0:20" and cells["Over time"][1].startswith("+0:0")  # 20 s and 5 s over
    assert "templates" in dialog.transcripts[0].toPlainText()
    dialog.reject()
