"""The file name a user types in the app's save dialog decides the export's format (export/render.py)."""

from pathlib import Path

import pytest

from interviewer_app.export.render import ATTEMPT_FORMATS, HISTORY_FORMATS, format_of


@pytest.mark.parametrize("typed, fallback, wanted", [
    ("answer.pdf", "md", ("answer.pdf", "pdf")),
    ("answer.HTM", "md", ("answer.HTM", "html")),
    ("answer", "pdf", ("answer.pdf", "pdf")),                      # no extension: the type picked
    ("interviewer.sqlite3", "md", ("interviewer.sqlite3.md", "md")),  # never the database's own name
    ("notes.v2", "json", ("notes.v2.json", "json")),
])
def test_the_name_typed_decides_the_format(typed, fallback, wanted):
    path, fmt = format_of(Path("/exports") / typed, ATTEMPT_FORMATS, fallback)
    assert (path.name, fmt) == wanted and path.parent == Path("/exports")


def test_history_exports_are_csv_or_json_only():
    assert format_of(Path("h.md"), HISTORY_FORMATS, "csv") == (Path("h.md.csv"), "csv")
