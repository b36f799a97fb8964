"""Export from the desktop app (issue 23): the review's Export… and Copy transcript buttons and
the History page's Export…, driven as a user would (clicks, the save dialog filled in and
accepted), on a real store; the files written are read back."""

from __future__ import annotations

import csv
import json

from interviewer_app.qt_binding import Qt, QtWidgets
from tests.ui.conftest import screenshot

ANSWER = ("The goal is retention of new teams in their first month. I'd scope it to mobile. "
          "We could add templates. Guardrails are opt-outs.")


def _analysed(window, qtbot, tmp_path, text=ANSWER, name="answer.txt") -> int:
    path = tmp_path / name
    path.write_text(text)
    with qtbot.waitSignal(window.session.analyzed, timeout=60000) as result:
        window._analyze_path(path)
    return result.args[0].attempt_id


def _file_export(window):
    """File › Export this answer… (Ctrl+E), chosen from the menu."""
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    action = next(a for a in file_menu.actions() if a.text() == "Export this answer…")
    assert action.shortcut().toString() == "Ctrl+E"
    action.trigger()


def _save_as(window, qtbot, path, name_filter: str | None = None) -> str:
    """Fill in the open export dialog and accept it; the status line says what happened."""
    qtbot.waitUntil(lambda: window.exporter.dialog is not None and window.exporter.dialog.isVisible(), timeout=5000)
    dialog = window.exporter.dialog
    if name_filter:
        dialog.selectNameFilter(next(f for f in dialog.nameFilters() if f.startswith(name_filter)))
    dialog.selectFile(str(path))
    with qtbot.waitSignal(window.exporter.finished, timeout=30000) as done:
        dialog.accept()
    return done.args[0]


def test_the_review_exports_the_answer_and_copies_its_transcript(make_window, qtbot, tmp_path):
    window = make_window()
    attempt = _analysed(window, qtbot, tmp_path)
    window.ctx.store.set_self_score(attempt, {"metrics": 4}, "lead with the metric")
    assert window.pages.currentWidget() is window.review
    screenshot(window, "review-export-buttons")

    copy = window.review.findChild(QtWidgets.QPushButton, "copy_transcript_button")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QtWidgets.QApplication.clipboard().text() == window.review.feedback["transcript"]
    assert "Transcript copied" in window.statusBar().currentMessage()

    (tmp_path / "out").mkdir()
    export = window.review.findChild(QtWidgets.QPushButton, "export_answer_button")
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    said = _save_as(window, qtbot, tmp_path / "out" / "my-answer.md")
    written = tmp_path / "out" / "my-answer.md"
    assert said == f"Exported the answer to {written}" and said in window.statusBar().currentMessage()
    text = written.read_text()
    assert "templates" in text and "lead with the metric" in text  # the stored attempt, with its notes

    _file_export(window)  # as PDF
    said = _save_as(window, qtbot, tmp_path / "out" / "answer-pdf", "PDF")
    assert (tmp_path / "out" / "answer-pdf.pdf").read_bytes().startswith(b"%PDF")  # the type picked names it
    assert window.settings.get("export_dir") == str(tmp_path / "out")  # the next dialog opens there
    _file_export(window)
    qtbot.waitUntil(lambda: window.exporter.dialog is not None, timeout=5000)
    assert window.exporter.dialog.directory().absolutePath() == str(tmp_path / "out")
    screenshot(window.exporter.dialog, "export-dialog")
    window.exporter.dialog.reject()

    # never into the app's own files, whatever the dialog says: one line, nothing written
    inside = window.ctx.paths.recordings_dir / "answer.json"
    _file_export(window)
    qtbot.waitUntil(lambda: window.exporter.dialog is not None, timeout=5000)
    dialog = window.exporter.dialog
    dialog.close()  # the dialog would not let a user into that folder's files: go round it to test the worker
    with qtbot.waitSignal(window.exporter.finished, timeout=30000) as refused:
        dialog.fileSelected.emit(str(inside))
    assert refused.args[0].startswith("The answer was not exported:") and "recordings folder" in refused.args[0]
    assert not inside.exists()


def test_the_history_page_exports_the_attempts_listed(make_window, qtbot, tmp_path):
    window = make_window()
    ids = [_analysed(window, qtbot, tmp_path, ANSWER, "a.txt"),
           _analysed(window, qtbot, tmp_path, "We should add push notifications.", "b.txt")]
    window.back_to_choose()
    window.show_history()
    page = window._history
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=10000)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    said = _save_as(window, qtbot, tmp_path / "history.csv")
    assert said == f"Exported 2 attempts to {tmp_path / 'history.csv'}"
    rows = list(csv.DictReader((tmp_path / "history.csv").open()))
    assert sorted(int(r["id"]) for r in rows) == sorted(ids)

    page.search.setText("push notifications")  # a filter: only what is listed is exported
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.refresh()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    _save_as(window, qtbot, tmp_path / "pushes", "JSON")
    [only] = json.loads((tmp_path / "pushes.json").read_text())
    assert only["id"] == ids[1]
