"""Stories are coached on C.A.R.E., plans on the 8 steps (issue 23): the habits dashboard counts
skipped steps, time to restate and jumping to options over plans only, and an upgraded database
marks the stories it already holds (schema v7)."""

from datetime import datetime, timedelta, timezone

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.core.prompts import PromptBank
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.unit.timed import timed_transcript

DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
BANK = PromptBank.load()
STORY_PROMPT = BANK.get("handle-blocked-dependency")  # C.A.R.E., category "stakeholder"
PLAN_PROMPT = BANK.get("onboarding-drop-after-redesign")
# our own words: a story told in the past, and a plan that restates the goal and scopes it
STORY = [("Last spring our iOS team slipped two weeks on the payments update.", 0.5),
         ("I mapped the dependency and escalated to the engineering managers.", 0.5),
         ("We shipped behind a feature flag and the launch slipped only three days.", 0.0)]
PLAN = [("So the goal is to get new users through onboarding, measured by completion in the first week.", 0.5),
        ("I'll scope this to mobile web in the US and assume nothing changed in tracking.", 0.5),
        ("The funnel goes from sign up to profile to first booking.", 0.0)]


def save(store, parts, prompt, days):
    return store.save(analyze(timed_transcript(parts), None, prompt), created_at=DAY0 + timedelta(days=days))


def test_skipped_steps_are_counted_over_plans_not_stories(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    plans = [save(store, PLAN, PLAN_PROMPT, d) for d in (0, 1)]
    stories = [save(store, STORY, STORY_PROMPT, d) for d in (2, 3, 4)]
    rows = query(store)
    assert {r.id for r in rows if r.story} == set(stories) and {r.id for r in rows if not r.story} == set(plans)
    habits = summarize(rows)
    plan_rows = [r for r in rows if not r.story]
    for step, rate in habits.step_miss_rate.items():  # over the two plans only
        assert rate == sum(step in r.missing_steps for r in plan_rows) / 2
    # the stories never restate a goal: counted with them, "restate" would be missed in 3 of 5
    assert all("restate" in r.missing_steps for r in rows if r.story)
    assert habits.step_miss_rate["restate"] == 0.0
    assert not any(line.startswith("You skip restate") for line in habits.summary)


def test_upgrading_marks_the_stories_already_stored(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    story, plan = save(store, STORY, STORY_PROMPT, 0), save(store, PLAN, PLAN_PROMPT, 1)
    with store.db.conn as conn:
        conn.execute("ALTER TABLE attempts DROP COLUMN story")
        conn.execute("PRAGMA user_version = 6")
    store.db.conn.close()
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    assert {r.id: r.story for r in query(store)} == {story: True, plan: False}
