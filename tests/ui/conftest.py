"""UI test helpers: a main window on an isolated data folder, and screenshots for the README."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def make_window(qtbot, isolated_home):
    from interviewer_app.qt_binding import QtCore, QtWidgets
    from interviewer_app.services.pipeline import AppContext
    from interviewer_app.speech.prompt_voice import PromptVoice
    from interviewer_app.ui.main_window import MainWindow

    windows = []

    def _make(**kwargs):
        voice = kwargs.pop("voice", None) or PromptVoice(engine="mock")
        window = MainWindow(AppContext(), voice=voice, **kwargs)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.start_up()  # as the app does after showing the window: warms the model
        windows.append(window)
        return window

    yield _make
    QtCore.QThreadPool.globalInstance().waitForDone(120000)  # no worker reports into the next test
    for window in windows:  # close as a user would, then let Qt delete it before the next test
        window.close()
        # Something on the Qt side keeps a closed window's AppContext alive until the run ends;
        # let its speech models (about 100 MB a window) go now, so the suite's memory stays flat
        window.ctx.__dict__.pop("transcriber", None)
        window.review.player.load(None)
        window.deleteLater()
    QtWidgets.QApplication.processEvents()
    QtWidgets.QApplication.sendPostedEvents(None, 0)


def screenshot(widget, name: str) -> Path:
    """Save what the user sees; kept under docs/screenshots when running on a real X display."""
    folder = SCREENSHOTS if os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" else ROOT / "tests" / ".artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
