"""Fix the transcript, then re-score (issue 23), driven as a user would on a spoken answer
(espeak-ng, real Whisper, real store): Correct transcript…, edit, Save and check again; the
review, the history row and the stored feedback follow, and what the model wrote is kept."""

from __future__ import annotations

from interviewer_app.qt_binding import Qt
from interviewer_app.storage.history import query
from tests.ui.conftest import screenshot

ADDED = " The biggest risk is that people mute every notification."


def test_a_corrected_transcript_is_checked_again_and_kept_with_the_models(make_window, qtbot, jump_answer):
    window = make_window()
    with qtbot.waitSignal(window.session.analyzed, timeout=120000) as result:
        window._analyze_path(jump_answer.wav)
    attempt = result.args[0].attempt_id
    before = window.review.feedback
    assert not before["steps"]["risks"]["heard"]  # the answer never names a risk

    qtbot.mouseClick(window.review.correct_button, Qt.MouseButton.LeftButton)
    dialog = window.correct_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.edit.toPlainText() == before["transcript"]
    assert not dialog.save_button.isEnabled()  # nothing changed yet
    dialog.edit.moveCursor(dialog.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.edit, ADDED)  # what the model missed, typed in
    assert dialog.save_button.isEnabled()
    screenshot(dialog, "correct-transcript")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.review.feedback is not before, timeout=30000)
    after = window.review.feedback
    assert after["steps"]["risks"]["heard"] and after["transcript"].endswith(ADDED.strip())
    notice = window.review.notice.text()
    assert "Transcript corrected by you" in notice and "Risks" in notice
    assert "transcript corrected by you" in window.review.header.text()
    screenshot(window, "review-corrected")
    stored = window.ctx.store.feedback_json(attempt)
    assert stored["corrected_by_user"] and stored["asr_transcript"] == before["transcript"]
    assert stored["duration_s"] == before["duration_s"]  # the recording's timing is kept
    assert "risks" not in query(window.ctx.store)[0].missing_steps
