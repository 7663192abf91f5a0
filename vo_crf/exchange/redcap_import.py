"""Import of REDCap flat "CSV raw" record files: all or nothing, errors by line and column.

Blank cells are kept apart from values: a parsed form holds ``''`` for them, and the import
options decide whether they erase (``vo_crf.exchange.import_options``). A checkbox option
given as ``0`` is a value (a checkbox whose options are all ``0`` is unchecked); a blank
``<form>_complete`` is no status (``ParsedForm.status`` None).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.entry.errors import EntryError
from vo_crf.entry.messages import Message
from vo_crf.entry.records import check_record_id
from vo_crf.entry.service import FormKey
from vo_crf.entry.values import shown
from vo_crf.exchange.import_common import (
    MAX_REPORTED_ERRORS,
    ImportFailed,
    ImportProblem,
    ImportSummary,
    ParsedForm,
    apply_parsed_forms,
    check_duplicates,
    is_instance_number,
    value_problem,
    worded_problem,
)
from vo_crf.exchange.import_options import ImportOptions, keepable
from vo_crf.exchange.import_stream import (
    FILE_CHANGED,
    Fingerprint,
    FormKeyLedger,
    FormSpool,
    ProblemList,
    file_lines,
)
from vo_crf.exchange.redcap_layout import (
    DATA_ACCESS_GROUP,
    RECORD_EVENT,
    REPEAT_INSTANCE,
    REPEAT_INSTRUMENT,
    Column,
    export_columns,
    is_survey_column,
    survey_note,
)
from vo_crf.exchange.redcap_rows import CsvLayout, outside_value
from vo_crf.project import Project
from vo_crf.study.form_status import STATUS_CODES
from vo_crf.study.model import FieldDef, FieldType, Study
from vo_crf.study.validations import from_date_order
from vo_crf.wording import (
    IMPORT_BLANK_RECORD_ID,
    IMPORT_CELL_COUNT,
    IMPORT_CHECKBOX_OPTION,
    IMPORT_COLUMN_TWICE,
    IMPORT_EMPTY,
    IMPORT_EVENT_COLUMN_REQUIRED,
    IMPORT_FIRST_COLUMN,
    IMPORT_FORM_NOT_IN_ROW,
    IMPORT_FORM_STATUS,
    IMPORT_INSTANCE_WITHOUT_FORM,
    IMPORT_NOT_INSTANCE,
    IMPORT_NOT_REPEATING,
    IMPORT_NOT_UTF8,
    IMPORT_UNKNOWN_CHECKBOX_COLUMN,
    IMPORT_UNKNOWN_COLUMN,
    IMPORT_UNKNOWN_EVENT,
    IMPORT_UNKNOWN_GROUP,
)

__all__ = [
    "MAX_REPORTED_ERRORS", "ImportFailed", "ImportProblem", "ImportSummary", "ParsedForm",
    "check_redcap_lines", "import_redcap_csv", "import_redcap_text", "parse_redcap_csv",
    "read_csv_text",
]


def read_csv_text(raw: bytes) -> str:
    """Decode a CSV file as UTF-8 (with or without BOM); refuse anything else with the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ImportFailed([worded_problem(line, "", IMPORT_NOT_UTF8)]) from None


MAX_CELL_CHARS = 2**31 - 1
"""The csv module's cell size limit during imports (its default, 131,072, refuses values that
the database holds and exports: a CSV that vo-crf writes always imports again)."""


def allow_long_cells() -> None:
    """Raise the csv module's field size limit (process-wide) to ``MAX_CELL_CHARS``."""
    if csv.field_size_limit() < MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)


def parse_redcap_csv(study: Study, text: str,
                     options: ImportOptions | None = None) -> list[ParsedForm]:
    """Parse and check every value; raise ImportFailed listing every problem found."""
    problems: list[ImportProblem] = []
    parsed = list(_read_rows(study, _text_lines(text), problems, options))
    check_duplicates(parsed, problems)
    if problems:
        raise ImportFailed(problems)
    return parsed


