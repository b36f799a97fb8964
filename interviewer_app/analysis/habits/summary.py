"""Habits across attempts: going over time (overall, by company and phase, week by week, and per
phase of mock interviews), steps most often missed, time until the goal is restated, pace and
fillers, self-scores and how far they sit from the suggested scores (overall and week by week),
how often each content signal showed, and a short plain-language summary. Pure computation over history rows (no database, no Qt)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from math import fsum
from statistics import mean

from interviewer_app.analysis.content.rubric_assist import ScoreGap, score_gaps
from interviewer_app.analysis.content.signals import CONCERN, SIGNALS, SIGNALS_BY_KEY
from interviewer_app.analysis.habits.mock_phases import (
    MockPhaseHabit,
    PhaseTime,
    mock_phase_habits,
    mock_phase_sentence,
)
from interviewer_app.core.drills import FOCUS_FORMAT, focus_of_row, is_focus_row
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEP_KEYS, STEPS_BY_KEY

SCORE_GAP_MIN_ATTEMPTS = 3  # the summary mentions a self-score gap seen in at least this many answers
SCORE_GAP_NOTABLE = 1.0  # and at least this many points on average
RECENT = 10  # "your last 10 answers"


@dataclass
class WeekStats:
    week: str  # ISO week start date, YYYY-MM-DD (Monday)
    attempts: int
    over_share: float | None  # None in a week with no timed answer
    mean_overtime_s: float | None
    mean_wpm: float | None
    fillers_per_min: float | None
    mean_time_to_restate_s: float | None
    mean_steps_heard: float | None  # over plans; None in a week of stories only
    self_scores: dict[str, float] = field(default_factory=dict)
    # mean self-score minus suggested score per dimension (only with suggestions given)
    score_gaps: dict[str, float] = field(default_factory=dict)
    # mean first impression (1-5, before the feedback) minus the checklist on the same scale
    first_impression_gap: float | None = None


@dataclass
class SignalCount:
    """How often one content signal showed across attempts: `present` of the `checked` answers
    (a concern shown, a strength heard), over all the attempts and over the newest RECENT."""

    key: str
    title: str
    kind: str
    guide: str
    checked: int
    present: int
    recent_checked: int
    recent_present: int

    @property
    def share(self) -> float | None:
        return round(self.present / self.checked, 3) if self.checked else None

    def to_dict(self) -> dict:
        return {**self.__dict__, "share": self.share}


@dataclass
class Habits:
    attempts: int
    over_share: float | None
    mean_overtime_s: float | None
    by_phase: list[dict]
    step_miss_rate: dict[str, float]
    weeks: list[WeekStats]
    summary: list[str]
    # self-score minus suggested score, per rubric dimension (empty unless suggestions are given)
    score_gaps: dict[str, ScoreGap] = field(default_factory=dict)
    # how often each content signal showed, in registry order (empty unless signals are given)
    signal_counts: list[SignalCount] = field(default_factory=list)
    # going over time per phase of a real format, across mock interviews (analysis/habits/mock_phases.py)
    mock_phases: list[MockPhaseHabit] = field(default_factory=list)
    # what set off the bursts of fillers in these answers: trigger key -> bursts (empty unless
    # given), and how many bursts there were (a burst may have two triggers)
    filler_triggers: dict[str, int] = field(default_factory=dict)
    filler_bursts: int = 0
    # focus drills apart from whole answers (core/drills.py): phase key -> (every step asked heard, drills)
    focus_drills: dict[str, tuple[int, int]] = field(default_factory=dict)
    # first impressions (rated before the feedback) against the checklist and the suggested scores
    calibration: dict = field(default_factory=dict)
    # answer first: of the last timed plans whose recommendation was heard, how many said it after
    # the budget's halfway mark ({"late": n, "of": m}; empty without any)
    answer_first: dict = field(default_factory=dict)
    # the weeks' fillers per minute count answers transcribed as the newest was: with fillers
    # written down (True) or plainly (fillers_written_now)
    fillers_written: bool = False

    def to_dict(self) -> dict:
        return {"attempts": self.attempts, "over_share": self.over_share,
                "mean_overtime_s": self.mean_overtime_s, "by_phase": self.by_phase,
                "step_miss_rate": self.step_miss_rate,
                "weeks": [w.__dict__ for w in self.weeks], "summary": self.summary,
                "score_gaps": {k: g.to_dict() for k, g in self.score_gaps.items()},
                "signal_counts": [c.to_dict() for c in self.signal_counts],
                "mock_phases": [m.to_dict() for m in self.mock_phases],
                "filler_triggers": dict(self.filler_triggers), "filler_bursts": self.filler_bursts,
                "focus_drills": {k: {"all_heard": a, "drills": n} for k, (a, n) in self.focus_drills.items()},
                "calibration": dict(self.calibration), "answer_first": dict(self.answer_first),
                "fillers_written": self.fillers_written}


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(mean(values), 2) if values else None


def _week(created_at: str) -> str:
    d = datetime.fromisoformat(created_at).date()
    return date.fromordinal(d.toordinal() - d.weekday()).isoformat()


def summarize(rows, scores_by_attempt: dict[int, dict[str, int]] | None = None, budgets=None,
              suggestions_by_attempt: dict[int, dict] | None = None,
              signals_by_attempt: dict[int, dict[str, tuple[bool, bool]]] | None = None,
              mock_times: list[PhaseTime] | None = None,
              bursts_by_attempt: dict[int, list[tuple[str, ...]]] | None = None) -> Habits:
    """rows: AttemptSummary objects, newest first (as history.query returns them); budgets (a
    BudgetBook) turns format and phase keys into the names users know; suggestions_by_attempt
    (attempt id -> the suggested rubric scores, as history.suggestions_for returns them) adds how
    far the self-scores sit from the suggestions and whether that gap is closing;
    signals_by_attempt (attempt id -> signal key -> (present, checked), as history.signals_for
    returns them) adds how often each content signal showed in these rows; mock_times (as
    MockSessionStore.phase_times returns them) adds going over time per phase of mock interviews;
    bursts_by_attempt (as history.filler_bursts_for returns them) what sets off bursts of fillers."""
    scores_by_attempt = scores_by_attempt or {}
    suggestions_by_attempt = suggestions_by_attempt or {}
    budgeted = [r for r in rows if r.over_budget is not None]
    over = [r for r in budgeted if r.over_budget]
    by_phase = defaultdict(list)
    for r in budgeted:
        by_phase[(r.budget_format, r.budget_phase)].append(r)
    phases = [{"format": k[0], "phase": k[1], "attempts": len(v),
               "over_share": round(sum(x.over_budget for x in v) / len(v), 3),
               "mean_overtime_s": _mean(x.overtime_s for x in v if x.over_budget)}
              for k, v in sorted(by_phase.items(), key=lambda kv: -len(kv[1]))]
    # whole plans where something was said: a story is coached on C.A.R.E., not the 8 steps (guide
    # 002), and a focus drill checks only its one or two steps (counted apart, below)
    spoken = [r for r in rows if r.steps_heard and not r.story and not is_focus_row(r)]
    miss = Counter(step for r in spoken for step in r.missing_steps)
    miss_rate = {k: round(miss[k] / len(spoken), 3) if spoken else 0.0 for k in STEP_KEYS}
    written = fillers_written_now(rows)
    weeks = _weeks(rows, scores_by_attempt, written)
    habits = Habits(attempts=len(rows),
                    over_share=round(len(over) / len(budgeted), 3) if budgeted else None,
                    mean_overtime_s=_mean(r.overtime_s for r in over),
                    by_phase=phases, step_miss_rate=miss_rate, weeks=weeks, summary=[],
                    mock_phases=mock_phase_habits(mock_times or []), focus_drills=_focus_drills(rows),
                    calibration=calibration(rows), answer_first=answer_first(rows),
                    fillers_written=written)
    habits.summary = _sentences(rows, habits, budgets)
    if suggestions_by_attempt or signals_by_attempt or bursts_by_attempt:
        habits = with_content(habits, rows, scores_by_attempt, budgets, suggestions_by_attempt,
                              signals_by_attempt, bursts_by_attempt)
    return habits


def with_content(habits: Habits, rows, scores_by_attempt: dict[int, dict[str, int]], budgets=None,
                 suggestions_by_attempt: dict[int, dict] | None = None,
                 signals_by_attempt: dict[int, dict[str, tuple[bool, bool]]] | None = None,
                 bursts_by_attempt: dict[int, list[tuple[str, ...]]] | None = None) -> Habits:
    """A copy of `habits` (as summarize made it from the same rows and self-scores) with what
    the answers said added: the self-score gaps, overall and week by week, the signal counts, and
    the summary written again. The habits page shows `habits` first and this once the suggestions
    and signals are read (they come from every attempt's stored feedback JSON: the slow part)."""
    suggestions_by_attempt = suggestions_by_attempt or {}
    gaps, weekly = {}, {}
    if suggestions_by_attempt:
        both = [r for r in reversed(rows) if r.id in scores_by_attempt and r.id in suggestions_by_attempt]
        gaps = score_gaps((scores_by_attempt[r.id], suggestions_by_attempt[r.id]) for r in both)
        weekly = _weekly_gaps(both, scores_by_attempt, suggestions_by_attempt)
    out = replace(habits, score_gaps=gaps,
                  signal_counts=signal_counts(rows, signals_by_attempt) if signals_by_attempt else [],
                  filler_triggers=_trigger_counts(rows, bursts_by_attempt or {}),
                  filler_bursts=sum(len((bursts_by_attempt or {}).get(r.id, ())) for r in rows),
                  calibration=calibration(rows, suggestions_by_attempt),
                  weeks=[replace(w, score_gaps=weekly.get(w.week, {})) for w in habits.weeks])
    out.summary = _sentences(rows, out, budgets)
    return out


def _focus_drills(rows) -> dict[str, tuple[int, int]]:
    """Per focus drill (phase key): in how many of them every step asked was heard, of how many."""
    out: dict[str, list[int]] = {}
    for r in rows:
        steps = focus_of_row(r)
        if steps and r.steps_heard is not None:
            tally = out.setdefault(r.budget_phase, [0, 0])
            tally[0] += all(s not in r.missing_steps for s in steps)
            tally[1] += 1
    return {k: (a, n) for k, (a, n) in out.items()}


def _focus_sentence(drills: dict[str, tuple[int, int]], budgets=None) -> str | None:
    """'In focus drills you did every step asked in 5 of 8; hardest: Open: restate and scope (1 of 3).'"""
    if not drills:
        return None
    done, total = sum(a for a, _n in drills.values()), sum(n for _a, n in drills.values())
    line = f"In focus drills you did every step asked in {done} of {total}"
    key, (a, n) = min(drills.items(), key=lambda kv: (kv[1][0] / kv[1][1], -kv[1][1]))
    if len(drills) > 1 and a < n:
        line += f"; hardest: {budget_words(budgets, FOCUS_FORMAT, key)} ({a} of {n})"
    return line + "."


def _avg(values: list[float]) -> float:
    return round(fsum(values) / len(values), 2)


def _trigger_counts(rows, bursts_by_attempt: dict[int, list[tuple[str, ...]]]) -> dict[str, int]:
    """How many bursts of fillers each trigger set off in these rows, most first."""
    from interviewer_app.analysis.pacing.filler_triggers import TRIGGER_TEXT

    counts = Counter(t for r in rows for burst in bursts_by_attempt.get(r.id, ()) for t in burst)
    order = list(TRIGGER_TEXT)  # ties: in the order the triggers are checked
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 99)))


