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


def _v4(db: sqlite3.Connection) -> None:
    """Mock interviews (storage/mock_sessions.py): a session — the plan, when it started, how it
    ended, a whole-interview self-score and notes — and a link from each of its answers, which are
    ordinary attempts, to the session: the phase, the order, and for a follow-up the main answer it
    follows and the question asked (with the rule and reason that chose it)."""
    db.executescript("""
        CREATE TABLE mock_sessions (
            id INTEGER PRIMARY KEY,
            format_key TEXT NOT NULL,            -- company key (amazon, google, ...) or 'custom-mock'
            format_name TEXT NOT NULL,
            seed INTEGER,                        -- the seed the questions were drawn with
            plan_json TEXT NOT NULL,             -- phases, budgets and questions (MockPlan.to_dict)
            started_at TEXT NOT NULL,            -- ISO 8601, UTC
            ended_at TEXT,                       -- finished or abandoned at; NULL while unfinished
            state TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (state IN ('in_progress', 'finished', 'abandoned')),
            self_score_json TEXT NOT NULL DEFAULT '{}',  -- whole interview: rubric dimension -> 1..5
            notes TEXT NOT NULL DEFAULT '',
            app_version TEXT NOT NULL
        );
        CREATE INDEX mock_sessions_started ON mock_sessions(started_at);
        CREATE TABLE mock_answers (
            attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
            session_id INTEGER NOT NULL REFERENCES mock_sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,           -- 1, 2, ... in the order answered
            phase_key TEXT NOT NULL,
            question_key TEXT NOT NULL,          -- the plan's question (for a follow-up: the one followed up)
            is_follow_up INTEGER NOT NULL DEFAULT 0,
            follow_up_of INTEGER REFERENCES attempts(id) ON DELETE SET NULL,  -- the main answer followed up
            follow_up_json TEXT,                 -- the follow-up answered: question, rule, reason
            follow_ups_json TEXT NOT NULL DEFAULT '[]',  -- main answers: the follow-ups chosen after it
            UNIQUE (session_id, position)
        );
    """)


# The content signals and suggested rubric scores of each answer, copied out of its feedback JSON.
# A signal's "checked" is missing from answers saved before it existed: every signal was checked then.
COPY_CONTENT = """
    INSERT OR REPLACE INTO attempt_signals (attempt_id, signal, present, checked)
        SELECT f.attempt_id, json_extract(s.value, '$.key'),
               coalesce(json_extract(s.value, '$.present'), 0) != 0,
               coalesce(json_extract(s.value, '$.checked'), 1) != 0
        FROM attempt_feedback f, json_each(f.feedback_json, '$.signals') s
        WHERE f.attempt_id IN ({ids}) AND json_type(s.value, '$.key') = 'text';
    INSERT OR REPLACE INTO attempt_suggestions (attempt_id, dimension, score)
        SELECT f.attempt_id, r.key, json_extract(r.value, '$.score')
        FROM attempt_feedback f, json_each(f.feedback_json, '$.rubric_suggestion') r
        WHERE f.attempt_id IN ({ids}) AND json_type(r.value, '$.score') = 'integer';
"""


def copy_content(db: sqlite3.Connection, attempt_ids: str = "SELECT attempt_id FROM attempt_feedback") -> None:
    """Fill attempt_signals and attempt_suggestions from the stored feedback of the attempts that
    `attempt_ids` (an SQL list or subquery) selects."""
    for statement in COPY_CONTENT.format(ids=attempt_ids).split(";"):
        if statement.strip():
            db.execute(statement)


def _v5(db: sqlite3.Connection) -> None:
    """The habits dashboard counts content signals and self-score gaps over every attempt. Reading
    them out of 10,000 feedback JSONs took about a second; these small tables, filled when an
    attempt is saved (and here from the feedback already stored), answer in milliseconds."""
    db.executescript("""
        CREATE TABLE attempt_signals (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            signal TEXT NOT NULL,                -- analysis.signals.SIGNAL_KEYS
            present INTEGER NOT NULL,
            checked INTEGER NOT NULL,            -- 0 when the signal does not apply to the prompt
            PRIMARY KEY (attempt_id, signal)
        ) WITHOUT ROWID;
        CREATE TABLE attempt_suggestions (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,             -- core.rubric.RUBRIC_KEYS
            score INTEGER NOT NULL,              -- the suggested 1..5
            PRIMARY KEY (attempt_id, dimension)
        ) WITHOUT ROWID;
    """)
    copy_content(db)


