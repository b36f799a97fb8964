"""Words a user should never see (issue 23): no internal identifier on any screen, tooltip or
report — snake_case keys ("we_dominant", "goal_clarity"), prompt ids, the guides' file names and
hashes, random seeds. Walks the main window's pages (the review's tabs for a plan and a story, history,
habits, the mock setup, Settings › Speech model), the exports, and a mock interview's report, on a real store with analysed
answers of our own that trigger signals, fillers, restarts, a self-score and follow-ups."""

from __future__ import annotations

import re

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.export.render import attempt_meta, render_attempt
from interviewer_app.mock.interview import MockInterview
from interviewer_app.mock.plan import plan_custom
from interviewer_app.mock.report import build_report
from interviewer_app.qt_binding import QtCore, QtWidgets
from interviewer_app.services.pipeline import AppContext
from tests.unit.test_follow_ups import NO_RISKS, WE_STORY
from tests.unit.timed import timed_transcript

PLAN_ANSWER = ("We could send reminders um. The goal is retention, measured by weekly active teams. "
               "I'd scope it to the web app. We we should um uh test it. The biggest risk is churn.")
STORY_ANSWER = "Last year I led a launch and I escalated to my director. We shipped and errors fell from 4% to 1%."


def _pattern(ctx) -> re.Pattern:
    ids = sorted((p.id for p in ctx.prompts.prompts), key=len, reverse=True)
    return re.compile(r"\b[a-z]+_[a-z0-9_]+\b"        # snake_case keys
                      r"|\b[0-9a-f]{12,}\b"           # file hashes
                      r"|\b\d{3}_\w+\.txt\b"          # the guides' file names
                      r"|\bseed \d+"                   # random seeds
                      r"|(?i:\bcustom-mock\b)"           # a custom mock's budget key
                      r"|\b(?:" + "|".join(map(re.escape, ids)) + r")\b")  # prompt ids


def _texts(root: QtWidgets.QWidget) -> list[str]:
    out = []
    for w in [root, *root.findChildren(QtWidgets.QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)):
            out.append(w.text())
        if isinstance(w, (QtWidgets.QTextEdit, QtWidgets.QPlainTextEdit)):
            out.append(w.toPlainText())
        if isinstance(w, QtWidgets.QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QtWidgets.QAbstractItemView) and w.model() is not None:
            m = w.model()
            cols = 1 if isinstance(m, QtCore.QAbstractListModel) else m.columnCount()
            for r in range(min(m.rowCount(), 60)):
                for c in range(cols):
                    for role in (QtCore.Qt.ItemDataRole.DisplayRole, QtCore.Qt.ItemDataRole.ToolTipRole):
                        value = m.data(m.index(r, c), role)
                        if isinstance(value, str):
                            out.append(value)
        if w.toolTip():
            out.append(w.toolTip())
    return out


def _found(pattern, where: str, texts) -> list[str]:
    return [f"{where}: {m.group(0)!r} in “{t[max(0, m.start() - 40):m.end() + 40]}”"
            for t in texts for m in pattern.finditer(t or "")]


def test_no_internal_identifier_reaches_a_screen_or_a_report(make_window, qtbot, isolated_home):
    ctx = AppContext()
    pattern = _pattern(ctx)
    budget = ctx.budgets.format("amazon").budget("deep-dive")
    plan_id = ctx.store.save(analyze(timed_transcript([(PLAN_ANSWER, 0.0)], word_s=0.4), budget, ctx.prompts.prompts[0]))
    story_id = ctx.store.save(analyze(timed_transcript([(STORY_ANSWER, 0.0)], word_s=0.4), budget,
                                      ctx.prompts.get("handle-blocked-dependency")))
    from interviewer_app.core.models import Budget
    mock_budget = Budget(60.0, format_key="custom-mock", format_name="Custom mock", phase_key="scenario",
                         phase_name="Scenario")
    ctx.store.save(analyze(timed_transcript([(PLAN_ANSWER, 0.0)], word_s=0.4), mock_budget, ctx.prompts.prompts[1]))
    ctx.store.set_self_score(plan_id, {"goal_clarity": 3, "metrics": 4}, "lead with the metric")
    problems = []
    for attempt in (plan_id, story_id):  # the exports, as a user would read them
        for fmt in ("md", "html"):
            problems += _found(pattern, f"export {fmt}", [render_attempt(*attempt_meta(ctx.store, attempt), fmt).decode()])
    bank = ctx.prompts
    plan = plan_custom([("Story", 60, "story"), ("Case", 30, "scenario")], bank.prompts, seed=4,
                       chosen={"story": bank.get("launch-delayed-what-did-you-do"),
                               "case": bank.get("onboarding-drop-after-redesign")})
    run = MockInterview(plan)
    for text, seconds in ((WE_STORY, 40), (NO_RISKS, 25)):
        turn = run.next_turn()
        run.record(turn, analyze(timed_transcript([(text, 0.0)], word_s=seconds / len(text.split())),
                                 turn.budget, turn.prompt))
    problems += _found(pattern, "mock report", [build_report(plan, run.answers, "finished").text()])
    ctx.store.db.conn.close()

    window = make_window()
    problems += _found(pattern, "prompts", _texts(window))
    for attempt in (plan_id, story_id):
        with qtbot.waitSignal(window.attempt_opened, timeout=10000):
            window.open_attempt(attempt)
        for i in range(window.review.tabs.count()):
            window.review.tabs.setCurrentIndex(i)
            problems += _found(pattern, f"review #{attempt}, {window.review.tabs.tabText(i)}", _texts(window))
    window.back_to_choose()
    window.show_history()
    qtbot.waitUntil(lambda: window._history.rows_loaded_for == window._history._generation, timeout=10000)
    problems += _found(pattern, "history", _texts(window))
    window.back_to_choose()
    window.show_habits()
    with qtbot.waitSignal(window._habits.refreshed, timeout=10000):
        window._habits.refresh()
    problems += _found(pattern, "habits", _texts(window))
    window.back_to_choose()
    window.mock.show()
    problems += _found(pattern, "mock setup", _texts(window))
    dialog = window.choose_speech_model()
    qtbot.waitUntil(dialog.isVisible)
    problems += _found(pattern, "speech model", _texts(dialog))
    dialog.reject()
    assert not problems, "\n".join(sorted(set(problems)))
