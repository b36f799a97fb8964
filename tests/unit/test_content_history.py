"""Content signals and suggested scores across saved attempts (storage.history.signals_for,
analysis.habits.signal_counts / with_content) and in the attempt exports (export/content.py)."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from interviewer_app.analysis.content.signals import SIGNAL_KEYS
from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.habits.summary import RECENT, signal_counts, summarize, with_content
from interviewer_app.core.prompts import PromptBank
from interviewer_app.export.attempt import to_html, to_markdown
from interviewer_app.storage.attempts import AttemptStore
from interviewer_app.storage.database import open_database
from interviewer_app.storage.history import move_to_trash, query, scores_for, signals_for, suggestions_for
from tests.unit.timed import timed_transcript

DAY0 = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)
PROMPT = PromptBank.load().get("onboarding-drop-after-redesign")
HEDGY = [("I think maybe we could add a progress bar.", 0.5), ("I guess it's kind of hard to say.", 0.5),
         ("Probably we should just try a few things first.", 0)]
FRAMED = [("The goal is week-one activation, measured by onboarding completion.", 0.5),
          ("The guardrails are support tickets, and we roll back if completion drops further.", 0)]


@pytest.fixture
def store(tmp_path):
    return AttemptStore(open_database(tmp_path / "db.sqlite3"), tmp_path / "recordings")


def save(store, parts, days=0):
    return store.save(analyze(timed_transcript(parts), None, PROMPT), created_at=DAY0 + timedelta(days=days))


def test_signals_for_reads_each_kept_attempts_flags(store):
    hedgy, framed, trashed = save(store, HEDGY), save(store, FRAMED, 1), save(store, HEDGY, 2)
    move_to_trash(store, trashed)
    old = save(store, FRAMED, 3)  # an attempt saved before signals existed: its JSON has none
    fb = store.feedback_json(old)
    del fb["signals"]
    with store.db.conn:
        store.db.execute("UPDATE attempt_feedback SET feedback_json = ? WHERE attempt_id = ?", [json.dumps(fb), old])
        store.db.execute("DELETE FROM attempt_signals WHERE attempt_id = ?", [old])
    found = signals_for(store)
    assert set(found) == {hedgy, framed}
    for attempt in (hedgy, framed):
        stored = store.feedback_json(attempt)["signals"]
        assert found[attempt] == {s["key"]: (s["present"], s["checked"]) for s in stored}
        assert set(found[attempt]) == set(SIGNAL_KEYS)
    assert found[hedgy]["hedging"] == (True, True) and found[framed]["hedging"] == (False, True)
    assert found[hedgy]["we_dominant"] == (False, False)  # not a story: not checked


def test_signal_counts_leave_out_unchecked_signals_and_count_the_recent_answers(store):
    ids = [save(store, HEDGY if i % 3 == 0 else FRAMED, i) for i in range(RECENT + 2)]
    rows = query(store)  # newest first
    counts = {c.key: c for c in signal_counts(rows, signals_for(store))}
    hedged = sum(1 for i in range(len(ids)) if i % 3 == 0)
    assert (counts["hedging"].checked, counts["hedging"].present) == (len(ids), hedged)
    assert counts["hedging"].share == round(hedged / len(ids), 3)
    newest = [i for i in range(len(ids))][-RECENT:]
    assert (counts["hedging"].recent_checked, counts["hedging"].recent_present) == (
        RECENT, sum(1 for i in newest if i % 3 == 0))
    assert counts["we_dominant"].checked == 0 and counts["we_dominant"].share is None


def test_with_content_adds_gaps_and_counts_without_changing_the_charts(store):
    a, b = save(store, FRAMED, 0), save(store, HEDGY, 8)
    store.set_self_score(a, {"metrics": 5})
    store.set_self_score(b, {"metrics": 5, "judgment": 4})
    rows, scores = query(store), scores_for(store)
    plain = summarize(rows, scores)
    full = with_content(plain, rows, scores, None, suggestions_for(store), signals_for(store))
    assert plain.signal_counts == [] and plain.score_gaps == {}  # the habits shown first are untouched
    assert all(w.score_gaps == {} for w in plain.weeks)
    suggested = {i: store.feedback_json(i)["rubric_suggestion"] for i in (a, b)}
    gap_a, gap_b = 5 - suggested[a]["metrics"]["score"], 5 - suggested[b]["metrics"]["score"]
    assert full.score_gaps["metrics"].mean_gap == pytest.approx((gap_a + gap_b) / 2, abs=0.01)
    assert [w.score_gaps.get("metrics") for w in full.weeks] == [gap_a, gap_b]  # one per week
    assert full.weeks[1].score_gaps["judgment"] == 4 - suggested[b]["judgment"]["score"]
    assert [w.week for w in full.weeks] == [w.week for w in plain.weeks]
    assert full.to_dict()["signal_counts"][0]["key"] == SIGNAL_KEYS[0]
    same = summarize(rows, scores, None, suggestions_for(store), signals_for(store))
    assert same.to_dict() == full.to_dict()  # one call or two steps: the same habits


def test_exports_have_a_short_content_section(store):
    attempt = save(store, FRAMED)
    fb = store.feedback_json(attempt)
    md = to_markdown(fb, {"created_at": "2026-10-05"}, {"metrics": 2}, "")
    section = md.split("## Content")[1].split("## Transcript")[0]
    assert "- Strengths heard: Guardrail metrics (0:" in section
    assert "- Concerns found: none" in section
    assert "- Framework: METER (guide 004): " in section and "parts heard; missed: " in section
    suggested = fb["rubric_suggestion"]
    assert f"- Metrics: {suggested['metrics']['score']}/5 — {suggested['metrics']['reasons'][0]}" in section
    assert "not your self-score" in section and "- Metrics: 2/5" in md.split("## Self-score")[1]
    hedgy = store.feedback_json(save(store, HEDGY))
    md = to_markdown(hedgy, {}, {}, "")
    hedging = next(s for s in hedgy["signals"] if s["key"] == "hedging")
    assert f"  - **Hedging** ({hedging['evidence'][0]['start'] // 60:.0f}:" in md and hedging["tip"] in md
    page = to_html(hedgy, {}, {}, "")
    assert "<h2>Content</h2>" in page and "<h3>Suggested scores</h3>" in page
    assert "<li class='miss'><b>Hedging</b>" in page
    old = {k: v for k, v in fb.items() if k not in ("signals", "framework", "rubric_suggestion")}
    assert "## Content" not in to_markdown(old, {}, {}, "") and "<h2>Content</h2>" not in to_html(old, {}, {}, "")


def test_pdf_export_has_the_content_section(store, tmp_path):
    import shutil
    import subprocess
    import unicodedata

    from interviewer_app.export.pdf import html_to_pdf

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: run scripts/install-system-deps.sh --test")
    fb = store.feedback_json(save(store, HEDGY))
    pdf = html_to_pdf(to_html(fb, {"created_at": "2026-10-05"}, {}, ""), tmp_path / "a.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    assert "Content 0 strengths heard · 2 concerns found Strengths heard: none Concerns found: Jumped to features (0:00)" in text
    assert "Hedging (0:00) — Trade \"maybe\"" in text and "Suggested scores" in text
    assert f"Goal clarity: {fb['rubric_suggestion']['goal_clarity']['score']}/5" in text


def test_reanalysis_replaces_the_counted_signals(store):
    attempt = save(store, HEDGY)
    assert signals_for(store)[attempt]["hedging"] == (True, True)
    store.replace_feedback(attempt, analyze(timed_transcript(FRAMED), None, PROMPT))
    assert signals_for(store)[attempt]["hedging"] == (False, True)
    stored = store.feedback_json(attempt)
    assert signals_for(store)[attempt] == {s["key"]: (s["present"], s["checked"]) for s in stored["signals"]}


def test_upgrading_copies_signals_and_suggestions_out_of_stored_feedback(tmp_path):
    """Schema v5 counts signals from their own table; a database from before it gets the table
    filled from the feedback already stored, including answers saved before "checked" existed."""
    path = tmp_path / "db.sqlite3"
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    new, older, oldest = save(store, HEDGY), save(store, FRAMED, 1), save(store, FRAMED, 2)
    for attempt in (new, older, oldest):
        store.set_self_score(attempt, {"metrics": 3})
    fb_older = store.feedback_json(older)
    for s in fb_older["signals"]:
        del s["checked"]  # saved by a version that checked every signal
    fb_oldest = store.feedback_json(oldest)
    del fb_oldest["signals"], fb_oldest["rubric_suggestion"]  # saved before either existed
    expected_new = store.feedback_json(new)
    with store.db.conn as conn:
        conn.execute("UPDATE attempt_feedback SET feedback_json = ? WHERE attempt_id = ?", [json.dumps(fb_older), older])
        conn.execute("UPDATE attempt_feedback SET feedback_json = ? WHERE attempt_id = ?", [json.dumps(fb_oldest), oldest])
        conn.execute("DROP TABLE attempt_signals")
        conn.execute("DROP TABLE attempt_suggestions")
        conn.execute("DROP TABLE attempt_filler_bursts")  # schema v6: not there at v4 either
        conn.execute("ALTER TABLE attempts DROP COLUMN story")  # nor v7's column
        conn.execute("PRAGMA user_version = 4")
    store.db.conn.close()
    store = AttemptStore(open_database(path), tmp_path / "recordings")
    found = signals_for(store)
    assert set(found) == {new, older}
    assert found[new] == {s["key"]: (s["present"], s["checked"]) for s in expected_new["signals"]}
    assert found[older] == {s["key"]: (s["present"], True) for s in fb_older["signals"]}
    suggested = suggestions_for(store)
    assert set(suggested) == {new, older}
    assert suggested[new] == {k: v["score"] for k, v in expected_new["rubric_suggestion"].items()}
