"""The whole history as CSV or JSON, one row per kept attempt (CSV cells cannot start a formula)."""

from __future__ import annotations

import csv
import io
import json

from interviewer_app.core.safe_text import printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_FIELDS = ("id", "created_at", "prompt_id", "category", "budget_format", "budget_phase", "budget_s",
              "duration_s", "overtime_s", "over_budget", "over_at_step", "steps_heard", "missing_steps",
              "jumped_to_options", "wpm", "filler_count", "think_time_s", "time_to_restate_s",
              "self_score", "audio_path")


def to_csv(rows) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        d = r.to_dict()
        d["missing_steps"] = " ".join(d["missing_steps"])
        writer.writerow({k: _cell(v) for k, v in d.items()})
    return buf.getvalue()


def _cell(value):
    """A text cell a spreadsheet cannot run: one starting with = + - @ (or a tab or carriage return,
    which some strip first) gets a leading apostrophe; control characters are replaced."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value


def to_json(rows) -> str:
    """A JSON list with one attempt per line: readable, and fast for 10,000 attempts (the C
    encoder only runs without indentation)."""
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(r.to_dict()) for r in rows) + "\n]\n"
