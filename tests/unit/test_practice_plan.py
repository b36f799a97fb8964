"""The next prompt for you (issue 24): spaced repetition over your own attempts, the step you keep
skipping and the budget you keep running over, each with its reason; deterministic given the
history, the clock and a seed. Real analyses of answers we wrote, in a real store."""

import tomllib
from datetime import datetime, timedelta, timezone

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.practice.plan import calls_for, plan_next
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.prompts import PromptBank
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import query
from tests.conftest import ROOT
from tests.unit.timed import timed_transcript

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
BANK = PromptBank.load()
PLANS = [p for p in BANK.prompts if p.framework != "care"]
STRONG = " ".join(s["text"] for s in tomllib.loads(
    (ROOT / "tests/fixtures/answers/strong_onboarding.toml").read_text())["sentence"])
WEAK = "We could add a progress bar. We could also send a reminder email."
# restates, maps, options, prioritizes, sequences and names risks, but never scopes
NO_SCOPE = ("The goal is more teams finishing setup in week one. Let me map the funnel: signup, profile, "
            "first project. We could add a checklist or a reminder. I would pick the checklist, because it "
            "is cheap. In week one we test it, then roll out. The guardrail is support tickets.")


def _store(tmp_path):
    return AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")


def _save(store, prompt, text, days_ago, budget=None, seconds=20.0):
    fb = analyze(timed_transcript([(text, 0.0)], word_s=seconds / max(1, len(text.split()))), budget, prompt)
    return store.save(fb, created_at=NOW - timedelta(days=days_ago))


def test_with_no_history_every_prompt_is_new_and_the_seed_decides_the_order():
    first = plan_next([], BANK.prompts, NOW, seed=1, limit=5)
    assert all(n.reason == "Not answered yet." and not n.due for n in first)
    assert [n.prompt.id for n in plan_next([], BANK.prompts, NOW, seed=1, limit=5)] == [n.prompt.id for n in first]
    others = {tuple(n.prompt.id for n in plan_next([], BANK.prompts, NOW, seed=s, limit=5)) for s in range(2, 6)}
    assert len(others | {tuple(n.prompt.id for n in first)}) > 1  # not always the bank's first prompts


def test_a_weak_answer_comes_back_the_next_day_and_a_strong_one_waits(tmp_path):
    store = _store(tmp_path)
    weak, strong = PLANS[0], PLANS[1]
    _save(store, weak, WEAK, days_ago=1.5)
    _save(store, strong, STRONG, days_ago=1.5)
    plan = plan_next(query(store), BANK.prompts, NOW, limit=len(BANK.prompts))
    assert plan[0].prompt.id == weak.id and plan[0].due
    assert plan[0].reason.startswith("Due again: last time ") and "of 8 steps, yesterday" in plan[0].reason
    last = next(n for n in plan if n.prompt.id == strong.id)
    assert not last.due and plan.index(last) == len(plan) - 1  # after every prompt never answered
    assert "not due until" in last.reason.lower()
    later = plan_next(query(store), BANK.prompts, NOW + timedelta(days=14), limit=2)
    assert {n.prompt.id for n in later} == {weak.id, strong.id} and all(n.due for n in later)  # 14 days on


def test_the_step_you_keep_skipping_picks_prompts_that_call_for_it(tmp_path):
    store = _store(tmp_path)
    for i in range(4):
        _save(store, PLANS[i], NO_SCOPE, days_ago=0.2 + i)
    rows = query(store)
    assert all("scope" in r.missing_steps for r in rows)
    plan = plan_next(rows, BANK.prompts, NOW, limit=3)
    assert all(calls_for(n.prompt, "scope") for n in plan)
    assert plan[0].reason.startswith("You skipped scope and constraints in 4 of your last 4 plans, "
                                     "and this prompt calls for it")


def test_running_over_one_budget_suggests_practising_with_it(tmp_path):
    store = _store(tmp_path)
    book = BudgetBook.load()
    quick = book.format("sixty").budget(None)
    for i in range(3):
        _save(store, PLANS[i], STRONG, days_ago=3 + i, budget=quick, seconds=90.0)  # 90 s against 60
    rows = query(store)
    assert all(r.over_budget for r in rows)
    [top] = plan_next(rows, BANK.prompts, NOW, limit=1, budget_name=lambda f, p: book.format(f).name)
    assert (top.budget_format, top.budget_phase) == ("sixty", "answer")
    assert "practise it with the 60-second answer budget: you went over time in 3 of your last 3" in top.reason
    assert top.to_dict()["budget"] == {"format": "sixty", "phase": "answer"}


def test_prompt_progress_counts_best_last_and_due(tmp_path):
    from interviewer_app.analysis.practice.plan import prompt_progress

    store = _store(tmp_path)
    _save(store, PLANS[0], STRONG, days_ago=3)
    _save(store, PLANS[0], WEAK, days_ago=2)
    _save(store, PLANS[1], STRONG, days_ago=1)
    progress = prompt_progress(query(store), NOW)
    weak_last, strong = progress[PLANS[0].id], progress[PLANS[1].id]
    assert (weak_last.answered, weak_last.best, weak_last.due) == (2, "8/8", True)
    assert weak_last.last != "8/8" and weak_last.label.startswith("answered 2× · best 8/8 · last ")
    assert strong.label == "answered 1× · best 8/8 · last 8/8 · not due yet"
    assert PLANS[2].id not in progress


def test_two_attempts_compared_in_one_line_and_row_by_row():
    from interviewer_app.analysis.practice.compare import compare

    quick = BudgetBook.load().format("sixty").budget(None)
    um = "Um so we could uh add a progress bar um or uh send a reminder email."
    first = analyze(timed_transcript([(um, 0.0)], word_s=6.0), quick, PLANS[0]).to_dict()  # 90 s, over 60
    second = analyze(timed_transcript([(STRONG, 0.0)], word_s=50.0 / len(STRONG.split())), quick, PLANS[0]).to_dict()
    c = compare(first, second)
    assert c.verdict.startswith("Restate the goal now heard; Scope and constraints now heard;")
    assert "s shorter" in c.verdict and "on time now" in c.verdict and "no fillers now" in c.verdict
    rows = {what: (b, a) for what, b, a in c.rows}
    assert rows["Scope and constraints"] == ("missed", "heard") and rows["Over time"][1] == "on time"
    assert compare(second, second).verdict == "About the same as the attempt before."
    assert c.to_dict()["rows"][0]["what"] == "Structure"
