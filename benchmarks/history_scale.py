"""History at scale: a database of 10,000 realistic attempts (real analysed answers, copied with
varied dates, budgets and overtime; a third of them self-scored), timing what the history view,
the habits dashboard (its charts, then the content signals and self-score gaps read from every
attempt's stored feedback) and `interviewer-app history --json` need, and the storage cost per
attempt.

Run:  .venv/bin/python benchmarks/history_scale.py [--attempts 10000]
Targets (issue 6): history view ready <= 200 ms, dashboard <= 500 ms, CLI history --json <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from common import ROOT, table


def build(home, n: int) -> None:
    from interviewer_app.core.rubric import RUBRIC_KEYS
    from interviewer_app.services.pipeline import AppContext, analyze_file, save_answer
    from interviewer_app.storage.migrations import copy_content
    from tests.fixtures.speech import synthesize

    os.environ["INTERVIEWER_HOME"] = str(home)
    ctx = AppContext()
    seeds = []
    for name in ("strong_onboarding", "jump_to_options"):
        spoken = synthesize(name)
        answer = analyze_file(ctx, spoken.wav, prompt=ctx.prompts.get(spoken.prompt),
                              budget=ctx.budgets.resolve("practice", "story", None))
        seeds.append(save_answer(ctx, answer))
    db = ctx.store.db
    cols = [c for c in db["attempts"].columns_dict if c != "id"]
    rows = [dict(zip(cols, db.execute(f"SELECT {', '.join(cols)} FROM attempts WHERE id = ?", [i]).fetchone()))
            for i in seeds]
    feedback = [db.execute("SELECT feedback_json FROM attempt_feedback WHERE attempt_id = ?", [i]).fetchone()[0]
                for i in seeds]
    rng = random.Random(7)
    formats = [(f.key, p.key, p.seconds) for f in ctx.budgets.formats for p in f.phases]
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    batch, first_id = [], max(seeds) + 1
    for i in range(n - len(seeds)):
        r = dict(rows[i % len(rows)])
        fmt, phase, secs = rng.choice(formats)
        duration = secs * rng.uniform(0.6, 1.4)
        r.update(created_at=(start + timedelta(minutes=47 * i)).isoformat(timespec="seconds"),
                 budget_format=fmt, budget_phase=phase, budget_s=secs, duration_s=duration,
                 overtime_s=max(0.0, duration - secs), over_budget=int(duration > secs),
                 wpm=rng.uniform(120, 190), filler_count=rng.randint(0, 12), steps_heard=rng.randint(2, 8))
        r["id"] = first_id + i
        batch.append(r)
    with db.conn:
        db["attempts"].insert_all(batch, batch_size=1000)
        db["attempt_feedback"].insert_all(({"attempt_id": r["id"], "feedback_json": feedback[i % len(feedback)]}
                                           for i, r in enumerate(batch)), batch_size=1000)
        db["attempt_scores"].insert_all(({"attempt_id": r["id"], "dimension": k, "score": rng.randint(1, 5)}
                                         for r in batch[::3] for k in RUBRIC_KEYS), batch_size=1000)
        copy_content(db.conn, f"SELECT attempt_id FROM attempt_feedback WHERE attempt_id >= {first_id}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--attempts", type=int, default=10_000)
    args = ap.parse_args()
    home = ROOT / ".bench-cache" / f"history-{args.attempts}-v3"  # v3: signals and suggestions tables (schema v5)
    db_path = home / "data" / "interviewer.sqlite3"
    if not db_path.exists():
        build(home, args.attempts)
    os.environ["INTERVIEWER_HOME"] = str(home)
    from interviewer_app.analysis.habits.summary import summarize
    from interviewer_app.analysis.practice.plan import plan_next
    from interviewer_app.services.pipeline import AppContext
    from interviewer_app.storage.history import HistoryFilter, query, scores_for, signals_for, suggestions_for

    ctx = AppContext()
    _ = ctx.store  # open (and migrate) outside the timings
    timings = []
    for label, fn in (
        ("history rows, newest first (all)", lambda: query(ctx.store)),
        ("history rows, search 'funnel'", lambda: query(ctx.store, HistoryFilter(text="funnel"))),
        ("history rows, over budget, amazon", lambda: query(ctx.store, HistoryFilter(company="amazon", over_budget_only=True))),
        ("dashboard (rows + habits summary)", lambda: summarize(query(ctx.store), scores_for(ctx.store))),
        ("content signals of every attempt (signals_for)", lambda: signals_for(ctx.store)),
        ("suggested scores of self-scored attempts (suggestions_for)", lambda: suggestions_for(ctx.store)),
        ("practice plan, next for me (rows + plan_next; issue 24 target <= 100 ms)",
         lambda: plan_next(query(ctx.store), ctx.prompts.prompts, datetime.now(timezone.utc), limit=10)),
        ("dashboard with content (rows, scores, suggestions, signals, summary)",
         lambda: summarize(query(ctx.store), scores_for(ctx.store), None, suggestions_for(ctx.store),
                           signals_for(ctx.store))),
    ):
        best = min(_timed(fn) for _ in range(3))
        timings.append([label, f"{1000 * best:.0f}"])
    start = time.perf_counter()
    out = subprocess.run([str(ROOT / ".venv/bin/interviewer-app"), "history", "--json"], capture_output=True,
                         text=True, env={**os.environ}, check=True)
    cli = time.perf_counter() - start
    n = len(json.loads(out.stdout))
    timings.append([f"CLI history --json ({n} attempts, whole process)", f"{1000 * cli:.0f}"])
    ui = ui_timings()
    timings.append(["app: history page, refresh to newest rows on screen (first / again)",
                    f"{ui.get('history_first', '-')} / {ui.get('history_again_first', '-')}"])
    timings.append(["app: history page, refresh to all rows on screen (first / again)", f"{ui['history']} / {ui['history_again']}"])
    timings.append(["app: habits dashboard, refresh to charts on screen (first / again)",
                    f"{ui.get('habits_charts', ui['habits'])} / {ui.get('habits_again_charts', '-')}"])
    timings.append(["app: habits dashboard, refresh to content signals and score gaps on screen (first / again)",
                    f"{ui['habits']} / {ui.get('habits_again', '-')}"])
    print(f"{n} attempts in {db_path}")
    print(table(timings, ["what", "ms (best of 3; CLI once)"]))
    size = db_path.stat().st_size
    print(f"\ndatabase: {size / 1e6:.1f} MB, {size / n / 1024:.1f} KiB per attempt (feedback JSON with word timings)")
    flacs = list((home / "data" / "recordings").glob("*.flac"))
    if flacs:
        import soundfile as sf

        info = [(f.stat().st_size, sf.info(str(f)).duration) for f in flacs]
        kb_per_min = sum(s for s, _ in info) / 1024 / (sum(d for _, d in info) / 60)
        print(f"audio: FLAC 16 kHz mono, {kb_per_min:.0f} KiB per minute (16-bit WAV: 1875 KiB per minute)")


UI = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from interviewer_app.qt_binding import QtWidgets, QtCore
from interviewer_app.services.pipeline import AppContext
from interviewer_app.ui.pages.history_page import HistoryPage
from interviewer_app.ui.pages.habits_page import HabitsPage
app = QtWidgets.QApplication([])
ctx = AppContext(); ctx.store
out = {}
def measure(page, name, then):
    clock = QtCore.QElapsedTimer()
    stages = []
    for signal, suffix in (("first_rows_shown", "_first"), ("charts_shown", "_charts")):
        if hasattr(page, signal):
            def stage(suffix=suffix):
                app.processEvents()  # let the first rows or the charts paint
                out.setdefault(name + suffix, clock.elapsed())
            getattr(page, signal).connect(stage)
            stages.append((getattr(page, signal), stage))
    def done():
        app.processEvents()  # let the rows paint
        out[name] = clock.elapsed()
        page.refreshed.disconnect(done)
        for signal, stage in stages:
            signal.disconnect(stage)
        then()
    page.refreshed.connect(done)
    page.show(); clock.start(); page.refresh()
history = HistoryPage(ctx.store, ctx.budgets); history.resize(1280, 800)
habits = HabitsPage(ctx.store, ctx.budgets); habits.resize(1280, 800)
def second_history():
    measure(history, "history_again",
            lambda: measure(habits, "habits", lambda: measure(habits, "habits_again", app.quit)))
QtCore.QTimer.singleShot(0, lambda: measure(history, "history", second_history))
app.exec()
print(json.dumps(out), flush=True)
"""


def ui_timings() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run([sys.executable, "-c", UI, str(ROOT)], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
