"""The habits page counts content signals over the saved attempts and shows how far self-scores sit
from the suggested scores, per dimension and week by week (pytest-qt, real SQLite store)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from interviewer_app.analysis.content.signals import SIGNALS
from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.prompts import PromptBank
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.qt_binding import QtCore
from interviewer_app.storage import history
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.ui.pages.habits_page import NO_GAPS, READING, HabitsPage
from tests.ui.test_review_content import METER
from tests.unit.timed import timed_transcript

DAY0 = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)  # a Monday
PROMPT = PromptBank.load().get("onboarding-drop-after-redesign")
HEDGY = [("I think maybe we could add a progress bar to onboarding.", 0.5),
         ("I guess it's kind of hard to say what's wrong.", 0.5),
         ("Probably we should just try a few things first.", 0.5),
         ("Maybe the goal is completion, I'm not sure.", 0)]


@pytest.fixture
def store(tmp_path):
    s = AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")
    yield s
    QtCore.QThreadPool.globalInstance().waitForDone(5000)  # no read outlives its store


def save(store, parts, days: float) -> int:
    return store.save(analyze(timed_transcript(parts), None, PROMPT), created_at=DAY0 + timedelta(days=days))


def page_of(qtbot, store) -> HabitsPage:
    page = HabitsPage(store, BudgetBook.load())
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def test_signal_counts_and_score_gaps_from_saved_attempts(qtbot, store):
    ids = [save(store, parts, days) for parts, days in
           ((HEDGY, 0), (METER, 1), (HEDGY, 8), (METER, 9), (HEDGY, 10))]
    history.move_to_trash(store, save(store, HEDGY, 11))  # in the trash: not counted
    mine = {ids[0]: {"metrics": 4, "judgment": 3}, ids[1]: {"metrics": 2}, ids[2]: {"metrics": 5},
            ids[4]: {"metrics": 3, "judgment": 1}}
    for attempt, scores in mine.items():
        store.set_self_score(attempt, scores)
    stored = {i: store.feedback_json(i) for i in ids}  # what each attempt's feedback JSON says

    page = page_of(qtbot, store)
    seen = []
    page.charts_shown.connect(lambda: seen.append((page.signals_card.note.text(), page.habits.signal_counts)))
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert len(seen) == 1 and READING in seen[0][0] and seen[0][1] == []  # charts first, content after

    table = page.signal_table
    assert page.signals_card.table.isVisible()
    for spec in SIGNALS:
        flags = [next(s for s in stored[i]["signals"] if s["key"] == spec.key) for i in ids]
        checked = [s for s in flags if s["checked"]]
        present = sum(s["present"] for s in checked)
        cells = table.cells(spec.key)
        assert cells[0] == spec.title
        if checked:
            assert cells[1] == f"{present} of {len(checked)}" == cells[3]  # five answers: all are recent
            assert cells[2] == f"{round(100 * present / len(checked))}%"
        else:
            assert cells[1:] == ["—", "—", "—"]  # never checked: dimmed, not 0%
    assert table.cells("hedging")[1] == "3 of 5" and table.cells("guardrails")[1] == "2 of 5"
    assert table.cells("we_dominant")[1] == "—"  # not a story
    titles = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert titles[0].startswith("⚠ Concerns") and titles[6].startswith("✓ Strengths")  # 5 concerns, 6 strengths
    shares = [int(table.item(r, 2).text()[:-1]) if table.item(r, 2).text() != "—" else None
              for r in range(table.rowCount()) if table.columnSpan(r, 0) == 1]
    concerns, strengths = [x for x in shares[:5] if x is not None], [x for x in shares[5:] if x is not None]
    assert concerns == sorted(concerns, reverse=True) and strengths == sorted(strengths)  # worst first
    assert any(line.startswith("Hedging showed in 3 of your last 5 answers") for line in page.habits.summary)
    assert "Hedging showed in 3 of your last 5 answers" in page.summary.text()

    def gap(dim, attempts):  # self-score minus the stored suggestion, averaged
        values = [mine[i][dim] - stored[i]["rubric_suggestion"][dim]["score"] for i in attempts]
        return sum(values) / len(values)
    gaps = page.gap_table
    assert gaps.isVisible() and gaps.rowCount() == 2
    rows = {gaps.item(r, 0).text(): [gaps.item(r, c).text() for c in range(gaps.columnCount())]
            for r in range(gaps.rowCount())}
    metrics = [ids[0], ids[1], ids[2], ids[4]]
    assert rows["Metrics"][1:3] == ["4", f"{gap('metrics', metrics):+.1f}"]
    earlier, recent = gap("metrics", metrics[:2]), gap("metrics", metrics[2:])
    assert rows["Metrics"][3] == f"{earlier:+.1f} → {recent:+.1f}"  # oldest half, newest half
    assert rows["Metrics"][4].split()[0] in ("narrowing", "widening", "steady")
    judgment = gap("judgment", [ids[0], ids[4]])
    assert rows["Judgment"][1:] == ["2", f"{judgment:+.1f}", "—", "—"]  # too few answers for a trend

    chart = page.cards["score_gaps"].chart()
    series = {s.name(): s for s in chart.series()}
    assert set(series) == {"Same as suggested", "Metrics", "Judgment"}
    assert series["Metrics"].count() == 2  # two weeks with a scored answer
    week1 = gap("metrics", [ids[0], ids[1]])
    assert series["Metrics"].points()[0].y() == pytest.approx(week1, abs=0.01)
    assert [p.y() for p in series["Same as suggested"].points()] == [0.0, 0.0]
    assert {d.title for d in RUBRIC} >= set(series) - {"Same as suggested"}


def test_without_self_scores_the_gap_card_says_how_to_get_one(qtbot, store):
    save(store, METER, 0)
    page = page_of(qtbot, store)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    card = page.cards["score_gaps"]
    assert card.chart() is None and NO_GAPS.split(":")[0] in card.note.text() and page.gap_table.isHidden()
    assert page.signal_table.cells("guardrails")[1] == "1 of 1"


def test_rows_given_directly_count_their_signals(qtbot, store):
    """refresh(rows, …) as a filtered view would call it: only those rows count."""
    hedgy, plain = save(store, HEDGY, 0), save(store, METER, 1)
    page = page_of(qtbot, store)
    rows = [r for r in history.query(store) if r.id == hedgy]
    page.refresh(rows=rows, scores={}, suggestions={}, signals=history.signals_for(store))
    assert page.signal_table.cells("hedging")[1] == "1 of 1" and page.signal_table.cells("guardrails")[1] == "0 of 1"
    assert plain not in [r.id for r in rows]


def test_mock_interviews_show_going_over_per_phase(qtbot, store):
    """Two mocks of a custom format, saved the way the app saves them: the table counts the story
    phase over in one of two sessions; before any mock, the card says how to run one."""
    from interviewer_app.mock.plan import plan_custom
    from interviewer_app.storage.mock_sessions import MockSessionStore
    from interviewer_app.ui.pages.habits_page import NO_MOCKS

    save(store, METER, 0)
    page = page_of(qtbot, store)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    assert page.mock_table.isHidden() and NO_MOCKS.split(":")[0] in page.mock_card.note.text()

    plan = plan_custom([("Story", 20, "story")], PromptBank.load().prompts, 5)
    sessions = MockSessionStore(store)
    for parts in (METER + HEDGY, HEDGY):  # the first runs past 20 s, the second does not
        session_id = sessions.create(plan)
        fb = analyze(timed_transcript(parts), plan.budget("story"), plan.question("story").prompt)
        sessions.add_answer(session_id, fb, phase_key="story", question_key=plan.question("story").key)
    durations = [a.duration_s for s in sessions.list() for a in sessions.get(s.id).answers]
    assert sum(d > 20 for d in durations) == 1
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    t = page.mock_table
    assert not t.isHidden() and t.rowCount() == 1
    cells = [t.item(0, c).text() for c in range(t.columnCount())]
    assert cells[:4] == ["Custom mock — Story", "0:20", "2", "1 of 2"]
    assert cells[4].startswith("+")


def test_what_sets_off_your_fillers_is_a_card_counting_each_trigger(qtbot, store):
    """Bursts of fillers (3 or more within 30 s) stored with each answer are counted per trigger
    on the habits page, the most frequent first; with none, the card says so."""
    from interviewer_app.ui.pages.habits_page import NO_BURSTS
    from tests.unit.test_filler_bursts_history import CALM, NERVOUS_START, NUMBER_LATER

    calm_only = page_of(qtbot, store)
    save(store, CALM, 0)
    with qtbot.waitSignal(calm_only.refreshed, timeout=10000):
        calm_only.refresh()
    assert not calm_only.trigger_table.isVisible() and NO_BURSTS in calm_only.triggers_card.note.text()

    for parts, days in ((NERVOUS_START, 1), (NERVOUS_START, 2), (NUMBER_LATER, 3)):
        store.save(analyze(timed_transcript(parts, word_s=1.0), None, PROMPT), created_at=DAY0 + timedelta(days=days))
    page = page_of(qtbot, store)
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    t = page.trigger_table
    assert page.triggers_card.table.isVisible()
    rows = [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]
    assert rows == [("In the first 20 seconds of the answer", "2 of 3"), ("As a new step began", "2 of 3"),
                    ("While giving a number", "1 of 3")]
