"""Every file vo-crf writes for the user (exports, reports, workbooks, backups) goes through here.

Two rules, checked in this one place:

- **Never onto the study.** A target that is the study database, its ``-wal``/``-shm``/
  ``-journal`` files, anything in its ``backups/`` folder, or (for exports) any other SQLite
  database is refused, even when replacing was confirmed.
- **Never a silent overwrite, never a half file.** A target that exists is refused unless the
  caller says the user agreed (``force``: ``--force`` on the command line, the save dialog's
  "replace?" question in the GUI). The data are written into a hidden temporary file beside
  the target (``.<name>.<pid>-<token>-<host>.vo-crf-part``), flushed to disk, then renamed over
  the target: a failed or killed export leaves the old target as it was. Leftovers of killed
  processes are removed the next time something is written into that folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from vo_crf.paths import sqlite_file
from vo_crf.private_files import create_private
from vo_crf.storage import os_error_text, storage_problem
from vo_crf.wording import (
    OUTPUT_EXISTS,
    OUTPUT_IN_BACKUPS,
    OUTPUT_IS_DATABASE,
    OUTPUT_IS_DATABASE_FILE,
    OUTPUT_IS_FOLDER,
    OUTPUT_IS_JOURNAL,
    worded,
)


class OpenStudy(Protocol):
    """An open study database (a ``vo_crf.project.Project``): outputs only need its URL."""

    url: str


SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database (never an output path)."""
BACKUP_DIR_NAME = "backups"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]{8}-(?P<host>[0-9a-f]{6})"
                   r"\.vo-crf-(?:part|tmp)$")
STALE_AFTER_SECONDS = 24 * 3600
"""A temporary file of a process that may still run is removed only after this long."""


class OutputError(ValueError):
    """An output file was not written; the message says why (the command line prints it)."""


class OutputRefused(OutputError):
    """An output path was refused; the message says why and what to do instead."""


class OutputFailed(OutputError):
    """Writing an output file failed (disk full, read-only…); the old file is untouched."""


def study_database(source: OpenStudy | str | Path | None) -> Path | None:
    """Return the SQLite file of a project, a database URL or a path (None for a server)."""
    if source is None:
        return None
    if isinstance(source, Path):
        return source
    url = source if isinstance(source, str) else source.url
    if "://" not in url:
        return Path(url)
    return sqlite_file(url)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(os.path.expanduser(path)))


