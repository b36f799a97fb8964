"""The next prompt for you: spaced repetition over your own attempts, biased toward the steps you
keep skipping and the budgets you keep running over (issue 24). Pure computation over history
rows (storage.history.AttemptSummary, newest first), the prompt bank and a clock: the same
history, time and seed always give the same plan.

How a prompt is chosen (each rule says why, and the reason is shown with the prompt):
- **Due again** (spaced repetition, as flashcards are scheduled): an answered prompt comes back
  after an interval that grows with how well it went last time: 1 day after a weak answer (under
  half of the 8 steps, or over time), 3 after a fair one, 7 after a good one (6 of 8), 14 after
  a strong one (8 of 8 on time), doubled for each strong answer in a row before it. A story
  (C.A.R.E.) is judged by your self-score when you gave one, else as fair.
- **Your weakest step**: the step you skipped most often in your last RECENT plans (at least
  WEAK_MIN of them, and in at least WEAK_SHARE of them) pulls plan prompts whose question or
  hint calls for it ("funnel", "segment", "milestones", "risk"...), more the more you skip it.
- **Not answered yet**: a prompt you have never answered comes before one that is not due.
- **Over time**: when you went over budget in most of your last timed answers of one company's
  phase (at least WEAK_MIN), the plan suggests practising with that budget.
- **Late call**: when your recommendation came after the budget's halfway mark in most of your
  last RECENT timed plans (at least WEAK_MIN), prompts that ask for a decision (their words call
  for prioritize) come first, with the reason.
Ties are broken by a seeded shuffle, so "next" is not always the bank's first prompt.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from interviewer_app.core.drills import is_focus_row
from interviewer_app.core.models import Prompt, is_story_prompt
from interviewer_app.core.steps import STEP_KEYS, STEPS_BY_KEY

RECENT = 5  # plans looked at for the weakest step
WEAK_MIN = 3  # at least this many answers before a habit steers the plan
WEAK_SHARE = 0.6  # skipped (or over time) in at least this share of them
INTERVAL_DAYS = {"weak": 1, "fair": 3, "good": 7, "strong": 14}
MAX_INTERVAL_DAYS = 60

# Words in a prompt's question or hint that call for a step (ours, from the step definitions in
# core/steps.py): a prompt that says "find where the wait grows, by region" calls for the bottleneck.
STEP_WORDS: dict[str, tuple[str, ...]] = {
    "restate": ("goal", "metric", "success", "measure"),
    "scope": ("scope", "constraint", "deadline", "timeline", "tight", "limited", "rule out", "assum"),
    "map": ("funnel", "journey", "path", "map", "break it down", "breakdown", "driver"),
    "bottleneck": ("segment", "where", "drop", "fell", "spike", "region", "root cause", "diagnos"),
    "options": ("option", "weigh", "choose between", "ideas", "alternatives"),
    "prioritize": ("priorit", "cut", "trade-off", "tradeoff", "rice", "choose"),
    "sequence": ("milestone", "launch", "roll", "sequence", "phase", "backward", "plan"),
    "risks": ("risk", "guardrail", "fraud", "kill switch", "monitor", "rollback", "without trading"),
}


@dataclass(frozen=True)
class NextPrompt:
    prompt: Prompt
    reason: str  # one plain sentence: why this prompt, now
    due: bool  # answered before and due again
    score: float
    budget_format: str | None = None  # a budget to practise with, when over time is the habit
    budget_phase: str | None = None

    def to_dict(self) -> dict:
        return {"prompt_id": self.prompt.id, "prompt": self.prompt.text, "reason": self.reason,
                "due": self.due, "score": round(self.score, 3),
                "budget": None if self.budget_format is None else
                {"format": self.budget_format, "phase": self.budget_phase}}


def calls_for(prompt: Prompt, step: str) -> bool:
    """Does the prompt's question or hint call for `step`?"""
    text = f"{prompt.text} {prompt.hint}".lower()
    return any(re.search(r"\b" + re.escape(w), text) for w in STEP_WORDS[step])


def quality(row) -> tuple[str, str]:
    """How an attempt went, as an interval class and in words: ('good', '6 of 8 steps')."""
    over = bool(row.over_budget)
    if row.story:
        said = f"self-score {row.self_score:.1f} of 5" if row.self_score is not None else "a story"
        level = ("fair" if row.self_score is None else "weak" if row.self_score < 2.5 else
                 "fair" if row.self_score < 3.5 else "good" if row.self_score < 4.5 else "strong")
    else:
        said = f"{row.steps_heard} of 8 steps"
        level = ("weak" if row.steps_heard < 4 else "fair" if row.steps_heard < 6 else
                 "good" if row.steps_heard < 8 else "strong")
    if over:
        said += ", over time"
        level = "weak"
    return level, said


def due_at(attempts: list) -> datetime:
    """When a prompt answered in `attempts` (newest first) is due again."""
    level, _said = quality(attempts[0])
    days = INTERVAL_DAYS[level]
    if level == "strong":
        streak = next((i for i, r in enumerate(attempts) if quality(r)[0] != "strong"), len(attempts))
        days = min(MAX_INTERVAL_DAYS, days * 2 ** (streak - 1))
    return _when(attempts[0].created_at) + timedelta(days=days)


