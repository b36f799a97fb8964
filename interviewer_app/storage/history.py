"""Every kept attempt, filtered and sorted for the history view and `interviewer-app history`;
delete to a trash that can be undone, and empty the trash (audio files included) later."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from interviewer_app.core.errors import StorageError
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import storage_error

SORTABLE = ("created_at", "prompt_id", "duration_s", "overtime_s", "steps_heard", "wpm", "self_score")
TRASH_DAYS = 30


@dataclass(frozen=True)
class HistoryFilter:
    since: date | None = None
    until: date | None = None
    prompt_id: str | None = None
    category: str | None = None
    company: str | None = None  # budget format key: amazon, google, ..., practice, custom
    phase: str | None = None
    over_budget_only: bool = False
    text: str | None = None  # searched in transcripts and prompt texts
    in_trash: bool = False
    sort: str = "created_at"
    descending: bool = True
    limit: int | None = None


@dataclass(slots=True)
class AttemptSummary:
    id: int
    created_at: str
    prompt_id: str | None
    prompt_text: str | None
    category: str | None
    budget_format: str | None
    budget_phase: str | None
    budget_s: float | None
    duration_s: float | None
    speaking_s: float | None
    overtime_s: float | None
    over_budget: bool | None
    over_at_step: str | None
    steps_heard: int
    missing_steps: tuple[str, ...] = ()
    jumped_to_options: bool = False
    wpm: float | None = None
    filler_count: int | None = None
    think_time_s: float | None = None
    time_to_restate_s: float | None = None
    self_score: float | None = None  # mean of the dimensions scored
    audio_path: str | None = None
    deleted_at: str | None = None
    story: bool = False  # coached on C.A.R.E., not the 8 steps (schema v7)
    first_impression: int | None = None  # rated 1-5 before the feedback was shown (schema v8)
    call_late: bool | None = None  # a timed plan's first call after the budget's halfway mark (schema v9)
    fillers_written: bool = False  # transcribed with Whisper asked to write fillers down (schema v10)

    def to_dict(self) -> dict:
        d = {name: getattr(self, name) for name in _FIELDS}
        d["missing_steps"] = list(self.missing_steps)
        return d


_FIELDS = tuple(f.name for f in fields(AttemptSummary))
_COLUMNS = ("a.id, a.created_at, a.prompt_id, a.prompt_text, a.prompt_category, a.budget_format, "
            "a.budget_phase, a.budget_s, a.duration_s, a.speaking_s, a.overtime_s, a.over_budget, "
            "a.over_at_step, a.steps_heard, a.missing_steps, a.jumped_to_options, a.wpm, "
            "a.filler_count, a.think_time_s, a.time_to_restate_s, s.score, a.audio_path, a.deleted_at, a.story, a.first_impression, "
            "a.call_late, a.fillers_written")


def query(store: AttemptStore, f: HistoryFilter = HistoryFilter()) -> list[AttemptSummary]:
    where, params = ["a.deleted_at IS NOT NULL" if f.in_trash else "a.deleted_at IS NULL"], []
    if f.since:
        where.append("a.created_at >= ?")
        params.append(_utc_start_of(f.since))
    if f.until:
        where.append("a.created_at < ?")
        params.append(_utc_start_of(f.until + timedelta(days=1)))
    for column, value in (("a.prompt_id", f.prompt_id), ("a.prompt_category", f.category),
                          ("a.budget_format", f.company), ("a.budget_phase", f.phase)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if f.over_budget_only:
        where.append("a.over_budget = 1")
    if f.text:
        where.append("(a.transcript LIKE ? OR a.prompt_text LIKE ?)")
        params += [f"%{f.text}%"] * 2
    if f.sort not in SORTABLE:
        raise ValueError(f"cannot sort by {f.sort}; use one of {SORTABLE}")
    order = "s.score" if f.sort == "self_score" else f"a.{f.sort}"
    sql = (f"SELECT {_COLUMNS} FROM attempts a LEFT JOIN "
           "(SELECT attempt_id, AVG(score) AS score FROM attempt_scores GROUP BY attempt_id) s "
           "ON s.attempt_id = a.id WHERE " + " AND ".join(where) +
           f" ORDER BY {order} {'DESC' if f.descending else 'ASC'}, a.id {'DESC' if f.descending else 'ASC'}")
    if f.limit:
        sql += f" LIMIT {int(f.limit)}"
    rows = store.read(sql, params)
    return [AttemptSummary(
        id=r[0], created_at=r[1], prompt_id=r[2], prompt_text=r[3], category=r[4], budget_format=r[5],
        budget_phase=r[6], budget_s=r[7], duration_s=r[8], speaking_s=r[9], overtime_s=r[10],
        over_budget=None if r[11] is None else bool(r[11]), over_at_step=r[12], steps_heard=r[13],
        missing_steps=_steps(r[14]), jumped_to_options=bool(r[15]), wpm=r[16],
        filler_count=r[17], think_time_s=r[18], time_to_restate_s=r[19],
        self_score=None if r[20] is None else round(r[20], 2), audio_path=r[21], deleted_at=r[22],
        story=bool(r[23]), first_impression=r[24], call_late=None if r[25] is None else bool(r[25]),
        fillers_written=bool(r[26]))
        for r in rows]


def _utc_start_of(day: date) -> str:
    """Midnight of a day on the user's clock, as the UTC timestamp attempts are stored with."""
    local_midnight = datetime.combine(day, datetime.min.time()).astimezone()
    return local_midnight.astimezone(timezone.utc).isoformat(timespec="seconds")


