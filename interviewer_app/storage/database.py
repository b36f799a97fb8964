"""Open the attempts database: create it, migrate it, and set a damaged one aside (never delete)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from interviewer_app.core.errors import StorageError
from interviewer_app.storage.migrations import SCHEMA_VERSION, migrate


@dataclass
class OpenedDatabase:
    db: sqlite_utils.Database
    path: Path
    notices: list[str] = field(default_factory=list)  # things the user must be told


def open_database(path: Path) -> OpenedDatabase:
    path = Path(path)
    _ensure_dir(path.parent)
    notices = []
    try:
        conn = _connect_checked(path)
    except sqlite3.DatabaseError as exc:
        backup = _set_aside(path)
        notices.append(f"the history database {path} could not be read ({exc}); it was moved to "
                       f"{backup} and a new, empty one was started")
        conn = _connect_checked(path)
    try:
        migrate(conn)
    except sqlite3.OperationalError as exc:
        raise _storage_error(exc, path) from None
    return OpenedDatabase(sqlite_utils.Database(conn), path, notices)


def _connect_checked(path: Path) -> sqlite3.Connection:
    try:
        # The app opens the store on a worker thread and reads it on the UI thread; AttemptStore
        # serialises every use of the connection with a lock.
        conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
    except sqlite3.OperationalError as exc:
        raise _storage_error(exc, path) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            conn.close()
            raise StorageError(f"{path} was written by a newer version of Interviewer (schema "
                               f"{version}, this one knows {SCHEMA_VERSION}); update the app")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        if version > 0:
            conn.execute("SELECT count(*) FROM attempts").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        path.rename(backup)
        for suffix in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(backup.with_name(backup.name + suffix))
    except OSError as exc:
        raise StorageError(f"the history database {path} is damaged and could not be moved aside "
                           f"({exc.strerror}); move it away by hand and start again") from None
    return backup


def _ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {folder} ({exc.strerror}); set "
                           "INTERVIEWER_DATA_DIR to a folder you can write to") from None


def _storage_error(exc: sqlite3.OperationalError, path: Path) -> StorageError:
    text = str(exc)
    if "full" in text:
        return StorageError(f"the disk holding {path} is full; free some space and try again "
                            "(nothing was deleted)")
    if "readonly" in text or "unable to open" in text or "permission" in text.lower():
        return StorageError(f"cannot write the history database {path} ({text}); set "
                            "INTERVIEWER_DATA_DIR to a folder you can write to")
    return StorageError(f"the history database {path} failed: {text}")
