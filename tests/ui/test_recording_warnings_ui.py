"""The review says what is wrong with the recording itself (issue 18 item 17 in the app): a
clipped answer analysed in the window, and the same attempt opened again from history."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def test_a_clipped_answer_is_called_clipped_in_the_review(make_window, qtbot, strong_answer, tmp_path):
    if shutil.which("sox") is None:
        pytest.fail("sox is not installed: run scripts/install-system-deps.sh --test")
    loud = tmp_path / "too-loud.wav"
    subprocess.run(["sox", "-V1", str(strong_answer.wav), str(loud), "gain", "20"], check=True)
    window = make_window()
    with qtbot.waitSignal(window.session.analyzed, timeout=120000) as result:
        window._analyze_path(loud)
    attempt_id = result.args[0].attempt_id
    notice = window.review.notice
    assert window.pages.currentWidget() is window.review and notice.isVisible()
    assert "The recording is clipped (too loud)" in notice.text(), notice.text()

    window.back_to_choose()
    with qtbot.waitSignal(window.attempt_opened, timeout=10000):
        window.open_attempt(attempt_id)  # from history: the stored feedback carries it
    assert "The recording is clipped (too loud)" in window.review.notice.text()

    window.back_to_choose()
    clean = tmp_path / "clean.txt"
    clean.write_text("The goal is retention of new teams. We could add templates.")
    with qtbot.waitSignal(window.session.analyzed, timeout=60000):
        window._analyze_path(clean)
    assert "clipped" not in window.review.notice.text()  # notices belong to the answer shown
