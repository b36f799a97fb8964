"""`interviewer-app history`, `export`, `delete` and `restore`: the kept attempts from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interviewer_app.cli.terminal import safe, say
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import format_clock
from interviewer_app.core.prompts import CATEGORIES
from interviewer_app.services.pipeline import AppContext

FORMATS = ("md", "html", "pdf", "json")
SQLITE_MAX_INT = 2**63 - 1  # ids and limits past this overflow SQLite's 64-bit integers


def positive_int(text: str) -> int:
    """An attempt id or a --limit: a whole number SQLite can hold (a usage error otherwise)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= SQLITE_MAX_INT:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 1 to {SQLITE_MAX_INT}")
    return value


def add_parsers(sub) -> None:
    h = sub.add_parser("history", help="list saved attempts (filter, search, CSV/JSON)")
    out = h.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON list")
    out.add_argument("--csv", action="store_true", help="CSV, one row per attempt")
    h.add_argument("--since", metavar="DATE", help="from this day on (YYYY-MM-DD)")
    h.add_argument("--until", metavar="DATE", help="up to and including this day")
    h.add_argument("--prompt", metavar="ID")
    h.add_argument("--category", choices=CATEGORIES)
    h.add_argument("--company", metavar="NAME", help="company or drill of the budget (or custom)")
    h.add_argument("--phase", metavar="NAME")
    h.add_argument("--over-budget", action="store_true", help="only attempts that went over time")
    h.add_argument("--search", metavar="TEXT", help="only attempts whose transcript contains TEXT")
    h.add_argument("--trash", action="store_true", help="list deleted attempts instead")
    h.add_argument("--habits", action="store_true", help="print the habits summary instead (with --json: every figure behind it)")
    h.add_argument("--limit", type=positive_int, help="at most this many (newest first)")
    h.set_defaults(run=run_history)

    e = sub.add_parser("export", help="export one attempt as Markdown, HTML, PDF or JSON")
    e.add_argument("attempt_id", type=positive_int)
    e.add_argument("--format", choices=FORMATS, default="md")
    e.add_argument("--out", type=Path, help="file to write (default: standard output; PDF needs it "
                                            "or writes attempt-N.pdf here)")
    e.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    e.set_defaults(run=run_export)

    c = sub.add_parser("compare", help="two attempts side by side, and what changed")
    c.add_argument("before", type=positive_int, metavar="ID")
    c.add_argument("after", type=positive_int, metavar="ID")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(run=run_compare)

    d = sub.add_parser("delete", help="move attempts to the trash (restore brings them back)")
    d.add_argument("attempt_ids", type=positive_int, nargs="+")
    d.set_defaults(run=lambda a: _trash(a, delete=True))
    r = sub.add_parser("restore", help="bring attempts back from the trash")
    r.add_argument("attempt_ids", type=positive_int, nargs="+")
    r.set_defaults(run=lambda a: _trash(a, delete=False))


def _context() -> AppContext:
    return AppContext(report=say)