def _weekly_gaps(rows, scores_by_attempt, suggestions_by_attempt) -> dict[str, dict[str, float]]:
    """Week -> dimension -> mean self-score minus suggested score, over these rows."""
    gaps: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        suggested, week = suggestions_by_attempt[r.id], gaps[_week(r.created_at)]
        for k, v in scores_by_attempt[r.id].items():
            other = suggested.get(k)
            other = other.get("score") if isinstance(other, dict) else other
            if v is not None and other is not None:
                week[k].append(v - other)
    return {w: {k: _avg(v) for k, v in dims.items()} for w, dims in gaps.items()}


def signal_counts(rows, signals_by_attempt: dict[int, dict[str, tuple[bool, bool]]]) -> list[SignalCount]:
    """For every signal of the registry: in how many of these rows (newest first) it was checked
    and how many of those it showed, overall and in the newest RECENT rows that have signals.
    Rows without stored signals (saved before signals existed) are left out; a signal that was not
    checked in an answer (e.g. hypotheticals in a non-behavioral answer) does not count there."""
    found = [f for r in rows if (f := signals_by_attempt.get(r.id))]
    tally = Counter(item for f in found for item in f.items())  # (key, (present, checked)) -> answers
    recent = Counter(item for f in found[:RECENT] for item in f.items())

    def count(c: Counter, key: str) -> tuple[int, int]:
        shown, absent = c[(key, (True, True))], c[(key, (False, True))]
        return shown + absent, shown  # checked, present (a signal not checked does not count)
    return [SignalCount(s.key, s.title, s.kind, s.guide, *count(tally, s.key), *count(recent, s.key))
            for s in SIGNALS]