def check_redcap_lines(study: Study, lines: Iterable[str],
                       options: ImportOptions | None = None, spool: FormSpool | None = None,
                       survey_columns: set[str] | None = None) -> None:
    """Check a whole file (rows, values, forms given twice) in bounded memory.

    Raise ImportFailed listing the problems (the first ``MAX_KEPT_PROBLEMS``, the others
    counted). The form instances are noted on disk (``FormKeyLedger``), not in memory; with a
    ``spool`` the parsed forms are kept there (on disk too) for the writing pass. REDCap's
    survey columns are added to ``survey_columns``.
    """
    problems = ProblemList()
    ledger = FormKeyLedger()
    try:
        for item in _read_rows(study, lines, problems, options, survey_columns):
            if not item.group_only:
                ledger.add(item.key, item.line)
            if spool is not None:
                spool.add(item)
        problems.extend(ledger.duplicates())
    finally:
        ledger.close()
    if problems:
        raise ImportFailed(problems)


def _text_lines(text: str) -> Iterable[str]:
    return io.StringIO(text.removeprefix("\ufeff"), newline="")


def _read_rows(study: Study, lines: Iterable[str], problems: list[ImportProblem],
               options: ImportOptions | None = None,
               survey_columns: set[str] | None = None) -> Iterator[ParsedForm]:
    """Yield the forms of each row in file order; add the rows' problems to ``problems``.

    A problem of the header (or an empty file) raises ImportFailed at once. REDCap's survey
    columns (``redcap_layout.is_survey_column``) are passed over and added to
    ``survey_columns``.
    """
    allow_long_cells()
    reader = csv.reader(lines, strict=True)
    try:
        head = next(reader)
    except StopIteration:
        raise ImportFailed([worded_problem(1, "", IMPORT_EMPTY)]) from None
    except csv.Error as exc:
        raise ImportFailed([ImportProblem(1, "", 0, f"malformed CSV: {exc}")]) from None
    header_problems: list[ImportProblem] = []
    columns = _check_header(study, head, header_problems)
    if survey_columns is not None:
        survey_columns.update(name for name in head if is_survey_column(study, name))
    if header_problems:
        raise ImportFailed(header_problems)
    layout = CsvLayout(study, head, columns, options or ImportOptions())
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ImportProblem(reader.line_num, "", 0, f"malformed CSV: {exc}"))
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(head):
            problems.append(worded_problem(start, "", IMPORT_CELL_COUNT, values=len(cells),
                                           columns=len(head)))
            continue
        yield from _parse_line(layout, cells, start, problems)


def _check_header(study: Study, head: list[str],
                  problems: list[ImportProblem]) -> dict[str, Column]:
    known = {c.name: c for c in export_columns(study)}
    if not head or head[0] != study.record_id_field:
        problems.append(worded_problem(1, head[0] if head else "", IMPORT_FIRST_COLUMN,
                                       column_number=1, name=repr(study.record_id_field)))
    seen: set[str] = set()
    for number, name in enumerate(head, start=1):
        if name in seen:
            problems.append(worded_problem(1, name, IMPORT_COLUMN_TWICE, column_number=number))
        seen.add(name)
        if number == 1 or name in (RECORD_EVENT, REPEAT_INSTRUMENT, REPEAT_INSTANCE) \
                or (name == DATA_ACCESS_GROUP and study.data_access_groups) \
                or is_survey_column(study, name):
            continue
        if name not in known:
            checkbox = study.has_field(name) \
                and study.field(name).field_type is FieldType.CHECKBOX
            problems.append(worded_problem(
                1, name, IMPORT_UNKNOWN_CHECKBOX_COLUMN if checkbox else IMPORT_UNKNOWN_COLUMN,
                column_number=number, name=name))
    if len(study.events) > 1 and RECORD_EVENT not in head:
        problems.append(worded_problem(1, RECORD_EVENT, IMPORT_EVENT_COLUMN_REQUIRED))
    return known


