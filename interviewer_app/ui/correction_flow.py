"""Review › Correct transcript…: fix the words the speech model misheard, then check the answer
again on them (services/correction.py), kept in history with what the model wrote; the review
says what changed. Runs for the main window (its review, store and status bar)."""

from __future__ import annotations

from interviewer_app.ui import dialogs


def correct_transcript(window) -> None:
    """Let the user fix misheard words, then score the answer again on them (kept in history
    when the answer is, with what the model wrote)."""
    from interviewer_app.ui.widgets.correct_dialog import CorrectTranscriptDialog

    before, attempt_id = window.review.feedback, window.review.attempt_id
    if not before or not (before.get("transcript") or "").strip():
        return
    dialog = CorrectTranscriptDialog(before["transcript"], before.get("asr_transcript"), window)
    window.correct_dialog = dialog
    dialog.accepted.connect(lambda: _rescore(window, before, attempt_id, dialog.text()))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def _rescore(window, before: dict, attempt_id: int | None, text: str) -> None:
    from interviewer_app.analysis.feedback.changes import what_changed
    from interviewer_app.services.answer_session import words_changed
    from interviewer_app.services.correction import corrected_analysis

    bank, budgets = window.choose.browser.bank, window.choose.budget_picker.book

    def work(store):
        feedback, extra = corrected_analysis(before, text, bank, budgets)
        if attempt_id is not None:
            store.replace_feedback(attempt_id, feedback, extra)
        return {**feedback.to_dict(), **extra}

    def done(after: dict) -> None:
        if window._closed or window.review.attempt_id != attempt_id or window.review.feedback is not before:
            return  # another answer is on screen now
        n = words_changed(before.get("transcript") or "", after["transcript"])
        changes = what_changed(before, after)
        note = (f"Transcript corrected by you ({n} word{'s' if n != 1 else ''} changed): "
                + ("; ".join(changes) if changes else "the verdict is the same"))
        window.review.refresh_analysis(after, attempt_id, note)
        window.statusBar().showMessage("Checked again on your corrected transcript"
                                     + (" and saved." if attempt_id is not None else "."), 6000)

    window.statusBar().showMessage("Checking the answer again on your words…")
    window.store_ops.run(work, done, lambda message: dialogs.show_error(window, "The correction was not saved", message))
