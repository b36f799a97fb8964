"""Read a TOML data file and report problems with the file name and line number; and read any
small file the user names (config, typed transcript) safely: a regular file only, of bounded size."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from interviewer_app.core.errors import DataFileError

_LINE_IN_MESSAGE = re.compile(r"line (\d+)")
MAX_CONFIG_BYTES = 1_000_000  # a prompts or budgets file (the bundled prompts.toml is 30 KB)
MAX_NESTING = 100  # arrays and inline tables inside each other; tomllib recurses once per level
_NESTING_TOKENS = re.compile("|".join((
    r'"""(?:[^\\]|\\.)*?"""', r"'''.*?'''",  # multi-line strings
    r'"(?:[^"\\\n]|\\.)*"', r"'[^'\n]*'",  # one-line strings
    r"#[^\n]*", r"[\[\]{}]", r"\n")), re.DOTALL)


class FileProblem(Exception):
    """Why a file cannot be read, in plain words (the caller names the file)."""


class FileTooBig(FileProblem):
    """The file is larger than the limit asked for."""


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file (a symlink is followed) of at most `max_bytes`. A folder, a
    pipe or a device (/dev/zero, a FIFO that would block forever) raises FileProblem, a bigger
    file FileTooBig; a missing file FileNotFoundError; other OSErrors pass through."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("is not a regular file (a pipe, socket or device); give a saved file")
        if info.st_size > max_bytes:
            raise FileTooBig(f"is too big ({_size(info.st_size)}; the limit is {_size(max_bytes)})")
        chunks, size = [], 0
        while size <= max_bytes:  # read to the end even if the size changed since fstat
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise FileTooBig(f"is too big (over {_size(max_bytes)}, the limit)")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} KB" if n >= 1000 else f"{n} bytes"


def nesting_line(text: str, limit: int = MAX_NESTING) -> int | None:
    """The line where arrays or inline tables first nest deeper than `limit`, or None. Strings
    and comments are skipped, so brackets inside them do not count."""
    depth, line = 0, 1
    for found in _NESTING_TOKENS.finditer(text):
        token = found.group()
        if token == "[" or token == "{":
            depth += 1
            if depth > limit:
                return line
        elif token == "]" or token == "}":
            depth = max(depth - 1, 0)
        line += token.count("\n")
    return None


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


def read_config_text(path: Path) -> str:
    """The text of a config file (regular, at most MAX_CONFIG_BYTES, UTF-8); any failure is a
    DataFileError naming the file (and the line of a bad byte)."""
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise DataFileError(path, None, "file not found") from None
    except FileProblem as exc:
        raise DataFileError(path, None, str(exc)) from None
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(path, line, "not UTF-8 text; save the file as UTF-8") from None
    return text


def read_toml(path: Path) -> TomlDoc:
    """Parse a TOML file; any failure becomes a DataFileError naming file and line."""
    text = read_config_text(path)
    deep = nesting_line(text)
    if deep is not None:
        raise DataFileError(path, deep, f"lists or tables nested more than {MAX_NESTING} levels deep")
    try:
        data = tomllib.loads(text)
    except RecursionError:  # nesting the count above missed: still one line, never a traceback
        raise DataFileError(path, None, "lists or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            found = _LINE_IN_MESSAGE.search(str(exc))
            line = int(found.group(1)) if found else None
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise DataFileError(path, line, f"not valid TOML: {reason}") from None
    return TomlDoc(path=path, data=data, lines=tuple(text.splitlines()))
