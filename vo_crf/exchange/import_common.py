"""What every importer shares: problems by line, parsed forms, one all-or-nothing transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.entry.bulk import BulkSaver, paused_gc
from vo_crf.entry.errors import EntryError, SaveRefused
from vo_crf.entry.service import FormKey
from vo_crf.entry.values import shown
from vo_crf.project import Project

MAX_REPORTED_ERRORS = 50


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file was refused: line (1 = header), column name and number, message."""

    line: int
    column: str
    column_number: int
    message: str

    def __str__(self) -> str:
        """Return 'line L, column C (name): message'."""
        where = f"line {self.line}"
        column = self.column if len(self.column) <= 40 else shown(self.column)
        if self.column and self.column_number:
            where += f", column {self.column_number} ({column})"
        elif self.column:
            where += f", field {column}"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """The file was refused; the database is unchanged."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:MAX_REPORTED_ERRORS])
        # a ProblemList (vo_crf.exchange.import_stream) keeps the first problems, counts the rest
        more = len(problems) + getattr(problems, "dropped", 0) - MAX_REPORTED_ERRORS
        super().__init__(f"import refused, nothing was stored:\n{shown}"
                         + (f"\n... and {more} more" if more > 0 else ""))


@dataclass
class ParsedForm:
    """One form instance read from one line (CSV) or one FormData element (ODM)."""

    line: int
    key: FormKey
    values: dict[str, str]
    status: int


@dataclass
class ImportSummary:
    """What an import stored."""

    records_created: int = 0
    forms_saved: int = 0
    values_changed: int = 0
    records: list[str] = field(default_factory=list)
    """The first ``LISTED_RECORDS`` records created (``records_created`` counts them all)."""


LISTED_RECORDS = 1_000
"""New record ids an ImportSummary lists: a 200 MB file creates 100,000s of records."""


def is_instance_number(text: str) -> bool:
    """True for a repeat instance number: ASCII digits (at most 9), 1 or more."""
    return text.isascii() and text.isdigit() and len(text) <= 9 and int(text) >= 1


def check_duplicates(parsed: list[ParsedForm], problems: list[ImportProblem]) -> None:
    """Add a problem for every form instance given twice in the same file."""
    first_line: dict[FormKey, int] = {}
    for item in parsed:
        if item.key in first_line:
            problems.append(ImportProblem(item.line, "", 0,
                                          f"{item.key.form} of {item.key.record_id} at "
                                          f"{item.key.event} (instance {item.key.instance}) "
                                          f"already given on line {first_line[item.key]}"))
        else:
            first_line[item.key] = item.line


def apply_parsed_forms(project: Project, user: CurrentUser, parsed: Iterable[ParsedForm],
                       source: str) -> ImportSummary:
    """Save every parsed form through the entry service's planner in ONE transaction.

    Records are created as needed; every value goes through the same checks as data entry
    (out-of-range values are accepted with the import as their reason, as REDCap does). Any
    refusal raises ImportFailed listing all problems, and nothing is stored. ``parsed`` may be
    a generator: it is read in batches (``vo_crf.exchange.import_stream.batches``); each
    batch's records are read once and its rows written in bulk (``vo_crf.entry.bulk``), so
    memory depends on the batch size, not on the number of forms.
    """
    from vo_crf.exchange.import_stream import ProblemList, batches, shrink_wal

    user.require(Action.IMPORT)
    summary = ImportSummary()
    problems: list[ImportProblem] = ProblemList()
    with paused_gc(), write_transaction(project.engine) as session:
        for batch in batches(parsed):
            _apply_batch(project, user, session, batch, source, summary, problems)
        if problems:
            raise ImportFailed(problems)
        write_audit(session, user.username, AuditAction.IMPORT, Where(), new_value=source,
                    reason=f"{summary.forms_saved} forms, {summary.records_created} new records")
    shrink_wal(project.engine)
    return summary


def _apply_batch(project: Project, user: CurrentUser, session: Session,
                 batch: list[ParsedForm], source: str, summary: ImportSummary,
                 problems: list[ImportProblem]) -> None:
    """Plan and write one batch of forms (problems are collected, the batch still written)."""
    study = project.study
    site_field = study.protocol.site_field
    saver = BulkSaver(session, study, user.username,
                      (item.key.record_id for item in batch), dt.date.today(),
                      definition_version=project.definition_version)
    for item in batch:
        record_id = item.key.record_id
        if not saver.has_record(record_id):
            site = item.values.get(site_field, "") if site_field else ""
            try:
                saver.create_record(record_id, site)
            except EntryError as exc:
                problems.append(ImportProblem(item.line, "", 1, str(exc)))
                continue
            summary.records_created += 1
            if len(summary.records) < LISTED_RECORDS:
                summary.records.append(record_id)
        reason = f"import of {source} (line {item.line})"
        try:
            plan = saver.save(record_id, (item.key.event, item.key.form, item.key.instance),
                              item.values, item.status, reason=reason,
                              confirmations=_confirm_all(item, reason),
                              enforce_required=False)
        except SaveRefused as exc:
            for message in exc.errors or exc.unconfirmed:
                problems.append(ImportProblem(item.line, message.field, 0,
                                              f"{message.text} [rule: {message.rule.value}]"))
            continue
        except EntryError as exc:
            problems.append(ImportProblem(item.line, "", 0, str(exc)))
            continue
        summary.forms_saved += 1
        summary.values_changed += len(plan.data_changed)
        saver.maybe_flush()
    # written even after a refusal (rolled back at the end), so that later batches reading
    # the same records see what the earlier ones planned
    saver.flush()


IMPORT_CONFIRMATION = ": value accepted from the source file"
"""How the confirmation reason of every imported value ends (after the import's name)."""


def _confirm_all(item: ParsedForm, reason: str) -> dict[str, str]:
    """Imported out-of-range values are kept, as REDCap does, with the import as their reason."""
    return dict.fromkeys(item.values, f"{reason}{IMPORT_CONFIRMATION}")
