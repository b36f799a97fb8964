"""Calibration (issue 24): first impressions rated 1-5 before the feedback, stored with the attempt
(schema v8) and compared on the habits dashboard with what the checklist heard."""

from datetime import datetime, timedelta, timezone

import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import checklist_on_five, summarize
from interviewer_app.core.prompts import PromptBank
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.unit.timed import timed_transcript

PROMPT = PromptBank.load().get("onboarding-drop-after-redesign")
TWO_STEPS = "The goal is more teams finishing setup in week one. We could add a checklist."
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def _store(tmp_path):
    return AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")


def test_first_impressions_above_the_checklist_are_said_as_a_habit(tmp_path):
    store = _store(tmp_path)
    for day, rating in ((1, 5), (2, 4), (3, 5), (4, None)):
        attempt = store.save(analyze(timed_transcript([(TWO_STEPS, 0.0)], word_s=0.3), None, PROMPT),
                             created_at=NOW - timedelta(days=day))
        store.set_first_impression(attempt, rating)
    rows = query(store)
    assert [r.first_impression for r in rows] == [5, 4, 5, None]
    on_five = checklist_on_five(rows[0])
    assert on_five == pytest.approx(1 + 4 * rows[0].steps_heard / 8)
    habits = summarize(rows)
    c = habits.calibration
    assert c["rated"] == 3 and c["vs_checklist_answers"] == 3
    assert c["vs_checklist"] == pytest.approx(round((5 + 4 + 5) / 3 - on_five, 2), abs=0.01)
    line = next(s for s in habits.summary if s.startswith("You rate your answers"))
    assert f"{c['vs_checklist']:.1f} points above what the checklist heard (3 rated answers)" in line
    assert habits.to_dict()["calibration"]["rated"] == 3


def test_a_rating_is_one_to_five_and_upgrading_keeps_answers_unrated(tmp_path):
    store = _store(tmp_path)
    attempt = store.save(analyze(timed_transcript([(TWO_STEPS, 0.0)], word_s=0.3), None, PROMPT))
    with pytest.raises(ValueError):
        store.set_first_impression(attempt, 6)
    path = tmp_path / "db.sqlite3"
    with store.db.conn as conn:
        conn.execute("ALTER TABLE attempts DROP COLUMN first_impression")
        conn.execute("PRAGMA user_version = 7")
    store.db.conn.close()
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    assert query(store)[0].first_impression is None
    store.set_first_impression(attempt, 2)
    assert query(store)[0].first_impression == 2
