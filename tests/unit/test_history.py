"""History, trash, habits and exports on a real SQLite file with real analysed attempts."""

import csv
import io
import json
import sqlite3
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.errors import StorageError
from interviewer_app.core.prompts import PromptBank
from interviewer_app.export.attempt import to_html, to_markdown
from interviewer_app.export.history import CSV_FIELDS, to_csv, to_json
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import (
    HistoryFilter,
    empty_trash,
    move_to_trash,
    query,
    restore,
    scores_for,
    signals_for,
)
from interviewer_app.storage.migrations import MIGRATIONS, SCHEMA_VERSION, copy_content
from tests.unit.timed import timed_transcript

DAY0 = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)  # a Monday


@pytest.fixture
def store(tmp_path):
    return AttemptStore(open_database(tmp_path / "data" / "db.sqlite3"), tmp_path / "data" / "recordings")


def _save(store, *, days=0, seconds_over=-10.0, prompt_index=0, budget=("amazon", "qa"), restate=True,
          audio=False):
    bank, book = PromptBank.load(), BudgetBook.load()
    b = book.format(budget[0]).budget(budget[1])
    words_needed = int((b.seconds + seconds_over) / 0.5)
    first = "The goal is to lift activation for new teams." if restate else "We could add templates."
    filler = " ".join(["and"] * max(0, words_needed - 9))
    t = timed_transcript([("um " + first, 0.5), (filler or "ok", 0)], word_s=0.5)
    fb = analyze(t, b, bank.prompts[prompt_index])
    samples = np.zeros(1600, dtype=np.float32) if audio else None
    return store.save(fb, samples=samples, created_at=DAY0 + timedelta(days=days))


def test_filters_narrow_the_history(store):
    prompts = PromptBank.load().prompts
    other = next(i for i, p in enumerate(prompts) if p.category != prompts[0].category)
    a = _save(store, days=0, seconds_over=20, budget=("amazon", "qa"))
    b = _save(store, days=8, seconds_over=-30, budget=("google", "story"), prompt_index=other)
    c = _save(store, days=15, seconds_over=5, budget=("sixty", None), prompt_index=other)
    assert [r.id for r in query(store)] == [c, b, a]
    assert [r.id for r in query(store, HistoryFilter(over_budget_only=True))] == [c, a]
    assert [r.id for r in query(store, HistoryFilter(company="google"))] == [b]
    assert [r.id for r in query(store, HistoryFilter(since=date(2026, 10, 13)))] == [c, b]
    assert [r.id for r in query(store, HistoryFilter(until=date(2026, 10, 13)))] == [b, a]
    assert [r.id for r in query(store, HistoryFilter(prompt_id=prompts[other].id))] == [c, b]
    assert [r.id for r in query(store, HistoryFilter(category=prompts[other].category))] == [c, b]
    assert [r.id for r in query(store, HistoryFilter(sort="duration_s", descending=False))] == [c, a, b]
    row = query(store, HistoryFilter(over_budget_only=True))[-1]
    assert row.overtime_s == pytest.approx(20, abs=1.5) and row.budget_phase == "qa"


def test_search_finds_words_in_transcripts(store):
    _save(store, restate=True)
    _save(store, restate=False)
    assert len(query(store, HistoryFilter(text="templates"))) == 1
    assert len(query(store, HistoryFilter(text="nowhere-to-be-found"))) == 0


def test_trash_undo_and_empty_removes_audio(store):
    keep = _save(store)
    gone = _save(store, audio=True)
    audio = store.recordings_dir.parent / query(store)[0].audio_path
    assert audio.exists()
    move_to_trash(store, gone)
    assert [r.id for r in query(store)] == [keep]
    assert [r.id for r in query(store, HistoryFilter(in_trash=True))] == [gone]
    restore(store, gone)
    assert len(query(store)) == 2
    move_to_trash(store, gone)
    assert empty_trash(store, older_than_days=30) == 0 and audio.exists()  # too recent
    assert empty_trash(store, older_than_days=0) == 1
    assert not audio.exists() and query(store, HistoryFilter(in_trash=True)) == []
    with pytest.raises(StorageError, match="no attempt with id 999"):
        move_to_trash(store, 999)


def test_habits_say_what_repeats(store):
    for day, over in enumerate([30, 12, -20, 45, 8, -5]):
        _save(store, days=day * 3, seconds_over=over, restate=day % 2 == 0)
    attempt = query(store)[0].id
    store.set_self_score(attempt, {"metrics": 2, "judgment": 4})
    h = summarize(query(store), scores_for(store))
    assert h.attempts == 6 and h.over_share == pytest.approx(4 / 6, abs=0.01)
    assert h.summary[0].startswith("You went over time in 4 of your last 6 timed answers, mostly in the amazon / qa")
    named = summarize(query(store), budgets=BudgetBook.load()).summary[0]
    assert "mostly in the Amazon q&a" in named
    assert any("restate the goal" in s.lower() for s in h.summary)
    assert h.step_miss_rate["restate"] == pytest.approx(0.5)
    assert [w.attempts for w in h.weeks] == [3, 2, 1]
    assert any(w.self_scores.get("metrics") == 2 for w in h.weeks)
    assert h.by_phase[0]["format"] == "amazon" and h.by_phase[0]["over_share"] == pytest.approx(4 / 6, abs=0.01)


