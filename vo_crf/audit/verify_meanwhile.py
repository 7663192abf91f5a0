"""A full verification of the audit trail run in another process while an export writes.

An export must not publish a file from a tampered trail, and it carries the chain head it was
made from. Verifying a long trail takes a while (about 8 s for a million rows) and does not
need the export's process: :func:`audit_check` reads the stored chain head, starts a fresh
Python process (``spawn``: safe in the GUI's threads, nothing inherited) that verifies every
row, in one read snapshot, and checks that the head is in the verified chain. The export
writes meanwhile into its temporary file and calls :meth:`AuditCheck.require_intact` before the
file is moved into place: a break raises AuditTrailBroken, and the temporary file is removed
(see vo_crf.output_files.atomic_output).

A short trail (fewer than ``IN_PROCESS_BELOW`` rows), an in-memory database, or a process that
cannot start or dies: the exporting process verifies the trail itself (first, when it is
short; it is as quick as starting a process).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection as Pipe
from multiprocessing.process import BaseProcess

from sqlalchemy import Connection, Engine

from vo_crf.audit import chain_check
from vo_crf.audit.chain import chain_extends, chain_head
from vo_crf.audit.chain_check import ChainBreak, ChainReport
from vo_crf.db.engine import read_snapshot
from vo_crf.paths import sqlite_file

IN_PROCESS_BELOW = 50_000
"""Trails with fewer rows are verified in the exporting process (well under a second)."""


def verify_including(engine: Engine, head: str) -> ChainReport:
    """Verify the whole trail in one read snapshot; a break is added when ``head``
    (``POSITION:HASH``) is not in the verified chain. An intact result moves the checkpoint."""
    with read_snapshot(engine) as connection:
        report = _verified(connection, head)
    chain_check.save_checkpoint(engine, report)
    return report


def _verified(connection: Connection, head: str) -> ChainReport:
    report = chain_check.verify_audit(connection)
    if report.ok and not head.startswith("0:") and not chain_extends(connection, head):
        report.breaks.append(ChainBreak(None, None, None, f"the chain head {head} read when "
                                        "the export started is not in the trail"))
    return report


def _child(url: str, head: str, sender: Pipe) -> None:
    """The verifying process: open its own engine, verify, send the report back."""
    from vo_crf.db.engine import make_engine

    engine = make_engine(url)
    try:
        sender.send(verify_including(engine, head))
    finally:
        engine.dispose()
        sender.close()


def _start(url: str, head: str) -> tuple[BaseProcess, Pipe]:
    """Start the verifying process; return it and the end its report arrives at."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(url, head, sender), daemon=True,
                              name="vo-crf audit verification")
    process.start()
    sender.close()
    return process, receiver


class AuditCheck:
    """The verification of one export: its chain head, and the intact-or-not answer."""

    def __init__(self, engine: Engine, what: str) -> None:
        self.engine = engine
        self.what = what
        self.report: ChainReport | None = None
        self._process: BaseProcess | None = None
        self._receiver: Pipe | None = None
        with engine.connect() as connection:
            position, digest = chain_head(connection)
        self.head = f"{position}:{digest}"
        if position >= IN_PROCESS_BELOW and _shareable(engine):
            url = engine.url.render_as_string(hide_password=False)
            try:  # the password travels through the pipe, not the command line
                self._process, self._receiver = _start(url, self.head)
            except (OSError, RuntimeError, ValueError):
                self._process = self._receiver = None
        if self._process is None:  # verified here and now, before anything is written
            self._finish(verify_including(engine, self.head))

    def require_intact(self) -> ChainReport:
        """Wait for the verification; raise AuditTrailBroken (``what``) unless intact."""
        if self.report is not None:
            return self.report
        report: object = None
        if self._receiver is not None:
            try:
                report = self._receiver.recv()
            except (EOFError, OSError):  # the process died: verify here instead
                report = None
        self.close()
        return self._finish(report if isinstance(report, ChainReport)
                            else verify_including(self.engine, self.head))

    def _finish(self, report: ChainReport) -> ChainReport:
        from vo_crf.project import AuditTrailBroken

        self.report = report
        if not report.ok:
            raise AuditTrailBroken(report, self.what)
        return report

    def close(self) -> None:
        """Stop the verifying process if it still runs (the export failed or is done)."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None


def _shareable(engine: Engine) -> bool:
    """True when another process can open the same database (a file or a server)."""
    if engine.dialect.name != "sqlite":
        return True
    database = sqlite_file(engine.url.render_as_string(hide_password=False))
    return database is not None and database.is_file()


@contextmanager
def audit_check(engine: Engine, what: str) -> Iterator[AuditCheck]:
    """Start the verification of the audit trail (see the module); stop it on the way out.

    The caller writes meanwhile into a temporary file and calls ``require_intact()`` before
    moving it into place.
    """
    check = AuditCheck(engine, what)
    try:
        yield check
    finally:
        check.close()
