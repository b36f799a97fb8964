"""`interviewer-app mock --company NAME` without --dry-run: the mock interview in the terminal.
Each question is shown, the answer recorded from the microphone (transcribed while you speak) until
Enter or --seconds, analysed, saved at once as an attempt linked to the session, and the follow-ups
chosen from what it lacked come next while the phase has time left. Ctrl+C abandons the session;
the answers already given stay kept."""

from __future__ import annotations

import sys
import threading

from interviewer_app.analysis.mock_report import build_report, structure_line
from interviewer_app.audio.recorder import Recorder
from interviewer_app.cli.terminal import device_arg, safe, say, wait_for_stop
from interviewer_app.core.errors import UsageError
from interviewer_app.core.mock import MockPlan
from interviewer_app.core.models import format_clock
from interviewer_app.mock_run import MockInterview, Turn
from interviewer_app.pipeline import AppContext, finish_live_answer
from interviewer_app.transcribe.live import LiveTranscriber


def run_live(ctx: AppContext, plan: MockPlan, args) -> int:
    interactive = args.seconds is None
    if interactive and not sys.stdin.isatty():
        raise UsageError("no terminal to press Enter in; give --seconds N to record N seconds per answer, "
                         "or --dry-run to see the plan")
    loader = threading.Thread(target=ctx.transcriber.load, daemon=True)
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
                answer = _record_and_analyse(ctx, turn, device, args.seconds, loader)
                kept = run.record(turn, answer.feedback, source=str(answer.source))
                if sessions is not None:  # kept at once: a crash later loses nothing said so far
                    sessions.keep(session_id, kept, answer.feedback, source_path=answer.source)
                _summarise(run, kept)
            turn = run.next_turn()
    except KeyboardInterrupt:
        if sessions is not None:
            sessions.abandon(session_id, notes="stopped with Ctrl+C")
            say(f"session {session_id} abandoned; its {len(run.answers)} answer(s) are kept")
        sys.stdout.write(safe(build_report(plan, run.answers, "abandoned", session_id=session_id).text()))
        return 130
    if sessions is not None:
        sessions.finish(session_id)
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


def _record_and_analyse(ctx: AppContext, turn: Turn, device, seconds: float | None, loader: threading.Thread):
    live = LiveTranscriber(ctx.transcriber)
    recorder = Recorder(ctx.paths.recordings_dir, device=device, on_audio=live.feed)
    recorder.start()
    live.start()
    say("recording" + (f" for {seconds:g} s" if seconds else "; press Enter to stop"))
    try:
        wait_for_stop(recorder, seconds)
    except KeyboardInterrupt:  # stopped mid-answer: close the microphone, keep the audio, do not analyse
        partial = recorder.stop()
        live.close()
        say(f"the unfinished answer was not analysed; its audio is kept at {partial.path}")
        raise
    recording = recorder.stop()
    if recording.interrupted:
        say(f"{recording.interrupted}; analysing the {format_clock(recording.seconds)} recorded")
    loader.join()
    return finish_live_answer(ctx, live, recording.path, prompt=turn.prompt, budget=turn.budget)



def _summarise(run: MockInterview, answer) -> None:
    fb = answer.feedback
    if fb.get("no_speech"):
        say(f"   {format_clock(fb.get('duration_s'))}, no speech was heard")
    else:
        say(f"   {format_clock(fb.get('duration_s'))}; {structure_line(fb)}")
    for f in answer.follow_ups:
        say(f"   follow-up chosen: {f['question']} ({f['because']})")

