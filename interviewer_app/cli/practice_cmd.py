"""`interviewer-app practice`: answer a prompt into the microphone from the terminal; and
`interviewer-app devices`: list microphones."""

from __future__ import annotations

import sys
import threading

from interviewer_app.audio.devices import list_input_devices
from interviewer_app.cli.report import print_json, print_result
from interviewer_app.cli.terminal import device_arg, safe, say, settle, wait_for_stop
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import format_clock
from interviewer_app.services.answer_session import AnswerSession, no_save
from interviewer_app.services.pipeline import AppContext


def add_parsers(sub) -> None:
    p = sub.add_parser("practice", help="answer a prompt into the microphone and get feedback",
                       description="Shows a prompt, records your answer from the microphone until "
                                   "you press Enter (or for --seconds), then gives feedback and "
                                   "keeps the attempt.")
    p.add_argument("--prompt", metavar="ID", help="prompt to answer (default: a random one)")
    p.add_argument("--company", metavar="NAME")
    p.add_argument("--phase", metavar="NAME")
    p.add_argument("--budget", metavar="SECONDS", type=float)
    p.add_argument("--seconds", type=float, help="stop after this much audio instead of on Enter")
    p.add_argument("--device", help="input device index or name (see `interviewer-app devices`)")
    p.add_argument("--model", metavar="NAME|PATH")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-save", action="store_true", help="do not keep the attempt")
    p.add_argument("--no-live", action="store_true",
                   help="transcribe after you stop instead of while you speak")
    p.set_defaults(run=run_practice)

    d = sub.add_parser("devices", help="list microphones")
    d.add_argument("--json", action="store_true")
    d.set_defaults(run=run_devices)


def run_devices(args) -> int:
    devices = list_input_devices()
    if args.json:
        print_json([d.__dict__ for d in devices])
        return 0
    if not devices:
        print("No microphone found. Plug one in, or check PortAudio (sudo apt install libportaudio2).")
        return 1
    for d in devices:
        print(f"{d.index:>3}{' *' if d.is_default else '  '} {safe(d.name)}")
    return 0


def run_practice(args) -> int:
    if args.seconds is None and not sys.stdin.isatty():
        raise UsageError("no terminal to press Enter in; give --seconds N to record N seconds")
    ctx = AppContext(model=args.model, report=say)
    prompt = ctx.prompts.get(args.prompt) if args.prompt is not None else ctx.prompts.random()
    budget = ctx.budgets.resolve(args.company, args.phase, args.budget)
    loader = threading.Thread(target=ctx.transcriber.load, kwargs={"live": not args.no_live},
                              daemon=True)  # warm up while they talk
    loader.start()
    say(f"prompt [{prompt.id}]: {prompt.text}")
    session = AnswerSession(ctx, prompt=prompt, budget=budget, device=device_arg(args.device),
                            live=not args.no_live, save=no_save if args.no_save else None)
    session.start()
    try:  # Ctrl+C while recording: close the microphone and keep what was said
        say("recording" + (f" for {args.seconds:g} s" if args.seconds else "; press Enter to stop")
            + (f" (budget {budget.label})" if budget else ""))
        wait_for_stop(session.recorder, args.seconds, session.live)
    except KeyboardInterrupt:
        kept = session.abandon()
        say(f"stopped; the answer was not analysed; its audio is kept at {kept} "
            "(analyse it later with: interviewer-app analyze FILE)")
        settle([loader], "waiting for the model to finish loading")
        raise
    loader.join()
    result = session.finish()
    if result.interrupted:
        say(f"{result.interrupted}; analysed the {format_clock(result.answer.feedback.transcript.duration_s)} recorded")
    out = result.answer.feedback.to_dict()
    if session.live is not None:
        snap = session.live.snapshot()
        out["live"] = {"decodes_while_recording": result.live_decodes, "chunks": session.live.stats.commits,
                       "kept_up": snap.live, "notice": snap.notice}
    out["recording"] = str(result.answer.source)
    if result.save_error:
        say(f"not saved: {result.save_error}; the recording is kept at {result.answer.source}")
    elif result.attempt_id is not None:
        out["attempt_id"] = result.attempt_id
        say(f"saved as attempt {result.attempt_id}")
    print_result(out, result.answer.feedback, result.answer.source, args.json)
    if result.attempt_id is not None:
        # Feedback came from the live transcript; a full pass is more accurate (see
        # benchmarks/live_transcription.py): store that one for history, as the app does.
        sys.stdout.flush()
        refined = session.refine(result)
        if refined is not None:
            say(f"attempt {result.attempt_id}: {refined.refined_note}")
    return 0