def weakest_step(rows) -> tuple[str, int, int] | None:
    """(step, skipped in, of) over the last RECENT plans, when it is a habit."""
    plans = [r for r in rows if not r.story and r.steps_heard and not is_focus_row(r)][:RECENT]
    if len(plans) < WEAK_MIN:
        return None
    skipped = Counter(s for r in plans for s in r.missing_steps)
    if not skipped:
        return None
    order = {k: i for i, k in enumerate(STEP_KEYS)}
    step, n = min(skipped.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
    return (step, n, len(plans)) if n / len(plans) >= WEAK_SHARE else None


def over_time_habit(rows) -> tuple[str, str | None, int, int] | None:
    """(format, phase, over in, of) for the company phase you most often run over in."""
    timed = defaultdict(list)
    for r in rows:
        if r.over_budget is not None and r.budget_format and r.budget_format != "custom":
            timed[(r.budget_format, r.budget_phase)].append(r)
    best = None
    for (fmt, phase), group in timed.items():
        recent = group[:RECENT]
        over = sum(bool(r.over_budget) for r in recent)
        if len(recent) >= WEAK_MIN and over / len(recent) >= WEAK_SHARE:
            if best is None or over / len(recent) > best[2] / best[3]:
                best = (fmt, phase, over, len(recent))
    return best


def late_call_habit(rows) -> tuple[int, int] | None:
    """(late in, of) over the last RECENT timed plans whose first recommendation was heard, when
    saying it after the budget's halfway mark is a habit (analysis/structure/recommendation.py)."""
    judged = [r for r in rows if r.call_late is not None][:RECENT]
    late = sum(bool(r.call_late) for r in judged)
    if len(judged) >= WEAK_MIN and late / len(judged) >= WEAK_SHARE:
        return late, len(judged)
    return None


def plan_next(rows, prompts: list[Prompt], now: datetime, seed: int = 0, limit: int = 5,
              budget_name=None) -> list[NextPrompt]:
    """The prompts to practise next, best first. `rows`: kept attempts, newest first;
    `budget_name(format, phase)` names a budget in words (default: its keys)."""
    by_prompt = defaultdict(list)
    for r in rows:
        if r.prompt_id and not is_focus_row(r):  # a drill on two steps says little of the whole answer
            by_prompt[r.prompt_id].append(r)
    weak = weakest_step(rows)
    over = over_time_habit(rows)
    late = late_call_habit(rows)
    rng = random.Random(seed)
    out = []
    for prompt in prompts:
        attempts = by_prompt.get(prompt.id, [])
        reasons, score, due = [], 0.0, False
        if attempts:
            when = due_at(attempts)
            _level, said = quality(attempts[0])
            ago = _days(now - _when(attempts[0].created_at))
            if when <= now:
                due = True
                overdue = _days(now - when)
                score += 2.0 + min(overdue, 7) / 7
                reasons.append(f"due again: last time {said}, {_ago(ago)}")
            else:
                score += 0.2 - _days(when - now) / 30
                reasons.append(f"not due until {_ago(-_days(when - now))}: last time {said}")
        else:
            score += 1.0
            reasons.append("not answered yet")
        if weak is not None and not is_story_prompt(prompt) and calls_for(prompt, weak[0]):
            step, n, of = weak
            score += 1.5 * n / of
            reasons.insert(0, f"you skipped {STEPS_BY_KEY[step].title.lower()} in {n} of your last {of} "
                              "plans, and this prompt calls for it")
        if late is not None and not is_story_prompt(prompt) and calls_for(prompt, "prioritize"):
            n, of = late
            score += 1.0 * n / of
            reasons.insert(0, f"your recommendation came after the halfway mark in {n} of your last {of} "
                              "timed plans, and this prompt asks for a decision: say your call early")
        score += rng.random() * 0.01
        out.append((score, prompt, reasons, due))
    out.sort(key=lambda t: -t[0])
    plan = []
    for score, prompt, reasons, due in out[:limit]:
        fmt = phase = None
        reason = "; ".join(reasons)
        if over is not None and not is_story_prompt(prompt):
            fmt, phase, n, of = over
            name = budget_name(fmt, phase) if budget_name else " / ".join(x for x in (fmt, phase) if x)
            reason += f"; practise it with the {name} budget: you went over time in {n} of your last {of}"
        plan.append(NextPrompt(prompt, reason[:1].upper() + reason[1:] + ".", due, score, fmt, phase))
    return plan


def _when(created_at: str) -> datetime:
    t = datetime.fromisoformat(created_at)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def _ago(days: float) -> str:
    if days >= 0:
        return "today" if days < 1 else "yesterday" if days < 2 else f"{int(days)} days ago"
    days = -days
    return "tomorrow" if days < 1 else f"in {int(days) + 1} days"


@dataclass(frozen=True)
class PromptProgress:
    answered: int
    best: str  # "7/8", or a story's best self-score "4.0/5", or "" when nothing to compare
    last: str
    due: bool

    @property
    def label(self) -> str:
        """'answered 3× · best 7/8 · last 5/8 · due again'."""
        parts = [f"answered {self.answered}×"]
        if self.best:
            parts += [f"best {self.best}", f"last {self.last}"]
        parts.append("due again" if self.due else "not due yet")
        return " · ".join(parts)


def prompt_progress(rows, now: datetime) -> dict[str, PromptProgress]:
    """For each prompt answered in `rows` (newest first): how often, the best and the last result,
    and whether the plan says it is due again."""
    by_prompt = defaultdict(list)
    for r in rows:
        if r.prompt_id:
            by_prompt[r.prompt_id].append(r)
    out = {}
    for prompt_id, attempts in by_prompt.items():
        if attempts[0].story:
            scored = [r.self_score for r in attempts if r.self_score is not None]
            best = f"{max(scored):.1f}/5" if scored else ""
            last = f"{attempts[0].self_score:.1f}/5" if attempts[0].self_score is not None else "not scored"
        else:
            best, last = f"{max(r.steps_heard for r in attempts)}/8", f"{attempts[0].steps_heard}/8"
        out[prompt_id] = PromptProgress(len(attempts), best, last, due_at(attempts) <= now)
    return out
