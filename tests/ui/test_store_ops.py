"""No database work on the UI thread: the desktop app opens the history database, lists, deletes,
restores, opens a saved attempt, saves a self-score and summarises habits, and every SQL statement
it runs (seen through SQLite's own trace callback on the real connection) runs on a worker."""

import threading

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.core.paths import app_paths
from interviewer_app.qt_binding import QtWidgets
from interviewer_app.storage import database
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.history import HistoryFilter, query

ANSWERS = ["The goal is weekly active teams. I'd look at the funnel by platform first.",
           "We could add reminders. I'd pick the cheapest one and roll it back if errors rise."]


@pytest.fixture
def saved(isolated_home):
    """Two attempts in the user's database, written before the app starts."""
    paths = app_paths()
    store = AttemptStore(database.open_database(paths.database), paths.recordings_dir)
    ids = [store.save(analyze(typed_transcript(text))) for text in ANSWERS]
    store.db.conn.close()
    return ids


@pytest.fixture
def statements(monkeypatch):
    """(thread is the UI thread, SQL) of every statement the app's connection runs, from its opening on."""
    seen = []
    real_open = database.open_database

    def open_and_trace(*args, **kwargs):
        opened = real_open(*args, **kwargs)
        seen.append((threading.current_thread() is threading.main_thread(), "open the database"))
        opened.db.conn.set_trace_callback(
            lambda sql: seen.append((threading.current_thread() is threading.main_thread(), sql)))
        return opened

    monkeypatch.setattr(database, "open_database", open_and_trace)
    return seen


def test_the_app_never_touches_the_database_on_the_ui_thread(qtbot, make_window, saved, statements, monkeypatch):
    first, second = saved
    window = make_window()
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes)
    window.show_history()
    page = window._history
    qtbot.waitUntil(lambda: page.rows_loaded_for == page._generation and len(page.rows) == 2, timeout=20000)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.delete([first])
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.undo_button.click()
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(second)
    with qtbot.waitSignal(window.scores.saved, timeout=10000):
        window.review.score_form.rows["metrics"].buttons[3].click()
    window.show_habits()
    qtbot.waitUntil(lambda: window._habits.habits is not None and window._habits.habits.attempts == 2,
                    timeout=20000)
    on_ui = [sql for ui, sql in statements if ui]
    assert len(statements) > 10 and not on_ui, on_ui
    # and the work was really done, in the real database
    paths = app_paths()
    store = AttemptStore(database.open_database(paths.database), paths.recordings_dir)
    assert sorted(r.id for r in query(store, HistoryFilter())) == sorted(saved)  # deleted, then undone
    assert store.self_score(second)[0] == {"metrics": 4}