def _parse_line(layout: CsvLayout, cells: list[str], line: int,
                problems: list[ImportProblem]) -> list[ParsedForm]:
    study, head, position = layout.study, layout.head, layout.position

    def problem(column: str, template: str, /, **args: object) -> None:
        problems.append(worded_problem(line, column, template,
                                       column_number=position.get(column, 0), **args))

    record_id = cells[0].strip()
    if not record_id:
        problems.append(worded_problem(line, head[0], IMPORT_BLANK_RECORD_ID,
                                       column_number=position.get(head[0], 0)))
        return []
    try:
        check_record_id(record_id)
    except EntryError as exc:
        problems.append(ImportProblem(line, head[0], position.get(head[0], 0), str(exc),
                                      getattr(exc, "template", ""), getattr(exc, "words", ())))
        return []
    event_name = layout.cell(cells, layout.event_at, layout.default_event).strip()
    if not study.has_event(event_name):
        problem(RECORD_EVENT, IMPORT_UNKNOWN_EVENT, event=shown(event_name))
        return []
    group = layout.cell(cells, layout.group_at).strip()
    if group and group not in layout.groups:
        problem(DATA_ACCESS_GROUP, IMPORT_UNKNOWN_GROUP, group=shown(group),
                known=", ".join(sorted(layout.groups)))
        return []
    repeat_form = layout.cell(cells, layout.instrument_at).strip()
    instance_text = layout.cell(cells, layout.instance_at).strip()
    if repeat_form:
        if not study.is_repeating(event_name, repeat_form):
            problem(REPEAT_INSTRUMENT, IMPORT_NOT_REPEATING, form=shown(repeat_form),
                    event=event_name)
            return []
        if not is_instance_number(instance_text):
            problem(REPEAT_INSTANCE, IMPORT_NOT_INSTANCE, instance=shown(instance_text))
            return []
        scope, instance = [repeat_form], int(instance_text)
    else:
        if instance_text:
            problem(REPEAT_INSTANCE, IMPORT_INSTANCE_WITHOUT_FORM)
            return []
        scope = layout.single_forms(event_name)
        instance = 1
    collected: dict[str, dict[str, str]] = {f: {} for f in scope}
    statuses: dict[str, str] = {}
    unchecked: set[tuple[str, str]] = set()  # (form, checkbox) with an option given as 0
    answers = layout.cell_answers
    # usually only the row's own forms have cells: read just those columns; otherwise every
    # column, in file order (so the problems come in column order)
    columns, outside, outside_at = layout.split(scope)
    if any(map(cells.__getitem__, outside_at)) and any(
            outside_value(column, cells[column.at]) for column in outside):
        columns = layout.columns
    for column in columns:
        at, name, form, fdef, code, kind = column
        cell = cells[at]
        values = collected.get(form)
        if values is None:
            if outside_value(column, cell):
                problem(name, IMPORT_FORM_NOT_IN_ROW, form=repr(form),
                        row=event_name + (", " + repeat_form if repeat_form else ""))
            continue
        if kind == "status":
            statuses[form] = cell.strip()
            continue
        if kind == "calc":
            continue
        assert fdef is not None
        if kind == "checkbox":
            stripped = cell.strip()
            if stripped not in ("", "0", "1"):
                problem(name, IMPORT_CHECKBOX_OPTION, value=shown(cell))
            elif not stripped:
                values.setdefault(fdef.name, "")  # blank (erases only when asked)
            elif stripped == "0":
                unchecked.add((form, fdef.name))
                values.setdefault(fdef.name, "")
            elif stripped == "1":
                chosen = values.get(fdef.name, "")
                values[fdef.name] = ",".join(filter(None, [chosen, code]))
            continue
        if not cell:
            values[fdef.name] = ""
            continue
        # the same cell text of the same column always gives the same value and refusals
        answer = answers.get((name, cell))
        if answer is None:
            if len(answers) >= _REMEMBERED_CELLS:
                answers.clear()
            answer = answers[(name, cell)] = _read_cell(layout, fdef, kind, cell)
        value, refusals = answer
        for message in refusals:
            problems.append(value_problem(line, name, message, position.get(name, 0)))
        values[fdef.name] = value
    result: list[ParsedForm] = []
    for form in scope:
        values = collected[form]
        status_text = statuses.get(form, "")
        if status_text and status_text not in STATUS_CODES:
            problem(f"{form}_complete", IMPORT_FORM_STATUS, value=shown(status_text))
            continue
        if not any(values.values()) and status_text == "":
            continue
        cleared = frozenset(name for f, name in unchecked if f == form and not values.get(name))
        result.append(ParsedForm(line, FormKey(record_id, event_name, form, instance), values,
                                 int(status_text) if status_text else None, cleared,
                                 site=group))
    if not result and group:  # just the record's group: REDCap assigns it all the same
        result.append(ParsedForm(line, FormKey(record_id, event_name, "", 0), {}, None,
                                 site=group))
    return result


