"""Mock interview sessions in the history database (schema version 4, migrations.py).

Crash-safe by construction: every answer is saved the moment it is analysed, as an ordinary attempt
(so it shows in history and habits like any other) linked to its session in the same transaction.
A session is `in_progress` until it is finished (with an optional whole-interview self-score and
notes) or abandoned; a session left `in_progress` — the app or terminal closed mid-mock — is
reported as "unfinished", with every answer it kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from interviewer_app import __version__
from interviewer_app.analysis.habits.mock_phases import PhaseTime
from interviewer_app.core.errors import StorageError
from interviewer_app.core.rubric import RUBRIC_KEYS
from interviewer_app.mock.plan import MockAnswer, MockPlan
from interviewer_app.storage.attempts import AttemptStore, insert_row

IN_PROGRESS, FINISHED, ABANDONED = "in_progress", "finished", "abandoned"
UNFINISHED = "unfinished"  # how an in-progress session is reported: it may have been cut short


def _now(at: datetime | None = None) -> str:
    return (at or datetime.now(timezone.utc)).isoformat(timespec="seconds")


def status_of(state: str) -> str:
    return UNFINISHED if state == IN_PROGRESS else state


@dataclass
class MockSessionSummary:
    id: int
    format_key: str
    format_name: str
    started_at: str
    ended_at: str | None
    state: str
    answers: int
    follow_up_answers: int
    recorded_s: float | None
    self_score: float | None  # mean of the dimensions scored
    notes: str

    @property
    def status(self) -> str:
        return status_of(self.state)

    def to_dict(self) -> dict:
        return {**self.__dict__, "status": self.status}


@dataclass
class MockSession:
    id: int
    plan: MockPlan
    started_at: str
    ended_at: str | None
    state: str
    self_score: dict[str, int] = field(default_factory=dict)
    notes: str = ""
    answers: list[MockAnswer] = field(default_factory=list)

    @property
    def status(self) -> str:
        return status_of(self.state)


class MockSessionStore:
    """Sessions on top of an AttemptStore (same database, same lock)."""

    def __init__(self, store: AttemptStore):
        self.store = store
        self.db = store.db

    def create(self, plan: MockPlan, started_at: datetime | None = None) -> int:
        row = {"format_key": plan.format_key, "format_name": plan.format_name, "seed": plan.seed,
               "plan_json": json.dumps(plan.to_dict()), "started_at": _now(started_at),
               "state": IN_PROGRESS, "app_version": __version__}
        with self.store.transaction("the mock interview was not started") as conn:
            return insert_row(conn, "mock_sessions", row)

    def add_answer(self, session_id: int, feedback, *, phase_key: str, question_key: str,
                   follow_ups: list[dict] | tuple = (), follow_up: dict | None = None,
                   follow_up_of: int | None = None, source_path: Path | None = None,
                   samples: np.ndarray | None = None, created_at: datetime | None = None) -> int:
        """Save one answer as an attempt, linked to the session, in one transaction; returns the
        attempt id. `follow_up_of` is the attempt id of the main answer a follow-up answers;
        `follow_up` the follow-up asked (FollowUp.to_dict()); `follow_ups` what the rules chose
        after a main answer."""
        with self.store.locked():
            self._require_open(session_id)
            if (follow_up is None) != (follow_up_of is None):
                raise ValueError("a follow-up answer needs both follow_up and follow_up_of")
            if follow_up_of is not None and self._link_row(session_id, follow_up_of) is None:
                raise StorageError(f"attempt {follow_up_of} is not an answer of mock session {session_id}")

            def link(attempt_id: int) -> None:
                position = self.db.conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM mock_answers "
                                           "WHERE session_id = ?", [session_id]).fetchone()[0]
                insert_row(self.db.conn, "mock_answers", {
                    "attempt_id": attempt_id, "session_id": session_id, "position": position,
                    "phase_key": phase_key, "question_key": question_key,
                    "is_follow_up": int(follow_up is not None), "follow_up_of": follow_up_of,
                    "follow_up_json": None if follow_up is None else json.dumps(follow_up),
                    "follow_ups_json": json.dumps(list(follow_ups))})

            return self.store.save(feedback, source_path=source_path, samples=samples,
                                   created_at=created_at, link=link)

    def keep(self, session_id: int, answer: MockAnswer, feedback, *, source_path: Path | None = None,
             samples: np.ndarray | None = None) -> int:
        """Save an answer of a MockInterview (mock/interview.py) as soon as it is recorded — the attempt
        and its link, a follow-up linked to its main answer — and set its attempt_id. Keep every
        answer of the run, in order, so the stored positions are the run's."""
        with self.store.locked():
            self._require_open(session_id)
            follow_up_of = None
            if answer.follow_up_of is not None:
                row = self.db.execute("SELECT attempt_id FROM mock_answers WHERE session_id = ? AND position = ?",
                                      [session_id, answer.follow_up_of]).fetchone()
                if row is None:
                    raise StorageError(f"answer {answer.follow_up_of} of mock session {session_id} is not "
                                       "kept; keep the main answer before its follow-ups")
                follow_up_of = row[0]
            kept = self.db.execute("SELECT COUNT(*) FROM mock_answers WHERE session_id = ?", [session_id]).fetchone()[0]
            if kept + 1 != answer.position:
                raise StorageError(f"mock session {session_id} keeps {kept} answer(s); answer {answer.position} "
                                   "is out of order")
            answer.attempt_id = self.add_answer(
                session_id, feedback, phase_key=answer.phase_key, question_key=answer.question_key,
                follow_ups=answer.follow_ups, follow_up=answer.follow_up, follow_up_of=follow_up_of,
                source_path=source_path, samples=samples)
        return answer.attempt_id

    def finish(self, session_id: int, self_score: dict[str, int | None] | None = None,
               notes: str | None = None, ended_at: datetime | None = None) -> None:
        self._end(session_id, FINISHED, ended_at)
        if self_score is not None or notes is not None:
            self.set_self_score(session_id, self_score or {}, notes)

    def abandon(self, session_id: int, notes: str | None = None, ended_at: datetime | None = None) -> None:
        """Stop a session without finishing it; its answers stay kept."""
        self._end(session_id, ABANDONED, ended_at)
        if notes is not None:
            self.set_self_score(session_id, self.get(session_id).self_score, notes)

    def set_self_score(self, session_id: int, scores: dict[str, int | None], notes: str | None = None) -> None:
        """The whole interview's self-score (rubric dimension -> 1..5; None leaves a dimension out)
        and notes (None keeps the notes)."""
        unknown = set(scores) - set(RUBRIC_KEYS)
        if unknown:
            raise ValueError(f"unknown rubric dimensions: {sorted(unknown)}")
        bad = {k: v for k, v in scores.items() if v is not None and not (isinstance(v, int) and 1 <= v <= 5)}
        if bad:
            raise ValueError(f"scores must be whole numbers from 1 to 5: {bad}")
        kept = {k: int(v) for k, v in scores.items() if v is not None}
        with self.store.locked():
            self._require(session_id)
            with self.store.transaction("the score was not saved") as conn:
                conn.execute("UPDATE mock_sessions SET self_score_json = ? WHERE id = ?",
                             [json.dumps(kept), session_id])
                if notes is not None:
                    conn.execute("UPDATE mock_sessions SET notes = ? WHERE id = ?", [notes, session_id])

    def get(self, session_id: int) -> MockSession:
        """The session with its kept answers in order (answers moved to the trash are left out)."""
        with self.store.locked():
            row = self._require(session_id)
            rows = self.db.execute(
                "SELECT m.attempt_id, m.position, m.phase_key, m.question_key, m.follow_up_of, "
                "m.follow_up_json, m.follow_ups_json, a.prompt_text, a.source_path, a.created_at, "
                "f.feedback_json FROM mock_answers m JOIN attempts a ON a.id = m.attempt_id "
                "JOIN attempt_feedback f ON f.attempt_id = m.attempt_id "
                "WHERE m.session_id = ? AND a.deleted_at IS NULL ORDER BY m.position",
                [session_id]).fetchall()
        positions = {r[0]: r[1] for r in rows}
        answers = [MockAnswer(position=r[1], phase_key=r[2], question_key=r[3], question=r[7] or "",
                              feedback=json.loads(r[10]),
                              follow_up=json.loads(r[5]) if r[5] else None,
                              follow_up_of=positions.get(r[4]) if r[4] is not None else None,
                              follow_ups=json.loads(r[6]), source=r[8], attempt_id=r[0], created_at=r[9])
                   for r in rows]
        _id, plan_json, started, ended, state, score_json, notes = row
        return MockSession(session_id, MockPlan.from_dict(json.loads(plan_json)), started, ended, state,
                           json.loads(score_json), notes, answers)

    def list(self, state: str | None = None, limit: int | None = None) -> list[MockSessionSummary]:
        """Sessions, newest first; `state` is in_progress (or "unfinished"), finished or abandoned."""
        where, params = "", []
        if state is not None:
            state = IN_PROGRESS if state == UNFINISHED else state
            if state not in (IN_PROGRESS, FINISHED, ABANDONED):
                raise ValueError(f"unknown state {state!r}")
            where, params = "WHERE s.state = ?", [state]
        sql = ("SELECT s.id, s.format_key, s.format_name, s.started_at, s.ended_at, s.state, "
               "COUNT(a.id), COALESCE(SUM(m.is_follow_up), 0), SUM(a.duration_s), s.self_score_json, s.notes "
               "FROM mock_sessions s LEFT JOIN mock_answers m ON m.session_id = s.id "
               "LEFT JOIN attempts a ON a.id = m.attempt_id AND a.deleted_at IS NULL "
               f"{where} GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC")
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = self.store.read(sql, params)
        out = []
        for r in rows:
            scores = json.loads(r[9])
            out.append(MockSessionSummary(
                id=r[0], format_key=r[1], format_name=r[2], started_at=r[3], ended_at=r[4], state=r[5],
                answers=r[6], follow_up_answers=int(r[7]), recorded_s=None if r[8] is None else round(r[8], 2),
                self_score=round(sum(scores.values()) / len(scores), 2) if scores else None, notes=r[10]))
        return out

    def phase_times(self) -> list[PhaseTime]:
        """Recorded time per session and answered phase (answers in the trash left out), for the
        over-time habits per phase of a real format. Reads the plans and durations, not feedback."""
        with self.store.locked():
            plans = self.db.execute("SELECT id, plan_json FROM mock_sessions").fetchall()
            used = self.db.execute(
                "SELECT m.session_id, m.phase_key, SUM(COALESCE(a.duration_s, 0)), COUNT(*) "
                "FROM mock_answers m JOIN attempts a ON a.id = m.attempt_id "
                "WHERE a.deleted_at IS NULL GROUP BY m.session_id, m.phase_key").fetchall()
        by_session = {sid: json.loads(plan) for sid, plan in plans}
        out = []
        for sid, phase_key, seconds, count in used:
            plan = by_session.get(sid)
            phase = next((p for p in (plan or {}).get("phases", ()) if p["key"] == phase_key), None)
            if phase is None:
                continue
            out.append(PhaseTime(sid, plan["format"], plan["name"], phase_key, phase["name"],
                                 float(phase["seconds"]), round(float(seconds), 3), int(count)))
        return out

    # -- helpers ---------------------------------------------------------------------------------
    def _require(self, session_id: int):
        row = self.db.execute("SELECT id, plan_json, started_at, ended_at, state, self_score_json, notes "
                              "FROM mock_sessions WHERE id = ?", [session_id]).fetchone()
        if row is None:
            raise StorageError(f"no mock session with id {session_id}")
        return row

    def _require_open(self, session_id: int) -> None:
        state = self._require(session_id)[4]
        if state != IN_PROGRESS:
            raise StorageError(f"mock session {session_id} is {state}; start a new session to record more")

    def _link_row(self, session_id: int, attempt_id: int):
        return self.db.execute("SELECT position FROM mock_answers WHERE session_id = ? AND attempt_id = ?",
                               [session_id, attempt_id]).fetchone()

    def _end(self, session_id: int, state: str, ended_at: datetime | None) -> None:
        with self.store.locked():
            self._require_open(session_id)
            with self.store.transaction(f"the session stays {IN_PROGRESS.replace('_', ' ')}") as conn:
                conn.execute("UPDATE mock_sessions SET state = ?, ended_at = ? WHERE id = ?",
                             [state, _now(ended_at), session_id])
