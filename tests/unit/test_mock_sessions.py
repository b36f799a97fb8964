"""Mock sessions in a real SQLite file: answers saved as attempts linked to their session, a crash
mid-mock keeps every finished answer, finishing, abandoning, self-scores, and the migration from
schema version 3."""

import json
import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.errors import StorageError
from interviewer_app.core.prompts import PromptBank
from interviewer_app.mock.interview import MockInterview
from interviewer_app.mock.plan import plan_for_format
from interviewer_app.mock.report import build_report
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import HistoryFilter, empty_trash, move_to_trash, query
from interviewer_app.storage.migrations import SCHEMA_VERSION
from interviewer_app.storage.mock_sessions import MockSessionStore
from tests.unit.test_follow_ups import NO_RISKS, WE_STORY
from tests.unit.test_mock_report import FOLLOW_UP_ANSWER, spoken


@pytest.fixture(scope="module")
def plan():
    return plan_for_format(BudgetBook.load().format("google"), PromptBank.load().prompts, 11)


def open_sessions(path):
    store = AttemptStore(open_database(path), path.parent / "recordings")
    return store, MockSessionStore(store)


def feedback(plan, text, seconds, phase="story", prompt=None):
    return analyze(spoken(text, seconds), plan.budget(phase), prompt or plan.question(phase).prompt)


def save_story_with_follow_up(sessions, session_id, plan):
    """A main story answer and one follow-up, kept the way the CLI and the app keep them: each one
    as soon as it is recorded."""
    run = MockInterview(plan)
    turn = run.next_turn()
    assert not turn.takes_answer  # Google's intro
    run.skip(turn)
    turn = run.next_turn()
    fb = feedback(plan, WE_STORY, 30)
    main = run.record(turn, fb)
    main_id = sessions.keep(session_id, main, fb, samples=np.zeros(16000, dtype=np.float32))
    turn = run.next_turn()
    fb = feedback(plan, FOLLOW_UP_ANSWER, 12, prompt=turn.prompt)
    fu = run.record(turn, fb)
    fu_id = sessions.keep(session_id, fu, fb)
    assert (main.attempt_id, fu.attempt_id) == (main_id, fu_id)
    return main_id, fu_id, main.follow_ups


def test_answers_are_ordinary_attempts_linked_to_their_session(tmp_path, plan):
    store, sessions = open_sessions(tmp_path / "db.sqlite3")
    session_id = sessions.create(plan)
    main_id, fu_id, chosen = save_story_with_follow_up(sessions, session_id, plan)
    # both answers are in history like any attempt, timed against the phase's budget
    rows = {r.id: r for r in query(store, HistoryFilter(company="google", phase="story"))}
    assert set(rows) == {main_id, fu_id} and rows[main_id].budget_s == 1500
    assert rows[main_id].audio_path is not None and rows[fu_id].prompt_text == chosen[0]["question"]
    s = sessions.get(session_id)
    assert s.status == "unfinished" and s.plan == plan
    main, fu = s.answers
    assert (main.position, main.is_follow_up, main.follow_up_of, main.attempt_id) == (1, False, None, main_id)
    assert main.follow_ups == chosen and main.question == plan.question("story").prompt.text
    assert (fu.position, fu.is_follow_up, fu.follow_up_of) == (2, True, 1)
    assert fu.follow_up["question"] == chosen[0]["question"] and fu.follow_up["rule"] == "ownership"
    assert fu.feedback == store.feedback_json(fu_id) and fu.duration_s == 12
    report = build_report(s.plan, s.answers, s.status, session_id=s.id).to_dict()
    assert report["phases"][1]["used_s"] == 42 and report["follow_ups"][0]["addressed"] is True


