"""What every importer shares: problems by line, parsed forms, one all-or-nothing transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from vo_crf.attachments.checks import missing_files
from vo_crf.attachments.reference import REDCAP_DOCUMENT
from vo_crf.attachments.spool import FileContent, content_bytes
from vo_crf.attachments.store import AttachmentError, store_attachment
from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import write_transaction
from vo_crf.entry.bulk import BulkSaver, paused_gc
from vo_crf.entry.errors import EntryError, SaveRefused
from vo_crf.entry.messages import Message
from vo_crf.entry.service import FormKey
from vo_crf.entry.values import shown
from vo_crf.exchange.import_dde import DoubleEntryGuard
from vo_crf.exchange.import_options import (
    IMPORT_CONFIRMATION,
    KEPT_INVALID,
    FormCounts,
    ImportOptions,
    ImportReview,
    OutOfRangeValue,
    kept_invalid_reason,
    out_of_range_note,
)
from vo_crf.project import Project
from vo_crf.study.model import Study
from vo_crf.wording import (
    IMPORT_MORE_PROBLEMS,
    IMPORT_PROBLEM_AT_COLUMN,
    IMPORT_PROBLEM_AT_FIELD,
    IMPORT_PROBLEM_AT_LINE,
    IMPORT_REFUSED,
    IMPORT_VALUE_REFUSED,
    Words,
    say,
)

__all__ = ["IMPORT_CONFIRMATION", "MAX_REPORTED_ERRORS", "FormCounts", "ImportFailed",
           "ImportOptions", "ImportProblem", "ImportSummary", "OutOfRangeValue", "ParsedForm",
           "apply_parsed_forms", "check_duplicates"]

MAX_REPORTED_ERRORS = 50


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file was refused: line (1 = header), column name and number, message.

    A message worded for translation keeps its ``template`` (``vo_crf.wording.TEMPLATES``) and
    its ``words``; ``framed`` says where the problem is the way ``str()`` does, in any words.
    """

    line: int
    column: str
    column_number: int
    message: str
    template: str = ""
    words: Words = ()

    def framed(self) -> tuple[str, dict[str, object]]:
        """Where and what: the frame (``vo_crf.wording.IMPORT_PROBLEM_AT_*``) and its words
        (line, column, number, message)."""
        column = self.column if len(self.column) <= 40 else shown(self.column)
        words: dict[str, object] = {"line": self.line, "column": column,
                                    "number": self.column_number, "message": self.message}
        if self.column and self.column_number:
            return IMPORT_PROBLEM_AT_COLUMN, words
        if self.column:
            return IMPORT_PROBLEM_AT_FIELD, words
        return IMPORT_PROBLEM_AT_LINE, words

    def __str__(self) -> str:
        """Return 'line L, column C (name): message'."""
        frame, words = self.framed()
        return frame.format(**words)


def worded_problem(line: int, column: str, template: str, /, *, column_number: int = 0,
                   **args: object) -> ImportProblem:
    """An import problem worded with ``template`` (``vo_crf.wording``), kept for translation."""
    words: Words = tuple(args.items())
    return ImportProblem(line, column, column_number, say(template, words), template, words)


def value_problem(line: int, column: str, message: Message,
                  column_number: int = 0) -> ImportProblem:
    """A value its field refuses: the field's message and its rule (``IMPORT_VALUE_REFUSED``)."""
    return worded_problem(line, column, IMPORT_VALUE_REFUSED, column_number=column_number,
                          message=message, rule=message.rule.value)


