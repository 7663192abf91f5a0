"""Checking the audit chain and the append-only triggers: at open, before exports and backups.

:func:`verify_audit` walks every chained row in order and recomputes its hash, checks that the
positions have no gap and end at the stored head, that no row was inserted without a position
(outside vo-crf), and that the triggers refusing UPDATE, DELETE (and TRUNCATE on PostgreSQL)
are in place and enabled. The report names the first broken row: its id, time and action, and
what is wrong.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from vo_crf.audit.chain import (
    GENESIS,
    audit_rows_in_chain_order,
    canonical_time,
    chain_head,
    content_hash,
)
from vo_crf.db.engine import read_snapshot

SQLITE_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")
POSTGRES_TRIGGERS = ("audit_log_no_change", "audit_log_no_truncate")
_MAX_BREAKS = 20
_CALLS = r"EXECUTE (FUNCTION|PROCEDURE) (public\.)?audit_log_append_only\(\)"
_POSTGRES_SHAPES = {
    "audit_log_no_change": re.compile(
        r"CREATE TRIGGER audit_log_no_change BEFORE (DELETE OR UPDATE|UPDATE OR DELETE) ON "
        rf"(public\.)?audit_log FOR EACH ROW {_CALLS}", re.IGNORECASE),
    "audit_log_no_truncate": re.compile(
        r"CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON (public\.)?audit_log FOR EACH "
        rf"STATEMENT {_CALLS}", re.IGNORECASE)}
_POSTGRES_BODY = re.compile(r"BEGIN RAISE EXCEPTION '[^']*', TG_OP; END;?", re.IGNORECASE)


@dataclass(frozen=True)
class ChainBreak:
    """One place where the chain does not hold."""

    row_id: int | None
    at: str | None
    action: str | None
    problem: str

    def describe(self) -> str:
        """Return e.g. ``audit row 57 (2026-12-04 10:00:00, value_update): hash mismatch …``."""
        if self.row_id is None:
            return self.problem
        when = (self.at or "no time")[:19]
        return f"audit row {self.row_id} ({when}, {self.action}): {self.problem}"


@dataclass
class ChainReport:
    """What a verification found."""

    rows: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    breaks: list[ChainBreak] = field(default_factory=list)
    missing_triggers: list[str] = field(default_factory=list)
    seconds: float = 0.0
    full: bool = True

    @property
    def ok(self) -> bool:
        """True when the chain holds and every trigger is in place."""
        return not self.breaks and not self.missing_triggers

    @property
    def head(self) -> str:
        """The head as ``POSITION:HASH`` (what exports carry)."""
        return f"{self.head_seq}:{self.head_hash}"

    def summary(self) -> str:
        """One paragraph: sound, or the first break and what to do."""
        if self.ok:
            return f"audit trail intact: {self.rows} rows chained, head {self.head}"
        parts = []
        if self.missing_triggers:
            parts.append("the append-only trigger(s) " + ", ".join(self.missing_triggers)
                         + " are missing or disabled (the audit trail can be edited)")
        if self.breaks:
            more = len(self.breaks) - 1
            parts.append("first break: " + self.breaks[0].describe()
                         + (f" (and {more} more)" if more else ""))
        return ("the audit trail was changed outside vo-crf: " + "; ".join(parts)
                + ". Run 'vo-crf audit verify' for the full list; restore the latest backup "
                "whose audit trail is intact, or ask your data manager")

    def lines(self) -> list[str]:
        """Every finding, one per line."""
        found = [f"trigger missing or disabled: {name}" for name in self.missing_triggers]
        return found + [b.describe() for b in self.breaks]


def missing_triggers(connection: Connection) -> list[str]:
    """Return the append-only triggers of audit_log that are absent, disabled or emptied."""
    if connection.dialect.name == "sqlite":
        found = {str(name): str(sql or "") for name, sql in connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'audit_log'"))}
        return [name for name in SQLITE_TRIGGERS
                if not _refuses_every_row(name, found.get(name, ""))]
    if connection.dialect.name == "postgresql":
        # enabled ('O' origin, 'A' always; 'D' disabled and 'R' replica-only never fire)
        # and defined as vo-crf defines them (no WHEN, no UPDATE OF, every row)
        enabled = {str(name) for name, state, definition in connection.execute(text(
            "SELECT tgname, tgenabled, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal"))
            if state in ("O", "A") and str(name) in _POSTGRES_SHAPES
            and _POSTGRES_SHAPES[str(name)].fullmatch(" ".join(str(definition).split()))}
        body = connection.execute(text(
            "SELECT prosrc FROM pg_proc WHERE proname = 'audit_log_append_only'")).scalar()
        missing = [name for name in POSTGRES_TRIGGERS if name not in enabled]
        if not body or not _POSTGRES_BODY.fullmatch(" ".join(str(body).split())):
            missing.append("audit_log_append_only()")
        return missing
    return []


def _refuses_every_row(name: str, sql: str) -> bool:
    """True when ``sql`` is the append-only trigger ``name`` as vo-crf creates it: before
    every UPDATE (or DELETE) of any column of audit_log, for every row, aborting.

    A trigger of that name that never fires (``WHEN 0``), fires for one column only
    (``UPDATE OF uid``) or does not abort (``SELECT 1 WHERE 0 AND RAISE(…)``) is not it.
    """
    event = "UPDATE" if name.endswith("update") else "DELETE"
    shape = re.compile(
        rf'CREATE TRIGGER (IF NOT EXISTS )?"?{name}"? BEFORE {event} ON "?audit_log"? '
        r"(FOR EACH ROW )?BEGIN SELECT RAISE\(ABORT, ?'[^']*'\); ?END;?", re.IGNORECASE)
    return shape.fullmatch(" ".join(sql.split())) is not None


def verify_audit(connection: Connection, quick: bool = False) -> ChainReport:
    """Verify the triggers and the chain; never raises for a break (see the report).

    ``quick`` (at open) walks only the rows after the last intact verification's checkpoint
    (checking that the checkpoint row still has its hash), and checks that the trail holds
    exactly as many rows as the head says: a deletion anywhere, a row inserted outside vo-crf
    and a dropped trigger show; an older row edited with the triggers dropped and put back
    shows at the next full verification (every export and backup, ``vo-crf audit verify``).

    ``connection`` must read one snapshot (``vo_crf.db.engine.read_snapshot``): the head, the
    row count and the rows are read by separate statements, and a colleague's save committed
    between them would look like rows inserted outside vo-crf. On PostgreSQL a READ COMMITTED
    connection is refused (ValueError).
    """
    started = time.perf_counter()
    _require_one_snapshot(connection)
    report = ChainReport(missing_triggers=missing_triggers(connection))
    if "chain_seq" not in {c["name"] for c in inspect(connection).get_columns("audit_log")}:
        report.breaks.append(ChainBreak(None, None, None, "the audit trail has no hash chain "
                                        "(database older than vo-crf's migration 0007)"))
        return report
    head_seq, head_hash = chain_head(connection)
    expected, previous = 0, GENESIS
    if quick:
        expected, previous = _checkpoint(connection, report)
        report.full = expected == 0
        total = connection.execute(text("SELECT count(*) FROM audit_log")).scalar() or 0
        if total != head_seq:
            report.breaks.append(ChainBreak(None, None, None, f"the trail holds {total} rows, "
                                            f"its chain head says {head_seq}"))
    report.rows = expected
    for row in audit_rows_in_chain_order(connection, after=expected):
        position, stored = row[1], row[2]
        report.rows += 1
        expected += 1
        if position > head_seq:
            _add(report, row, f"beyond the chain head (position {head_seq}): inserted outside "
                 "vo-crf")
        if position != expected:
            problem = (f"{position - expected} row(s) missing before it (chain position "
                       f"{expected} expected, found {position})" if position > expected else
                       f"chain position {position} used twice")
            _add(report, row, problem)
            expected = position
        if content_hash(previous, position, row[3:]) != stored:
            _add(report, row, "hash mismatch: the row was changed after it was written, or "
                 "inserted outside vo-crf")
        previous = stored or GENESIS
    report.head_seq, report.head_hash = expected, previous
    if head_seq > expected:
        report.breaks.append(ChainBreak(None, None, None, f"{head_seq - expected} row(s) missing "
                                        f"at the end: the chain head is at position {head_seq}, "
                                        f"the trail ends at {expected}"))
    elif (head_seq, head_hash) != (expected, previous):
        report.breaks.append(ChainBreak(None, None, None, "the stored chain head "
                                        f"{head_seq}:{head_hash} does not match the trail"))
    for row in connection.execute(text(
            "SELECT id, at, action FROM audit_log WHERE chain_seq IS NULL ORDER BY id LIMIT 20")):
        _add(report, row, "not in the chain: inserted outside vo-crf")
    report.seconds = time.perf_counter() - started
    return report


def _require_one_snapshot(connection: Connection) -> None:
    """Refuse a PostgreSQL connection whose statements each read their own snapshot."""
    if connection.dialect.name != "postgresql":
        return  # SQLite: a transaction reads one snapshot from its first read
    level = str(connection.execute(text("SHOW transaction_isolation")).scalar())
    if level.lower() == "read committed":
        raise ValueError("the audit chain must be verified in one read snapshot (REPEATABLE "
                         "READ): use vo_crf.db.engine.read_snapshot")


def _checkpoint(connection: Connection, report: ChainReport) -> tuple[int, str]:
    """The last full verification's (position, hash) if that row still has it, else (0, …)."""
    row = connection.execute(text(
        "SELECT verified_seq, verified_hash FROM audit_chain WHERE id = 1")).first()
    if row is None or not row[0]:
        return 0, GENESIS
    stored = connection.execute(text("SELECT chain_hash FROM audit_log WHERE chain_seq = :seq"),
                                {"seq": int(row[0])}).scalar()
    if stored != row[1]:
        report.breaks.append(ChainBreak(None, None, None, f"the row at chain position {row[0]} "
                                        "no longer has the hash it had when last verified"))
        return 0, GENESIS
    return int(row[0]), str(row[1])


