"""Bursts of fillers across saved attempts (issue 22): stored with each answer (schema v6),
copied from answers already stored when the database is upgraded, and summed up on the habits
dashboard as what most often sets them off."""

import json
from datetime import datetime, timedelta, timezone

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import filler_bursts_for, move_to_trash, query
from tests.unit.timed import timed_transcript

DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
NERVOUS_START = [("um so uh the goal here is um to grow weekly bookings", 3.0),
                 ("the funnel loses people at payment so we should test saved cards", 0.0)]
NUMBER_LATER = [("the goal is to grow weekly bookings measured by paid bookings", 30.0),
                ("last quarter it was um about uh twenty uh percent of carts", 0.0)]
CALM = [("the goal is to grow weekly bookings measured by paid bookings", 0.0)]


def save(store, parts, days):
    return store.save(analyze(timed_transcript(parts, word_s=1.0)), created_at=DAY0 + timedelta(days=days))


def test_bursts_are_stored_with_each_answer_and_summed_up_as_a_habit(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    first, second, calm = save(store, NERVOUS_START, 0), save(store, NERVOUS_START, 1), save(store, CALM, 2)
    number, trashed = save(store, NUMBER_LATER, 3), save(store, NERVOUS_START, 4)
    move_to_trash(store, trashed)
    bursts = filler_bursts_for(store)
    # the goal is first heard in the nervous opening too: that burst has two triggers
    assert bursts == {first: [("new_step", "opening")], second: [("new_step", "opening")], number: [("number",)]}
    assert calm not in bursts and trashed not in bursts
    habits = summarize(query(store), bursts_by_attempt=bursts)
    assert habits.filler_triggers == {"opening": 2, "new_step": 2, "number": 1} and habits.filler_bursts == 3
    assert ("Your fillers come in bursts most often in the first 20 seconds of the answer (2 of 3 bursts, "
            "3 or more fillers within 30 s).") in habits.summary


def test_upgrading_copies_the_bursts_of_answers_already_stored(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    nervous, old = save(store, NERVOUS_START, 0), save(store, NERVOUS_START, 1)
    fb = store.feedback_json(old)
    del fb["pacing"]["fillers"]["clusters"]  # analysed before bursts existed
    with store.db.conn as conn:
        conn.execute("UPDATE attempt_feedback SET feedback_json = ? WHERE attempt_id = ?", [json.dumps(fb), old])
        conn.execute("DROP TABLE attempt_filler_bursts")
        conn.execute("ALTER TABLE attempts DROP COLUMN story")  # schema v7
        conn.execute("PRAGMA user_version = 5")
    store.db.conn.close()
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    assert filler_bursts_for(store) == {nervous: [("new_step", "opening")]}
    assert "Your fillers come in bursts" not in " ".join(summarize(query(store)).summary)  # none given: no line
