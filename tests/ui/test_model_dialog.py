"""Settings › Speech model, driven as a user would (issue 23): the list with sizes and expected
times, Download with a progress bar against a slow stand-in hub on localhost (never the internet),
Cancel and continue, Use this model (loaded in the background, remembered at the next start), a
model folder, and a saved model that has gone."""

from __future__ import annotations

import shutil

import pytest

from interviewer_app.qt_binding import Qt, QtWidgets
from interviewer_app.transcribe.catalog import download_progress
from interviewer_app.transcribe.models import bundled_model_path
from tests.fixtures.fake_hub import FakeHub
from tests.ui.conftest import screenshot

DOWNLOAD_S = 60_000  # ms: a 78 MB model from the slow hub, the child process started


def open_dialog(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Se&ttings")
    next(a for a in menu.actions() if a.text() == "Speech model…").trigger()
    dialog = window.model_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def click_row(qtbot, dialog, spec: str) -> None:
    row = dialog.row_of(spec)
    rect = dialog.table.visualItemRect(row)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.selected() == spec


@pytest.fixture
def hub(monkeypatch):
    with FakeHub(bundled_model_path(), delay_s=0.02) as h:
        monkeypatch.setenv("HF_ENDPOINT", h.url)  # the download process inherits it
        yield h


def test_the_list_shows_sizes_expected_times_and_what_is_in_use(qtbot, make_window):
    window = make_window()
    dialog = open_dialog(qtbot, window)
    rows = {dialog.table.topLevelItem(i).text(0): dialog.table.topLevelItem(i)
            for i in range(dialog.table.topLevelItemCount())}
    assert list(rows)[:2] == ["tiny.en", "base.en"]
    assert rows["tiny.en"].text(3) == "bundled · in use"
    assert rows["base.en"].text(1) == "145 MB" and rows["base.en"].text(3) == "not downloaded"
    assert rows["medium.en"].text(1) == "1.5 GB"
    assert "2× tiny.en's time" in rows["base.en"].text(2)  # nothing measured yet on this machine
    assert not dialog.use_button.isEnabled()  # tiny.en is already in use
    click_row(qtbot, dialog, "base.en")
    assert dialog.download_button.isEnabled() and not dialog.use_button.isEnabled()
    assert "fewer misheard words" in dialog.note.text()
    screenshot(dialog, "speech-model")


def test_download_shows_progress_then_the_model_is_used_and_remembered(qtbot, make_window, hub):
    window = make_window()
    qtbot.waitUntil(lambda: "ready" in window.model_label.text(), timeout=60000)
    dialog = open_dialog(qtbot, window)
    click_row(qtbot, dialog, "base.en")
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: 0 < dialog.progress.value() < 1000 and " of " in dialog.status.text(), timeout=DOWNLOAD_S)
    assert "Downloading base.en:" in dialog.status.text()
    screenshot(dialog, "speech-model-downloading")
    qtbot.waitUntil(lambda: "is downloaded" in dialog.status.text(), timeout=DOWNLOAD_S)
    assert dialog.row_of("base.en").text(3) == "downloaded" and dialog.use_button.isEnabled()
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert "Speech model base.en: loading" in window.model_label.text()
    qtbot.waitUntil(lambda: window.model_label.text() == "Speech model base.en: ready", timeout=60000)
    assert dialog.row_of("base.en").text(3) == "downloaded · in use"
    assert window.settings.get("speech_model") == "base.en" and window.ctx.transcriber.model_name == "base.en"
    # the next start uses it, with no network and no question
    from interviewer_app.services.pipeline import AppContext
    from interviewer_app.ui.model_choice import apply_saved_model

    ctx = AppContext()
    assert apply_saved_model(ctx, window.settings) is None and ctx.model == "base.en"


def test_cancel_stops_the_download_and_download_continues_from_there(qtbot, make_window, monkeypatch):
    with FakeHub(bundled_model_path(), delay_s=0.25) as slow:
        monkeypatch.setenv("HF_ENDPOINT", slow.url)
        window = make_window()
        dialog = open_dialog(qtbot, window)
        models = window.ctx.paths.models_dir
        click_row(qtbot, dialog, "distil-small.en")
        qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: download_progress("distil-small.en", models)[0] > 4_000_000, timeout=DOWNLOAD_S)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "stopped" in dialog.status.text(), timeout=10000)
        kept, total = download_progress("distil-small.en", models)
        assert 0 < kept < total and dialog.row_of("distil-small.en").text(3) == "not downloaded"
        assert dialog.download_button.isVisible() and not dialog.cancel_button.isVisible()
        slow.delay_s = 0.0
        qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "is downloaded" in dialog.status.text(), timeout=DOWNLOAD_S)
    assert slow.gets_of["model.bin"] == 2


def test_a_model_folder_can_be_chosen_and_a_wrong_folder_is_explained(qtbot, make_window, monkeypatch, tmp_path):
    window = make_window()
    dialog = open_dialog(qtbot, window)
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    picked = [str(empty)]
    monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory", lambda *a, **k: picked[0])  # the OS picker
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert "has no model.bin" in dialog.status.text() and window.settings.get("speech_model") is None
    folder = tmp_path / "my-model"
    shutil.copytree(bundled_model_path(), folder)
    picked[0] = str(folder)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert window.settings.get("speech_model") == str(folder)
    qtbot.waitUntil(lambda: window.model_label.text() == "Speech model my-model: ready", timeout=60000)
    assert dialog.row_of(str(folder)).text(0) == "my-model (folder)"


def test_a_saved_model_that_is_gone_starts_on_the_bundled_one_and_says_so(qtbot, make_window, monkeypatch):
    from interviewer_app.core.paths import app_paths
    from interviewer_app.ui import dialogs
    from interviewer_app.ui.settings import AppSettings

    AppSettings(app_paths().config_dir).set("speech_model", "small.en")  # downloaded once, since deleted
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    window = make_window()
    assert window.ctx.model is None
    assert any("small.en is no longer on this computer" in m and "Settings › Speech model" in m for m in shown)
    qtbot.waitUntil(lambda: window.model_label.text() == "Speech model tiny.en: ready", timeout=60000)
    assert not window.ctx.paths.models_dir.exists() or not any(window.ctx.paths.models_dir.iterdir())


def test_after_an_answer_the_times_are_in_seconds_for_this_computer(qtbot, make_window):
    from interviewer_app.ui.model_choice import measured_speed

    window = make_window()
    window.settings.set("speech_speed", "0.0500 tiny.en")  # saved by an answer in an earlier session
    assert measured_speed(window.ctx, window.settings) == 0.05
    dialog = open_dialog(qtbot, window)
    assert dialog.row_of("tiny.en").text(2) == "about 9 s"  # 180 s × 0.05
    assert dialog.row_of("base.en").text(2) == "about 18 s"
    assert dialog.row_of("medium.en").text(2) == "about 2:42"
    window.settings.set("speech_speed", "0.0500 small.en")  # measured with another model: not used
    assert measured_speed(window.ctx, window.settings) is None
