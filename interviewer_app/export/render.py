"""One attempt, or a list of history rows, rendered to the bytes of an export file: what the
command line (`interviewer-app export`, `history --csv/--json`) and the desktop app's Export
buttons both write. Only PDF needs Qt (export/pdf.py), imported when asked for."""

from __future__ import annotations

import json
from pathlib import Path

ATTEMPT_FORMATS = {"md": "Markdown", "html": "Web page", "pdf": "PDF", "json": "JSON"}
HISTORY_FORMATS = {"csv": "CSV (spreadsheet)", "json": "JSON"}


def attempt_meta(store, attempt_id: int) -> tuple[dict, dict, dict[str, int], str]:
    """The stored feedback, the facts shown at the top (when, which attempt), the self-scores and
    the notes of a kept attempt (StorageError when there is none)."""
    fb = store.feedback_json(attempt_id)
    row = store.db.execute("SELECT created_at FROM attempts WHERE id = ?", [attempt_id]).fetchone()
    scores, notes = store.self_score(attempt_id)
    return fb, {"created_at": row[0], "id": attempt_id}, scores, notes


def render_attempt(fb: dict, meta: dict, scores: dict[str, int], notes: str, fmt: str) -> bytes:
    """An attempt's export in `fmt` (a key of ATTEMPT_FORMATS)."""
    from interviewer_app.export.attempt import to_html, to_markdown

    if fmt == "json":
        return (json.dumps(fb, indent=2) + "\n").encode()
    if fmt == "md":
        return to_markdown(fb, meta, scores, notes).encode()
    if fmt == "html":
        return to_html(fb, meta, scores, notes).encode()
    if fmt == "pdf":
        from interviewer_app.export.pdf import html_to_pdf_bytes

        return html_to_pdf_bytes(to_html(fb, meta, scores, notes))
    raise ValueError(f"unknown export format {fmt!r}")


def render_history(rows, fmt: str) -> bytes:
    """History rows (storage.history.AttemptSummary) in `fmt` (a key of HISTORY_FORMATS)."""
    from interviewer_app.export.history import to_csv, to_json

    if fmt == "csv":
        return to_csv(rows).encode()
    if fmt == "json":
        return to_json(rows).encode()
    raise ValueError(f"unknown export format {fmt!r}")


def format_of(path: Path, formats: dict[str, str], fallback: str) -> tuple[Path, str]:
    """The format a chosen file name asks for (by its extension), or `fallback` with its extension
    added when the name has none of `formats`' ("notes" -> "notes.md")."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "htm":
        suffix = "html"
    if suffix == "markdown":
        suffix = "md"
    if suffix in formats:
        return path, suffix
    return path.with_name(path.name + "." + fallback), fallback
