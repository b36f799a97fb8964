"""Text from outside (transcripts, prompts, notes, quoted evidence) made inert in the exports. In
Markdown: no raw HTML, no link, image or autolink, no line that turns into a heading or list; in
HTML: markup escaped; in both, no control characters. Rendered, the text reads as it was written."""

from __future__ import annotations

import html
import re

from interviewer_app.core.safe_text import printable

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}  # entities: some renderers ignore `\<`
_INLINE = re.compile(r"[\\`*_\[\]|~@&<>]")
_AUTOLINK = re.compile(r":/|www\.", re.IGNORECASE)  # "https:\/", "www\." read the same, link nowhere
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d{1,9}(?=[.)]))")


def html_text(text: object) -> str:
    """Outside text for the HTML export (and the PDF made from it)."""
    return html.escape(printable(text))


def md(text: object) -> str:
    """One line of outside text for Markdown (line breaks become spaces)."""
    return _line(" ".join(printable(text).splitlines()))


def md_lines(text: object) -> list[str]:
    """Several lines of outside text (notes), each kept on its own line."""
    return [_line(line) + "  " if line.strip() else "" for line in printable(text).splitlines()]


def _line(text: str) -> str:
    text = _INLINE.sub(lambda m: _HTML.get(m.group(), "\\" + m.group()), text.strip())
    text = _AUTOLINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)  # GitHub links bare URLs
    return _LINE_START.sub(_escape_start, text)


def _escape_start(m: re.Match) -> str:
    lead, mark = m.group(1), m.group(2)
    return lead + ("\\" + mark if not mark.isdigit() else mark + "\\")  # "1." -> "1\." (no list)
