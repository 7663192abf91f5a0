"""Imports in bounded memory: file lines read one at a time, form keys kept on disk, batches.

A REDCap CSV is read twice. The first pass checks every row and notes each form instance's
key in a private temporary SQLite database (``FormKeyLedger``), so finding a form given twice
costs disk, not memory, however big the file; nothing is written to the study when the file
has a problem. The second pass reads the rows again and hands them to the writer in batches
(``batches``) inside ONE transaction: all or nothing stays, and memory depends on the batch
size, not on the file's size. A record whose rows are spread over the file is simply read
again from the database (inside the transaction) by each batch that names it.
"""

from __future__ import annotations

import codecs
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Engine

from vo_crf.entry.service import FormKey
from vo_crf.exchange.import_common import ImportFailed, ImportProblem, ParsedForm

MAX_KEPT_PROBLEMS = 1_000
"""Problems an import keeps (the others are only counted): a file of errors stays small."""

WAL_SHRINK_BYTES = 64 * 2**20
"""After an import, a write-ahead log larger than this is checkpointed and truncated."""

BATCH_FORMS = 2_000
"""Form instances written per batch (a batch may end later to keep a record's run whole)."""


class ProblemList(list[ImportProblem]):
    """A list of import problems that keeps the first ``MAX_KEPT_PROBLEMS`` and counts the rest.

    ``ImportFailed`` reports ``len(problems) + problems.dropped`` as the total.
    """

    def __init__(self, limit: int = MAX_KEPT_PROBLEMS) -> None:
        super().__init__()
        self.limit = limit
        self.dropped = 0

    def append(self, problem: ImportProblem) -> None:
        """Keep ``problem`` while fewer than ``limit`` are kept; count it in any case."""
        if len(self) < self.limit:
            super().append(problem)
        else:
            self.dropped += 1

    def extend(self, problems: Iterable[ImportProblem]) -> None:
        """Append every problem of ``problems``."""
        for problem in problems:
            self.append(problem)


def file_lines(path: Path) -> Iterator[str]:
    """Yield the lines of a UTF-8 text file (BOM dropped, line ends kept), one at a time.

    A byte sequence that is not UTF-8 raises ImportFailed naming its line.
    """
    with Path(path).open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ImportFailed([ImportProblem(number, "", 0,
                                                  "the file is not UTF-8 text")]) from None


class FormKeyLedger:
    """The form instances a file gives, with their lines, kept in a temporary SQLite file.

    SQLite deletes the file when the ledger is closed (on POSIX it is unlinked at once).
    """

    _FLUSH = 20_000

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private temporary on-disk database
        self._db.execute("PRAGMA cache_size = -8000")
        self._db.execute("CREATE TABLE seen (record TEXT, event TEXT, form TEXT, "
                         "instance INTEGER, line INTEGER)")
        self._pending: list[tuple[str, str, str, int, int]] = []

    def add(self, key: FormKey, line: int) -> None:
        """Note that ``line`` gives the form instance ``key``."""
        self._pending.append((key.record_id, key.event, key.form, key.instance, line))
        if len(self._pending) >= self._FLUSH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?, ?)", self._pending)
        self._pending = []

    def duplicates(self) -> Iterator[ImportProblem]:
        """Yield a problem for every form instance given again, in line order."""
        self._flush()
        rows = self._db.execute(
            "SELECT s.line, s.record, s.event, s.form, s.instance, f.first FROM seen s "
            "JOIN (SELECT record, event, form, instance, min(line) AS first FROM seen "
            "      GROUP BY record, event, form, instance HAVING count(*) > 1) f "
            "ON s.record = f.record AND s.event = f.event AND s.form = f.form "
            "AND s.instance = f.instance AND s.line > f.first ORDER BY s.line")
        for line, record_id, event, form, instance, first in rows:
            yield ImportProblem(line, "", 0, f"{form} of {record_id} at {event} (instance "
                                             f"{instance}) already given on line {first}")

    def close(self) -> None:
        """Drop the temporary database."""
        self._db.close()


def batches(items: Iterable[ParsedForm], size: int | None = None
            ) -> Iterator[list[ParsedForm]]:
    """Yield ``items`` in lists of about ``size`` (default ``BATCH_FORMS``), ending a list
    between two records when it can.

    A list grows past ``size`` to finish the run of one record's rows (up to 4 × ``size``), so
    that a file grouped by record reads each record once.
    """
    size = size or BATCH_FORMS
    batch: list[ParsedForm] = []
    for item in items:
        if batch and len(batch) >= size and (
                item.key.record_id != batch[-1].key.record_id or len(batch) >= 4 * size):
            yield batch
            batch = []
        batch.append(item)
    if batch:
        yield batch


class Fingerprint:
    """A digest of the lines a pass read, to be sure both passes read the same file."""

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)

    def lines(self, lines: Iterable[str]) -> Iterator[str]:
        """Yield ``lines``, adding each to the digest."""
        update = self._hash.update
        for line in lines:
            update(line.encode("utf-8", "surrogatepass"))
            yield line

    def digest(self) -> bytes:
        """The digest of the lines read so far."""
        return self._hash.digest()


def same_file(items: Iterable[ParsedForm], first: Fingerprint,
              second: Fingerprint) -> Iterator[ParsedForm]:
    """Yield ``items`` (read through ``second``); at their end refuse the import when the
    lines differ from the checked ones (``first``): the file changed between the two passes."""
    yield from items
    if first.digest() != second.digest():
        raise ImportFailed([ImportProblem(1, "", 0, "the file changed while it was being "
                                                    "imported: import it again")])


def raise_if_problems(items: Iterable[ParsedForm], problems: list[ImportProblem]
                      ) -> Iterator[ParsedForm]:
    """Yield ``items``; at their end raise ImportFailed if ``problems`` is not empty."""
    yield from items
    if problems:
        raise ImportFailed(problems)


def shrink_wal(engine: Engine) -> None:
    """Give back the disk a big import's write-ahead log took (SQLite only).

    One transaction writes everything into the -wal file, which grows to about the size of the
    data written (audit rows and value versions included) and keeps that size after the commit.
    Past ``WAL_SHRINK_BYTES`` it is checkpointed and truncated; if another connection is still
    reading (after the busy timeout) SQLite leaves it for a later checkpoint.
    """
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return
    wal = Path(f"{engine.url.database}-wal")
    try:
        if wal.stat().st_size <= WAL_SHRINK_BYTES:
            return
    except OSError:
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
