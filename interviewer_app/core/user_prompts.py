"""Append a prompt the user wrote in the app to their prompts.toml, in the bank's own format."""

from __future__ import annotations

from pathlib import Path

from interviewer_app.core.atomic import replacing
from interviewer_app.core.datafile import read_config_text
from interviewer_app.core.errors import DataFileError
from interviewer_app.core.models import Prompt
from interviewer_app.core.prompts import parse_prompts_file


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def append_user_prompt(path: Path, prompt: Prompt) -> None:
    """Add the prompt: the whole new file is written beside the old one and re-read, so a mistake
    is caught now (not at next start), and only then replaces it; a failure (a full disk) leaves
    prompts.toml as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = "\n".join([
        "", "[[prompt]]", f"id = {_quote(prompt.id)}", f"text = {_quote(prompt.text)}",
        f"category = {_quote(prompt.category)}", f"framework = {_quote(prompt.framework)}",
        f"hint = {_quote(prompt.hint)}", 'source = "your own"', "",
    ])
    # read as start-up reads it: a FIFO, a device or a huge file is refused, never waited on
    before = read_config_text(path) if path.exists() else ""
    with replacing(path) as tmp:
        tmp.write_text(before + block, encoding="utf-8")
        try:
            parse_prompts_file(tmp, origin=str(path))
        except DataFileError as exc:  # name the user's file, not the temporary one
            where = f"{exc.path}:{exc.line}" if exc.line else str(exc.path)
            raise DataFileError(path, exc.line, str(exc).removeprefix(where + ": ")) from None
