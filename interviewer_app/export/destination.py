"""Where an export may be written: never onto the app's own files (the database and its journals,
the recordings, the config folder), never a folder or a device, and over an existing file only
when asked to.
Paths are compared after resolving symlinks, and existing files by identity (hard links too)."""

from __future__ import annotations

import os
from pathlib import Path

from interviewer_app.core.errors import UsageError
from interviewer_app.core.paths import AppPaths

DB_COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite keeps these beside the database


def check_destination(out: Path, paths: AppPaths, *, overwrite: bool,
                      to_overwrite: str = "add --force to replace it") -> Path:
    """The resolved file to write, or UsageError saying why not. `to_overwrite` tells the user
    how to replace an existing file (the CLI's --force; the app asks first)."""
    target = Path(os.path.realpath(out))
    if target.is_dir():
        raise UsageError(f"{out} is a folder; give a file name to export to (e.g. {Path(out) / 'attempt.md'})")
    own = _own_file(target, paths)
    if own:
        raise UsageError(f"{out} is {own}; export somewhere else")
    if target.exists() and not target.is_file():
        raise UsageError(f"{out} is not a regular file (a device or pipe); give a file name, or leave "
                         "out --out to print to standard output")
    if target.exists() and not overwrite:
        raise UsageError(f"{out} already exists; {to_overwrite}")
    return target


def _own_file(target: Path, paths: AppPaths) -> str | None:
    """What of the app's own `target` would destroy, or None."""
    db = Path(os.path.realpath(paths.database))
    for suffix in DB_COMPANIONS:
        own = db.with_name(db.name + suffix)
        if target == own or _same_file(target, own):
            return "interviewer-app's own database" + (f" ({suffix[1:]} file)" if suffix else "")
    for folder, what in ((paths.recordings_dir, "recordings"), (paths.config_dir, "config")):
        folder = Path(os.path.realpath(folder))
        if target.is_relative_to(folder):
            return f"inside interviewer-app's own {what} folder ({folder})"
        if _same_file(target, folder):
            return f"interviewer-app's own {what} folder"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False
