"""The guides the feedback cites open in the app (issue 23): every citation the app can show
points to a passage of the coaching notes, and clicking one in the review opens that passage."""

from __future__ import annotations

import re
import subprocess

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.feedback.guide_notes import link_citations, notes, notes_html
from interviewer_app.core.models import Budget
from interviewer_app.qt_binding import Qt
from tests.conftest import ROOT
from tests.ui.conftest import screenshot
from tests.unit.timed import timed_transcript

JUMP = [("We could add push reminders or a weekly digest email.", 0.5),
        ("The goal is retention, measured by weekly active teams.", 0.5)]


def test_every_citation_in_the_app_has_a_passage():
    cited = set(subprocess.run(
        ["grep", "-rhoE", r"guide 00[0-9](,? [Mm]istake #[0-9]| #[0-9])?", str(ROOT / "interviewer_app")],
        capture_output=True, text=True).stdout.split("\n")) - {""}
    assert {"guide 000", "guide 002", "guide 003, mistake #1", "guide 004"} <= cited
    anchors = {n.anchor for n in notes()}
    page = notes_html()
    for citation in cited:
        href = re.search(r"href='guide:(\d{3})#([\w-]+)'", link_citations(citation)).group(2)
        assert href in anchors and f"name='{href}'" in page, citation
    assert len(anchors) == len(notes())  # one passage per anchor
    assert {f"mistake-{i}" for i in range(1, 8)} <= anchors  # guide 003's seven mistakes


def test_a_citation_in_the_review_opens_its_passage(qtbot, make_window):
    window = make_window()
    d = analyze(timed_transcript(JUMP, word_s=0.3), Budget(60)).to_dict()
    window.review.show_result(d, None, None, [])
    window.pages.setCurrentWidget(window.review)
    checklist = window.review.checklist
    assert "guide:003#mistake-1" in checklist.jump_callout.text()
    assert "guide:000#step-scope" in checklist.tips_label.text()
    checklist.jump_callout.linkActivated.emit("guide:003#mistake-1")  # what a click on the link sends
    dialog = window._guide_notes
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.anchor == "mistake-1"
    assert "Mistake #1: Treating execution as brainstorming features" in dialog.browser.toPlainText()
    assert dialog.browser.verticalScrollBar().value() > 0  # scrolled down to the passage
    screenshot(dialog, "coaching-notes")
    dialog.close()
    # Help › Coaching notes opens the same window at the top
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text().startswith("Coaching notes")).trigger()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.anchor == "" and window._guide_notes is dialog
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