def test_exports(store):
    attempt = _save(store, seconds_over=15)
    store.set_self_score(attempt, {"goal_clarity": 4}, "slow start")
    fb = store.feedback_json(attempt)
    md = to_markdown(fb, {"created_at": "2026-10-05"}, {"goal_clarity": 4}, "slow start")
    assert md.startswith("# ") and "- [x] **Restate the goal**" in md and "Goal clarity: 4/5" in md
    assert "over time by 0:1" in md
    page = to_html(fb, {"created_at": "2026-10-05"}, {"goal_clarity": 4}, "slow start")
    assert "rgba(230, 159, 0, 0.3)" in page and "<h2>Self-score</h2>" in page and "slow start" in page
    rows = query(store)
    table = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert tuple(table[0]) == CSV_FIELDS and table[0]["id"] == str(attempt)
    assert json.loads(to_json(rows))[0]["self_score"] == 4


@pytest.mark.parametrize("start_version", range(1, SCHEMA_VERSION))
def test_migrating_from_every_earlier_version_keeps_real_attempts(tmp_path, start_version):
    """A database written at each older schema version, holding a real saved attempt, opens
    at the current version with its attempt listed, searchable and exportable."""
    path = tmp_path / "db.sqlite3"
    store = AttemptStore(open_database(path), tmp_path / "rec")
    attempt = _save(store)
    fb_before = store.feedback_json(attempt)
    store.db.conn.close()
    conn = sqlite3.connect(path)  # rebuild the file as the older version had it
    rows = conn.execute("SELECT id, created_at, prompt_id, prompt_text, budget_format, budget_phase, budget_s, "
                        "duration_s, transcript, steps_heard, missing_steps, jumped_to_options, wpm, think_time_s, "
                        "filler_count, overtime_s, over_budget, over_at_step, f.feedback_json, app_version, "
                        "prompt_category, time_to_restate_s, speaking_s FROM attempts JOIN attempt_feedback f ON f.attempt_id = attempts.id").fetchall()
    conn.close()
    path.unlink()
    conn = sqlite3.connect(path)
    for version in range(start_version):
        MIGRATIONS[version](conn)
    conn.execute(f"PRAGMA user_version = {start_version}")
    columns = ("id, created_at, prompt_id, prompt_text, budget_format, budget_phase, budget_s, duration_s, "
               "transcript, steps_heard, missing_steps, jumped_to_options, wpm, think_time_s, filler_count, "
               "overtime_s, over_budget, over_at_step, app_version")
    if start_version < 3:  # the feedback JSON lived in the attempts table until version 3
        conn.executemany(f"INSERT INTO attempts ({columns}, feedback_json) VALUES (" + ",".join("?" * 20) + ")",
                         [r[:18] + r[19:20] + r[18:19] for r in rows])
    else:  # version 3 added the category and pacing columns and moved the JSON to its own table
        conn.executemany(f"INSERT INTO attempts ({columns}, prompt_category, time_to_restate_s, speaking_s) "
                         "VALUES (" + ",".join("?" * 22) + ")", [r[:18] + r[19:] for r in rows])
        conn.executemany("INSERT INTO attempt_feedback (attempt_id, feedback_json) VALUES (?, ?)",
                         [(r[0], r[18]) for r in rows])
        if start_version >= 5:  # version 5 copied the signals out of the feedback as it migrated
            copy_content(conn)
    conn.commit()
    conn.close()
    store = AttemptStore(open_database(path), tmp_path / "rec")
    [row] = query(store, HistoryFilter(text="activation"))
    assert row.id == attempt and row.time_to_restate_s == fb_before["pacing"]["time_to_restate_s"]
    assert store.feedback_json(attempt) == fb_before
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert signals_for(store)[attempt] == {s["key"]: (s["present"], s["checked"]) for s in fb_before["signals"]}


def test_a_one_phase_drill_is_not_named_twice(store):
    """The '60-second answer' drill's one phase is 'Answer': 'mostly in the 60-second answer', not
    '60-second answer answer'."""
    for day in range(3):
        _save(store, days=day, seconds_over=10, budget=("sixty", "answer"))
    line = summarize(query(store), budgets=BudgetBook.load()).summary[0]
    assert "mostly in the 60-second answer (" in line and "answer answer" not in line
