"""Read a TOML data file and report problems with the file name and line number."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from interviewer_app.core.errors import DataFileError

_LINE_IN_MESSAGE = re.compile(r"line (\d+)")


@dataclass(frozen=True)
class TomlDoc:
    path: Path
    data: dict
    lines: tuple[str, ...]

    def table_line(self, array_name: str, index: int) -> int | None:
        """Line (1-based) of the index-th `[[array_name]]` header."""
        header = re.compile(rf"^\s*\[\[\s*{re.escape(array_name)}\s*\]\]")
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if header.match(line):
                seen += 1
                if seen == index:
                    return number
        return None

    def key_line(self, array_name: str, index: int, key: str) -> int | None:
        """Line of `key = ...` inside the index-th `[[array_name]]` table, else the table's line."""
        start = self.table_line(array_name, index)
        if start is None:
            return None
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.lstrip().startswith("["):
                break
            if key_re.match(line):
                return number
        return start

    def error(self, line: int | None, problem: str) -> DataFileError:
        return DataFileError(self.path, line, problem)


def read_toml(path: Path) -> TomlDoc:
    """Parse a TOML file; any failure becomes a DataFileError naming file and line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, None, "file not found") from None
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(path, line, "not UTF-8 text; save the file as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            found = _LINE_IN_MESSAGE.search(str(exc))
            line = int(found.group(1)) if found else None
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise DataFileError(path, line, f"not valid TOML: {reason}") from None
    return TomlDoc(path=path, data=data, lines=tuple(text.splitlines()))
