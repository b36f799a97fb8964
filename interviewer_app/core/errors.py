"""Errors a user can act on. Each carries one line: what happened and what to do."""

from __future__ import annotations

from pathlib import Path


class InterviewerError(Exception):
    """Base for failures shown to the user as a single line (no traceback)."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)


class UsageError(InterviewerError):
    """A wrong argument or an unknown name; the message lists what is valid."""

    exit_code = 2


class DataFileError(InterviewerError):
    """A prompts or budgets file that cannot be used; names the file and line."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {problem}")


class AudioError(InterviewerError):
    """An audio file or device that cannot be read."""


class ModelError(InterviewerError):
    """The speech model is missing or failed to load."""


class StorageError(InterviewerError):
    """The database or data folder cannot be used."""
