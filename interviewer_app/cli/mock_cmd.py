"""`interviewer-app mock`: a mock interview in a company's format (plan with --dry-run, or run it
from the terminal with the microphone); `analyze-mock DIR`: a folder of recorded answers analysed
as one mock interview; `mock-sessions` and `mock-report ID`: the saved ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interviewer_app.cli.report import print_json
from interviewer_app.cli.terminal import safe, say
from interviewer_app.core.errors import InterviewerError, UsageError
from interviewer_app.core.models import plural
from interviewer_app.mock.folder import MANIFEST, assign, pinned_prompts, read_folder
from interviewer_app.mock.interview import MockInterview
from interviewer_app.mock.plan import MockPlan, parse_phase_spec, plan_custom, plan_for_format
from interviewer_app.mock.report import MockReport, build_report
from interviewer_app.services.pipeline import AppContext, analyze_file

FOLDER_HELP = f"""\
Name the files NN-LABEL.EXT, in the order they were answered:
  01-main.wav            the next phase that takes an answer (or name the phase: 01-story.wav)
  02-followup.wav        a follow-up to the latest main answer (or 02-story-followup.wav)
  03-scenario.wav        a main answer in the phase 'scenario'
or list them in DIR/{MANIFEST}:
  company = "google"
  [[answer]]
  file = "01-story.wav"
  phase = "story"
  prompt = "project-off-track-recovery"    # optional: the prompt you answered
  [[answer]]
  file = "02-followup.wav"
  follow_up = true
  question = "What was the measurable result?"   # optional: the follow-up you answered