class ImportFailed(Exception):
    """The file was refused; the database is unchanged."""

    def __init__(self, problems: list[ImportProblem], note: str = "") -> None:
        self.problems = problems
        self.note = note
        shown = "\n".join(str(p) for p in self.listed)
        more = self.more
        super().__init__(f"{IMPORT_REFUSED}\n{shown}"
                         + ("\n" + IMPORT_MORE_PROBLEMS.format(count=more) if more > 0 else "")
                         + (f"\n{note}" if note else ""))

    @property
    def listed(self) -> list[ImportProblem]:
        """The problems a refusal lists (the first ``MAX_REPORTED_ERRORS``)."""
        return self.problems[:MAX_REPORTED_ERRORS]

    @property
    def more(self) -> int:
        """How many problems are not listed (beyond ``MAX_REPORTED_ERRORS``)."""
        # a ProblemList (vo_crf.exchange.import_stream) keeps the first problems, counts the rest
        return len(self.problems) + getattr(self.problems, "dropped", 0) - MAX_REPORTED_ERRORS


@dataclass
class ParsedForm:
    """One form instance read from one line (CSV) or one FormData element (ODM)."""

    line: int
    key: FormKey
    values: dict[str, str]
    """The form's cells by field name ('' for a blank cell)."""
    status: int | None
    """The form status given (None: left blank, the stored status stays)."""
    cleared: frozenset[str] = frozenset()
    """Fields the file empties explicitly (a checkbox whose options are all given as 0)."""
    field_lines: dict[str, int] = field(default_factory=dict)
    """The line of each field's value when it is not ``line`` (ODM items)."""
    site: str = ""
    """The record's site given by the file (REDCap's data access group), '' none."""
    files: dict[str, tuple[FileContent, str, str]] = field(default_factory=dict)
    """The files the file (ODM) carries, by field: bytes (or where an import's spool keeps
    them, ``vo_crf.attachments.spool``), file name and MIME type."""

    @property
    def group_only(self) -> bool:
        """True for a row giving only its record's group (``site``): no form, nothing to
        save, the record created or moved there (its key's form is '')."""
        return not self.key.form


@dataclass
class ImportSummary:
    """What an import stored (with ``dry_run``: what it would store; nothing was written)."""

    records_created: int = 0
    forms_saved: int = 0
    values_changed: int = 0
    records: list[str] = field(default_factory=list)
    """The first ``LISTED_RECORDS`` records created (``records_created`` counts them all)."""
    dry_run: bool = False
    forms: dict[str, FormCounts] = field(default_factory=dict)
    """Per form name: instances saved, values added, changed and erased."""
    out_of_range: list[OutOfRangeValue] = field(default_factory=list)
    """The first values stored (or, in a dry run, to store) outside their field's range."""
    out_of_range_count: int = 0
    """How many there are in all."""
    out_of_range_reason: str = ""
    """The reason they were accepted with ('' none given: a real import refuses them)."""
    kept_invalid_count: int = 0
    """Values kept as typed although they fail their field's validation (``keep_invalid``)."""
    records_moved: int = 0
    """Existing records the file gave another data access group (site): moved, audited."""
    not_carried: list[str] = field(default_factory=list)
    """What the file holds that vo-crf does not keep (REDCap's survey items), one sentence
    each: listed, never stored, never a refusal."""


LISTED_RECORDS = 1_000
"""New record ids an ImportSummary lists: a 200 MB file creates 100,000s of records."""


def is_instance_number(text: str) -> bool:
    """True for a repeat instance number: ASCII digits (at most 9), 1 or more."""
    return text.isascii() and text.isdigit() and len(text) <= 9 and int(text) >= 1


def check_duplicates(parsed: list[ParsedForm], problems: list[ImportProblem]) -> None:
    """Add a problem for every form instance given twice in the same file."""
    first_line: dict[FormKey, int] = {}
    for item in parsed:
        if item.group_only:
            continue
        if item.key in first_line:
            problems.append(ImportProblem(item.line, "", 0,
                                          f"{item.key.form} of {item.key.record_id} at "
                                          f"{item.key.event} (instance {item.key.instance}) "
                                          f"already given on line {first_line[item.key]}"))
        else:
            first_line[item.key] = item.line


