"""Is the drive the problem? Full disks, read-only mounts and missing permissions, named as such.

SQLite reports a full or read-only drive as "disk I/O error" or "unable to open database file"
(it must create the ``-wal``/``-shm`` files beside a database even to read it). Such a failure
says nothing about the database file itself: it is reported as what it is, and nothing is
touched (no "damaged" copy, no restore offered).
"""

from __future__ import annotations

import errno
import getpass
import os
import shutil
from pathlib import Path

from vo_crf.wording import (
    DATABASE_STORAGE,
    DISK_FULL,
    DRIVE_READ_ONLY,
    FILE_NOT_WRITABLE,
    FOLDER_NOT_WRITABLE,
    Phrase,
)

MIN_FREE_BYTES = 64 * 1024
"""Below this, SQLite cannot even create the shared-memory file it needs to open a database."""

DRIVE_ERRORS = ("disk i/o error", "unable to open database file", "readonly database",
                "attempt to write a readonly", "database or disk is full",
                "no space left", "read-only file system", "permission denied")
"""SQLite and OS messages that come from the drive, not from the contents of a file."""

_ERRNO_TEXT = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the drive is read-only",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
}
if hasattr(errno, "EDQUOT"):
    _ERRNO_TEXT[errno.EDQUOT] = "the disk quota is used up"


class StorageUnavailable(Exception):
    """The drive holding a file cannot be written (full, read-only, no permission)."""


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "this user"


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _read_only_mount(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def size_text(size: int) -> str:
    """A byte count for people (``12 KB``, ``3.4 MB``)."""
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    if size < 1024 ** 3:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024 ** 3:.1f} GB"


def storage_problem(path: Path, need_bytes: int = MIN_FREE_BYTES) -> str | None:
    """Say why files cannot be written beside ``path`` (a file, or a folder); None if they can.

    Checks, without writing anything: a read-only mount, write permission on the folder (and on
    ``path`` when it is an existing file), and at least ``need_bytes`` free.
    """
    path = Path(os.path.abspath(path))
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        return None
    if _read_only_mount(folder):
        return Phrase(DRIVE_READ_ONLY, folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return Phrase(FOLDER_NOT_WRITABLE, user=_user(), folder=folder)
    if path.is_file() and not os.access(path, os.W_OK):
        return Phrase(FILE_NOT_WRITABLE, user=_user(), path=path)
    free = _free_bytes(folder)
    if free is not None and free < need_bytes:
        return Phrase(DISK_FULL, folder=folder, free=size_text(free))
    return None


def is_drive_error(message: str) -> bool:
    """True when an SQLite or OS error message comes from the drive, not from file contents."""
    lowered = message.lower()
    return any(marker in lowered for marker in DRIVE_ERRORS)


def os_error_text(error: OSError) -> str:
    """Say in words what an OS error of a write means (the disk is full, read-only, …)."""
    return _ERRNO_TEXT.get(error.errno or 0) or (error.strerror or str(error))


def database_storage_message(database: Path, problem: str) -> str:
    """The message for a study database whose drive is the problem (nothing was changed)."""
    return Phrase(DATABASE_STORAGE, database=database, problem=problem)


def refuse_unusable_storage(database: Path) -> None:
    """Raise StorageUnavailable when the drive of ``database`` cannot take SQLite's journal."""
    problem = storage_problem(database)
    if problem:
        raise StorageUnavailable(database_storage_message(database, problem))