def test_a_crash_mid_mock_keeps_every_finished_answer(tmp_path, plan):
    """A separate process saves two answers and dies (os._exit) before finishing the session."""
    db = tmp_path / "db.sqlite3"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(tmp_path.parent)!r})
        from pathlib import Path
        from interviewer_app.core.budgets import BudgetBook
        from interviewer_app.mock.plan import plan_for_format
        from interviewer_app.core.prompts import PromptBank
        from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
        from interviewer_app.storage.attempts import AttemptStore
        from interviewer_app.storage.database import open_database
        from interviewer_app.storage.mock_sessions import MockSessionStore
        from interviewer_app.mock.interview import MockInterview
        plan = plan_for_format(BudgetBook.load().format("google"), PromptBank.load().prompts, 11)
        store = AttemptStore(open_database(Path({str(db)!r})), Path({str(tmp_path / "rec")!r}))
        sessions = MockSessionStore(store)
        sid = sessions.create(plan)
        run = MockInterview(plan)
        for phase, text in (("story", {WE_STORY!r}), ("scenario", {NO_RISKS!r})):
            turn = run.main_turn(phase)
            fb = analyze(typed_transcript(text), turn.budget, turn.prompt)
            sessions.keep(sid, run.record(turn, fb), fb)
        print(sid, flush=True)
        os._exit(9)  # the app dies before the third answer or finishing
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 9, out.stderr
    session_id = int(out.stdout.strip())
    store, sessions = open_sessions(db)
    s = sessions.get(session_id)
    assert s.status == "unfinished" and s.state == "in_progress" and s.ended_at is None
    assert [(a.position, a.phase_key) for a in s.answers] == [(1, "story"), (2, "scenario")]
    assert len(query(store)) == 2  # ordinary attempts, in history
    [summary] = sessions.list()
    assert (summary.status, summary.answers) == ("unfinished", 2)
    assert [x.id for x in sessions.list("unfinished")] == [session_id] and sessions.list("finished") == []
    # or carry on where it stopped: the next question is the one after the last answer's phase
    run = MockInterview.resume(s.plan, s.answers)
    turn = run.next_turn()
    assert turn.phase.key == "scenario" and turn.is_follow_up and turn.follow_up_of == 2
    sessions.abandon(session_id, notes="the laptop died")  # or close it
    assert sessions.get(session_id).status == "abandoned" and sessions.get(session_id).notes == "the laptop died"


def test_an_answer_is_never_kept_half_linked(tmp_path, plan):
    store, sessions = open_sessions(tmp_path / "db.sqlite3")
    session_id = sessions.create(plan)
    with pytest.raises(sqlite3.IntegrityError):  # the link fails inside the attempt's transaction
        sessions.add_answer(session_id, feedback(plan, WE_STORY, 20), phase_key=None, question_key="story")
    assert query(store) == [] and sessions.get(session_id).answers == []
    with pytest.raises(StorageError, match="not an answer of mock session"):
        sessions.add_answer(session_id, feedback(plan, WE_STORY, 20), phase_key="story", question_key="story",
                            follow_up={"question": "Why?"}, follow_up_of=999)
    assert query(store) == []


def test_answers_are_kept_in_the_order_given(tmp_path, plan):
    store, sessions = open_sessions(tmp_path / "db.sqlite3")
    session_id = sessions.create(plan)
    run = MockInterview(plan)
    main = run.record(run.main_turn("story"), feedback(plan, WE_STORY, 20))
    turn = run.follow_up_turn(main.position)
    fu = run.record(turn, feedback(plan, FOLLOW_UP_ANSWER, 8, prompt=turn.prompt))
    with pytest.raises(StorageError, match="keep the main answer before its follow-ups"):
        sessions.keep(session_id, fu, feedback(plan, FOLLOW_UP_ANSWER, 8))
    scenario = run.record(run.main_turn("scenario"), feedback(plan, NO_RISKS, 20, "scenario"))
    with pytest.raises(StorageError, match="out of order"):
        sessions.keep(session_id, scenario, feedback(plan, NO_RISKS, 20, "scenario"))
    assert query(store) == []


def test_finish_with_a_whole_interview_self_score(tmp_path, plan):
    store, sessions = open_sessions(tmp_path / "db.sqlite3")
    session_id = sessions.create(plan)
    save_story_with_follow_up(sessions, session_id, plan)
    sessions.finish(session_id, {"goal_clarity": 4, "metrics": 2, "judgment": None}, "ran long on the story")
    s = sessions.get(session_id)
    assert (s.status, s.self_score, s.notes) == ("finished", {"goal_clarity": 4, "metrics": 2}, "ran long on the story")
    assert s.ended_at >= s.started_at
    [summary] = sessions.list("finished")
    assert (summary.answers, summary.follow_up_answers, summary.recorded_s, summary.self_score) == (2, 1, 42, 3)
    with pytest.raises(StorageError, match="is finished"):
        sessions.add_answer(session_id, feedback(plan, WE_STORY, 20), phase_key="story", question_key="story")
    with pytest.raises(StorageError, match="is finished"):
        sessions.abandon(session_id)
    with pytest.raises(ValueError, match="unknown rubric"):
        sessions.set_self_score(session_id, {"charisma": 5})
    with pytest.raises(ValueError, match="from 1 to 5"):
        sessions.set_self_score(session_id, {"metrics": 7})
    with pytest.raises(StorageError, match="no mock session with id 99"):
        sessions.get(99)


