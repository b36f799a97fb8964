"""The practice loop on the main window (issue 24): each prompt's progress in the list, Practice
› Next for me (the plan's next prompt, with its reason and budget), and a retake ending on what
changed since the last attempt. History is read on a worker (the window's store_ops)."""

from __future__ import annotations


def compare_with_last(window, attempt_id: int, prompt_id: str) -> None:
    """A retake ends on the comparison: what changed since the last attempt at this prompt."""
    from interviewer_app.analysis.practice.compare import compare
    from interviewer_app.core.models import local_time
    from interviewer_app.storage.history import HistoryFilter, query

    def work(store):
        earlier = [r for r in query(store, HistoryFilter(prompt_id=prompt_id, limit=5)) if r.id < attempt_id]
        if not earlier:
            return None
        last = earlier[0]
        c = compare(store.feedback_json(last.id), store.feedback_json(attempt_id))
        return f"Since your last attempt at this prompt ({local_time(last.created_at)}): {c.verdict}"

    def shown(line) -> None:
        if line and not window._closed and window.review.attempt_id == attempt_id:
            window.review.add_notice(line)
            window.compared.emit(line)
    window.store_ops.run(work, shown, lambda _message: None)  # the review stands without it


def refresh_progress(window) -> None:
    """Under each prompt, how you did on it (read on a worker; `progress_shown` follows)."""
    from datetime import datetime, timezone

    from interviewer_app.analysis.practice.plan import prompt_progress
    from interviewer_app.storage.history import query

    def work(store):
        return {k: p.label for k, p in prompt_progress(query(store), datetime.now(timezone.utc)).items()}

    def shown(labels):
        if not window._closed:
            window.choose.browser.set_progress(labels)
            window.progress_shown.emit()
    window.store_ops.run(work, shown, lambda _message: None)  # the list works without it


def next_for_me(window) -> None:
    """The practice plan's next prompt (analysis/practice/plan.py), chosen on a worker from
    the history, selected with the budget it suggests and the reason shown. Asking again
    before answering moves on to the plan's next one."""
    if window._busy():
        return
    from datetime import datetime, timezone

    from interviewer_app.analysis.habits.summary import budget_words
    from interviewer_app.analysis.practice.plan import plan_next
    from interviewer_app.storage.history import query

    bank, book = window.choose.browser.bank, window.choose.budget_picker.book
    window._plan_asks += 1

    def work(store):
        return plan_next(query(store), bank.prompts, datetime.now(timezone.utc), limit=10,
                         budget_name=lambda f, p: budget_words(book, f, p))

    def chosen(plan) -> None:
        if window._closed or not plan or window._busy():
            return
        pick = plan[window._plan_asks % len(plan)]
        window.back_to_choose()
        window.choose.browser.clear_filters()
        window.choose.browser.select(pick.prompt.id)
        if pick.budget_format:
            window.choose.budget_picker.set_current(pick.budget_format, pick.budget_phase)
        window.choose.show_plan(pick.prompt.id, pick.reason)
        window.plan_chosen.emit(pick.prompt.id)

    window.store_ops.run(work, chosen, lambda message: window.statusBar().showMessage(
        f"Could not read your history to plan the next prompt: {message}", 8000))