def _same(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (resolved, case as the system compares it)."""
    try:
        if a.exists() and b.exists() and os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def _inside(path: Path, folder: Path) -> bool:
    resolved, root = os.path.normcase(path.resolve()), os.path.normcase(folder.resolve())
    return resolved == root or resolved.startswith(root.rstrip(os.sep) + os.sep)


def _protection(target: Path, database: Path | None) -> tuple[str, dict[str, object]] | None:
    """Why ``target`` must never be written: a wording (``vo_crf.wording``) and its words."""
    if database is None:
        return None
    target, database = _absolute(target), _absolute(database)
    if _same(target, database):
        return OUTPUT_IS_DATABASE, {"target": target}
    for suffix in SIDE_FILES:
        if _same(target, Path(f"{database}{suffix}")):
            return OUTPUT_IS_JOURNAL, {"target": target, "suffix": suffix}
    backups = database.parent / BACKUP_DIR_NAME
    if _inside(target, backups):
        return OUTPUT_IN_BACKUPS, {"target": target, "backups": backups}
    return None


def protected_reason(target: Path, database: Path | None) -> str | None:
    """Say why ``target`` must never be written (database, journal, backup); None if it may."""
    found = _protection(target, database)
    return None if found is None else found[0].format(**found[1])


def refuse_protected(target: Path, database: Path | None,
                     kind: Callable[[str], Exception] | None = None) -> None:
    """Raise ``kind`` (default ``OutputRefused``), worded for translation, when ``target``
    must never be written (the study database, its journals, its backups folder)."""
    found = _protection(target, database)
    if found is not None:
        raise worded(kind or OutputRefused, found[0], **found[1])


def check_output(target: Path, source: OpenStudy | str | Path | None, force: bool = False,
                 replace_database: bool = False) -> Path:
    """Refuse ``target`` as an output path, or return it as an absolute path.

    Refused: the study database of ``source`` (its journal files, its backups folder), a
    folder, and an existing file unless ``force``. An existing SQLite database is refused even
    with ``force`` unless ``replace_database`` (a backup may replace an older backup copy).
    """
    return check_outputs([target], source, force, replace_database)[0]


def check_outputs(targets: Sequence[Path], source: OpenStudy | str | Path | None,
                  force: bool = False, replace_database: bool = False) -> list[Path]:
    """Check several targets at once (see :func:`check_output`); one refusal names them all."""
    database = study_database(source)
    checked = [_absolute(Path(t)) for t in targets]
    existing: list[Path] = []
    for target in checked:
        refuse_protected(target, database)
        if target.is_dir():
            raise worded(OutputRefused, OUTPUT_IS_FOLDER, target=target)
        if not target.exists():
            continue
        if not replace_database and _is_sqlite(target):
            raise worded(OutputRefused, OUTPUT_IS_DATABASE_FILE, target=target)
        existing.append(target)
    if existing and not force:
        if len(existing) == 1:
            raise worded(OutputRefused, OUTPUT_EXISTS, target=existing[0])
        shown = ", ".join(p.name for p in existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else "")
        raise OutputRefused(f"{len(existing)} of the files to write already exist in "
                            f"{existing[0].parent} ({shown}): choose another name or folder, "
                            "or confirm replacing them (--force on the command line)")
    return checked


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def temporary_name(target: Path, kind: str = "part") -> Path:
    """A new hidden name beside ``target``, unique to this process and call."""
    stem = target.name[:120]
    return target.with_name(f".{stem}.{os.getpid()}-{secrets.token_hex(4)}-{_host()}"
                            f".vo-crf-{kind}")


def _host() -> str:
    """A short tag of this computer: a process id means something only on its own host."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files and folders that killed vo-crf processes left in ``folder``."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or not _stale(entry, int(match["pid"]), match["host"] == _host()):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:
            continue
    return removed


def _stale(entry: Path, pid: int, this_host: bool) -> bool:
    if this_host and pid == os.getpid():
        return False
    try:
        age = time.time() - entry.lstat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER_SECONDS:
        return True
    if os.name != "posix" or not this_host:  # no liveness probe: wait for the age limit
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


@contextmanager
def atomic_output(target: Path, source: OpenStudy | str | Path | None = None,
                  force: bool = False, replace_database: bool = False) -> Iterator[Path]:
    """Check ``target``, yield a hidden temporary path beside it, then rename it into place.

    On any failure (or interruption) the temporary file is removed and ``target`` is untouched.
    """
    target = check_output(target, source, force, replace_database)
    refuse_unwritable([target])
    clean_stale(target.parent)
    partial = temporary_name(target)
    try:
        create_private(partial)  # 0600 whatever the umask; writers truncating it keep the mode
        yield partial
        _commit(partial, target, source, force, replace_database)
    except Exception as exc:
        failure = _failure(exc, [target], partial.parent)
        if failure is exc:
            raise
        raise failure from exc
    finally:
        _remove(partial)


@contextmanager
def atomic_outputs(targets: Sequence[Path], source: OpenStudy | str | Path | None = None,
                   force: bool = False) -> Iterator[list[Path]]:
    """Like :func:`atomic_output` for a set of files renamed into place together at the end."""
    checked = check_outputs(targets, source, force)
    refuse_unwritable(checked)
    for folder in {t.parent for t in checked}:
        clean_stale(folder)
    partials = [temporary_name(t) for t in checked]
    try:
        for partial in partials:
            create_private(partial)
        yield partials
        for partial, target in zip(partials, checked, strict=True):
            _commit(partial, target, source, force, False)
    except Exception as exc:
        failure = _failure(exc, checked, checked[0].parent)
        if failure is exc:
            raise
        raise failure from exc
    finally:
        for partial in partials:
            _remove(partial)


@contextmanager
def scratch_folder(target: Path) -> Iterator[Path]:
    """A private folder beside ``target`` for a writer's own temporary files, always removed."""
    folder = temporary_name(_absolute(Path(target)), "tmp")
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def refuse_unwritable(targets: Sequence[Path]) -> None:
    """Raise OutputFailed when the folder of a target is read-only, forbidden or full."""
    for folder in {Path(t).parent for t in targets}:
        problem = storage_problem(folder, need_bytes=1)  # a write may still fit: try it
        if problem:
            raise OutputFailed(f"cannot write {_names(targets)}: {problem}. Nothing was "
                               f"written{_unchanged(targets)}.")


def _unchanged(targets: Sequence[Path]) -> str:
    existing = [t for t in targets if Path(t).exists()]
    return (f"; {_names(existing)} {'is' if len(existing) == 1 else 'are'} unchanged"
            if existing else "")


def _names(targets: Sequence[Path]) -> str:
    return str(targets[0]) + (f" and {len(targets) - 1} other file(s)" if len(targets) > 1
                              else "")


def _failure(error: Exception, targets: Sequence[Path], folder: Path) -> Exception:
    """Say what went wrong writing ``targets`` in words; other errors pass unchanged."""
    if isinstance(error, OutputError):
        return error
    problem = storage_problem(folder)  # libraries wrap ENOSPC in their own errors
    if problem is None and isinstance(error, OSError) and error.errno is not None:
        problem = os_error_text(error)
    if problem is None:
        return error
    return OutputFailed(f"could not write {_names(targets)}: {problem}. Nothing was "
                        f"written{_unchanged(targets)}.")


def _commit(partial: Path, target: Path, source: OpenStudy | str | Path | None, force: bool,
            replace_database: bool) -> None:
    """Flush ``partial`` to disk and rename it over ``target`` (checked again just before)."""
    if not partial.exists():
        raise OutputRefused(f"nothing was written for {target}")
    check_output(target, source, force, replace_database)
    _fsync(partial)
    if not force:
        try:  # a hard link never replaces a file created meanwhile
            os.link(partial, target)
        except FileExistsError:
            raise OutputRefused(f"{target} appeared while it was being written: nothing "
                                "was replaced") from None
        except OSError:  # no hard links here (FAT, some network drives)
            os.replace(partial, target)
    else:
        os.replace(partial, target)
    _fsync_folder(target.parent)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY if os.name == "posix" else os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