class _DryRunDone(Exception):
    """Raised inside the import's transaction to roll a dry run back."""


def apply_parsed_forms(project: Project, user: CurrentUser, parsed: Iterable[ParsedForm],
                       source: str, options: ImportOptions | None = None) -> ImportSummary:
    """Save every parsed form through the entry service's planner in ONE transaction.

    Records are created as needed; every value goes through the same checks as data entry.
    ``options`` (default: REDCap's) decide what blank cells do and whether values outside
    their range are accepted (with the user's reason in their audit rows; otherwise they
    refuse the import). A form still in double data entry is refused. Any refusal raises
    ImportFailed listing all problems, and nothing is stored; a dry run checks and counts
    everything, then rolls back. ``parsed`` may be a generator: it is read in batches
    (``vo_crf.exchange.import_stream.batches``); each batch's records are read once and its
    rows written in bulk (``vo_crf.entry.bulk``), so memory depends on the batch size, not on
    the number of forms.
    """
    from vo_crf.exchange.import_stream import ProblemList, batches, shrink_wal

    user.require(Action.IMPORT)
    options = options or ImportOptions()
    study = project.study
    summary = ImportSummary(dry_run=options.dry_run,
                            out_of_range_reason=options.out_of_range_reason)
    problems: list[ImportProblem] = ProblemList()
    review = ImportReview(study, options, dt.date.today())
    try:
        with paused_gc(), write_transaction(project.engine) as session:
            double_entry = DoubleEntryGuard(session, study)
            for batch in batches(parsed):
                _apply_batch(project, user, session, batch, source, summary, problems,
                             _BatchRules(options, review, double_entry))
            summary.forms, summary.out_of_range = review.forms, review.out_of_range
            summary.out_of_range_count = review.out_of_range_count
            summary.kept_invalid_count = review.kept_invalid_count
            refused = review.refused and not options.dry_run
            if problems or refused:
                raise _refusal(problems, review if refused else None)
            if options.dry_run:
                raise _DryRunDone
            write_audit(session, user.username, AuditAction.IMPORT, Where(), new_value=source,
                        reason=f"{summary.forms_saved} forms, {summary.records_created} new "
                               "records" + _accepted_note(review, options))
    except _DryRunDone:
        return summary
    shrink_wal(project.engine)
    return summary


@dataclass(frozen=True)
class _BatchRules:
    """What decides, form by form, what an import writes (shared by every batch)."""

    options: ImportOptions
    review: ImportReview
    double_entry: DoubleEntryGuard


def _apply_batch(project: Project, user: CurrentUser, session: Session,
                 batch: list[ParsedForm], source: str, summary: ImportSummary,
                 problems: list[ImportProblem], rules: _BatchRules) -> None:
    """Plan and write one batch of forms (problems are collected, the batch still written)."""
    study = project.study
    options, review = rules.options, rules.review
    file_fields = frozenset(f.name for f in study.fields if f.is_file)
    saver = BulkSaver(session, study, user.username,
                      (item.key.record_id for item in batch), review.today,
                      definition_version=project.definition_version)
    for item in batch:
        record_id = item.key.record_id
        if item.group_only:
            _place_record(saver, study, item, source, summary, problems)
            continue
        ikey = item.key.instance_key
        stored = saver.stored_instance(record_id, ikey)
        refusal = rules.double_entry.refusal(item.key, stored is not None)
        if refusal:
            problems.append(ImportProblem(item.line, "", 0, refusal))
            continue
        if not _place_record(saver, study, item, source, summary, problems):
            continue
        reason = f"import of {source} (line {item.line})"
        if file_fields and not _store_files(session, study, item, file_fields,
                                            saver.stored_values(record_id, ikey), problems):
            continue
        values = options.values_to_write(item.values, item.cleared)
        status = options.status_to_write(item.status, None if stored is None else stored.status)
        confirmations = review.confirmations(values, reason)
        kept = review.kept_invalid(values)
        for name in kept:
            confirmations[name] = kept_invalid_reason(reason, options.keep_invalid_reason)
        try:
            plan = saver.save(record_id, ikey, values, status, reason=reason,
                              confirmations=confirmations, enforce_required=False,
                              keep_invalid=kept)
        except SaveRefused as exc:
            for message in exc.errors or exc.unconfirmed:
                problems.append(value_problem(item.line, message.field, message))
            continue
        except EntryError as exc:
            problems.append(ImportProblem(item.line, "", 0, str(exc)))
            continue
        review.saved(item.line, item.field_lines, record_id, plan)
        if kept:
            review.kept_invalid_count += len(kept & plan.data_changed)
        summary.forms_saved += 1
        summary.values_changed += len(plan.data_changed)
        saver.maybe_flush()
    # written even after a refusal (rolled back at the end), so that later batches reading
    # the same records see what the earlier ones planned
    saver.flush()


