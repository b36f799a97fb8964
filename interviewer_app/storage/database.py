"""Open the attempts database: create it, migrate it, and set a damaged one aside (never delete).

Busy is not damaged: while another program (a second window, a backup tool) holds the database's
lock, reads and writes wait up to BUSY_TIMEOUT_S and then fail with a "close it and try again"
error. Only a file SQLite calls corrupt or "not a database", or one failing `PRAGMA quick_check`,
is moved aside.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from interviewer_app.core.errors import StorageError
from interviewer_app.storage.migrations import SCHEMA_VERSION, migrate

BUSY_TIMEOUT_S = 10
BUSY_TIMEOUT_ENV = "INTERVIEWER_DB_BUSY_TIMEOUT_S"  # for tests only: a shorter wait

log = logging.getLogger(__name__)


class _Damaged(Exception):
    """The file is not a usable database: it is set aside and a new one started."""


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
    except _Damaged as exc:
        backup = _set_aside(path)
        log.warning("history database %s could not be read (%s); moved to %s", path, exc, backup)
        notices.append(f"the history database {path} could not be read ({exc}); it was moved to "
                       f"{backup} and a new, empty one was started")
        conn = _connect_checked(path)
    try:
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise storage_error(exc, path, "nothing was changed") from None
    return OpenedDatabase(sqlite_utils.Database(conn), path, notices)


def busy_timeout_s() -> float:
    """How long to wait for another program's lock: BUSY_TIMEOUT_S, or a test's shorter value."""
    try:
        value = float(os.environ.get(BUSY_TIMEOUT_ENV) or BUSY_TIMEOUT_S)
    except ValueError:
        return BUSY_TIMEOUT_S
    return value if math.isfinite(value) and 0 <= value <= BUSY_TIMEOUT_S else BUSY_TIMEOUT_S


def _connect_checked(path: Path) -> sqlite3.Connection:
    try:
        # The app opens the store on a worker thread and reads it on the UI thread; AttemptStore
        # serialises every use of the connection with a lock.
        conn = sqlite3.connect(path, timeout=busy_timeout_s(), check_same_thread=False)
    except sqlite3.Error as exc:
        raise storage_error(exc, path, "nothing was changed") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(f"{path} was written by a newer version of Interviewer (schema "
                               f"{version}, this one knows {SCHEMA_VERSION}); update the app")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _Damaged(f"integrity check failed: {result}")
        if version > 0 and conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                        "AND name = 'attempts'").fetchone() is None:
            raise _Damaged("it has no attempts table")
    except sqlite3.Error as exc:
        conn.close()
        if _is_damaged(exc):
            raise _Damaged(str(exc)) from None
        raise storage_error(exc, path, "nothing was changed") from None
    except (_Damaged, StorageError):
        conn.close()
        raise
    return conn


def _code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _is_damaged(exc: sqlite3.Error) -> bool:
    """SQLite says the file is corrupt or not a database at all (never: busy, full, read-only)."""
    text = str(exc)
    return (_code(exc).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or "file is not a database" in text or "disk image is malformed" in text)


def _is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds a lock we needed, and kept it for the whole busy timeout."""
    return _code(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "is locked" in str(exc)


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


def storage_error(exc: sqlite3.Error, path: Path, outcome: str = "nothing was deleted") -> StorageError:
    """One line for a database failure: what happened, what to do, and `outcome` (what the
    failed operation left as it was)."""
    text = str(exc)
    if _is_busy(exc):
        return StorageError(f"another program is using the history database {path} (a second "
                            "Interviewer window, a backup or sync tool?) and kept it busy for "
                            f"{busy_timeout_s():g} s; close it and try again ({outcome})")
    if "full" in text or _code(exc).startswith("SQLITE_FULL"):
        return StorageError(f"the disk holding {path} is full; free some space and try again ({outcome})")
    if "readonly" in text or _code(exc).startswith("SQLITE_READONLY"):
        return StorageError(f"the history database {path} is on a read-only disk or file ({text}); "
                            f"make it writable or set INTERVIEWER_DATA_DIR to a folder you can write "
                            f"to ({outcome})")
    if "unable to open" in text or "permission" in text.lower():
        return StorageError(f"cannot write the history database {path} ({text}); set "
                            f"INTERVIEWER_DATA_DIR to a folder you can write to ({outcome})")
    return StorageError(f"the history database {path} failed: {text} ({outcome})")
