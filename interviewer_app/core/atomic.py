"""Write a whole file so that it ends up either entirely new or exactly as it was, never half-written.

The new content goes to a temporary file beside the target (same folder, so the same filesystem),
is flushed and fsynced, renamed over the target with `os.replace`, and the folder is fsynced so
the rename survives a power cut. On any failure (a full disk, a crash in the writer) the temporary
file is removed and the old file is left untouched. A target that is a symlink keeps its link: the
file it points to is the one replaced.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from interviewer_app.core.errors import StorageError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_bytes_atomic(path: Path | str, data: bytes) -> Path:
    """Replace `path` with `data` in one step; returns the file written (symlinks followed)."""
    with replacing(path) as tmp:
        with open(tmp, "r+b") as f:
            f.write(data)
    return Path(os.path.realpath(path))


def write_text_atomic(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes_atomic(path, text.encode(encoding))


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Yields an empty temporary file beside `path` for any writer to fill (keep no handle open
    past the block); when the block ends without an error it is made durable and renamed over
    `path`. Raises StorageError (one line: what and what to do) for a file that cannot be written."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():  # never swap a device, pipe or folder for a file
        raise StorageError(f"cannot write {target}: it is not a regular file")
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        _create(tmp, target)
    except OSError as exc:
        raise _error(exc, target) from None
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _error(exc, target) from None
        raise
    _sync_folder(target.parent)


def _create(tmp: Path, target: Path) -> None:
    """The temporary file, with the permissions the old file had (else the usual ones)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder; NTFS journals the rename itself
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some filesystems refuse fsync on a folder; the rename is done either way
        pass
    finally:
        os.close(fd)


def _error(exc: OSError, target: Path) -> StorageError:
    kept = f"{target.name} was left as it was" if target.exists() else "nothing was written"
    if exc.errno in _FULL:
        return StorageError(f"the disk holding {target.parent} is full; free some space and try again "
                            f"({kept})")
    return StorageError(f"cannot write {target} ({exc.strerror or exc}; {kept}); choose a "
                        "folder you can write to")