def fillers_written_now(rows) -> bool:
    """Whether the newest answer was transcribed with fillers written down (Settings › Write down
    "um" and "uh"): such a transcript counts far more fillers than a plain one, so filler rates
    are only compared between answers transcribed the same way as the newest."""
    return bool(rows and rows[0].fillers_written)


def _weeks(rows, scores_by_attempt, written: bool) -> list[WeekStats]:
    """Week by week; fillers per minute over the answers transcribed as `written` says."""
    groups = defaultdict(list)
    for r in rows:
        groups[_week(r.created_at)].append(r)
    out = []
    for week in sorted(groups):
        g = groups[week]
        budgeted = [r for r in g if r.over_budget is not None]
        alike = [r for r in g if r.fillers_written == written]
        filler_minutes = sum((r.speaking_s or 0) for r in alike) / 60
        fillers = sum((r.filler_count or 0) for r in alike)
        dims = defaultdict(list)
        for r in g:
            for k, v in scores_by_attempt.get(r.id, {}).items():
                dims[k].append(v)
        out.append(WeekStats(
            week=week, attempts=len(g),
            over_share=round(sum(r.over_budget for r in budgeted) / len(budgeted), 3) if budgeted else None,
            mean_overtime_s=_mean(r.overtime_s for r in budgeted if r.over_budget),
            mean_wpm=_mean(r.wpm for r in g),
            fillers_per_min=round(fillers / filler_minutes, 2) if filler_minutes else None,
            mean_time_to_restate_s=_mean(r.time_to_restate_s for r in g if not r.story),
            mean_steps_heard=_mean(r.steps_heard for r in g if not r.story and not is_focus_row(r)),
            self_scores={k: round(mean(v), 2) for k, v in dims.items()},
            first_impression_gap=_mean(impression_gap(r) for r in g)))
    return out


