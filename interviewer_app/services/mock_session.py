"""A mock interview's answers kept in its stored session as they come, for the desktop app
(ui/mock_flow.py, on workers) and the terminal `mock` (cli/mock_live.py) alike: each answer joins
the run (its follow-ups are chosen there) and is stored at once; one whose save failed stays in the
run and is stored with the next answer or at the end; the session ends finished or abandoned after
everything given is kept. No Qt."""

from __future__ import annotations

from typing import Callable

from interviewer_app.mock.interview import MockInterview, Turn
from interviewer_app.mock.plan import MockAnswer
from interviewer_app.services.answer_session import AnswerResult
from interviewer_app.services.pipeline import AnalyzedAnswer
from interviewer_app.storage.mock_sessions import MockSessionStore


def keep_unsaved(sessions: MockSessionStore, session_id: int, answers: list[MockAnswer],
                 unsaved: dict[int, tuple]) -> int | None:
    """Store, in order, every answer of a run not stored yet — `unsaved` maps its position to
    (feedback, source path, samples); an answer whose save failed is tried again with the next
    one. Returns the last attempt id. Worker thread."""
    last = None
    for answer in answers:
        if answer.attempt_id is None and answer.position in unsaved:
            feedback, source, samples = unsaved[answer.position]
            last = sessions.keep(session_id, answer, feedback, source_path=source, samples=samples)
            del unsaved[answer.position]
    return last


def answer_keeper(run: MockInterview, turn: Turn, session_id: int, unsaved: dict[int, tuple],
                  sessions: Callable[[], MockSessionStore]) -> Callable[[AnalyzedAnswer], int]:
    """The save hook (AnswerSession) of a mock answer: the answer joins the run (its follow-ups are
    chosen there) and is stored in the session at once."""
    def save(answer: AnalyzedAnswer) -> int:
        kept = run.record(turn, answer.feedback, source=str(answer.source))
        samples = answer.clip.samples if answer.clip is not None else None
        unsaved[kept.position] = (answer.feedback, answer.source, samples)
        return keep_unsaved(sessions(), session_id, run.answers, unsaved)
    return save


def then_end(run: MockInterview, session_id: int, unsaved: dict[int, tuple],
             end: Callable[[MockSessionStore, int], None]) -> Callable[[MockSessionStore], None]:
    """Store work that first keeps any answer not stored yet, then finishes or abandons."""
    def work(sessions: MockSessionStore) -> None:
        keep_unsaved(sessions, session_id, run.answers, unsaved)
        end(sessions, session_id)
    return work


def answer_notices(result, kept: bool) -> list[str]:
    """What to tell about an analysed answer (an AnswerResult) beyond its feedback;
    `kept`: the run recorded it (when only storing failed, it is stored with the next answer)."""
    out = []
    if result.interrupted:
        out.append(f"Recording ended early: {result.interrupted}. What was recorded is analysed.")
    if result.save_error:
        out.append(f"Answer not saved yet ({result.save_error}); it stays in this mock and is saved with the "
                   f"next answer. The recording is kept at {result.answer.source}." if kept else
                   f"Answer not kept: {result.save_error}. The recording is kept at {result.answer.source}.")
    if result.answer.feedback.no_speech:
        out.append("No speech was heard: check that the right microphone is selected and not muted.")
    return out


def follow_refined(run: MockInterview, result: AnswerResult) -> MockAnswer | None:
    """A full pass replaced an answer's stored feedback: the run (and so its report) follows."""
    for answer in run.answers:
        if result.attempt_id is not None and answer.attempt_id == result.attempt_id:
            answer.feedback = result.answer.feedback.to_dict()
            return answer
    return None
