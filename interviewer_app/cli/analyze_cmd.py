"""`interviewer-app analyze`: feedback on one recorded (or typed) answer."""

from __future__ import annotations

from pathlib import Path

from interviewer_app.cli.report import print_result
from interviewer_app.cli.terminal import say
from interviewer_app.core.errors import UsageError
from interviewer_app.services.live_replay import replay_live
from interviewer_app.services.pipeline import TEXT_SUFFIXES, AppContext, analyze_file, save_answer
from interviewer_app.transcribe.engine import TranscribeOptions


def add_parser(sub) -> None:
    p = sub.add_parser("analyze", help="transcribe an answer and give structure and pacing feedback",
                       description="Analyze an answer: an audio file (WAV, FLAC, OGG, MP3, M4A) or a "
                                   ".txt transcript (no times, so no pacing).")
    p.add_argument("input", type=Path, help="audio file or .txt transcript")
    p.add_argument("--prompt", metavar="ID", help="the prompt answered (see `interviewer-app prompts`)")
    p.add_argument("--company", metavar="NAME", help="time budget: company or drill (see `budgets`)")
    p.add_argument("--phase", metavar="NAME", help="phase of that company's format (default: its main phase)")
    p.add_argument("--budget", metavar="SECONDS", type=float, help="custom time budget in seconds")
    p.add_argument("--model", metavar="NAME|PATH",
                   help="Whisper model: tiny.en (bundled, default), base.en, small.en, distil-… "
                        "(downloaded once), or a local CTranslate2 folder")
    p.add_argument("--keep-fillers", action="store_true",
                   help="ask Whisper to write um/uh down (experimental: on real speech it finds 8 "
                        "in 10 natural fillers instead of 1 in 10, but also some that were not "
                        "said, and transcribes about 2.5 times slower)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--save", action="store_true", help="keep the attempt (audio and feedback) in history")
    p.add_argument("--live-sim", action="store_true",
                   help="replay the audio in real time through the live path the app uses while "
                        "you speak, and report when each step was first shown, the live lag and "
                        "the time from Stop to feedback (JSON key \"live\")")
    p.add_argument("--fast", action="store_true",
                   help="with --live-sim: simulate the timing instead of waiting in real time")
    p.set_defaults(run=run)


def run(args) -> int:
    ctx = AppContext(model=args.model, options=TranscribeOptions(keep_fillers=args.keep_fillers), report=say)
    prompt = ctx.prompts.get(args.prompt) if args.prompt is not None else None
    budget = ctx.budgets.resolve(args.company, args.phase, args.budget)
    if args.model:
        _ = ctx.transcriber.model_name  # resolve now: a bad model name fails before any work
    live = None
    if args.live_sim or args.fast:
        if not args.live_sim:
            raise UsageError("--fast only makes sense with --live-sim")
        if args.input.suffix.lower() in TEXT_SUFFIXES:
            raise UsageError("--live-sim needs an audio file, not a typed transcript")
        replay = replay_live(ctx, args.input, prompt=prompt, budget=budget, fast=args.fast)
        answer, live = replay.answer, replay.report
    else:
        answer = analyze_file(ctx, args.input, prompt=prompt, budget=budget)
    result = answer.feedback.to_dict()
    if live is not None:
        result["live"] = live
        if not args.json:
            say(live_summary(live))
    if args.save:
        result["attempt_id"] = save_answer(ctx, answer)
        say(f"saved as attempt {result['attempt_id']} in {ctx.paths.database}")
    print_result(result, answer.feedback, args.input, args.json)
    return 0



def live_summary(live: dict) -> str:
    shown = ", ".join(f"{k} {v:.1f} s" for k, v in live["steps_first_shown_s"].items() if v is not None)
    lag = live["lag_s"]
    return (f"live ({live['mode']}): feedback {live['stop_to_feedback_s']:.2f} s after Stop; words shown "
            f"{lag['median_s']} s after spoken (median), {lag['p95_s']} s (95th percentile); "
            f"steps first shown: {shown or 'none'}" + (f"; {live['notice']}" if live["notice"] else ""))