def _place_record(saver: BulkSaver, study: Study, item: ParsedForm, source: str,
                  summary: ImportSummary, problems: list[ImportProblem]) -> bool:
    """Create ``item``'s record if new (at the file's site, else its site field's value) and
    move it to the site the file gives; False when it cannot be created."""
    record_id = item.key.record_id
    if not saver.has_record(record_id):
        site_field = study.protocol.site_field
        site = item.site or (item.values.get(site_field, "") if site_field else "")
        try:
            saver.create_record(record_id, site)
        except EntryError as exc:
            problems.append(ImportProblem(item.line, "", 1, str(exc)))
            return False
        summary.records_created += 1
        if len(summary.records) < LISTED_RECORDS:
            summary.records.append(record_id)
    if item.site and study.data_access_groups and saver.site(record_id) != item.site:
        # as REDCap's import by a user in no data access group: the record moves
        saver.move_record(record_id, item.site, f"import of {source} (line {item.line})")
        summary.records_moved += 1
    return True


def _store_files(session: Session, study: Study, item: ParsedForm, file_fields: frozenset[str],
                 stored: dict[str, str], problems: list[ImportProblem]) -> bool:
    """Store the files ``item`` carries; drop REDCap's ``[document]`` marker where the form
    already holds a file (the marker carries no file). False when a file is refused."""
    for name, (content, file_name, mime) in item.files.items():
        try:
            store_attachment(session, content_bytes(content), file_name, mime,
                             study.field(name).label)
        except AttachmentError as exc:
            problems.append(ImportProblem(item.field_lines.get(name, item.line), name, 0,
                                          str(exc), getattr(exc, "template", ""),
                                          getattr(exc, "words", ())))
            return False
    for name in file_fields & item.values.keys():
        if item.values[name].strip() == REDCAP_DOCUMENT and stored.get(name):
            del item.values[name]
    missing = missing_files(session, study, item.values)
    for message in missing:
        problems.append(ImportProblem(item.field_lines.get(message.field, item.line),
                                      message.field, 0, message.text))
    return not missing


def _refusal(problems: list[ImportProblem], review: ImportReview | None) -> ImportFailed:
    """The ImportFailed for ``problems`` and the refused out-of-range values (listed last)."""
    if review is None:
        return ImportFailed(problems)
    listed = problems + [ImportProblem(v.line, v.field, 0, v.describe())
                         for v in review.out_of_range]
    return ImportFailed(listed, out_of_range_note(review.out_of_range_count))


def _accepted_note(review: ImportReview, options: ImportOptions) -> str:
    count, kept = review.out_of_range_count, review.kept_invalid_count
    note = f"; {count} out-of-range value{'s' if count > 1 else ''} accepted: " \
           f"{options.out_of_range_reason}" if count else ""
    if kept:
        note += f"; {kept} value{'s' if kept > 1 else ''} {KEPT_INVALID}: " \
                f"{options.keep_invalid_reason}"
    return note
