"""`interviewer-app prompts`, `budgets` and `history`: what is available and what was kept."""

from __future__ import annotations

import textwrap

from interviewer_app.cli.report import print_json
from interviewer_app.cli.terminal import safe
from interviewer_app.core.models import format_clock
from interviewer_app.core.prompts import CATEGORIES, FRAMEWORKS
from interviewer_app.services.pipeline import AppContext


def add_parsers(sub) -> None:
    p = sub.add_parser("prompts", help="list the prompt bank (bundled plus your own prompts.toml)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--framework", choices=list(FRAMEWORKS))
    p.add_argument("--search", metavar="TEXT", help="only prompts whose text or hint contains TEXT")
    p.set_defaults(run=run_prompts)

    b = sub.add_parser("budgets", help="list the time budgets (companies and drills)")
    b.add_argument("--json", action="store_true")
    b.set_defaults(run=run_budgets)


def run_prompts(args) -> int:
    ctx = AppContext()
    prompts = ctx.prompts.filter(args.category, args.framework, args.search)
    if args.json:
        rows = [{"id": p.id, "text": p.text, "category": p.category, "framework": p.framework,
                 "hint": p.hint, "source": p.source, "follow_ups": list(p.follow_ups),
                 "origin": p.origin} for p in prompts]
        print_json(rows)
        return 0
    for p in prompts:
        print(safe(f"{p.id}  [{p.category}, {p.framework}]"))  # your own prompts.toml: no escapes
        print(safe(textwrap.indent(textwrap.fill(p.text, 90), "    ")))
    print(safe(f"\n{len(prompts)} prompts. Add your own in {ctx.paths.user_prompts}"))
    return 0


def run_budgets(args) -> int:
    ctx = AppContext()
    formats = ctx.budgets.formats
    if args.json:
        rows = [{"key": f.key, "name": f.name, "kind": f.kind, "source": f.source,
                 "default_phase": f.default_phase,
                 "phases": [{"key": ph.key, "name": ph.name, "seconds": ph.seconds} for ph in f.phases]}
                for f in formats]
        print_json(rows)
        return 0
    for f in formats:
        phases = ", ".join(f"{ph.key} {format_clock(ph.seconds)}" + (" (default)" if ph.key == f.default_phase else "")
                           for ph in f.phases)
        print(safe(f"{f.key:<9} {f.name:<22} {phases}"))  # your own budgets.toml: no escapes
    print(safe(f"\nUse --company KEY [--phase KEY], or --budget SECONDS. Override in {ctx.paths.user_budgets}"))
    return 0
