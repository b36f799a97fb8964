"""This session's new and changed screens in light and dark, at 1280×800 and 1024×700 (issue 23):
the review's Pacing tab with the answer-first line, the mock interview report page, Settings ›
Speech model and the coaching notes. Each is checked for what a user would notice — the key line
and buttons inside the window, text readable on its background (WCAG contrast) — and saved under
docs/screenshots when run on a display."""

from __future__ import annotations

import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.core.models import Budget
from interviewer_app.qt_binding import QtGui, QtWidgets
from interviewer_app.ui.palette import status_colors
from tests.ui.conftest import screenshot
from tests.unit.test_answer_first import plan_feedback
from tests.unit.timed import timed_transcript

SIZES = [(1280, 800), (1024, 700)]


def luminance(c: QtGui.QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def inside(window, widget) -> bool:
    return widget.isVisible() and window.rect().contains(widget.mapTo(window, widget.rect().bottomRight()))


@pytest.fixture(params=["light", "dark"])
def theme(request):
    from interviewer_app.ui.app import apply_theme

    app = QtWidgets.QApplication.instance()
    before = app.palette()
    apply_theme(app, request.param)
    yield request.param
    app.setPalette(before)
    app.setStyle("Fusion")


def sized(window, qtbot, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() <= size[0] and window.size().height() <= size[1], timeout=2000)
    QtWidgets.QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES)
def test_review_pacing_with_the_answer_first_line(make_window, qtbot, theme, size):
    window = make_window()
    window.review.show_result(plan_feedback(early=False), None, None, [])
    window.pages.setCurrentWidget(window.review)
    window.review.show_tab("Pacing")
    sized(window, qtbot, size)
    row = window.review.pacing.values["recommendation"]
    assert inside(window, row) and "after the halfway mark" in row.text()
    pal = window.palette()
    window_bg = pal.color(QtGui.QPalette.ColorRole.Window)
    assert contrast(pal.color(QtGui.QPalette.ColorRole.WindowText), window_bg) >= 4.5
    assert contrast(QtGui.QColor(status_colors(pal)["warn"]), window_bg) >= 4.5  # the flagged line
    for name in ("Try again  (T)", "Next prompt  (N)"):
        button = next(b for b in window.review.findChildren(QtWidgets.QPushButton) if b.text() == name)
        assert inside(window, button), name
    screenshot(window, f"review-pacing-{theme}-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", SIZES)
def test_mock_report_page(make_window, qtbot, theme, size):
    from interviewer_app.core.prompts import PromptBank
    from interviewer_app.mock.report import build_report
    from tests.unit.test_mock_report import run_session, small_plan_of

    plan = small_plan_of(PromptBank.load())
    run = run_session(plan)  # a story over its phase's time, a follow-up asked, others not asked
    window = make_window()
    window.mock._build()
    page = window.mock.report
    page.show_report(build_report(plan, run.answers, status="unfinished", session_id=2), fresh=True)
    window.pages.setCurrentWidget(page)
    sized(window, qtbot, size)
    text = page.details.toPlainText()
    assert "Time by phase" in text and "Why asked:" in text and "Not asked:" in text
    for button in (page.finish_button, page.export_button, page.back_button):
        assert inside(window, button), button.text()
    pal = page.details.palette()
    text, base = pal.color(QtGui.QPalette.ColorRole.Text), pal.color(QtGui.QPalette.ColorRole.Base)
    assert contrast(text, base) >= 4.5
    shown = page.details.toHtml().lower()
    assert text.name() in shown and "#222222" not in shown  # the page is drawn in the theme's text colour
    for state in ("good", "bad"):  # the time verdicts, readable on the page
        assert contrast(QtGui.QColor(status_colors(pal)[state]), base) >= 4.5
    screenshot(window, f"mock-report-{theme}-{size[0]}x{size[1]}")


def test_speech_model_and_coaching_notes_dialogs(make_window, qtbot, theme):
    window = make_window()
    dialog = window.choose_speech_model()
    qtbot.waitUntil(dialog.isVisible)
    assert inside(dialog, dialog.download_button) and inside(dialog, dialog.use_button)
    pal = dialog.table.palette()
    assert contrast(pal.color(QtGui.QPalette.ColorRole.Text), pal.color(QtGui.QPalette.ColorRole.Base)) >= 4.5
    screenshot(dialog, f"speech-model-{theme}")
    dialog.reject()
    notes = window.show_guide_notes("guide:004#recommendation")
    qtbot.waitUntil(notes.isVisible)
    assert "End on a recommendation" in notes.browser.toPlainText()
    screenshot(notes, f"coaching-notes-{theme}")
    notes.close()
    window.review.show_result(analyze(timed_transcript([("We could add reminders.", 0.5)]), Budget(60)).to_dict(),
                              None, None, [])
