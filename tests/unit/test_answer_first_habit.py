"""Answer first as a habit (issue 24): each timed plan keeps whether its first recommendation came
after the budget's halfway mark (schema v9), the habits dashboard says so when it keeps happening,
and the practice plan then puts prompts that ask for a decision first, saying why."""

from datetime import datetime, timedelta, timezone

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.analysis.practice.plan import calls_for, plan_next
from interviewer_app.core.models import Budget
from interviewer_app.core.prompts import PromptBank
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.unit.test_answer_first import CALL, PLAN
from tests.unit.timed import timed_transcript

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)
BANK = PromptBank.load()


def _save(store, early: bool, day: int, story: bool = False) -> int:
    parts = [PLAN[0], CALL, *PLAN[1:]] if early else [*PLAN, CALL]
    prompt = BANK.get("launch-delayed-what-did-you-do") if story else BANK.get("onboarding-drop-after-redesign")
    fb = analyze(timed_transcript(parts, word_s=0.4), Budget(50), prompt)
    return store.save(fb, created_at=NOW - timedelta(days=day))


def test_late_calls_are_kept_said_on_the_dashboard_and_steer_the_plan(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "rec")
    for day, early in ((1, False), (2, False), (3, True), (4, False), (5, False)):
        _save(store, early, day)
    _save(store, False, 0, story=True)  # a story is coached on C.A.R.E.: never judged for its call
    rows = query(store)
    assert [r.call_late for r in rows] == [None, True, True, False, True, True]
    habits = summarize(rows)
    assert habits.answer_first == {"late": 4, "of": 5}
    line = next(s for s in habits.summary if s.startswith("Your recommendation came after"))
    assert "in 4 of your last 5 timed plans" in line and "(guide 004)" in line
    plan = plan_next(rows, BANK.prompts, NOW, limit=3)
    first = plan[0]
    assert calls_for(first.prompt, "prioritize")
    assert first.reason.startswith("Your recommendation came after the halfway mark in 4 of your last 5 timed plans")


def test_on_time_calls_are_no_habit(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "rec")
    for day in range(4):
        _save(store, True, day)
    rows = query(store)
    habits = summarize(rows)
    assert habits.answer_first == {"late": 0, "of": 4}
    assert not any(s.startswith("Your recommendation came after") for s in habits.summary)
    assert not any("halfway" in n.reason for n in plan_next(rows, BANK.prompts, NOW, limit=5))


def test_upgrading_to_v9_reads_the_call_from_the_stored_feedback(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = AttemptStore(open_database(path), tmp_path / "rec")
    late, early = _save(store, False, 2), _save(store, True, 1)
    with store.db.conn as conn:  # the database as schema v8 had it
        conn.execute("ALTER TABLE attempts DROP COLUMN call_late")
        conn.execute("PRAGMA user_version = 8")
    store.db.conn.close()
    store = AttemptStore(open_database(path), tmp_path / "rec")
    assert {r.id: r.call_late for r in query(store)} == {late: True, early: False}


def test_a_retake_says_when_the_call_moved_before_the_halfway_mark():
    from interviewer_app.analysis.practice.compare import compare
    from tests.unit.test_answer_first import plan_feedback

    c = compare(plan_feedback(early=False), plan_feedback(early=True))
    row = next(r for r in c.rows if r[0] == "Recommendation")
    assert row[1].endswith("(after half)") and row[2].endswith("(by half)")
    assert "your call now by the halfway mark" in c.verdict.lower()
    back = compare(plan_feedback(early=True), plan_feedback(early=False))
    assert "your call now after the halfway mark" in back.verdict.lower()
