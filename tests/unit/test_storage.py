"""Attempts in a real SQLite file: schema versions, saving, damaged databases, unwritable folders."""

import json
import sqlite3

import numpy as np
import pytest
import soundfile as sf

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.errors import StorageError
from interviewer_app.core.models import Budget
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import HistoryFilter, query
from interviewer_app.storage.migrations import SCHEMA_VERSION
from tests.unit.timed import timed_transcript


def _feedback():
    t = timed_transcript([("The goal is to lift activation for new teams.", 0.5),
                          ("We could add templates.", 0)], word_s=0.5)
    return analyze(t, Budget(seconds=5, format_key="sixty", format_name="60-second answer",
                             phase_key="answer", phase_name="Answer"))


def test_new_database_is_created_at_the_current_schema(tmp_path):
    opened = open_database(tmp_path / "data" / "db.sqlite3")
    assert opened.notices == []
    assert opened.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"attempts", "attempt_steps"} <= set(opened.db.table_names())


def test_save_keeps_feedback_steps_and_audio(tmp_path):
    opened = open_database(tmp_path / "db.sqlite3")
    store = AttemptStore(opened, tmp_path / "recordings")
    samples = (0.1 * np.sin(np.arange(16000) / 5)).astype(np.float32)
    attempt_id = store.save(_feedback(), samples=samples)
    rows = query(store)
    assert [r.id for r in rows] == [attempt_id]
    row = rows[0]
    assert row.steps_heard == 2 and row.overtime_s > 0
    assert (row.budget_format, row.budget_phase, row.budget_s) == ("sixty", "answer", 5)
    audio, rate = sf.read(tmp_path / row.audio_path)
    assert rate == 16000 and len(audio) == 16000
    assert np.max(np.abs(audio - samples)) < 1e-3  # FLAC 16-bit keeps the recording
    saved = store.feedback_json(attempt_id)
    assert saved["steps"]["restate"]["heard"] is True and saved["pacing"]["over_budget"] is True
    heard = dict(opened.db.execute("SELECT step, heard FROM attempt_steps WHERE attempt_id = ?", [attempt_id]).fetchall())
    assert heard["restate"] == 1 and heard["risks"] == 0


def test_a_damaged_database_is_set_aside_and_a_new_one_started(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database, just garbage " * 100)
    opened = open_database(path)
    backups = list(tmp_path.glob("db.sqlite3.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes().startswith(b"this is not a database")
    assert "moved to" in opened.notices[0] and str(backups[0]) in opened.notices[0]
    assert query(AttemptStore(opened, tmp_path / "rec")) == []


def test_a_truncated_database_is_set_aside(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = AttemptStore(open_database(path), tmp_path / "rec")
    for _ in range(30):
        store.save(_feedback())
    store.db.conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    opened = open_database(path)
    assert opened.notices and list(tmp_path.glob("db.sqlite3.corrupt-*"))


def test_a_database_from_a_newer_version_is_left_alone(tmp_path):
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StorageError, match="newer version of Interviewer"):
        open_database(path)
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_a_data_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot create the data folder .*INTERVIEWER_DATA_DIR"):
        open_database(blocker / "data" / "db.sqlite3")


def test_feedback_json_round_trips(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "rec")
    fb = _feedback()
    attempt_id = store.save(fb)
    assert store.feedback_json(attempt_id) == json.loads(json.dumps(fb.to_dict()))
    with pytest.raises(StorageError, match="no attempt with id 999"):
        store.feedback_json(999)


def test_migrating_a_version_1_database_keeps_its_attempts(tmp_path):
    from interviewer_app.storage.migrations import MIGRATIONS

    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    MIGRATIONS[0](conn)  # exactly the schema version 1 shipped
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO attempts (created_at, prompt_id, transcript, steps_heard, feedback_json, "
                 "app_version) VALUES ('2026-11-01T10:00:00+00:00', 'p1', 'the goal is x', 1, '{}', '0.1.0')")
    conn.commit()
    conn.close()
    opened = open_database(path)
    assert opened.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store = AttemptStore(opened, tmp_path / "rec")
    [row] = query(store)
    assert row.prompt_id == "p1"
    assert [r.id for r in query(store, HistoryFilter(text="the goal is x"))] == [row.id]  # transcript kept
    assert store.self_score(row.id) == ({}, "")


def test_self_score_and_notes(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "rec")
    attempt_id = store.save(_feedback())
    store.set_self_score(attempt_id, {"goal_clarity": 4, "metrics": 2, "judgment": None}, "rushed the risks")
    assert store.self_score(attempt_id) == ({"goal_clarity": 4, "metrics": 2}, "rushed the risks")
    store.set_self_score(attempt_id, {"metrics": 3}, "")
    assert store.self_score(attempt_id) == ({"metrics": 3}, "")
    with pytest.raises(ValueError, match="unknown rubric"):
        store.set_self_score(attempt_id, {"charisma": 5})
    with pytest.raises(sqlite3.IntegrityError):
        store.set_self_score(attempt_id, {"metrics": 9})


def test_a_recording_in_our_folder_is_referenced_not_copied(tmp_path):
    recordings = tmp_path / "data" / "recordings"
    recordings.mkdir(parents=True)
    flac = recordings / "recording-1.flac"
    sf.write(flac, np.zeros(1600, dtype=np.float32), 16000)
    store = AttemptStore(open_database(tmp_path / "data" / "db.sqlite3"), recordings)
    attempt_id = store.save(_feedback(), source_path=flac, samples=np.zeros(1600, dtype=np.float32))
    assert query(store)[0].audio_path == "recordings/recording-1.flac"
    assert sorted(p.name for p in recordings.iterdir()) == ["recording-1.flac"]
    assert attempt_id == 1


def test_a_refined_analysis_replaces_the_live_one_and_keeps_the_users_score(tmp_path):
    opened = open_database(tmp_path / "db.sqlite3")
    store = AttemptStore(opened, tmp_path / "recordings")
    attempt_id = store.save(_feedback())  # what the live transcript gave at Stop
    store.set_self_score(attempt_id, {"goal_clarity": 4}, "typed while it refined")
    refined = analyze(timed_transcript([("The goal is to lift activation for new teams.", 0.5),
                                        ("The risk is churn, so we roll back if it rises.", 0)], word_s=0.5))
    store.replace_feedback(attempt_id, refined)
    row = query(store)[0]
    assert row.steps_heard == refined.steps_heard
    transcript = opened.db.execute("SELECT transcript FROM attempts WHERE id = ?", [attempt_id]).fetchone()[0]
    assert "roll back" in transcript
    assert store.feedback_json(attempt_id)["steps"]["risks"]["heard"] is True
    heard = dict(opened.db.execute("SELECT step, heard FROM attempt_steps WHERE attempt_id = ?", [attempt_id]).fetchall())
    assert heard["risks"] == 1 and heard["options"] == 0
    assert store.self_score(attempt_id) == ({"goal_clarity": 4}, "typed while it refined")
    assert row.budget_format == "sixty"  # the attempt's own facts stay