def test_trashed_answers_leave_the_session_and_deleting_one_unlinks_it(tmp_path, plan):
    store, sessions = open_sessions(tmp_path / "db.sqlite3")
    session_id = sessions.create(plan)
    main_id, fu_id, _ = save_story_with_follow_up(sessions, session_id, plan)
    move_to_trash(store, fu_id)
    assert [a.attempt_id for a in sessions.get(session_id).answers] == [main_id]
    move_to_trash(store, main_id)
    store.db.execute("UPDATE attempts SET deleted_at = '2000-01-01T00:00:00+00:00'")
    store.db.conn.commit()
    assert empty_trash(store) == 2
    assert store.db.execute("SELECT count(*) FROM mock_answers").fetchone()[0] == 0
    assert sessions.get(session_id).answers == [] and sessions.list()[0].answers == 0


def test_migrating_a_version_3_database_with_a_saved_attempt(tmp_path, plan):
    path = tmp_path / "db.sqlite3"
    old = AttemptStore(open_database(path), tmp_path / "rec")
    attempt_id = old.save(feedback(plan, WE_STORY, 30), samples=np.zeros(8000, dtype=np.float32))
    before = old.feedback_json(attempt_id)
    old.db.conn.close()
    conn = sqlite3.connect(path)  # back to exactly the schema version 3 shipped
    conn.executescript("DROP TABLE attempt_signals; DROP TABLE attempt_suggestions; "
                       "DROP TABLE mock_answers; DROP TABLE mock_sessions; DROP TABLE attempt_filler_bursts; "
                       "ALTER TABLE attempts DROP COLUMN story; "
                       "PRAGMA user_version = 3;")
    conn.close()

    store, sessions = open_sessions(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"mock_sessions", "mock_answers"} <= set(store.db.table_names())
    [row] = query(store)
    assert row.id == attempt_id and store.feedback_json(attempt_id) == before
    assert store.audio_file(attempt_id) is not None
    assert sessions.list() == []
    # the old attempt stays outside any session; new sessions work beside it
    session_id = sessions.create(plan)
    new_id = sessions.add_answer(session_id, feedback(plan, NO_RISKS, 20, "scenario"), phase_key="scenario",
                                 question_key="scenario")
    assert [a.attempt_id for a in sessions.get(session_id).answers] == [new_id]
    assert {r.id for r in query(store)} == {attempt_id, new_id}
    cols = {c[1] for c in store.db.execute("PRAGMA table_info(mock_answers)").fetchall()}
    assert {"session_id", "phase_key", "position", "is_follow_up", "follow_up_of", "follow_up_json"} <= cols
    stored = json.loads(store.db.execute("SELECT plan_json FROM mock_sessions").fetchone()[0])
    assert stored["format"] == "google" and stored["seed"] == 11


def test_habits_count_going_over_per_phase_of_a_mock(tmp_path):
    """The phase's budget is shared by its main answer and follow-ups, so a phase whose answers
    add up past it ran over even when no single answer did; three mocks, two over."""
    from interviewer_app.analysis.habits.summary import summarize
    from interviewer_app.mock.plan import plan_custom

    plan = plan_custom([("Story", 40, "story"), ("Metrics", 90, "scenario")], PromptBank.load().prompts, 3)
    store, sessions = open_sessions(tmp_path / "db.sqlite3")
    for story_s in ((30, 12), (28, 14), (20, 10)):  # 42 s, 42 s, 30 s against 40 s
        session_id = sessions.create(plan)
        main_id = None
        for seconds in story_s:
            fb = feedback(plan, WE_STORY, seconds, phase="story")
            follow = {} if main_id is None else {"follow_up": {"question": "What did you decide?"},
                                                 "follow_up_of": main_id}
            attempt_id = sessions.add_answer(session_id, fb, phase_key="story",
                                             question_key=plan.question("story").key, **follow)
            main_id = main_id or attempt_id
        fb = feedback(plan, NO_RISKS, 60, phase="metrics")
        sessions.add_answer(session_id, fb, phase_key="metrics", question_key=plan.question("metrics").key)
    times = sessions.phase_times()
    assert sorted((t.phase_key, t.used_s, t.answers) for t in times if t.session_id == 1) == \
        [("metrics", 60.0, 1), ("story", 42.0, 2)]
    habits = summarize(query(store), budgets=BudgetBook.load(), mock_times=times)
    story, metrics = habits.mock_phases
    assert (story.phase_key, story.sessions, story.over, story.mean_overtime_s) == ("story", 3, 2, 2.0)
    assert (metrics.over, metrics.mean_overtime_s, metrics.mean_used_s) == (0, None, 60.0)
    assert not any(r.over_budget for r in query(store))  # no single answer was over its budget
    assert any("the Custom mock story ran over its 0:40 in 2 of 3 sessions" in line for line in habits.summary)
    assert habits.to_dict()["mock_phases"][0]["over_share"] == pytest.approx(0.667, abs=1e-3)
    move_to_trash(store, 2)  # an answer moved to the trash no longer counts
    assert next(t for t in sessions.phase_times() if t.session_id == 1 and t.phase_key == "story").used_s == 30.0