def checklist_on_five(row) -> float | None:
    """The checklist's verdict on a plan as a 1-5 score: 1 + 4 x the share of the steps asked for
    that were heard (all eight, or a focus drill's). None for a story (coached on C.A.R.E.)."""
    if row.story:
        return None
    asked = focus_of_row(row) or STEP_KEYS
    heard = sum(s not in (row.missing_steps or ()) for s in asked)
    return 1 + 4 * heard / len(asked)


def impression_gap(row) -> float | None:
    """How far the first impression (rated before the feedback) sat above the checklist."""
    on_five = checklist_on_five(row) if row.first_impression is not None else None
    return None if on_five is None else row.first_impression - on_five


def calibration(rows, suggestions_by_attempt: dict[int, dict] | None = None) -> dict:
    """First impressions against the checklist (and the suggested rubric scores, where known):
    how many answers were rated, and the mean difference of each (positive: rated higher)."""
    gaps = [g for r in rows if (g := impression_gap(r)) is not None]
    vs_suggested = []
    for r in rows:
        suggested = (suggestions_by_attempt or {}).get(r.id)
        if r.first_impression is not None and suggested:
            scores = [v.get("score") if isinstance(v, dict) else v for v in suggested.values()]
            scores = [s for s in scores if isinstance(s, (int, float))]
            if scores:
                vs_suggested.append(r.first_impression - mean(scores))
    return {"rated": sum(r.first_impression is not None for r in rows),
            "vs_checklist": _mean(gaps), "vs_checklist_answers": len(gaps),
            "vs_suggested": _mean(vs_suggested), "vs_suggested_answers": len(vs_suggested)}


def _calibration_sentence(c: dict) -> str | None:
    n, gap = c.get("vs_checklist_answers", 0), c.get("vs_checklist")
    if n < 3 or gap is None:
        return None
    if abs(gap) < 0.5:
        return f"Your first impressions match what the checklist heard (within half a point, {n} rated answers)."
    if gap > 0:
        return (f"You rate your answers {gap:.1f} points above what the checklist heard ({n} rated answers): "
                "listen back before trusting the feeling.")
    return (f"You rate your answers {-gap:.1f} points below what the checklist heard ({n} rated answers): "
            "you are harder on yourself than the checklist.")


def budget_words(budgets, fmt: str | None, phase: str | None) -> str:
    if budgets is not None and fmt and fmt != "custom":
        try:
            f = budgets.format(fmt)
            if not phase:
                return f.name
            phase_name = f.phase(phase).name.lower()
            # "60-second answer" + its one phase "Answer" is not a "60-second answer answer"
            return f.name if f.name.lower().endswith(phase_name) else f"{f.name} {phase_name}"
        except Exception:  # a format the user has since removed from budgets.toml
            pass
    return "custom time" if fmt == "custom" else " / ".join(x for x in (fmt, phase) if x) or "untimed"


def answer_first(rows, recent: int = 10) -> dict:
    """Of the newest `recent` timed plans whose first recommendation was heard, how many said it
    after the budget's halfway mark (schema v9 `call_late`)."""
    judged = [r for r in rows if r.call_late is not None][:recent]
    return {"late": sum(r.call_late for r in judged), "of": len(judged)} if judged else {}


