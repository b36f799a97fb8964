"""The review widgets (transcript, step checklist, pacing panel, self-score) on real feedback dicts."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import pytest

from interviewer_app.core.rubric import RUBRIC, RUBRIC_KEYS, describe
from interviewer_app.core.steps import STEP_KEYS, STEPS_BY_KEY
from interviewer_app.qt_binding import Qt, QtGui
from interviewer_app.ui.step_colors import STEP_COLORS
from interviewer_app.ui.widgets.pacing_panel import PacingPanel
from interviewer_app.ui.widgets.self_score import SelfScoreForm
from interviewer_app.ui.widgets.step_checklist import StepChecklist
from interviewer_app.ui.widgets.transcript_view import StepLegend, TranscriptView

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def load(name: str) -> dict:
    return json.loads((FIXTURES / f"feedback_{name}.json").read_text())


def typed_feedback() -> dict:
    """What `analyze --json` gives for a typed .txt transcript: no times anywhere."""
    d = copy.deepcopy(load("jump"))
    d.update(duration_s=None, model=None, segments=[], budget_s=None, budget=None)
    for s in d["sentences"]:
        s["start"] = s["end"] = None
    for step in d["steps"].values():
        step["first_s"] = None
        for ev in step["evidence"]:
            ev.update(start=None, end=None, cue_start=None, cue_end=None)
    d["pacing"].update(speaking_s=None, wpm=None, think_time_s=None, answer_end_s=None, pauses=[],
                       longest_pause_s=None, wpm_by_minute=[], budget_s=None, overtime_s=None,
                       over_budget=None, over_at_s=None, over_at_step=None, time_to_restate_s=None)
    d["pacing"]["fillers"] = {"count": 1, "per_min": None, "items": [{"word": "um", "start": None, "end": None}]}
    return d


@pytest.fixture
def strong() -> dict:
    return load("strong")


@pytest.fixture
def jump() -> dict:
    return load("jump")


@pytest.fixture
def view(qtbot):
    v = TranscriptView()
    qtbot.addWidget(v)
    v.resize(640, 420)
    v.show()
    qtbot.waitExposed(v)
    return v


def click_sentence(qtbot, view: TranscriptView, index: int) -> None:
    first, _last = view._blocks[index]
    cursor = QtGui.QTextCursor(view.document())
    cursor.setPosition(first + 12)  # inside the sentence's text, past the timestamp
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())


# -- transcript ----------------------------------------------------------------------------------
def test_transcript_highlights_every_heard_step_in_its_colour(view, strong):
    view.show_feedback(strong)
    source = view.source_html.upper()
    for key in STEP_KEYS:
        assert strong["steps"][key]["heard"]
        assert STEP_COLORS[key][1:].upper() in source, key
    assert "<b><u>The goal here is</u></b>" in view.source_html  # the cue words stand out
    assert "<b><u>map the funnel</u></b>" in view.source_html
    assert "[0:09]" in view.toPlainText()  # timestamps before sentences
    assert "5.0 s pause" in view.toPlainText()  # the long pause is shown where it happened


def test_transcript_only_colours_steps_that_were_heard(view, jump):
    view.show_feedback(jump)
    source = view.source_html.upper()
    for key in STEP_KEYS:
        assert (STEP_COLORS[key][1:].upper() in source) == jump["steps"][key]["heard"], key
    assert "I would go in the digest email" in view.toPlainText()  # unlabelled sentences still shown


def test_clicking_a_sentence_emits_its_start_time(qtbot, view, strong):
    view.show_feedback(strong)
    with qtbot.waitSignal(view.sentence_clicked, timeout=2000) as blocker:
        click_sentence(qtbot, view, 2)
    assert blocker.args == [pytest.approx(strong["sentences"][2]["start"])]


def test_scroll_to_time_marks_the_sentence_being_spoken(view, strong):
    view.show_feedback(strong)
    assert view.scroll_to_time(16.0) == 2  # "Let me map the funnel..." runs 15.42-22.2
    (mark,) = view.extraSelections()
    assert mark.cursor.selectedText().endswith(strong["sentences"][2]["text"])
    assert view.mark_timer.isActive()
    view.mark_timer.timeout.emit()  # the mark fades by itself
    assert view.extraSelections() == [] and view.marked_sentence is None
    assert view.scroll_to_time(0.0) == 0  # before the first word: the first sentence


def test_no_speech_shows_a_clear_message(view, strong):
    silent = dict(strong, no_speech=True, sentences=[], transcript="")
    view.show_feedback(silent)
    assert "No speech was heard" in view.toPlainText()


def test_typed_transcript_renders_without_times_and_is_not_clickable(qtbot, view):
    view.show_feedback(typed_feedback())
    text = view.toPlainText()
    assert "[" not in text.split("\n")[0]  # no timestamp
    assert "The goal is to increase notification engagement" in text
    assert view.scroll_to_time(3.0) is None
    with qtbot.assertNotEmitted(view.sentence_clicked):
        click_sentence(qtbot, view, 0)


def test_legend_names_every_step(qtbot):
    legend = StepLegend()
    qtbot.addWidget(legend)
    for key in STEP_KEYS:
        assert STEP_COLORS[key] in legend.text()
        assert STEPS_BY_KEY[key].title.replace(" ", "&nbsp;") in legend.text()


# -- checklist -----------------------------------------------------------------------------------
def test_checklist_marks_missed_steps_and_the_jump_to_options(qtbot, jump):
    checklist = StepChecklist()
    qtbot.addWidget(checklist)
    checklist.show_feedback(jump)
    for key in STEP_KEYS:
        row = checklist.rows[key]
        if key in jump["missing_steps"]:
            assert row["status"].text() == "✗"
            assert row["time"].text() == "missed" and not row["time"].isEnabled()
        else:
            assert row["status"].text() == "✓"
    assert checklist.rows["restate"]["time"].text() == "0:10 ▸"
    assert "The goal is" in checklist.rows["restate"]["cue"].text()
    assert not checklist.jump_callout.isHidden()
    said = re.sub(r"<[^>]+>", "", checklist.jump_callout.text())  # the citation is a link to its passage
    assert said == "⚠ " + jump["tips"][0] and "href='guide:003#mistake-1'" in checklist.jump_callout.text()
    assert checklist.jump_callout.text().startswith("⚠ You proposed solutions")
    for key in jump["missing_steps"]:
        assert html.escape(STEPS_BY_KEY[key].tip) in checklist.tips_label.text()
    assert "2 of 8 steps heard" in checklist.summary.text()


def test_checklist_all_heard_has_no_warning(qtbot, strong):
    checklist = StepChecklist()
    qtbot.addWidget(checklist)
    checklist.show_feedback(strong)
    assert all(checklist.rows[k]["status"].text() == "✓" for k in STEP_KEYS)
    assert checklist.jump_callout.isHidden()
    assert "All eight steps" in checklist.tips_label.text()


def test_clicking_a_heard_step_emits_when_it_was_first_heard(qtbot, jump):
    checklist = StepChecklist()
    qtbot.addWidget(checklist)
    checklist.show()
    checklist.show_feedback(jump)
    with qtbot.waitSignal(checklist.step_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(checklist.rows["restate"]["time"], Qt.MouseButton.LeftButton)
    assert blocker.args == [pytest.approx(9.84)]
    with qtbot.assertNotEmitted(checklist.step_clicked):
        qtbot.mouseClick(checklist.rows["scope"]["time"], Qt.MouseButton.LeftButton)


# -- pacing --------------------------------------------------------------------------------------
def test_pacing_says_over_budget_and_where_time_ran_out(qtbot, strong):
    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.show_feedback(strong)
    text = panel.budget_label.text()
    assert "1:03 of 0:50 budget" in text and "0:13 over" in text and "Sequence the plan" in text
    assert panel.budget_label.property("state") == "over"
    assert "164 words/min — a little fast: listeners follow 120–160" in panel.values["wpm"].text()
    assert "VirtualSpeech" in panel.values["wpm"].toolTip()  # where the range comes from
    assert "longest 5.0 s at 0:32" in panel.values["pauses"].text()
    assert "1 of 4 s or more" in panel.values["pauses"].text() and "lost thread" in panel.values["pauses"].text()
    assert "10–15 s" in panel.values["think"].text() and "Exponent" in panel.values["think"].toolTip()
    assert not panel.grab().isNull()  # paints the timeline


def test_pacing_says_within_budget(qtbot, jump):
    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.show_feedback(jump)
    assert "0:18 of 1:00 budget" in panel.budget_label.text() and "to spare" in panel.budget_label.text()
    assert panel.budget_label.property("state") == "within"


def test_pacing_without_a_budget_is_neutral(qtbot, jump):
    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.show_feedback(dict(jump, budget_s=None, budget=None))
    assert panel.budget_label.property("state") == "none"
    assert "no time budget" in panel.budget_label.text()


def test_pacing_lists_fillers_with_times_and_the_timeline_shows_them(qtbot, strong):
    d = copy.deepcopy(strong)
    d["pacing"]["fillers"] = {"count": 2, "per_min": 2.1,
                              "items": [{"word": "um", "start": 3.0, "end": 3.3},
                                        {"word": "you know", "start": 40.0, "end": 40.5}]}
    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 400)
    panel.show_feedback(d)
    assert panel.values["fillers"].text().startswith("2 (2.1 per minute; the speech model leaves most")
    assert panel.values["filler_words"].text() == "um 0:03 · you know 0:40"
    panel.show_feedback(dict(d, fillers_written=True))  # Settings › Write down "um" and "uh"
    assert "written down: a few may not have been said" in panel.values["fillers"].text()
    timeline = panel.timeline
    assert "“you know” at 0:40" in timeline._tip_at(timeline._x(40.0))
    assert "Long pause 0:32–0:37" in timeline._tip_at(timeline._x(34.0))
    assert not timeline.grab().isNull()


def test_pacing_for_a_typed_transcript_says_there_is_no_timing(qtbot):
    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.show_feedback(typed_feedback())
    assert "No timing for a typed transcript" in panel.budget_label.text()
    assert panel.budget_label.property("state") == "untimed"
    assert panel.timeline.isHidden()
    assert panel.values["filler_words"].text() == "um"
    assert not panel.grab().isNull()
    assert not panel.timeline.grab().isNull()  # paints its own "no timing" message


def test_typed_transcript_checklist_shows_heard_without_times(qtbot):
    checklist = StepChecklist()
    qtbot.addWidget(checklist)
    checklist.show_feedback(typed_feedback())
    assert checklist.rows["restate"]["status"].text() == "✓"
    assert checklist.rows["restate"]["time"].text() == "heard"
    assert not checklist.rows["restate"]["time"].isEnabled()


# -- self-score ----------------------------------------------------------------------------------
@pytest.fixture
def form(qtbot):
    f = SelfScoreForm()
    qtbot.addWidget(f)
    f.show()
    return f


def test_self_score_starts_empty(form):
    assert form.scores() == {key: None for key in RUBRIC_KEYS}
    assert form.notes() == ""


def test_clicking_a_score_emits_changed_and_shows_its_description(qtbot, form):
    dim = RUBRIC[0]
    with qtbot.waitSignal(form.changed, timeout=2000):
        qtbot.mouseClick(form.findChild(type(form.rows[dim.key].buttons[0]), f"score_{dim.key}_4"),
                         Qt.MouseButton.LeftButton)
    assert form.scores()[dim.key] == 4
    assert form.rows[dim.key].description.text() == describe(dim, 4)
    with qtbot.waitSignal(form.changed, timeout=2000):
        qtbot.mouseClick(form.rows[dim.key].buttons[1], Qt.MouseButton.LeftButton)
    assert form.scores()[dim.key] == 2
    assert form.rows[dim.key].description.text() == dim.weak


def test_score_is_keyboard_usable(qtbot, form):
    window = form.window()
    window.show()
    window.activateWindow()  # keys move focus only inside the active window (real X display)
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    buttons = form.rows["metrics"].buttons
    buttons[2].setFocus()
    with qtbot.waitSignal(form.changed, timeout=2000):
        qtbot.keyClick(buttons[2], Qt.Key.Key_Space)
    assert form.scores()["metrics"] == 3
    assert buttons[2].focusPolicy() & Qt.FocusPolicy.TabFocus  # Tab reaches the chosen score
    with qtbot.waitSignal(form.changed, timeout=2000):
        qtbot.keyClick(buttons[2], Qt.Key.Key_Right)  # arrows move the choice along the scale
    assert form.scores()["metrics"] == 4
    assert form.rows["metrics"].description.text() == RUBRIC[4].strong


def test_self_score_round_trips_and_set_values_is_silent(qtbot, form):
    saved = {"goal_clarity": 5, "metrics": 1, "judgment": 3, "unknown": 4, "communication": 9}
    with qtbot.assertNotEmitted(form.changed):
        form.set_values(saved, "Say the metric first.")
    expected = {key: None for key in RUBRIC_KEYS} | {"goal_clarity": 5, "metrics": 1, "judgment": 3}
    assert form.scores() == expected
    assert form.notes() == "Say the metric first."
    assert form.rows["judgment"].description.text() == describe(RUBRIC[-1], 3)
    assert "Scored 3 of 7" in form.summary.text()
    form.notes_edit.moveCursor(QtGui.QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(form.changed, timeout=2000):
        qtbot.keyClicks(form.notes_edit, " More.")
    assert form.notes() == "Say the metric first. More."
    form.clear()
    assert form.scores() == {key: None for key in RUBRIC_KEYS} and form.notes() == ""


@pytest.mark.parametrize("name", ["strong", "jump"])
def test_palette_change_rerenders_without_error(qtbot, name):
    d = load(name)
    widgets = [TranscriptView(), StepChecklist(), PacingPanel()]
    dark = QtGui.QPalette()
    for role, colour in ((QtGui.QPalette.ColorRole.Window, "#202124"), (QtGui.QPalette.ColorRole.Base, "#181818"),
                         (QtGui.QPalette.ColorRole.Text, "#e8eaed"),
                         (QtGui.QPalette.ColorRole.WindowText, "#e8eaed")):
        dark.setColor(role, QtGui.QColor(colour))
    for w in widgets:
        qtbot.addWidget(w)
        w.show_feedback(d)
        w.setPalette(dark)
        assert not w.grab().isNull()
    assert "#e8eaed" in widgets[0].document().defaultStyleSheet()  # links follow the new text colour


def test_following_playback_marks_the_sentence_being_heard(qtbot):
    import json
    from pathlib import Path

    from interviewer_app.ui.widgets.transcript_view import TranscriptView

    feedback = json.loads((Path(__file__).parents[1] / "fixtures" / "feedback_strong.json").read_text())
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_feedback(feedback)
    starts = [s["start"] for s in feedback["sentences"]]
    assert view.follow(starts[2] + 0.5) == 2 and view.marked_sentence == 2
    assert view.follow(starts[2] + 1.0) == 2  # same sentence: stays marked
    assert view.follow(starts[4] + 0.1) == 4


def test_a_story_answer_is_coached_on_care_and_not_warned_about_jumping_to_options(qtbot):
    from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
    from interviewer_app.core.models import Prompt

    story = Prompt("late", "Tell me about a time your project was off track.", "behavioral", "care", "", "")
    d = analyze(typed_transcript("We could cut scope, add engineers or move the date. Last year at my previous "
                                 "company we had to ship a billing migration in eight weeks with two squads. "
                                 "We cut the reporting features."), prompt=story).to_dict()
    assert d["story"] and d["jumped_to_options"]
    checklist = StepChecklist()
    qtbot.addWidget(checklist)
    checklist.show_feedback(d)
    assert checklist.jump_callout.isHidden()
    text = checklist.tips_label.text()
    assert "A story question" in text and "C.A.R.E." in text
    for part in ("Action", "Result", "Escalation"):
        assert f"<b>{part}:</b>" in text
    assert "Context:" not in text  # heard
    assert not any(html.escape(STEPS_BY_KEY[k].tip) in text for k in d["missing_steps"])


def test_fillers_are_greyed_where_they_were_said_and_bursts_and_restarts_are_listed(qtbot, view):
    """Issue 22: an answer of our own with a nervous opening (a burst of fillers) and a restart."""
    from interviewer_app.analysis.feedback.answer import analyze
    from interviewer_app.ui.widgets.pacing_panel import PacingPanel
    from tests.unit.timed import timed_transcript

    d = analyze(timed_transcript([("Um, so, uh, the goal here is, um, to grow weekly bookings.", 2.0),
                                  ("We we should test saved cards, an umbrella fix for checkout.", 0.0)],
                                 word_s=0.6)).to_dict()
    view.show_feedback(d)
    greyed = re.findall(r"<span class='filler'[^>]*>([^<]*)</span>", view.source_html)
    assert greyed == ["Um,", "uh,", "um,"]  # "umbrella" is a word, not a filler
    assert "weekly bookings" in view.toPlainText() and "Um, so, uh, the goal" in view.toPlainText()
    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.show_feedback(d)
    assert panel.values["bursts"].text().startswith("3 fillers at 0:00")
    assert "in the first 20 seconds of the answer" in panel.values["bursts"].text()
    assert panel.values["restarts"].text() == "1 (words said twice in a row): “we” 0:10"


def test_a_focus_drill_shows_only_its_steps_in_the_checklist(qtbot):
    from interviewer_app.analysis.feedback.answer import analyze
    from interviewer_app.core.budgets import BudgetBook
    from interviewer_app.ui.widgets.step_checklist import StepChecklist
    from tests.unit.test_focus_drills import OPEN, PROMPT
    from tests.unit.timed import timed_transcript

    checklist = StepChecklist()
    qtbot.addWidget(checklist)
    checklist.show()
    d = analyze(timed_transcript([(OPEN, 0.0)], word_s=0.3), BudgetBook.load().format("focus").budget("open"),
                PROMPT).to_dict()
    checklist.show_feedback(d)
    shown = [k for k, row in checklist.rows.items() if row["title"].isVisible()]
    assert shown == ["restate", "scope"] and "2 of 2 focus steps heard" in checklist.summary.text()
    assert not checklist.jump_callout.isVisible()
    d["focus"] = None  # the same words as a whole answer: eight steps, and the warning
    checklist.show_feedback(d)
    assert all(row["title"].isVisible() for row in checklist.rows.values()) and checklist.jump_callout.isVisible()


def test_a_pdf_heading_never_sits_alone_at_a_page_foot(qtbot):
    """The PDF export's 'Transcript' heading was left at the bottom of a page, its text on the next."""
    from interviewer_app.export.pdf import HEADING_FOOT, _keep_headings_with_text
    from interviewer_app.qt_binding import QtCore, QtGui

    def laid_out(lines: int) -> tuple[QtGui.QTextDocument, QtGui.QTextBlock]:
        doc = QtGui.QTextDocument()
        doc.setHtml("<p>" + "<br>".join(f"line {i}" for i in range(lines)) + "</p><h2>Transcript</h2><p>words</p>")
        doc.setPageSize(QtCore.QSizeF(600, 800))
        block = next(b for b in _blocks(doc) if b.text() == "Transcript")
        return doc, block

    def _blocks(doc):
        b = doc.begin()
        while b.isValid():
            yield b
            b = b.next()

    def top(doc, block) -> float:
        return doc.documentLayout().blockBoundingRect(block).top() % 800

    lines = next(n for n in range(1, 200) if top(*laid_out(n)) > HEADING_FOOT * 800)  # at the foot
    doc, block = laid_out(lines)
    _keep_headings_with_text(doc)
    assert top(doc, block) < 0.1 * 800  # now it starts the next page
    early, early_block = laid_out(3)
    _keep_headings_with_text(early)
    assert top(early, early_block) == top(*laid_out(3))  # a heading with room below it stays


def test_pacing_says_when_the_recommendation_came_and_marks_it_on_the_timeline(qtbot):
    from tests.unit.test_answer_first import plan_feedback

    panel = PacingPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 420)
    panel.show()
    late = plan_feedback(early=False)
    panel.show_feedback(late)
    row = panel.values["recommendation"].text()
    assert "⚠" in row and "after the halfway mark (0:25)" in row and "i&#x27;d recommend we ship" in row and "&quot;" in row
    timeline = panel.timeline
    at = late["recommendation"]["first_s"]
    assert "Your recommendation first came here" in timeline._tip_at(timeline._x(at))
    assert "say your call by here" in timeline._tip_at(timeline._x(25.0))
    assert "recommendation" in panel.key.text()
    assert not timeline.grab().isNull()
    panel.show_feedback(plan_feedback(early=True))
    row = panel.values["recommendation"].text()
    assert "⚠" not in row and "before the halfway mark" in row
    panel.show_feedback(load("strong"))  # saved before the check existed
    assert panel.values["recommendation"].text() == "—"
