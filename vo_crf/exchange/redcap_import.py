"""Import of REDCap flat "CSV raw" record files: all or nothing, errors by line and column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.entry.errors import EntryError
from vo_crf.entry.records import check_record_id
from vo_crf.entry.service import FormKey
from vo_crf.entry.values import check_value
from vo_crf.exchange.import_common import (
    MAX_REPORTED_ERRORS,
    ImportFailed,
    ImportProblem,
    ImportSummary,
    ParsedForm,
    apply_parsed_forms,
    check_duplicates,
)
from vo_crf.exchange.redcap_layout import (
    RECORD_EVENT,
    REPEAT_INSTANCE,
    REPEAT_INSTRUMENT,
    export_columns,
)
from vo_crf.project import Project
from vo_crf.study.model import FieldType, Study

__all__ = [
    "MAX_REPORTED_ERRORS", "ImportFailed", "ImportProblem", "ImportSummary", "ParsedForm",
    "import_redcap_csv", "import_redcap_text", "parse_redcap_csv", "read_csv_text",
]


def read_csv_text(raw: bytes) -> str:
    """Decode a CSV file as UTF-8 (with or without BOM); refuse anything else with the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ImportFailed([ImportProblem(line, "", 0, "the file is not UTF-8 text")]) from None


def parse_redcap_csv(study: Study, text: str) -> list[ParsedForm]:
    """Parse and check every value; raise ImportFailed listing every problem found."""
    problems: list[ImportProblem] = []
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        head = next(reader)
    except StopIteration:
        raise ImportFailed([ImportProblem(1, "", 0, "the file is empty")]) from None
    except csv.Error as exc:
        raise ImportFailed([ImportProblem(1, "", 0, f"malformed CSV: {exc}")]) from None
    columns = _check_header(study, head, problems)
    if problems:
        raise ImportFailed(problems)
    parsed: list[ParsedForm] = []
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
            problems.append(ImportProblem(start, "", 0, f"{len(cells)} values for "
                                                         f"{len(head)} columns"))
            continue
        parsed.extend(_parse_line(study, head, columns, cells, start, problems))
    check_duplicates(parsed, problems)
    if problems:
        raise ImportFailed(problems)
    return parsed


def _check_header(study: Study, head: list[str], problems: list[ImportProblem]) -> dict:
    known = {c.name: c for c in export_columns(study)}
    if not head or head[0] != study.record_id_field:
        problems.append(ImportProblem(1, head[0] if head else "", 1,
                                      f"the first column must be {study.record_id_field!r}"))
    seen: set[str] = set()
    for number, name in enumerate(head, start=1):
        if name in seen:
            problems.append(ImportProblem(1, name, number, "column appears twice"))
        seen.add(name)
        if number == 1 or name in (RECORD_EVENT, REPEAT_INSTRUMENT, REPEAT_INSTANCE):
            continue
        if name not in known:
            hint = ""
            if study.has_field(name) and study.field(name).field_type is FieldType.CHECKBOX:
                hint = f" (checkbox columns are {name}___<code>)"
            problems.append(ImportProblem(1, name, number, f"unknown column{hint}"))
    if len(study.events) > 1 and RECORD_EVENT not in head:
        problems.append(ImportProblem(1, RECORD_EVENT, 0,
                                      "the study has several events: the column is required"))
    return known


def _parse_line(study: Study, head: list[str], known: dict, cells: list[str], line: int,
                problems: list[ImportProblem]) -> list[ParsedForm]:
    row = dict(zip(head, cells, strict=True))
    position = {name: i + 1 for i, name in enumerate(head)}

    def problem(column: str, message: str) -> None:
        problems.append(ImportProblem(line, column, position.get(column, 0), message))

    record_id = row[head[0]].strip()
    if not record_id:
        problem(head[0], "the record id is blank")
        return []
    try:
        check_record_id(record_id)
    except EntryError as exc:
        problem(head[0], str(exc))
        return []
    event_name = row.get(RECORD_EVENT, study.events[0].unique_name).strip()
    if not study.has_event(event_name):
        problem(RECORD_EVENT, f"unknown event {event_name!r}")
        return []
    event = study.event(event_name)
    repeat_form = row.get(REPEAT_INSTRUMENT, "").strip()
    instance_text = row.get(REPEAT_INSTANCE, "").strip()
    if repeat_form:
        if not study.is_repeating(event_name, repeat_form):
            problem(REPEAT_INSTRUMENT, f"{repeat_form!r} is not a repeating form of {event_name}")
            return []
        if not instance_text.isdigit() or int(instance_text) < 1:
            problem(REPEAT_INSTANCE, f"{instance_text!r} is not a repeat instance number (1, 2…)")
            return []
        scope, instance = [repeat_form], int(instance_text)
    else:
        if instance_text:
            problem(REPEAT_INSTANCE, "a repeat instance needs redcap_repeat_instrument")
            return []
        scope = [f for f in event.forms if not study.is_repeating(event_name, f)]
        instance = 1
    collected: dict[str, dict[str, str]] = {f: {} for f in scope}
    statuses: dict[str, str] = {}
    missing = study.missing_code_values
    for name, cell in row.items():
        column = known.get(name)
        if column is None:
            continue
        if column.form not in scope:
            if cell.strip() and not (column.checkbox_code and cell.strip() == "0"):
                problem(name, f"form {column.form!r} is not part of this row "
                              f"({event_name}{', ' + repeat_form if repeat_form else ''})")
            continue
        if column.is_status:
            statuses[column.form] = cell.strip()
            continue
        fdef = column.field
        if column.checkbox_code is not None:
            if cell.strip() not in ("", "0", "1"):
                problem(name, f"checkbox option must be 0 or 1, not {cell!r}")
            elif cell.strip() == "1":
                chosen = collected[column.form].get(fdef.name, "")
                collected[column.form][fdef.name] = ",".join(filter(None, [chosen,
                                                                           column.checkbox_code]))
            continue
        if fdef.field_type is FieldType.CALC:
            continue
        value = cell if fdef.field_type is FieldType.NOTES else cell.strip()
        for message in check_value(fdef, value, missing):
            if message.is_error:
                problem(name, f"{message.text} [rule: {message.rule.value}]")
        collected[column.form][fdef.name] = value
    result: list[ParsedForm] = []
    for form in scope:
        values = collected[form]
        status_text = statuses.get(form, "")
        if status_text not in ("", "0", "1", "2"):
            problem(f"{form}_complete", f"form status must be 0, 1 or 2, not {status_text!r}")
            continue
        if not any(values.values()) and status_text == "":
            continue
        result.append(ParsedForm(line, FormKey(record_id, event_name, form, instance), values,
                                 int(status_text or "0")))
    return result


def import_redcap_csv(project: Project, user: CurrentUser, path: Path) -> ImportSummary:
    """Import a REDCap CSV file in one transaction; ImportFailed leaves the database unchanged."""
    user.require(Action.IMPORT)
    user.require(Action.EDIT_DATA)
    text = read_csv_text(Path(path).read_bytes())
    return import_redcap_text(project, user, text, Path(path).name)


def import_redcap_text(project: Project, user: CurrentUser, text: str,
                       source: str) -> ImportSummary:
    """Import REDCap CSV text (see import_redcap_csv)."""
    user.require(Action.IMPORT)
    parsed = parse_redcap_csv(project.study, text)
    return apply_parsed_forms(project, user, parsed, source)