def _answer_first_sentence(a: dict) -> str | None:
    if not a or a["of"] < 3 or not a["late"]:
        return None
    return (f"Your recommendation came after the halfway mark of the budget in {a['late']} of your last "
            f"{a['of']} timed plans: say your call early, back it up, and end on it (guide 004).")


def _sentences(rows, habits: Habits, budgets=None) -> list[str]:
    if not rows:
        return ["No saved attempts yet: answer a prompt and your habits show up here."]
    out = []
    recent = [r for r in rows[:10] if r.over_budget is not None]
    if recent:
        over = [r for r in recent if r.over_budget]
        line = f"You went over time in {len(over)} of your last {len(recent)} timed answers"
        if over:
            worst = Counter((r.budget_format, r.budget_phase) for r in over).most_common(1)[0][0]
            line += f", mostly in the {budget_words(budgets, *worst)}"
            line += f" (by {round(mean(r.overtime_s or 0 for r in over))} s on average)"
        out.append(line + ".")
    if habits.step_miss_rate:
        step, rate = max(habits.step_miss_rate.items(), key=lambda kv: kv[1])
        if rate > 0:
            out.append(f"You skip {STEPS_BY_KEY[step].title.lower()} in {round(100 * rate)}% of answers.")
    plans = [r for r in rows if not r.story and not is_focus_row(r)][:10]  # a whole plan frames the problem
    restate = [r.time_to_restate_s for r in plans if r.time_to_restate_s is not None]
    if restate:
        out.append(f"Lately you restate the goal {round(mean(restate))} s into the answer on average.")
    jumps = sum(r.jumped_to_options for r in plans)
    if jumps:
        out.append(f"You jumped to options before framing the problem in {jumps} of your last "
                   f"{len(plans)} plans (guide 003, mistake #1).")
    late_call = _answer_first_sentence(habits.answer_first)
    if late_call is not None:
        out.append(late_call)
    bursts = _burst_sentence(habits.filler_triggers, habits.filler_bursts)
    if bursts is not None:
        out.append(bursts)
    focus = _focus_sentence(habits.focus_drills, budgets)
    if focus is not None:
        out.append(focus)
    calibrated = _calibration_sentence(habits.calibration)
    if calibrated is not None:
        out.append(calibrated)
    mock = mock_phase_sentence(habits.mock_phases)
    if mock is not None:
        out.append(mock)
    concern = _frequent_concern(habits.signal_counts)
    if concern is not None:
        spec = SIGNALS_BY_KEY[concern.key]
        out.append(f"{spec.title} showed in {concern.recent_present} of your last "
                   f"{concern.recent_checked} answers where it was checked (guide {spec.guide}).")
    gap = _notable_gap(habits.score_gaps)
    if gap is not None:
        title = next((d.title.lower() for d in RUBRIC if d.key == gap.dimension), gap.dimension)
        side = "above" if gap.mean_gap > 0 else "below"
        line = (f"You score yourself {abs(gap.mean_gap):.1f} points {side} the suggested score on "
                f"{title} ({gap.attempts} answers)")
        if gap.trend in ("narrowing", "widening"):
            line += f", and the gap is {gap.trend}"
        out.append(line + ".")
    return out


def _burst_sentence(triggers: dict[str, int], total: int) -> str | None:
    """'Your fillers come in bursts most often in the first 20 seconds of the answer (4 of 6
    bursts, ...).'"""
    from interviewer_app.analysis.pacing.filler_triggers import OPENING_S, TRIGGER_TEXT

    if not total or not triggers:
        return None
    key, n = next(iter(triggers.items()))
    return (f"Your fillers come in bursts most often {TRIGGER_TEXT[key].format(opening=OPENING_S)} "
            f"({n} of {total} bursts, 3 or more fillers within 30 s).")


def _notable_gap(gaps: dict[str, ScoreGap]) -> ScoreGap | None:
    notable = [g for g in gaps.values()
               if g.attempts >= SCORE_GAP_MIN_ATTEMPTS and abs(g.mean_gap) >= SCORE_GAP_NOTABLE]
    return max(notable, key=lambda g: abs(g.mean_gap), default=None)


def _frequent_concern(counts: list[SignalCount]) -> SignalCount | None:
    """The concern that showed most often lately (in at least two recent answers), if any;
    jumping to features has its own sentence already (from the step detector)."""
    concerns = [c for c in counts if c.kind == CONCERN and c.recent_present >= 2
                and c.key != "jumped_to_features"]
    return max(concerns, key=lambda c: (c.recent_present / c.recent_checked, c.recent_present), default=None)
