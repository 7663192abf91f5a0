"""Imports in bounded memory: file lines read one at a time, form keys kept on disk, batches.

A REDCap CSV is checked in one pass that notes each form instance's key in a private
temporary SQLite database (``FormKeyLedger``), so finding a form given twice costs disk, not
memory, however big the file, and keeps the parsed forms in another (``FormSpool``); nothing
is written to the study when the file has a problem. The file's lines are then read again
(not parsed) to be sure it did not change meanwhile (``Fingerprint``), and the kept forms go
to the writer in batches (``batches``) inside ONE transaction: all or nothing stays, and
memory depends on the batch size, not on the file's size. A record whose rows are spread over
the file is simply read again from the database (inside the transaction) by each batch that
names it.
"""

from __future__ import annotations

import codecs
import hashlib
import marshal
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Engine

from vo_crf.entry.service import FormKey
from vo_crf.exchange.import_common import ImportFailed, ImportProblem, ParsedForm, worded_problem
from vo_crf.wording import IMPORT_FILE_CHANGED, IMPORT_NOT_UTF8

MAX_KEPT_PROBLEMS = 1_000
"""Problems an import keeps (the others are only counted): a file of errors stays small."""

WAL_SHRINK_BYTES = 64 * 2**20
"""After an import, a write-ahead log larger than this is checkpointed and truncated."""

FILE_CHANGED = IMPORT_FILE_CHANGED
"""The refusal of a file whose lines differ between the checking pass and the re-read."""

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
                raise ImportFailed([worded_problem(number, "", IMPORT_NOT_UTF8)]) from None


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


class FormSpool:
    """The forms the checking pass parsed, kept in file order in a temporary SQLite file.

    The writing pass reads them back (``forms``) instead of parsing the file again: the
    same forms, in the same order, at a fraction of the cost of parsing and checking each
    cell twice. They go to disk in chunks of ``_CHUNK`` forms (``marshal``), so memory does
    not grow with the file. Only what a CSV row gives is kept (no carried files).
    """

    _CHUNK = 2_000

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private temporary on-disk database
        self._db.execute("PRAGMA cache_size = -8000")
        self._db.execute("CREATE TABLE chunk (id INTEGER PRIMARY KEY, forms BLOB)")
        self._pending: list[tuple[object, ...]] = []

    def add(self, item: ParsedForm) -> None:
        """Keep ``item`` (after the ones added before)."""
        if item.files:
            raise ValueError("a spooled form cannot carry files")
        key = item.key
        self._pending.append((item.line, key.record_id, key.event, key.form, key.instance,
                              item.values, item.status, tuple(item.cleared), item.field_lines,
                              item.site))
        if len(self._pending) >= self._CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._db.execute("INSERT INTO chunk (forms) VALUES (?)",
                             (marshal.dumps(self._pending),))
            self._pending = []

    def forms(self) -> Iterator[ParsedForm]:
        """Yield the kept forms, in the order they were added."""
        self._flush()
        last = 0
        while True:
            row = self._db.execute("SELECT id, forms FROM chunk WHERE id > ? ORDER BY id "
                                   "LIMIT 1", (last,)).fetchone()
            if row is None:
                return
            last = row[0]
            for (line, record_id, event, form, instance, values, status, cleared,
                 field_lines, site) in marshal.loads(row[1]):
                yield ParsedForm(line, FormKey(record_id, event, form, instance), values,
                                 status, frozenset(cleared), field_lines, site)

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