@lru_cache(maxsize=512)
def _steps(stored: str | None) -> tuple[str, ...]:
    """Missing steps as stored (a JSON list); only 2^8 combinations exist, so parse each once."""
    return tuple(json.loads(stored or "[]"))


def move_to_trash(store: AttemptStore, attempt_ids: int | Iterable[int]) -> list[int]:
    """Hide attempts; they and their audio stay until the trash is emptied, so it can be undone.
    All or nothing: if any id is unknown, none moves. Returns the ids moved, each once, in the
    order given (those already in the trash keep their date and are left out)."""
    return _set_deleted(store, attempt_ids, datetime.now(timezone.utc).isoformat(timespec="seconds"))


def restore(store: AttemptStore, attempt_ids: int | Iterable[int], *, skip_missing: bool = False) -> list[int]:
    """Bring attempts back from the trash, all or nothing; returns the ids restored (those not in
    the trash are left out). `skip_missing` (an undo) passes over ids no longer stored at all."""
    return _set_deleted(store, attempt_ids, None, skip_missing=skip_missing)


def empty_trash(store: AttemptStore, older_than_days: float = TRASH_DAYS) -> int:
    """Delete attempts in the trash for longer than the given days, with their audio files."""
    cutoff = (datetime.now(timezone.utc) - timedelta(days=older_than_days)).isoformat(timespec="seconds")
    with store.locked():
        try:
            rows = store.read("SELECT id, audio_path FROM attempts WHERE deleted_at IS NOT NULL "
                              "AND deleted_at <= ?", [cutoff])
        except sqlite3.Error as exc:
            raise storage_error(exc, store.opened.path, "the trash was not emptied") from None
        for attempt_id, audio in rows:
            if audio:
                (store.recordings_dir.parent / audio).unlink(missing_ok=True)
            with store.transaction("the trash was not emptied") as conn:
                for table, column in (("attempt_scores", "attempt_id"), ("attempt_steps", "attempt_id"),
                                      ("attempt_feedback", "attempt_id"), ("attempts", "id")):
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", [attempt_id])
    return len(rows)


