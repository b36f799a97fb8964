"""Save and read practice attempts: the feedback row in SQLite, the audio as FLAC beside it.

No orphan audio: a save takes the database's write lock before it writes a FLAC and removes the FLAC
if its row is not committed. A save killed half-way leaves a FLAC (or a `.flac.part`) no row refers
to; when a store opens, `_tidy_recordings` removes such `.part` files and moves such FLACs to
`recordings/unsaved/` (never deletes a recording), holding the same lock so a save in progress in
another window is never touched.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
from sqlite_utils import Database

from interviewer_app import __version__
from interviewer_app.analysis.feedback.answer import AnswerFeedback
from interviewer_app.analysis.feedback.view import feedback_view
from interviewer_app.core.errors import StorageError
from interviewer_app.core.models import plural
from interviewer_app.core.steps import STEP_KEYS
from interviewer_app.storage.database import OpenedDatabase, busy_timeout_s, storage_error
from interviewer_app.storage.migrations import filler_burst_rows

# FLACs save() writes (`_write_audio`); the recorder's own files are named recording-*.
_SAVED_AUDIO = re.compile(r"\d{8}-\d{6}-[0-9a-f]{8}\.flac(\.part)?")
UNSAVED_DIR = "unsaved"


def _nearly_full(folder: Path, needed: int) -> bool:
    """libsndfile reports a full disk only as "System error": check the free space ourselves."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < max(needed, 64 * 1024)
    except OSError:
        return False


def insert_row(conn: sqlite3.Connection, table: str, row: dict) -> int:
    """INSERT one row with the connection itself, so it joins the open transaction; returns its rowid."""
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    return conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())).lastrowid


def call_late(d: dict) -> int | None:
    """1 when a timed plan's first recommendation came after its budget's halfway mark, 0 when by
    it, None when not judged (analysis/structure/recommendation.py; stories and drills never)."""
    call = feedback_view(d).pacing.recommendation  # None for a story, a focus drill or silence
    return None if call is None or call.late is None else int(call.late)


def _analysis_columns(d: dict) -> dict:
    """The attempt's summary columns that come from its analysis (`AnswerFeedback.to_dict()`)."""
    pacing = d["pacing"]
    return {
        "model": d["model"],
        "duration_s": d["duration_s"],
        "transcript": d["transcript"],
        "steps_heard": d["steps_heard"],
        "missing_steps": json.dumps(d["missing_steps"]),
        "jumped_to_options": int(d["jumped_to_options"]),
        "story": int(bool(d.get("story"))),
        "call_late": call_late(d),
        "wpm": pacing["wpm"],
        "think_time_s": pacing["think_time_s"],
        "filler_count": pacing["fillers"]["count"],
        "fillers_written": int(bool(d.get("fillers_written"))),
        "overtime_s": pacing["overtime_s"],
        "over_budget": None if pacing["over_budget"] is None else int(pacing["over_budget"]),
        "over_at_step": pacing["over_at_step"],
        "time_to_restate_s": pacing["time_to_restate_s"],
        "speaking_s": pacing["speaking_s"],
        "app_version": __version__,
    }


def _write_content(conn: sqlite3.Connection, attempt_id: int, d: dict) -> None:
    """An answer's content signals and suggested rubric scores, in the tables the habits dashboard
    counts (schema v5; its filler bursts, v6), replacing any from an earlier analysis of it."""
    conn.execute("DELETE FROM attempt_signals WHERE attempt_id = ?", [attempt_id])
    conn.execute("DELETE FROM attempt_suggestions WHERE attempt_id = ?", [attempt_id])
    conn.execute("DELETE FROM attempt_filler_bursts WHERE attempt_id = ?", [attempt_id])
    conn.executemany("INSERT INTO attempt_filler_bursts (attempt_id, burst, trigger, start_s) VALUES (?, ?, ?, ?)",
                     [(attempt_id, *row) for row in filler_burst_rows(d)])
    conn.executemany("INSERT INTO attempt_signals (attempt_id, signal, present, checked) VALUES (?, ?, ?, ?)",
                     [(attempt_id, s["key"], int(bool(s["present"])), int(bool(s.get("checked", True))))
                      for s in d.get("signals", ())])
    conn.executemany("INSERT INTO attempt_suggestions (attempt_id, dimension, score) VALUES (?, ?, ?)",
                     [(attempt_id, k, v["score"]) for k, v in (d.get("rubric_suggestion") or {}).items()
                      if isinstance(v, dict) and isinstance(v.get("score"), int)])


