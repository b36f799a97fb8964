"""Focus drills (issue 24): a short answer on one or two steps. Only those steps are checked (the
review, the tips, the JSON), the jumping-to-options warning does not apply, and the habits
dashboard and the practice plan count drills apart from whole answers."""

from datetime import datetime, timedelta, timezone

import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.feedback.view import feedback_view
from interviewer_app.analysis.habits.summary import summarize
from interviewer_app.analysis.practice.plan import weakest_step
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.drills import FOCUS_STEPS
from interviewer_app.core.prompts import PromptBank
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.unit.timed import timed_transcript

BOOK, BANK = BudgetBook.load(), PromptBank.load()
PROMPT = BANK.get("onboarding-drop-after-redesign")
OPEN = "We could add a checklist. The goal is more teams finishing setup in week one. I'll scope it to the web app."
WHOLE_NO_SCOPE = ("The goal is more teams finishing setup in week one. Let me map the funnel: signup, profile, "
                  "first project. We could add a checklist. The guardrail is support tickets.")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("phase", list(FOCUS_STEPS))
def test_every_focus_drill_has_a_budget(phase):
    budget = BOOK.format("focus").budget(phase)
    assert 60 <= budget.seconds <= 90 and budget.phase_key == phase


def test_a_drill_checks_only_its_steps():
    d = analyze(timed_transcript([(OPEN, 0.0)], word_s=0.3), BOOK.format("focus").budget("open"), PROMPT).to_dict()
    assert d["focus"] == ["restate", "scope"] and d["jumped_to_options"]  # options came first...
    s = feedback_view(d).structure
    assert [r.key for r in s.rows] == ["restate", "scope"] and s.summary == "2 of 2 focus steps heard"
    assert s.jumped is None and s.tips == ()  # ...but a drill is no whole answer: no warning, no other tips
    whole = analyze(timed_transcript([(OPEN, 0.0)], word_s=0.3), BOOK.format("sixty").budget(None), PROMPT).to_dict()
    assert whole["focus"] is None and feedback_view(whole).structure.of == 8


def test_drills_are_counted_apart_from_whole_answers(tmp_path):
    store = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    drill = BOOK.format("focus").budget("open")
    for days, text in ((1, OPEN), (2, "We could add a checklist."), (3, OPEN)):
        store.save(analyze(timed_transcript([(text, 0.0)], word_s=0.3), drill, PROMPT), created_at=NOW - timedelta(days=days))
    for days in (4, 5, 6):
        store.save(analyze(timed_transcript([(WHOLE_NO_SCOPE, 0.0)], word_s=0.3), None, PROMPT),
                   created_at=NOW - timedelta(days=days))
    rows = query(store)
    habits = summarize(rows, budgets=BOOK)
    assert habits.focus_drills == {"open": (2, 3)}
    assert "In focus drills you did every step asked in 2 of 3." in habits.summary
    # the drills' skipped map, bottleneck... are not habits: only the three whole answers count
    assert habits.step_miss_rate["map"] == 0.0 and habits.step_miss_rate["scope"] == 1.0
    assert weakest_step(rows)[0] == "scope" and weakest_step(rows)[2] == 3