_REMEMBERED_CELLS = 50_000
"""(column, cell) answers a file's layout remembers (then forgets them all, as
``CheckCache``)."""


def _read_cell(layout: CsvLayout, fdef: FieldDef, kind: str, cell: str
               ) -> tuple[str, tuple[Message, ...]]:
    """A non-blank cell's value (in the file's date order, normalised) and the messages it
    refuses the file with (its checks' errors, unless kept as invalid)."""
    if layout.date_order and kind == "date":
        cell = from_date_order(cell, layout.date_order)
    value = layout.checks.normalize(fdef, cell) if cell else ""
    if not value:
        return value, ()
    return value, tuple(
        message
        for message in layout.checks.check(fdef, value, layout.today)
        if message.is_error and not (layout.keep_invalid and keepable(fdef, message)))


def import_redcap_csv(project: Project, user: CurrentUser, path: Path,
                      options: ImportOptions | None = None) -> ImportSummary:
    """Import a REDCap CSV file in one transaction; ImportFailed leaves the database unchanged.

    The file is streamed (checked once, its parsed forms kept on disk, then read again to be
    sure it did not change, see ``vo_crf.exchange.import_stream``): memory does not grow with
    its size.
    """
    user.require(Action.IMPORT)
    user.require(Action.EDIT_DATA)
    return _import_lines(project, user, lambda: file_lines(Path(path)), Path(path).name,
                         options)


def import_redcap_text(project: Project, user: CurrentUser, text: str, source: str,
                       options: ImportOptions | None = None) -> ImportSummary:
    """Import REDCap CSV text (see import_redcap_csv)."""
    user.require(Action.IMPORT)
    return _import_lines(project, user, lambda: _text_lines(text), source, options)


def _import_lines(project: Project, user: CurrentUser, lines: Callable[[], Iterable[str]],
                  source: str, options: ImportOptions | None = None) -> ImportSummary:
    """Check every line, keeping the parsed forms on disk (first pass); make sure the file
    did not change meanwhile (its lines read again, not parsed); then write the kept forms
    in batches."""
    study = project.study
    checked, again = Fingerprint(), Fingerprint()
    survey: set[str] = set()
    spool = FormSpool()
    try:
        check_redcap_lines(study, checked.lines(lines()), options, spool, survey)
        for _line in again.lines(lines()):
            pass
        if checked.digest() != again.digest():
            raise ImportFailed([worded_problem(1, "", FILE_CHANGED)])
        summary = apply_parsed_forms(project, user, spool.forms(), source, options)
    finally:
        spool.close()
    if survey:
        summary.not_carried.append(survey_note(survey))
    return summary