def _set_deleted(store: AttemptStore, attempt_ids: int | Iterable[int], value: str | None,
                 *, skip_missing: bool = False) -> list[int]:
    """Set deleted_at of every attempt not already so, in one transaction, after checking them all."""
    ids = list(dict.fromkeys([attempt_ids] if isinstance(attempt_ids, int) else attempt_ids))
    outcome = "nothing was deleted" if value else "nothing was restored"
    with store.transaction(outcome) as conn:  # nobody changes them between the check and the update
        trashed = {}
        for attempt_id in ids:
            row = conn.execute("SELECT deleted_at FROM attempts WHERE id = ?", [attempt_id]).fetchone()
            if row is not None:
                trashed[attempt_id] = row[0] is not None
        missing = [i for i in ids if i not in trashed]
        if skip_missing:
            ids, missing = [i for i in ids if i in trashed], []
        if missing:
            which = (f"no attempt with id {missing[0]}" if len(missing) == 1 else
                     f"no attempts with ids {', '.join(map(str, sorted(missing)))}")
            raise StorageError(f"{which}; {outcome}")
        changing = [i for i in ids if trashed[i] != (value is not None)]
        conn.executemany("UPDATE attempts SET deleted_at = ? WHERE id = ?",
                         [(value, i) for i in changing])
    return changing


def parse_day(text: str) -> date:
    from interviewer_app.core.errors import UsageError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01") from None


def scores_for(store: AttemptStore) -> dict[int, dict[str, int]]:
    """Self-scores of every kept attempt: attempt id -> rubric dimension -> 1..5."""
    out: dict[int, dict[str, int]] = {}
    rows = store.read("SELECT s.attempt_id, s.dimension, s.score FROM attempt_scores s "
                      "JOIN attempts a ON a.id = s.attempt_id WHERE a.deleted_at IS NULL")
    for attempt_id, dim, score in rows:
        out.setdefault(attempt_id, {})[dim] = score
    return out


def suggestions_for(store: AttemptStore) -> dict[int, dict[str, int]]:
    """Suggested rubric scores of every kept attempt that has a self-score: attempt id ->
    dimension -> 1..5 (attempts saved before suggestions existed have none and are left out)."""
    rows = store.read(
        "SELECT g.attempt_id, g.dimension, g.score FROM attempt_suggestions g "
        "JOIN attempts a ON a.id = g.attempt_id WHERE a.deleted_at IS NULL "
        "AND g.attempt_id IN (SELECT attempt_id FROM attempt_scores)")
    out: dict[int, dict[str, int]] = {}
    for attempt_id, dim, score in rows:
        out.setdefault(attempt_id, {})[dim] = score
    return out


def signals_for(store: AttemptStore) -> dict[int, dict[str, tuple[bool, bool]]]:
    """Content signals of every kept attempt: attempt id -> signal key -> (present, checked)
    (attempts saved before signals existed have none and are left out)."""
    rows = store.read(
        "SELECT s.attempt_id, s.signal, s.present, s.checked FROM attempt_signals s "
        "JOIN attempts a ON a.id = s.attempt_id WHERE a.deleted_at IS NULL")
    out: dict[int, dict[str, tuple[bool, bool]]] = {}
    for attempt_id, key, present, checked in rows:
        out.setdefault(attempt_id, {})[key] = (bool(present), bool(checked))
    return out


def filler_bursts_for(store: AttemptStore) -> dict[int, list[tuple[str, ...]]]:
    """What set off each filler burst of every kept attempt: attempt id -> one tuple of trigger
    keys per burst (bursts in order, keys sorted; attempts analysed before bursts existed have
    none and are left out)."""
    rows = store.read(
        "SELECT b.attempt_id, b.burst, b.trigger FROM attempt_filler_bursts b "
        "JOIN attempts a ON a.id = b.attempt_id WHERE a.deleted_at IS NULL ORDER BY b.attempt_id, b.burst, b.trigger")
    grouped: dict[tuple[int, int], list[str]] = {}
    for attempt_id, burst, trigger in rows:
        grouped.setdefault((attempt_id, burst), []).append(trigger)
    out: dict[int, list[tuple[str, ...]]] = {}
    for (attempt_id, _burst), triggers in grouped.items():
        out.setdefault(attempt_id, []).append(tuple(triggers))
    return out