def save_checkpoint(engine: Engine, report: ChainReport) -> None:
    """Remember an intact verification: later quick checks start after it.

    A quick check counts too: it walked every row after the previous checkpoint from that
    checkpoint's hash, so every row up to the new head has been verified once (rows before a
    checkpoint are re-hashed by the full verification of each export and backup).
    """
    if not report.ok or not report.head_seq:
        return
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "UPDATE audit_chain SET verified_seq = :seq, verified_hash = :hash "
                "WHERE id = 1 AND (verified_seq IS NULL OR verified_seq < :seq)"),
                {"seq": report.head_seq, "hash": report.head_hash})
    except DBAPIError:  # a read-only database: the next open verifies in full again
        return


def _add(report: ChainReport, row: Any, problem: str) -> None:
    if len(report.breaks) < _MAX_BREAKS:
        try:
            at = canonical_time(row.at)
        except (TypeError, ValueError):
            at = str(row.at)
        report.breaks.append(ChainBreak(int(row.id), at, row.action, problem))


def verify_engine(engine: Engine, quick: bool = False) -> ChainReport:
    """Verify the audit trail of a database in one read snapshot (another process may be
    writing); an intact verification is remembered."""
    with read_snapshot(engine) as connection:
        report = verify_audit(connection, quick)
    save_checkpoint(engine, report)
    return report
