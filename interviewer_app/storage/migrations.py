"""The schema, as an ordered list of migrations. The database's PRAGMA user_version says how many
have run; each runs once, in a transaction. Never edit a released migration: add a new one."""

from __future__ import annotations

import sqlite3
from typing import Callable


def _v1(db: sqlite3.Connection) -> None:
    db.executescript("""
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,            -- ISO 8601, UTC
            prompt_id TEXT,
            prompt_text TEXT,
            budget_format TEXT,                  -- company or drill key, or 'custom'
            budget_phase TEXT,
            budget_s REAL,
            source_path TEXT,                    -- the file the user analysed, as given
            audio_path TEXT,                     -- our FLAC copy, relative to the data folder
            model TEXT,
            duration_s REAL,
            transcript TEXT NOT NULL DEFAULT '',
            steps_heard INTEGER NOT NULL DEFAULT 0,
            missing_steps TEXT NOT NULL DEFAULT '[]',   -- JSON list of step keys
            jumped_to_options INTEGER NOT NULL DEFAULT 0,
            wpm REAL,
            think_time_s REAL,
            filler_count INTEGER,
            overtime_s REAL,
            over_budget INTEGER,
            over_at_step TEXT,
            feedback_json TEXT NOT NULL,         -- the full result, as `analyze --json` prints it
            app_version TEXT NOT NULL
        );
        CREATE INDEX attempts_created ON attempts(created_at);
        CREATE INDEX attempts_prompt ON attempts(prompt_id);
        CREATE TABLE attempt_steps (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            heard INTEGER NOT NULL,
            first_s REAL,
            PRIMARY KEY (attempt_id, step)
        );
    """)


def _v2(db: sqlite3.Connection) -> None:
    """Self-scores on the seven rubric dimensions (guide 000) and free notes per attempt."""
    db.executescript("""
        ALTER TABLE attempts ADD COLUMN notes TEXT NOT NULL DEFAULT '';
        CREATE TABLE attempt_scores (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,
            score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
            PRIMARY KEY (attempt_id, dimension)
        );
    """)


def _v3(db: sqlite3.Connection) -> None:
    """History and habits: a trash (soft delete), the prompt's category, the pacing figures the
    dashboard charts (copied out of the feedback JSON), and the bulky feedback JSON moved to its
    own table so listing 10,000 attempts does not read every transcript's word timings."""
    db.executescript("""
        ALTER TABLE attempts ADD COLUMN deleted_at TEXT;          -- in the trash since; NULL = kept
        ALTER TABLE attempts ADD COLUMN prompt_category TEXT;
        ALTER TABLE attempts ADD COLUMN time_to_restate_s REAL;
        ALTER TABLE attempts ADD COLUMN speaking_s REAL;
        UPDATE attempts SET
            time_to_restate_s = json_extract(feedback_json, '$.pacing.time_to_restate_s'),
            speaking_s = json_extract(feedback_json, '$.pacing.speaking_s');
        CREATE TABLE attempt_feedback (
            attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
            feedback_json TEXT NOT NULL          -- the full result, as `analyze --json` prints it
        );
        INSERT INTO attempt_feedback (attempt_id, feedback_json) SELECT id, feedback_json FROM attempts;
        ALTER TABLE attempts DROP COLUMN feedback_json;
        CREATE INDEX attempts_budget ON attempts(budget_format, budget_phase);
        CREATE INDEX attempts_deleted ON attempts(deleted_at);
    """)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION; returns the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(start, SCHEMA_VERSION):
        with conn:
            conn.execute("BEGIN")
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return start