Audio (wav, flac, ogg, mp3, m4a) or typed .txt transcripts (no times, so no time per phase)."""


def add_parsers(sub) -> None:
    m = sub.add_parser("mock", help="a mock interview in a company's format (see the plan with --dry-run)",
                       description="A mock interview: the company's phases in order (guide 002), a "
                                   "question from the prompt bank for each phase that takes an answer, "
                                   "follow-up questions chosen from what each answer lacked, and a "
                                   "report of time per phase against its budget.")
    _format_args(m)
    m.add_argument("--dry-run", action="store_true", help="print the plan (phases, questions, budgets) and stop")
    m.add_argument("--json", action="store_true")
    m.add_argument("--seconds", type=float, help="record each answer for this long instead of until Enter")
    m.add_argument("--device", help="input device index or name (see `interviewer-app devices`)")
    m.add_argument("--model", metavar="NAME|PATH")
    m.add_argument("--no-save", action="store_true", help="do not keep the answers and the session")
    m.set_defaults(run=run_mock)

    a = sub.add_parser("analyze-mock", help="analyze a folder of recorded answers as one mock interview",
                       description="Transcribe and analyze every answer in DIR as one mock interview:\n"
                                   "the follow-ups the rules would have asked after each main answer,\n"
                                   "and the session report (time per phase against its budget).",
                       epilog=FOLDER_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("folder", type=Path, metavar="DIR")
    _format_args(a)
    a.add_argument("--model", metavar="NAME|PATH")
    a.add_argument("--json", action="store_true", help="print the report as one JSON object")
    a.add_argument("--save", action="store_true", help="keep the answers and the session in history")
    a.set_defaults(run=run_analyze_mock)

    s = sub.add_parser("mock-sessions", help="list saved mock interviews")
    s.add_argument("--state", choices=("unfinished", "finished", "abandoned"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=run_sessions)

    r = sub.add_parser("mock-report", help="the report of a saved mock interview")
    r.add_argument("session_id", type=int, metavar="SESSION_ID")
    r.add_argument("--json", action="store_true")
    r.set_defaults(run=run_session_report)


def _format_args(p) -> None:
    p.add_argument("--company", metavar="NAME", help="company format: amazon, google, meta, stripe "
                                                     "(see `interviewer-app budgets`)")
    p.add_argument("--phase", metavar="NAME:MINUTES:ASKS", action="append", dest="phases",
                   help="your own phase instead of a company, repeatable: e.g. 'Story:20:story' "
                        "(asks: story, scenario, live-scenario, intro, questions; join with +)")
    p.add_argument("--seed", type=int, help="draw the same questions again (the plan prints its seed)")


def make_plan(ctx: AppContext, company: str | None, phases: list | None, seed: int | None,
              chosen: dict[str, str] | None = None) -> MockPlan:
    pinned = {k: ctx.prompts.get(v) for k, v in (chosen or {}).items()}
    if company is not None and phases:
        raise UsageError("give either --company or --phase, not both")
    if phases:
        specs = [p if isinstance(p, tuple) else parse_phase_spec(p) for p in phases]
        return plan_custom(specs, ctx.prompts.prompts, seed, pinned)
    if company is None:
        raise UsageError("say which interview: --company NAME (amazon, google, meta, stripe) or "
                         "--phase NAME:MINUTES:ASKS")
    try:
        fmt = ctx.budgets.format(company)
    except UsageError:
        companies = ", ".join(f.key for f in ctx.budgets.formats if f.kind == "company")
        what = f"unknown company '{company}'" if company.strip() else "--company needs a name"
        raise UsageError(f"{what}; valid: {companies} (or your own phases with "
                         "--phase NAME:MINUTES:ASKS)") from None
    return plan_for_format(fmt, ctx.prompts.prompts, seed, pinned)


# -- mock ------------------------------------------------------------------------------------------
def run_mock(args) -> int:
    ctx = AppContext(model=args.model, report=say)
    plan = make_plan(ctx, args.company, args.phases, args.seed)
    if args.dry_run:
        if args.json:
            print_json(plan.to_dict())
        else:
            sys.stdout.write(safe(plan.describe()))
        return 0
    from interviewer_app.cli.mock_live import run_live

    return run_live(ctx, plan, args)


# -- analyze-mock ------------------------------------------------------------------------------------
def run_analyze_mock(args) -> int:
    ctx = AppContext(model=args.model, report=say)
    found = read_folder(args.folder)
    company = args.company if args.company is not None else None if args.phases else found.company
    phases = args.phases or (None if args.company is not None else list(found.phases) or None)
    # Recordings are analysed against the questions they answered: the ones the manifest names,
    # the others drawn with the seed (0 unless given, so the same folder gives the same report).
    seed = args.seed if args.seed is not None else found.seed if found.seed is not None else 0
    assigned = assign(found, make_plan(ctx, company, phases, seed))  # where each file goes: phases only
    plan = make_plan(ctx, company, phases, seed, pinned_prompts(found, assigned))
    for x in assigned:
        _check_file(x.answer.path, x.answer.where)
    if args.model:
        _ = ctx.transcriber.model_name  # a bad model name fails before any work
    run = MockInterview(plan)
    sessions = session_id = None
    if args.save:
        from interviewer_app.storage.mock_sessions import MockSessionStore

        sessions = MockSessionStore(ctx.store)
        session_id = sessions.create(plan)
    current = None
    try:
        for x in assigned:
            current = x.answer.path.name
            if x.main_index is None:
                turn = run.main_turn(x.question_key)
            else:
                turn = run.follow_up_turn(run.answers[x.main_index].position, x.answer.question)
            say(f"analysing {current} ({x.phase_key}, {'follow-up' if turn.is_follow_up else 'main answer'})")
            analysed = _analyze(ctx, x.answer.path, turn.prompt, turn.budget)
            answer = run.record(turn, analysed.feedback, source=str(x.answer.path))
            if sessions is not None:
                sessions.keep(session_id, answer, analysed.feedback, source_path=x.answer.path,
                              samples=analysed.clip.samples if analysed.clip is not None else None)
    except BaseException as exc:
        if sessions is not None:
            sessions.abandon(session_id, notes=f"stopped at {current}: {exc}")
            say(f"session {session_id} kept as abandoned with the {len(run.answers)} answer(s) analysed")
        raise
    status = "analysed"
    if sessions is not None:
        sessions.finish(session_id)
        status = "finished"
        say(f"saved as mock session {session_id} in {ctx.paths.database}")
    _print_report(build_report(plan, run.answers, status, session_id=session_id), args.json)
    return 0


def _check_file(path: Path, where: str) -> None:
    if not path.exists():
        raise UsageError(f"{path}: file not found (named in {where})" if where != path.name
                         else f"{path}: file not found")
    if not path.is_file():
        raise UsageError(f"{path} is a folder, not an answer ({where})")
    try:
        with open(path, "rb") as f:
            f.read(1)
    except OSError as exc:
        raise UsageError(f"cannot read {path} ({exc.strerror})") from None


def _analyze(ctx: AppContext, path: Path, prompt, budget):
    try:
        return analyze_file(ctx, path, prompt=prompt, budget=budget)
    except InterviewerError as exc:
        if path.name in str(exc):
            raise
        raise type(exc)(f"{path.name}: {exc}") from None


# -- saved sessions --------------------------------------------------------------------------------
def run_sessions(args) -> int:
    from interviewer_app.core.models import format_clock
    from interviewer_app.storage.mock_sessions import MockSessionStore

    rows = MockSessionStore(AppContext(report=say).store).list(args.state)
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print("No mock interviews saved yet. Try `interviewer-app mock --company amazon --dry-run`.")
        return 0
    for r in rows:
        recorded = format_clock(r.recorded_s) if r.recorded_s is not None else "-"
        print(f"{r.id:>4}  {r.started_at[:16].replace('T', ' ')}  {safe(r.format_name):<12} {r.status:<10} "
              f"{r.answers} answers ({plural(r.follow_up_answers, 'follow-up')}), "
              f"{recorded} recorded")
    return 0


def run_session_report(args) -> int:
    from interviewer_app.storage.mock_sessions import MockSessionStore

    session = MockSessionStore(AppContext(report=say).store).get(args.session_id)
    report = build_report(session.plan, session.answers, session.status, session_id=session.id,
                          self_score=session.self_score, notes=session.notes)
    _print_report(report, args.json)
    return 0


def _print_report(report: MockReport, as_json: bool) -> None:
    if as_json:
        print_json(report.to_dict())
    else:
        sys.stdout.write(safe(report.text()))