def filler_burst_rows(d: dict) -> list[tuple[int, str, float]]:
    """(burst number, trigger, start) for each trigger of each filler burst in a feedback dict."""
    clusters = ((d.get("pacing") or {}).get("fillers") or {}).get("clusters") or ()
    return [(n, trigger, c.get("start")) for n, c in enumerate(clusters) for trigger in c.get("triggers") or ()]


def _v6(db: sqlite3.Connection) -> None:
    """What set off each burst of fillers (analysis/pacing/filler_triggers.py), for the habits
    dashboard's "your fillers come ..." line, filled from the feedback already stored (answers
    analysed before bursts existed have none)."""
    db.executescript("""
        CREATE TABLE attempt_filler_bursts (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            burst INTEGER NOT NULL,              -- its place in the answer, from 0
            trigger TEXT NOT NULL,               -- filler_triggers.TRIGGER_TEXT keys
            start_s REAL,
            PRIMARY KEY (attempt_id, burst, trigger)
        ) WITHOUT ROWID;
        INSERT OR REPLACE INTO attempt_filler_bursts (attempt_id, burst, trigger, start_s)
            SELECT f.attempt_id, c.key, t.value, json_extract(c.value, '$.start')
            FROM attempt_feedback f, json_each(f.feedback_json, '$.pacing.fillers.clusters') c,
                 json_each(c.value, '$.triggers') t
            WHERE t.type = 'text';
    """)


def _v7(db: sqlite3.Connection) -> None:
    """Whether the answer was a story (its prompt's framework is C.A.R.E., guide 002), so the
    habits dashboard counts skipped steps, time to restate and jumping to options over plans only
    ("you skip scope in 71%" had counted stories coached on C.A.R.E.). Answers already stored take
    it from the framework their feedback names."""
    db.executescript("""
        ALTER TABLE attempts ADD COLUMN story INTEGER NOT NULL DEFAULT 0;   -- 1: coached on C.A.R.E.
        UPDATE attempts SET story = 1 WHERE id IN (
            SELECT attempt_id FROM attempt_feedback
            WHERE json_valid(feedback_json) AND json_extract(feedback_json, '$.prompt.framework') = 'care');
    """)


def _v8(db: sqlite3.Connection) -> None:
    """Calibration (issue 24): how the user rated an answer, 1 to 5, before seeing its feedback
    (NULL when they did not; answers already stored were never rated)."""
    if "first_impression" not in {row[1] for row in db.execute("PRAGMA table_info(attempts)")}:
        db.execute("ALTER TABLE attempts ADD COLUMN first_impression INTEGER")


def _v9(db: sqlite3.Connection) -> None:
    """Answer first (issue 24): whether a timed plan's first recommendation came after the halfway
    mark of its budget (1), by it (0), or was not judged (NULL: no recommendation heard, no times,
    no budget, a story or a focus drill), so the habits dashboard and the practice plan can count
    it. Answers already stored take it from their feedback where it says (answers analysed from
    session 14 on); older ones stay NULL."""
    if "call_late" not in {row[1] for row in db.execute("PRAGMA table_info(attempts)")}:
        db.execute("ALTER TABLE attempts ADD COLUMN call_late INTEGER")
    db.execute("""
        UPDATE attempts SET call_late = (
            SELECT json_extract(f.feedback_json, '$.recommendation.late') FROM attempt_feedback f
            WHERE f.attempt_id = attempts.id AND json_valid(f.feedback_json)
              AND json_type(f.feedback_json, '$.recommendation.late') IN ('true', 'false')
              AND NOT coalesce(json_extract(f.feedback_json, '$.story'), 0)
              AND coalesce(json_array_length(f.feedback_json, '$.focus'), 0) = 0)""")


def _v10(db: sqlite3.Connection) -> None:
    """Fillers written down (issue 22, Settings › Write down "um" and "uh"): 1 when the answer's
    transcript was made with Whisper asked to write fillers, so the habits dashboard compares
    filler rates only between answers transcribed the same way. Answers stored before: 0."""
    if "fillers_written" not in {row[1] for row in db.execute("PRAGMA table_info(attempts)")}:
        db.execute("ALTER TABLE attempts ADD COLUMN fillers_written INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9,
                                                                _v10)
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
