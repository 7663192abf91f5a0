"""Files that hold study data are created readable by their owner only (0600 on Unix).

The mode is set when a file is created (``os.open`` with 0o600 is not widened by any umask),
so no other account can open the file while it is being written, whatever the umask of the
session. SQLite gives a database's ``-wal`` and ``-shm`` files the mode of the database file,
so a database created here keeps them private too.

Only paths are used (never a descriptor of an open database): on POSIX, closing any
descriptor of an SQLite file drops the process's locks on it.
"""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600
"""Read and write for the owner, nothing for group and others."""
OWNER_ONLY_DIR = 0o700


def create_private(path: Path | str) -> Path:
    """Make sure ``path`` exists and is readable by its owner only; return it.

    A new file is created empty with mode 0600; an existing file keeps its content and is
    restricted to 0600. Writers that then open it with "w" (truncate) keep that mode.
    """
    path = Path(path)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
    os.close(descriptor)
    restrict_to_owner(path)
    return path


def restrict_to_owner(path: Path | str) -> None:
    """Set ``path`` to 0600 (Unix; on Windows files keep their folder's access rules)."""
    if os.name == "posix":
        os.chmod(path, OWNER_ONLY)


def create_private_sqlite(path: Path | str) -> None:
    """Create an empty (new) SQLite database file with mode 0600 before SQLite opens it.

    Nothing happens when the file exists: an existing database is never touched here.
    """
    path = Path(path)
    if path.exists():
        return
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    except FileExistsError:
        return
    os.close(descriptor)
