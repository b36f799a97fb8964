"""Fillers written down (issue 22): an answer transcribed with Whisper asked to write "um" and "uh"
counts many more fillers than a plain one, so each attempt keeps how it was transcribed (schema
v10) and the habits dashboard compares filler rates only between answers transcribed alike."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.unit.timed import timed_transcript

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)  # a Monday
PLAIN = [("So the goal is to get new teams to invite a colleague in their first week.", 1.0),
         ("I would look at where they stop, um, in the setup.", 1.0)]
# the same answer with the fillers a filler-writing transcript keeps
WRITTEN = [("So um the goal is uh to get new teams to um invite a colleague in their first week.", 1.0),
           ("I would uh look at where they stop, um, in the uh setup.", 1.0)]


def _save(store, parts, written: bool, days_ago: int) -> int:
    transcript = replace(timed_transcript(parts), fillers_written=written)
    return store.save(analyze(transcript), created_at=NOW - timedelta(days=days_ago))


def test_filler_rates_are_compared_only_between_answers_transcribed_alike(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "rec")
    _save(store, PLAIN, False, 1)  # last week's answers, plain
    _save(store, WRITTEN, True, 0)  # this week: one of each
    _save(store, PLAIN, False, 0)
    rows = query(store)
    assert [r.fillers_written for r in rows] == [False, True, False]
    plain_rate = summarize(rows).weeks[-1].fillers_per_min
    assert not summarize(rows).fillers_written
    # the newest answer had its fillers written down: the weeks count only such answers
    newest = _save(store, WRITTEN, True, 0)
    rows = query(store)
    assert rows[0].id == newest and rows[0].fillers_written
    habits = summarize(rows)
    assert habits.fillers_written and habits.to_dict()["fillers_written"]
    assert habits.weeks[-1].fillers_per_min > 2 * plain_rate  # only the two written answers
    assert habits.weeks[0].fillers_per_min is None  # last week had no answer transcribed that way
    counted = [r for r in rows if r.fillers_written]
    minutes = sum(r.speaking_s for r in counted) / 60
    assert habits.weeks[-1].fillers_per_min == round(sum(r.filler_count for r in counted) / minutes, 2)


def test_the_feedback_says_how_the_transcript_was_made(tmp_path):
    assert analyze(timed_transcript(PLAIN)).to_dict()["fillers_written"] is False
    written = replace(timed_transcript(WRITTEN), fillers_written=True)
    assert analyze(written).to_dict()["fillers_written"] is True


def test_the_review_says_how_far_to_trust_the_filler_count():
    from interviewer_app.analysis.feedback.answer import typed_transcript
    from interviewer_app.analysis.feedback.view import FILLERS_LEFT_OUT, FILLERS_WRITTEN, feedback_view

    plain = feedback_view(analyze(timed_transcript(PLAIN)).to_dict()).pacing
    assert plain.fillers_note == FILLERS_LEFT_OUT
    assert any(line.startswith("fillers: 1 (") and FILLERS_LEFT_OUT in line for line in plain.lines)
    written = analyze(replace(timed_transcript(WRITTEN), fillers_written=True)).to_dict()
    assert feedback_view(written).pacing.fillers_note == FILLERS_WRITTEN
    typed = feedback_view(analyze(typed_transcript("So um the goal is retention.")).to_dict()).pacing
    assert typed.fillers_note == ""  # no speech model was involved
