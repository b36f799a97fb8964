"""The review screen's Content tab (signals, framework parts, metric levels) and the suggested
scores beside the self-score, on feedback made by really analysing timed answers (pytest-qt)."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.core.models import Budget, format_clock
from interviewer_app.core.prompts import PromptBank
from interviewer_app.core.rubric import RUBRIC, RUBRIC_KEYS
from interviewer_app.core.steps import GUIDE_TITLES
from interviewer_app.qt_binding import Qt, QtGui
from interviewer_app.ui.pages.review_page import ReviewPage
from interviewer_app.ui.widgets.framework_parts import FrameworkParts
from interviewer_app.ui.widgets.self_score import SelfScoreForm
from interviewer_app.ui.widgets.signal_list import SignalList
from tests.ui.conftest import screenshot
from tests.unit.timed import timed_transcript

BANK = PromptBank.load()
STORY_PROMPT = BANK.get("project-off-track-recovery")  # behavioral, C.A.R.E. (guide 002)
METER_PROMPT = BANK.get("onboarding-drop-after-redesign")  # metric drop, METER (guide 004)
STORY = [  # told as "we", with hedges: two concerns; a number, a failure and an escalation: strengths
    ("Last year at my previous company we had to ship a billing migration in eight weeks with two squads.", 0.5),
    ("We fell three weeks behind because the data didn't migrate cleanly.", 0.5),
    ("We cut the reporting features and we moved two engineers from the growth team.", 0.5),
    ("I think we maybe got lucky, and I guess the team kind of pulled it off.", 0.5),
    ("In the end we shipped one week late and churn stayed flat at 2 percent.", 0.5),
    ("I told my director right away when the slip happened, so she could reset the date with sales.", 0.0),
]
METER = [
    ("The goal is week-one activation, with onboarding completion as the leading indicator.", 0.6),
    ("I'll assume web and mobile, two weeks since the redesign, and one squad of four engineers.", 0.6),
    ("The flow goes landing page, account creation, email verification, profile setup, then the first project.", 0.6),
    ("First I'd confirm the drop is real in the raw event logs, then segment by platform and acquisition channel.", 0.6),
    ("We could make the profile step skippable, restore the progress bar, or revert the redesign.", 0.6),
    ("I'd pick the skippable step because it's a one-day change and easy to reverse.", 0.6),
    ("In week one we ship it to half of new signups, and at the two-week mark we decide whether to keep it.", 0.6),
    ("The guardrails are support tickets and seven-day retention, and we roll back if completion drops further.", 0),
]


def feedback(parts, prompt, budget=None) -> dict:
    """What the review page gets: the analysis of a timed answer, as stored (JSON round trip)."""
    return json.loads(json.dumps(analyze(timed_transcript(parts), budget, prompt).to_dict()))


@pytest.fixture(scope="module")
def story() -> dict:
    return feedback(STORY, STORY_PROMPT, Budget(120))


@pytest.fixture(scope="module")
def meter() -> dict:
    return feedback(METER, METER_PROMPT)


def signal(d: dict, key: str) -> dict:
    return next(s for s in d["signals"] if s["key"] == key)


@pytest.fixture
def signals(qtbot) -> SignalList:
    w = SignalList()
    qtbot.addWidget(w)
    w.resize(560, 900)
    w.show()
    return w


# -- signals ---------------------------------------------------------------------------------------
def test_concerns_and_strengths_are_listed_with_their_evidence_and_tips(signals, story):
    concerns = [s for s in story["signals"] if s["kind"] == "concern" and s["present"] and s["checked"]]
    strengths = [s for s in story["signals"] if s["kind"] == "strength" and s["present"] and s["checked"]]
    assert {"we_dominant", "hedging"} <= {s["key"] for s in concerns}  # what this story was written to show
    assert {"quantified_results", "escalation_path"} <= {s["key"] for s in strengths}
    signals.show_feedback(story)
    assert signals.summary.text() == f"<b>{len(strengths)} strengths heard · {len(concerns)} concerns found</b>"
    assert list(signals.blocks) == [s["key"] for s in concerns + strengths]  # concerns first
    for s in concerns + strengths:
        block = signals.blocks[s["key"]]
        assert f"<b>{html.escape(s['title'])}</b>" in block.title.text()
        assert ("⚠" if s["kind"] == "concern" else "✓") in block.title.text()  # a shape, not just a colour
        shown = re.sub(r"</?a\b[^>]*>", "", block.tip.text())  # the cited guide is a link to its passage
        assert shown == f"<i>Tip:</i> {html.escape(s['tip'])}" and "(guide " in s["tip"]
        assert "<a href='guide:" in block.tip.text()
        assert block.tip.toolTip() == f"From guide {s['guide']} ({GUIDE_TITLES[s['guide']]})"  # its subject, not its file
        assert len(block.rows) == min(3, len(s["evidence"])) >= 1
        for row, ev in zip(block.rows, s["evidence"]):
            assert row.time.text() == f"{format_clock(ev['start'])} ▸" and row.time.isEnabled()
            assert re.sub("<[^>]+>", "", row.text.text()) == f"“{html.escape(ev['text'])}”"
            if ev["cue"].lower() in ev["text"].lower():
                assert f"<b>{html.escape(ev['cue'])}</b>".lower() in row.text.text().lower()  # cue words stand out
            assert row.text.toolTip() == ev["rule"]
    hedging = signals.blocks["hedging"]
    assert hedging.detail.text() == signal(story, "hedging")["detail"] and "hedges" in hedging.detail.text()
    assert "“I think we maybe got lucky" in hedging.rows[0].text.text().replace("<b>", "").replace("</b>", "")


def test_strengths_not_heard_get_their_tip_and_signals_not_checked_are_dimmed(signals, story, meter):
    signals.show_feedback(story)
    missed = [s for s in story["signals"] if s["kind"] == "strength" and s["checked"] and not s["present"]]
    assert missed and set(signals.to_add) == {s["key"] for s in missed}
    for s in missed:
        assert html.escape(s["tip"]) in signals.to_add[s["key"]].text()
    unchecked = [s for s in story["signals"] if not s["checked"]]
    assert [s["key"] for s in unchecked] == ["jumped_to_features"]  # a story is not framed with 8 steps
    assert "jumped_to_features" not in signals.blocks
    label = signals.not_checked
    assert label.isVisible() and "Jumped to features" in label.text() and unchecked[0]["detail"] in label.text()
    assert label.foregroundRole() == QtGui.QPalette.ColorRole.PlaceholderText  # dimmed
    signals.show_feedback(meter)  # not a story: "we" and hypotheticals are not checked, no concern found
    assert not signals.blocks.get("we_dominant") and not signals.blocks.get("hypotheticals")
    assert "Ownership" in signals.not_checked.text() and "Hypotheticals in a story" in signals.not_checked.text()
    assert "no concerns found" in signals.summary.text()
    assert "hedging" in signals.not_found.text() and signals.not_found.isVisible()


def test_an_evidence_time_emits_its_sentence_start(qtbot, signals, story):
    signals.show_feedback(story)
    row = signals.blocks["escalation_path"].rows[0]
    with qtbot.waitSignal(signals.evidence_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(row.time, Qt.MouseButton.LeftButton)
    assert blocker.args == [pytest.approx(signal(story, "escalation_path")["evidence"][0]["start"])]


def test_typed_answers_show_evidence_without_times(qtbot, signals):
    d = analyze(typed_transcript(" ".join(t for t, _ in STORY)), None, STORY_PROMPT).to_dict()
    signals.show_feedback(d)
    row = signals.blocks["hedging"].rows[0]
    assert row.time.text() == "typed" and not row.time.isEnabled()
    with qtbot.assertNotEmitted(signals.evidence_clicked):
        qtbot.mouseClick(row.time, Qt.MouseButton.LeftButton)


def test_old_answers_and_silence_say_why_there_is_nothing(signals, story):
    signals.show_feedback({k: v for k, v in story.items() if k not in ("signals", "framework", "rubric_suggestion")})
    assert "saved before content signals existed" in signals.summary.text() and not signals.blocks
    signals.show_feedback(analyze(typed_transcript(""), None, None).to_dict())
    assert "Nothing was heard" in signals.summary.text()


# -- framework parts and metric levels ------------------------------------------------------------
@pytest.fixture
def parts(qtbot) -> FrameworkParts:
    w = FrameworkParts()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.mark.parametrize("name, title, guide", [("meter", "METER", "004"), ("story", "C.A.R.E.", "002")])
def test_framework_parts_heard_and_missed_with_times(request, parts, name, title, guide):
    d = request.getfixturevalue(name)
    fw = d["framework"]
    parts.show_feedback(d)
    assert parts.header.text() == f"<b>{title}</b> (guide {guide}): {fw['heard']} of {fw['of']} parts heard"
    assert 0 < fw["heard"] and list(parts.parts.status) == [p["key"] for p in fw["parts"]]
    for p in fw["parts"]:
        status, time = parts.parts.status[p["key"]], parts.parts.times[p["key"]]
        if p["heard"]:
            ev = p["evidence"][0]
            assert status.text() == "✓" and time.text() == f"{format_clock(ev['start'])} ▸" and time.isEnabled()
            assert ev["text"].split()[0] in parts.parts.quotes[p["key"]].text()
        else:
            assert status.text() == "✗" and time.text() == "missed" and not time.isEnabled()
            assert p["key"] not in parts.parts.quotes


def test_metric_levels_found_are_listed_by_level_and_type(parts, meter):
    levels = {r["key"]: r for r in meter["framework"]["metric_levels"]}
    assert set(levels) == {"metric-levels", "metric-types"}
    parts.show_feedback(meter)
    assert parts.levels_header.text() == "<b>Metrics named</b>"
    assert set(parts.levels) == set(levels)
    for key, result in levels.items():
        rows = parts.levels[key]
        assert [rows.status[p["key"]].text() for p in result["parts"]] == ["✓" if p["heard"] else "✗"
                                                                          for p in result["parts"]]
    assert levels["metric-types"]["parts"][3]["heard"]  # support tickets: a quality metric (guide 000)
    assert parts.levels["metric-types"].times["quality"].isEnabled()
    assert parts.findChild(type(parts.header), "metric_group_metric-types").text().startswith(
        "Metric types (input, output, outcome, quality) — ")


def test_the_8_step_framework_points_to_the_structure_tab(parts):
    d = analyze(timed_transcript(METER), None, BANK.get("behind-schedule-what-to-cut")).to_dict()
    parts.show_feedback(d)
    assert parts.parts is None  # the steps are on the Structure tab already
    assert "8-step answer structure</b> is this prompt's framework" in parts.header.text()
    assert f"{d['steps_heard']} of 8 steps heard" in parts.header.text() and "Structure tab" in parts.header.text()


def test_a_palette_change_recolours_the_content(qtbot, story):
    widgets = [SignalList(), FrameworkParts()]
    dark = QtGui.QPalette()
    for role, colour in ((QtGui.QPalette.ColorRole.Window, "#202124"), (QtGui.QPalette.ColorRole.Base, "#181818"),
                         (QtGui.QPalette.ColorRole.Text, "#e8eaed"), (QtGui.QPalette.ColorRole.WindowText, "#e8eaed")):
        dark.setColor(role, QtGui.QColor(colour))
    for w in widgets:
        qtbot.addWidget(w)
        w.show_feedback(story)
        w.setPalette(dark)
        assert not w.grab().isNull()
    assert "#E3B341" in widgets[0].blocks["hedging"].title.text()  # the dark theme's warning colour
    assert "#3FB950" in widgets[1].parts.status["context"].styleSheet()  # and its "heard" green
    assert widgets[0].blocks["hedging"].rows  # rebuilt with its evidence


# -- the review page: Content tab, seeking, suggestions ------------------------------------------
@pytest.fixture
def page(qtbot):
    p = ReviewPage()
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.player.load(None)


def test_content_tab_sits_beside_the_existing_tabs(page, story):
    page.show_result(story, None, 7, [])
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs == ["Structure", "Content", "Pacing", "Self-score"]
    assert page.tabs.currentIndex() == 0  # a new result opens on Structure, as before
    page.show_tab("Content")
    assert page.tabs.currentWidget().widget().objectName() == "review_content"
    assert page.signals.blocks and page.framework.parts is not None
    assert page.tab_pages["Pacing"].widget() is page.pacing
    assert page.tab_pages["Self-score"].widget().isAncestorOf(page.score_form)


def test_clicking_an_evidence_time_seeks_the_recording(qtbot, page, story, write_wav):
    audio = write_wav("answer.wav", np.full(16000 * 45, 0.01, dtype=np.float32))  # longer than the story
    page.show_result(story, audio, 1, [])
    page.show_tab("Content")
    qtbot.waitUntil(lambda: page.player.slider.maximum() > 40_000, timeout=10000)  # the file is loaded
    ev = signal(story, "escalation_path")["evidence"][0]
    index = next(i for i, s in enumerate(story["sentences"]) if s["start"] == ev["start"])
    qtbot.mouseClick(page.signals.blocks["escalation_path"].rows[0].time, Qt.MouseButton.LeftButton)
    assert page.transcript.marked_sentence == index  # the transcript shows the sentence
    qtbot.waitUntil(lambda: page.player.slider.value() >= ev["start"] * 1000 - 50, timeout=10000)
    assert page.player.slider.value() < ev["start"] * 1000 + 3000  # played from there, not from the start
    assert page.player.is_playing()
    page.player.toggle()  # pause there
    part = next(p for p in story["framework"]["parts"] if p["key"] == "context")
    assert part["evidence"][0]["start"] == 0.0
    qtbot.mouseClick(page.framework.parts.times["context"], Qt.MouseButton.LeftButton)  # a framework part
    qtbot.waitUntil(lambda: page.player.slider.value() < 3000, timeout=10000)  # back near the start
    assert page.transcript.marked_sentence == 0 and page.player.is_playing()
    page.player.toggle()  # pause, as a listener would before moving on


def test_suggested_scores_sit_under_each_dimension_and_never_fill_the_form(qtbot, meter):
    form = SelfScoreForm()
    qtbot.addWidget(form)
    form.show()
    assert form.suggestion_note.isHidden() and all(r.suggestion.isHidden() for r in form.rows.values())
    with qtbot.assertNotEmitted(form.changed):
        form.set_suggestion(meter["rubric_suggestion"])
    assert form.scores() == {k: None for k in RUBRIC_KEYS}  # nothing filled in
    assert form.suggestions() == {k: v["score"] for k, v in meter["rubric_suggestion"].items()}
    assert form.suggestion_note.isVisible()
    assert "never fills in or changes your own score" in form.suggestion_note.text()
    for dim in RUBRIC:
        s, line = meter["rubric_suggestion"][dim.key], form.rows[dim.key].suggestion
        assert line.isVisible() and line.text().startswith(f"Suggested <b>{s['score']} of 5</b>")
        assert all(f"• {r}" in line.toolTip() for r in s["reasons"])  # every reason in the tooltip
        assert line.toolTip().startswith(f"Suggested {dim.title.lower()}: {s['score']} of 5")
        assert "your own self-score stays yours" in line.toolTip()
        assert line.foregroundRole() == QtGui.QPalette.ColorRole.PlaceholderText
    goal = meter["rubric_suggestion"]["goal_clarity"]["reasons"][0]
    assert goal.startswith("goal restated at 0:00")
    assert goal.split(" (")[0] in form.rows["goal_clarity"].suggestion.text()  # the first reasons on the line
    form.set_values({"metrics": 2}, "mine")  # loading saved scores keeps the suggestions
    assert form.rows["metrics"].suggestion.isVisible() and form.scores()["metrics"] == 2
    form.set_suggestion({})  # an old answer: no suggestions
    assert form.suggestion_note.isHidden() and form.suggestions() == {}


def test_saving_the_self_score_stores_only_the_users_values(make_window, qtbot):
    window = make_window()
    fb = analyze(timed_transcript(METER), None, METER_PROMPT)
    attempt = window.ctx.store.save(fb)
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt)
    review = window.review
    suggested = fb.rubric_suggestion.scores()
    assert review.score_form.suggestions() == suggested
    review.show_tab("Self-score")
    mine = {"goal_clarity": 2, "metrics": 1 if suggested["metrics"] != 1 else 2}
    for key, score in mine.items():
        qtbot.mouseClick(review.score_form.rows[key].buttons[score - 1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ctx.store.self_score(attempt)[0] == mine, timeout=5000)  # saved as clicked
    scores, notes = window.ctx.store.self_score(attempt)
    assert scores == mine and notes == ""  # the five dimensions left unscored are not saved as suggested
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt)  # reopened: the user's scores, the suggestions beside them
    assert {k: v for k, v in review.score_form.scores().items() if v is not None} == mine
    assert review.score_form.suggestions() == suggested


def test_content_tab_screenshot(make_window, story):
    window = make_window()
    window.review.show_result(story, None, 12, [])
    window.pages.setCurrentWidget(window.review)
    window.review.show_tab("Content")
    assert window.review.signals.isVisible() and window.review.framework.isVisible()
    screenshot(window, "9-review-content")
