"""`interviewer-app next`: the prompt to practise next, and why (analysis/practice/plan.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from interviewer_app.cli.history_cmd import positive_int
from interviewer_app.cli.terminal import safe


def add_parsers(sub) -> None:
    n = sub.add_parser("next", help="the prompt to practise next, chosen from your history, and why")
    n.add_argument("--count", type=positive_int, default=1, help="how many to list (default 1)")
    n.add_argument("--seed", type=int, default=0, help="breaks ties between equally good prompts")
    n.add_argument("--json", action="store_true", help="print JSON")
    n.set_defaults(run=run_next)


def run_next(args) -> int:
    from interviewer_app.analysis.habits.summary import budget_words
    from interviewer_app.analysis.practice.plan import plan_next
    from interviewer_app.cli.terminal import say
    from interviewer_app.services.pipeline import AppContext
    from interviewer_app.storage.history import query

    ctx = AppContext(report=say)
    plan = plan_next(query(ctx.store), ctx.prompts.prompts, datetime.now(timezone.utc), seed=args.seed,
                     limit=args.count, budget_name=lambda f, p: budget_words(ctx.budgets, f, p))
    if args.json:
        from interviewer_app.cli.report import print_json

        print_json([n.to_dict() for n in plan])
        return 0
    for n in plan:
        print(safe(f"[{n.prompt.id}] {n.prompt.text}"))
        print(safe(f"    why: {n.reason}"))
        start = f"interviewer-app practice --prompt {n.prompt.id}"
        if n.budget_format:
            start += f" --company {n.budget_format}" + (f" --phase {n.budget_phase}" if n.budget_phase else "")
        print(safe(f"    start: {start}"))
    return 0