def _locked(method):
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


def _rollback(conn: sqlite3.Connection) -> None:
    """End a transaction a failure left open (a failed COMMIT may keep it), ignoring errors."""
    try:
        if conn.in_transaction:
            conn.rollback()
    except sqlite3.Error:
        pass


class AttemptStore:
    def __init__(self, opened: OpenedDatabase, recordings_dir: Path):
        self.opened = opened
        self.db = opened.db
        self.recordings_dir = recordings_dir
        self._lock = threading.RLock()  # one connection, used from the UI thread and workers
        self._tidy_recordings()

    # -- the one way other stores (history, mock sessions) use the shared connection -------------
    @contextmanager
    def locked(self) -> Iterator[Database]:
        """Hold the connection (shared by every worker) for the block: its statements see one
        state. Blocks nest."""
        with self._lock:
            yield self.db

    @contextmanager
    def transaction(self, outcome: str = "nothing was changed") -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: nobody writes between its reads and its
        writes), committed at the end of the block and rolled back on any error. A busy, full or
        read-only database becomes one StorageError naming the file and `outcome` (what the
        failed operation left as it was)."""
        with self._lock:
            conn = self.db.conn
            try:
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    yield conn
            except sqlite3.Error as exc:
                _rollback(conn)
                raise storage_error(exc, self.opened.path, outcome) from None
            except BaseException:
                _rollback(conn)
                raise

    def read(self, sql: str, params=()) -> list[tuple]:
        """All rows of one query, under the lock."""
        with self._lock:
            return self.db.execute(sql, params).fetchall()

    @_locked
    def save(self, feedback: AnswerFeedback, *, source_path: Path | None = None,
             samples: np.ndarray | None = None, sample_rate: int = 16_000,
             created_at: datetime | None = None, link: Callable[[int], None] | None = None) -> int:
        """Store one attempt; the audio (if given) is written first so a row never points nowhere,
        and removed again if the row cannot be stored. A recording already in our recordings folder
        is referenced, not copied (and never removed). `link(attempt_id)` runs inside the same
        transaction (a mock session links the answer to itself there, so an answer is never kept
        half-linked)."""
        d = feedback.to_dict()
        budget = feedback.budget
        row = {
            "created_at": (created_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
            "prompt_id": feedback.prompt.id if feedback.prompt else None,
            "prompt_text": feedback.prompt.text if feedback.prompt else None,
            "prompt_category": feedback.prompt.category if feedback.prompt else None,
            "budget_format": budget.format_key if budget else None,
            "budget_phase": budget.phase_key if budget else None,
            "budget_s": budget.seconds if budget else None,
            # a file name that is not UTF-8 (bytes kept as surrogates) is stored with U+FFFD for them
            "source_path": os.fsencode(source_path).decode("utf-8", "replace") if source_path else None,
            "audio_path": None,
            **_analysis_columns(d),
        }
        written: Path | None = None  # the FLAC this save wrote, removed unless the row is kept
        conn = self.db.conn
        try:
            # One transaction, with plain sqlite3 statements: sqlite-utils' insert() commits on its
            # own, which would keep an attempt without its feedback if the next insert failed.
            # The write lock is taken before the audio is written (see _tidy_recordings).
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                if source_path is not None and Path(source_path).resolve().parent == self.recordings_dir.resolve():
                    row["audio_path"] = str(Path(source_path).resolve().relative_to(self.recordings_dir.parent.resolve()))
                elif samples is not None and samples.size:
                    written = self._write_audio(samples, sample_rate)
                    row["audio_path"] = str(written.relative_to(self.recordings_dir.parent))
                attempt_id = insert_row(conn, "attempts", row)
                insert_row(conn, "attempt_feedback", {"attempt_id": attempt_id, "feedback_json": json.dumps(d)})
                conn.executemany("INSERT INTO attempt_steps (attempt_id, step, heard, first_s) VALUES (?, ?, ?, ?)",
                                 [(attempt_id, k, int(d["steps"][k]["heard"]), d["steps"][k]["first_s"])
                                  for k in STEP_KEYS])
                _write_content(conn, attempt_id, d)
                if link is not None:
                    link(attempt_id)
        except BaseException as exc:
            _rollback(conn)
            if written is not None:
                try:
                    written.unlink(missing_ok=True)
                except OSError:  # cannot happen where the FLAC was just written; never hide exc
                    pass
            if isinstance(exc, sqlite3.OperationalError):  # busy, full, read-only: the user can act
                raise storage_error(exc, self.opened.path, "this answer was not saved") from None
            raise
        return attempt_id

    @_locked
    def replace_feedback(self, attempt_id: int, feedback: AnswerFeedback, extra: dict | None = None) -> None:
        """Swap in a new analysis of the same answer (the full pass after a live answer, or the
        user's corrected transcript): the summary columns, the feedback and the steps change;
        audio, prompt, date and self-score stay. `extra` is added to the feedback JSON."""
        d = {**feedback.to_dict(), **(extra or {})}
        columns = _analysis_columns(d)
        try:
            with self.db.conn as conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(f"UPDATE attempts SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                             [*columns.values(), attempt_id])
                conn.execute("UPDATE attempt_feedback SET feedback_json = ? WHERE attempt_id = ?",
                             (json.dumps(d), attempt_id))
                conn.executemany("UPDATE attempt_steps SET heard = ?, first_s = ? WHERE attempt_id = ? AND step = ?",
                                 [(int(d["steps"][k]["heard"]), d["steps"][k]["first_s"], attempt_id, k)
                                  for k in STEP_KEYS])
                _write_content(conn, attempt_id, d)
        except sqlite3.OperationalError as exc:
            _rollback(self.db.conn)
            raise storage_error(exc, self.opened.path, "the earlier analysis is kept") from None

    def _write_audio(self, samples: np.ndarray, sample_rate: int) -> Path:
        import soundfile as sf

        try:
            self.recordings_dir.mkdir(parents=True, exist_ok=True)
            name = f"{datetime.now(timezone.utc):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.flac"
            final = self.recordings_dir / name
            tmp = final.with_suffix(".flac.part")
            sf.write(tmp, samples, sample_rate, format="FLAC", subtype="PCM_16")
            os.replace(tmp, final)
        except (OSError, RuntimeError) as exc:
            if "tmp" in locals():
                try:
                    tmp.unlink(missing_ok=True)  # no half-written file left behind
                except OSError:
                    pass  # a read-only folder (EROFS even for a missing file) holds none
            if getattr(exc, "errno", None) == errno.EROFS or (self.recordings_dir.is_dir() and
                                                               not os.access(self.recordings_dir, os.W_OK)):
                raise StorageError(f"cannot save the recording: {self.recordings_dir} is read-only; set "
                                   "INTERVIEWER_DATA_DIR to a folder you can write to") from None
            if getattr(exc, "errno", None) == errno.ENOSPC or "space" in str(exc).lower() \
                    or _nearly_full(self.recordings_dir, needed=samples.size * 2):
                raise StorageError(f"the disk holding {self.recordings_dir} is full; free some space "
                                   "and save again (your original audio file is untouched)") from None
            raise StorageError(f"cannot save the recording in {self.recordings_dir} ({exc}); set "
                               "INTERVIEWER_DATA_DIR to a folder you can write to") from None
        return final

    def _tidy_recordings(self) -> None:
        """Clear what killed saves left: their `.flac.part` files are removed (half a copy of audio
        whose source is elsewhere) and their FLACs no attempt refers to are moved to
        `recordings/unsaved/` with a notice (a recording is never deleted). Only while holding the
        write lock, without waiting for it: every save holds it from before its audio is written
        until its row is committed, so nothing of a save in progress elsewhere looks orphaned; when
        another program has it, tidying waits for the next start. The recorder's files
        (recording-*.pcm/.json/.flac.part, which recover_partial_recordings turns into FLAC, and
        recording-*.flac kept by --no-save or a failed save) and files of the user's own are never
        touched."""
        try:
            ours = [p for p in self.recordings_dir.iterdir() if _SAVED_AUDIO.fullmatch(p.name)]
        except OSError:  # no recordings folder yet, or unreadable: nothing of ours to tidy
            return
        if not ours:
            return
        conn = self.db.conn
        moved: list[Path] = []
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("BEGIN IMMEDIATE")
            kept = {self.recordings_dir.parent / p for (p,) in conn.execute(
                "SELECT audio_path FROM attempts WHERE audio_path IS NOT NULL")}
        except sqlite3.Error:  # busy (a save may be under way) or read-only: next time
            kept = None
        try:
            for path in ours if kept is not None else ():
                try:
                    if path.name.endswith(".part"):
                        path.unlink()
                    elif path not in kept:
                        unsaved = self.recordings_dir / UNSAVED_DIR
                        unsaved.mkdir(exist_ok=True)
                        os.rename(path, unsaved / path.name)
                        moved.append(unsaved / path.name)
                except OSError:  # read-only, or gone meanwhile: leave it
                    continue
        finally:
            _rollback(conn)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s() * 1000)}")
        if moved:
            self.opened.notices.append(
                f"{plural(len(moved), 'recording')} from a save that did not finish "
                f"{'was' if len(moved) == 1 else 'were'} moved to {moved[0].parent}; analyze one with "
                "`interviewer-app analyze FILE --save` to keep it in your history, or delete it")

    @_locked
    def set_first_impression(self, attempt_id: int, rating: int | None) -> None:
        """How the user rated the answer (1-5) before seeing its feedback; None clears it."""
        if rating is not None and not 1 <= int(rating) <= 5:
            raise ValueError(f"a first impression is 1 to 5, got {rating}")
        self._require(attempt_id)
        try:
            with self.db.conn:
                self.db.execute("UPDATE attempts SET first_impression = ? WHERE id = ?",
                                [None if rating is None else int(rating), attempt_id])
        except sqlite3.OperationalError as exc:
            raise storage_error(exc, self.opened.path) from None

    @_locked
    def set_self_score(self, attempt_id: int, scores: dict[str, int | None], notes: str = "") -> None:
        """Replace the attempt's self-scores (unscored dimensions are left out) and notes."""
        from interviewer_app.core.rubric import RUBRIC_KEYS

        unknown = set(scores) - set(RUBRIC_KEYS)
        if unknown:
            raise ValueError(f"unknown rubric dimensions: {sorted(unknown)}")
        self._require(attempt_id)
        try:
            with self.db.conn:
                self.db.execute("DELETE FROM attempt_scores WHERE attempt_id = ?", [attempt_id])
                self.db["attempt_scores"].insert_all(
                    {"attempt_id": attempt_id, "dimension": k, "score": int(v)}
                    for k, v in scores.items() if v is not None)
                self.db.execute("UPDATE attempts SET notes = ? WHERE id = ?", [notes, attempt_id])
        except sqlite3.OperationalError as exc:
            raise storage_error(exc, self.opened.path) from None

    @_locked
    def self_score(self, attempt_id: int) -> tuple[dict[str, int], str]:
        self._require(attempt_id)
        scores = dict(self.db.execute("SELECT dimension, score FROM attempt_scores WHERE attempt_id = ?",
                                      [attempt_id]).fetchall())
        notes = self.db.execute("SELECT notes FROM attempts WHERE id = ?", [attempt_id]).fetchone()[0]
        return scores, notes

    def _require(self, attempt_id: int) -> None:
        if self.db.execute("SELECT 1 FROM attempts WHERE id = ?", [attempt_id]).fetchone() is None:
            raise StorageError(f"no attempt with id {attempt_id}")

    @_locked
    def audio_file(self, attempt_id: int) -> Path | None:
        """The attempt's recording on disk, or None when it has none (typed answer, or removed)."""
        row = self.db.execute("SELECT audio_path FROM attempts WHERE id = ?", [attempt_id]).fetchone()
        if row is None or not row[0]:
            return None
        path = self.recordings_dir.parent / row[0]
        return path if path.exists() else None

    @_locked
    def feedback_json(self, attempt_id: int) -> dict:
        row = self.db.execute("SELECT feedback_json FROM attempt_feedback WHERE attempt_id = ?",
                              [attempt_id]).fetchone()
        if row is None:
            raise StorageError(f"no attempt with id {attempt_id}")
        return json.loads(row[0])
