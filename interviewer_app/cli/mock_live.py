"""`interviewer-app mock --company NAME` without --dry-run: the mock interview in the terminal.
Each question is shown, the answer recorded from the microphone (transcribed while you speak) until
Enter or --seconds, analysed, saved at once as an attempt linked to the session, and the follow-ups
chosen from what it lacked come next while the phase has time left. Ctrl+C abandons the session;
the answers already given stay kept."""

from __future__ import annotations

import logging
import sys
import threading

from interviewer_app.cli.terminal import device_arg, safe, say, settle, wait_for_stop
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import format_clock
from interviewer_app.mock.interview import MockInterview, Turn
from interviewer_app.mock.plan import MockPlan
from interviewer_app.mock.report import build_report, structure_line
from interviewer_app.services.answer_session import AnswerResult, AnswerSession
from interviewer_app.services.mock_session import answer_keeper, answer_notices, follow_refined, then_end
from interviewer_app.services.pipeline import AppContext

log = logging.getLogger(__name__)


def run_live(ctx: AppContext, plan: MockPlan, args) -> int:
    interactive = args.seconds is None
    if interactive and not sys.stdin.isatty():
        raise UsageError("no terminal to press Enter in; give --seconds N to record N seconds per answer, "
                         "or --dry-run to see the plan")
    loader = threading.Thread(target=ctx.transcriber.load, kwargs={"live": True}, daemon=True)
    loader.start()
    run = MockInterview(plan)
    sessions = session_id = None
    if not args.no_save:
        from interviewer_app.storage.mock_sessions import MockSessionStore

        sessions = MockSessionStore(ctx.store)
        session_id = sessions.create(plan)
    say(f"{plan.format_name} mock, {format_clock(plan.total_s)} in all, seed {plan.seed}"
         + (f" (session {session_id})" if session_id else "") + ". Ctrl+C stops; answers given are kept.")
    device = device_arg(args.device)
    unsaved: dict[int, tuple] = {}  # answers whose save failed: stored with the next one
    refining: list[threading.Thread] = []
    refine_notes: list[tuple[int, str]] = []  # (answer position, what the full pass changed)
    try:
        turn = run.next_turn()
        while turn is not None:
            if not turn.takes_answer:
                say(f"== {turn.phase.name} ({format_clock(turn.phase.seconds)}): {turn.text}")
                if interactive:
                    say("press Enter to go on")
                    sys.stdin.readline()
                run.skip(turn)
            else:
                _ask(run, turn)
                if interactive and turn.is_follow_up:
                    say("press Enter to answer, or type s and Enter to skip this follow-up")
                    if sys.stdin.readline().strip().lower().startswith("s"):
                        run.skip(turn)
                        turn = run.next_turn()
                        continue
                before = len(run.answers)
                save = (answer_keeper(run, turn, session_id, unsaved, lambda: sessions) if sessions is not None
                        else _only_in_run(run, turn))
                session = AnswerSession(ctx, prompt=turn.prompt, budget=turn.budget, device=device, save=save)
                result = _record_and_analyse(session, args.seconds, loader)
                for note in answer_notices(result, kept=len(run.answers) > before):
                    say(f"   {note}")
                if len(run.answers) > before:
                    _summarise(run, run.answers[-1])
                    if result.attempt_id is not None:  # the full pass, stored in place, while the mock goes on
                        refining.append(_refine_in_background(run, session, result, refine_notes))
            turn = run.next_turn()
        for thread in refining:  # the report shows the refined transcripts, as the app's does
            thread.join()
        for position, note in sorted(refine_notes):
            say(f"answer {position}: {note}")
    except KeyboardInterrupt:
        settle([loader, *refining], "finishing the transcripts of the answers given")
        if sessions is not None:
            then_end(run, session_id, unsaved, lambda s, i: s.abandon(i, notes="stopped with Ctrl+C"))(sessions)
            say(f"session {session_id} abandoned; its {len(run.answers)} answer(s) are kept")
        sys.stdout.write(safe(build_report(plan, run.answers, "abandoned", session_id=session_id).text()))
        return 130
    if sessions is not None:
        then_end(run, session_id, unsaved, lambda s, i: s.finish(i))(sessions)
        say(f"saved as mock session {session_id}; score it later with the desktop app")
    report = build_report(plan, run.answers, "finished" if sessions else "analysed", session_id=session_id)
    if args.json:
        from interviewer_app.cli.report import print_json

        print_json(report.to_dict())
    else:
        sys.stdout.write(safe(report.text()))
    return 0


def _ask(run: MockInterview, turn: Turn) -> None:
    used = run.phase_used_s(turn.phase.key)
    clock = f"{format_clock(used)} of {format_clock(turn.phase.seconds)} used"
    if turn.is_follow_up:
        say(f"-- {turn.phase.name}, follow-up ({clock}): {turn.text}")
        say(f"   ({turn.follow_up.reason})")
    else:
        say(f"== {turn.phase.name} ({clock}): {turn.text}")


def _record_and_analyse(session: AnswerSession, seconds: float | None, loader: threading.Thread) -> AnswerResult:
    session.start()
    try:  # the announcement is inside: Ctrl+C the moment it is printed still keeps the audio
        say("recording" + (f" for {seconds:g} s" if seconds else "; press Enter to stop"))
        wait_for_stop(session.recorder, seconds)
    except KeyboardInterrupt:  # stopped mid-answer: close the microphone, keep the audio, do not analyse
        kept = session.abandon()
        say(f"the unfinished answer was not analysed; its audio is kept at {kept}")
        raise
    loader.join()
    return session.finish()


def _only_in_run(run: MockInterview, turn: Turn):
    """The save hook of a mock that is not stored (--no-save): the answer only joins the run."""
    def save(answer) -> None:
        run.record(turn, answer.feedback, source=str(answer.source))
    return save


def _refine_in_background(run: MockInterview, session: AnswerSession, result: AnswerResult,
                          notes: list[tuple[int, str]]) -> threading.Thread:
    """One full pass over a live answer (more accurate than the live chunks), stored in place of
    its feedback: the app does the same while the interview goes on."""
    def work() -> None:
        try:
            refined = session.refine(result)
            answer = follow_refined(run, refined) if refined is not None else None  # the report follows
            if answer is not None:
                notes.append((answer.position, refined.refined_note))
        except Exception as exc:  # the live feedback, already stored, stays
            log.warning("refining answer %s failed: %s", result.attempt_id, type(exc).__name__)
    thread = threading.Thread(target=work, name="refine", daemon=True)
    thread.start()
    return thread


def _summarise(run: MockInterview, answer) -> None:
    fb = answer.feedback
    if fb.get("no_speech"):
        say(f"   {format_clock(fb.get('duration_s'))}, no speech was heard")
    else:
        say(f"   {format_clock(fb.get('duration_s'))}; {structure_line(fb)}")
    for f in answer.follow_ups:
        say(f"   follow-up chosen: {f['question']} ({f['because']})")