def run_history(args) -> int:
    from interviewer_app.export.history import to_csv, to_json
    from interviewer_app.storage.history import (
        HistoryFilter,
        filler_bursts_for,
        parse_day,
        query,
        scores_for,
        signals_for,
        suggestions_for,
    )

    ctx = _context()
    for flag, value in (("--prompt", args.prompt), ("--phase", args.phase)):
        if value is not None and not value.strip():
            raise UsageError(f"{flag} needs a value (leave it out to list every attempt)")
    company = ctx.budgets.format(args.company).key if args.company is not None and args.company != "custom" else args.company
    f = HistoryFilter(since=parse_day(args.since) if args.since else None,
                      until=parse_day(args.until) if args.until else None,
                      prompt_id=args.prompt, category=args.category, company=company, phase=args.phase,
                      over_budget_only=args.over_budget, text=args.search, in_trash=args.trash,
                      limit=args.limit)
    rows = query(ctx.store, f)
    if args.habits:
        from interviewer_app.analysis.habits.summary import summarize
        from interviewer_app.storage.mock_sessions import MockSessionStore

        habits = summarize(rows, scores_for(ctx.store), ctx.budgets, suggestions_for(ctx.store),
                           signals_for(ctx.store), MockSessionStore(ctx.store).phase_times(),
                           filler_bursts_for(ctx.store))
        if args.json:
            from interviewer_app.cli.report import print_json

            print_json(habits.to_dict())
            return 0
        for line in habits.summary:
            print(safe(line))
        if habits.mock_phases:
            print("\nMock interviews, time per phase:")
            for m in habits.mock_phases:
                over = f", by {format_clock(m.mean_overtime_s)} on average" if m.over else ""
                print(safe(f"  {m.format_name} {m.phase_name.lower()} ({format_clock(m.budget_s)}): over in "
                           f"{m.over} of {m.sessions} session(s){over}"))
        return 0
    if args.json:
        sys.stdout.write(to_json(rows))
    elif args.csv:
        sys.stdout.write(to_csv(rows))
    elif not rows:
        print(safe(f"No saved attempts match (data folder: {ctx.paths.data_dir})."))
    else:
        for r in rows:
            over = "" if r.over_budget is None else (f"  over {format_clock(r.overtime_s)}" if r.over_budget else "  on time")
            print(f"#{r.id:<5} {r.created_at[:16].replace('T', ' ')}  {safe((r.prompt_id or '-')[:34]):<34} "
                  f"{'story    ' if r.story else f'{r.steps_heard}/8 steps'}  {format_clock(r.duration_s)}{over}")
    return 0


def run_export(args) -> int:
    from interviewer_app.export.destination import check_destination
    from interviewer_app.export.render import attempt_meta, render_attempt

    ctx = _context()
    if args.format == "pdf" and args.out is None:
        args.out = Path(f"attempt-{args.attempt_id}.pdf")
    if args.out is not None:  # before any work: never the app's own files, a folder, or (unasked) an existing file
        check_destination(args.out, ctx.paths, overwrite=args.force)
    data = render_attempt(*attempt_meta(ctx.store, args.attempt_id), args.format)
    if args.out is None:
        _write(None, data.decode())
    else:
        from interviewer_app.core.atomic import write_bytes_atomic

        write_bytes_atomic(args.out, data)
        say(f"wrote {args.out}")
    return 0


def run_compare(args) -> int:
    from interviewer_app.analysis.practice.compare import compare

    ctx = _context()
    c = compare(ctx.store.feedback_json(args.before), ctx.store.feedback_json(args.after))
    if args.json:
        from interviewer_app.cli.report import print_json

        print_json({"before": args.before, "after": args.after, **c.to_dict()})
        return 0
    width = max(len(w) for w, _b, _a in c.rows)
    print(safe(f"{'':<{width}}  {'#' + str(args.before):<24}  #{args.after}"))
    for what, before, after in c.rows:
        print(safe(f"{what:<{width}}  {before:<24}  {after}"))
    print(safe(f"\n{c.verdict}"))
    return 0


def _write(out: Path | None, text: str) -> None:
    """To the file whole (temp file, fsync, rename: a failure leaves the old file), or to stdout."""
    from interviewer_app.core.atomic import write_text_atomic

    if out is None:
        sys.stdout.write(safe(text))
        return
    write_text_atomic(out, text)
    say(f"wrote {out}")


def _trash(args, delete: bool) -> int:
    """All the ids or none (an unknown id changes nothing), each once; say what really changed."""
    from interviewer_app.core.models import plural
    from interviewer_app.storage.history import move_to_trash, restore

    ctx = _context()
    changed = (move_to_trash if delete else restore)(ctx.store, args.attempt_ids)
    unchanged = [i for i in dict.fromkeys(args.attempt_ids) if i not in changed]
    parts = []
    if changed or not unchanged:
        ids = ", ".join(f"#{i}" for i in changed)
        parts.append(f"{plural(len(changed), 'attempt')} {'moved to the trash' if delete else 'restored'}"
                     + (f": {ids}" if ids else ""))
    if unchanged:
        ids = ", ".join(f"#{i}" for i in unchanged)
        was = "was" if len(unchanged) == 1 else "were"
        parts.append(f"{ids} {was} already in the trash" if delete else f"{ids} {was} not in the trash")
    if delete and changed:
        parts.append(f"undo with `interviewer-app restore {' '.join(map(str, changed))}`")
    print(f"interviewer-app: {'; '.join(parts)}", file=sys.stderr)
    return 0
