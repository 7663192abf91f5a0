"""Loading a study definition from REDCap's own files.

A study folder holds ``data_dictionary.csv``, ``events.csv``, ``instrument_event_mapping.csv``,
optionally ``repeating_forms.csv`` and ``project.json`` (name and missing-data codes).
Anything broken is refused with a :class:`DefinitionError` naming file, row and reason.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from vo_crf.study.bounds import parse_bound
from vo_crf.study.choices import parse_choices
from vo_crf.study.errors import DefinitionError
from vo_crf.study.files import (  # noqa: F401 - the file names, re-exported
    DICTIONARY,
    EVENTS,
    MAPPING,
    PLAN,
    PROJECT,
    REPEATING,
    StudyFiles,
)
from vo_crf.study.model import (
    DEFAULT_MISSING_CODES,
    TRUEFALSE_CHOICES,
    YESNO_CHOICES,
    Choice,
    EventDef,
    FieldDef,
    FieldType,
    FormDef,
    RepeatingForm,
    Study,
    ValidationType,
)
from vo_crf.study.protocol import parse_protocol_rules
from vo_crf.study.references import check_logic_references

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
Failure = Callable[[str], DefinitionError]
"""Builds the error of the dictionary row being parsed from a reason."""
_DICTIONARY_COLUMNS = (
    "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
    "Choices, Calculations, OR Slider Labels", "Field Note",
    "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max",
    "Identifier?", "Branching Logic (Show field only if...)", "Required Field?",
)
_API_COLUMNS = (
    "field_name", "form_name", "section_header", "field_type", "field_label",
    "select_choices_or_calculations", "field_note", "text_validation_type_or_show_slider_number",
    "text_validation_min", "text_validation_max", "identifier", "branching_logic",
    "required_field",
)
"""The same columns under the names of REDCap's API metadata export (PyCap, REDCapR)."""
_API_NAMES = dict(zip(_API_COLUMNS, _DICTIONARY_COLUMNS, strict=True)) | {
    "field_annotation": "Field Annotation", "matrix_group_name": "Matrix Group Name",
    "custom_alignment": "Custom Alignment", "question_number": "Question Number (surveys only)"}
CLASSIC_EVENT = "event_1_arm_1"
"""The one implicit event of a classic project (REDCap's own name for it)."""


def load_study(folder: Path | str) -> Study:
    """Load and check the study definition kept in ``folder`` (each file read once)."""
    folder = Path(folder)
    return study_from_files(StudyFiles.read(folder), folder.name)


def study_from_files(files: Mapping[str, str], fallback_name: str) -> Study:
    """Build the study from its files' texts (``StudyFiles``, or a stored version's)."""
    project = json.loads(files.get(PROJECT) or "{}")
    return study_from_texts(files, name=project.get("name", fallback_name), project=project)


def study_from_texts(texts: Mapping[str, str], name: str, project: dict | None = None) -> Study:
    """Build a study from the texts of its files (keys are the file names)."""
    project = project or {}
    warnings: list[str] = []
    fields = _parse_dictionary(texts[DICTIONARY], warnings)
    forms = _group_forms(fields, project.get("form_labels"))
    classic = not texts.get(EVENTS, "").strip()
    if classic:
        if texts.get(MAPPING, "").strip():
            raise DefinitionError(EVENTS, 0, f"file not found, but {MAPPING} maps forms to "
                                  "events (a classic project has neither file)")
        events: tuple[EventDef, ...] = (EventDef(CLASSIC_EVENT, "Event 1", 1, 0, 0, 0,
                                                 tuple(f.name for f in forms)),)
    else:
        mapping = _parse_mapping(texts[MAPPING], {f.name for f in forms})
        events = _parse_events(texts[EVENTS], mapping)
    repeating = _parse_repeating(texts.get(REPEATING, ""), events, classic)
    missing = _parse_missing_codes(project)
    plan = project.get("analysis_plan")
    study = Study(name=name, fields=fields, forms=forms, events=events, repeating=repeating,
                  missing_codes=missing, classic=classic, warnings=tuple(warnings),
                  analysis_plan=plan if isinstance(plan, dict) else None,
                  data_access_groups=_parse_groups(project.get("data_access_groups")))
    for f in fields:
        check_logic_references(study, f, DICTIONARY)
    return dataclasses.replace(study, protocol=parse_protocol_rules(project, study))


def _rows(text: str, file: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) of a CSV text whose header must contain ``required``."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DefinitionError(file, 1, "the file is empty") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise DefinitionError(file, 1, f"missing column(s): {', '.join(missing)}")
    line = reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise DefinitionError(file, start, f"{len(values)} values for {len(header)} columns")
        values = values + [""] * (len(header) - len(values))
        yield start, dict(zip(header, (v.strip() for v in values), strict=True))


def _dictionary_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of the dictionary under the data-dictionary CSV's column names, whichever header
    the file has (the CSV's "Variable / Field Name"... or the API's ``field_name``...)."""
    first = next(csv.reader(io.StringIO(text)), [])
    if "field_name" not in (h.strip() for h in first):
        yield from _rows(text, DICTIONARY, _DICTIONARY_COLUMNS)
        return
    for row_number, row in _rows(text, DICTIONARY, _API_COLUMNS):
        yield row_number, {_API_NAMES.get(k, k): v for k, v in row.items()}


def _parse_dictionary(text: str, warnings: list[str]) -> tuple[FieldDef, ...]:
    fields: list[FieldDef] = []
    seen: dict[str, int] = {}
    for row_number, row in _dictionary_rows(text):
        fields.append(_parse_field(row_number, row, seen, warnings))
    if not fields:
        raise DefinitionError(DICTIONARY, 2, "the dictionary defines no field")
    return tuple(fields)


def _parse_field(row_number: int, row: dict[str, str], seen: dict[str, int],
                 warnings: list[str]) -> FieldDef:
    def fail(reason: str) -> DefinitionError:
        return DefinitionError(DICTIONARY, row_number, reason)

    def warn(reason: str) -> None:
        warnings.append(f"{DICTIONARY}, row {row_number}: {reason}")

    name = row["Variable / Field Name"]
    form = row["Form Name"]
    if not _NAME.match(name):
        raise fail(f"field name {name!r} must be lower-case letters, digits and '_'")
    if name in seen:
        raise fail(f"duplicate field {name!r} (first defined on row {seen[name]})")
    seen[name] = row_number
    if not _NAME.match(form):
        raise fail(f"form name {form!r} of field {name!r} is not a valid name")
    type_text = row["Field Type"].lower()
    try:
        field_type = FieldType(type_text)
    except ValueError:
        raise fail(f"field {name!r} has unknown field type {type_text!r}") from None
    validation_text = row["Text Validation Type OR Show Slider Number"]
    validation: ValidationType | None = None
    slider_labels: tuple[str, ...] = ()
    choices_text = row["Choices, Calculations, OR Slider Labels"]
    if field_type is FieldType.TEXT:
        validation = _parse_validation(validation_text, name, warn)
    elif field_type is FieldType.SLIDER:
        if validation_text and validation_text.lower() != "number":
            warn(f"slider {name!r}: {validation_text!r} is not REDCap's NUMBER flag (ignored)")
        slider_labels = tuple(label.strip() for label in choices_text.split("|")) \
            if choices_text else ()
        if len(slider_labels) > 3:
            raise fail(f"slider {name!r} has {len(slider_labels)} labels (at most 3: "
                       "left | middle | right)")
        for bound in (row["Text Validation Min"], row["Text Validation Max"]):
            if bound and not bound.lstrip("-").isdigit():
                raise fail(f"slider {name!r}: min/max {bound!r} is not a whole number")
    elif field_type is FieldType.FILE:
        if validation_text and validation_text.lower() != "signature":
            warn(f"file field {name!r}: validation {validation_text!r} is not REDCap's "
                 "signature (ignored)")
    elif validation_text and field_type not in (FieldType.SQL,):
        raise fail(f"field {name!r}: text validation {validation_text} on a {field_type} field")
    choices: tuple[Choice, ...] = ()
    calculation = ""
    if field_type in (FieldType.DROPDOWN, FieldType.RADIO, FieldType.CHECKBOX):
        if not choices_text:
            raise fail(f"{field_type} field {name!r} has no choices")
        try:
            choices = parse_choices(choices_text)
        except ValueError as exc:
            raise fail(f"bad choice list of field {name!r}: {exc}") from None
    elif field_type is FieldType.YESNO:
        choices = YESNO_CHOICES
    elif field_type is FieldType.TRUEFALSE:
        choices = TRUEFALSE_CHOICES
    elif field_type is FieldType.CALC:
        if not choices_text:
            raise fail(f"calc field {name!r} has no calculation")
        calculation = choices_text
    min_value = row["Text Validation Min"]
    max_value = row["Text Validation Max"]
    if field_type is FieldType.TEXT and validation is None and validation_text:
        min_value = max_value = ""  # bounds of an unknown validation cannot be checked
    if field_type is not FieldType.SLIDER:
        for bound in (min_value, max_value):
            _check_bound(bound, validation, name, fail)
    return FieldDef(
        name=name, form=form, field_type=field_type, label=row["Field Label"],
        section_header=row["Section Header"], choices=choices, calculation=calculation,
        note=row["Field Note"], validation=validation, min_value=min_value, max_value=max_value,
        identifier=row["Identifier?"].lower() == "y",
        branching_logic=row["Branching Logic (Show field only if...)"],
        required=row["Required Field?"].lower() == "y",
        annotation=row.get("Field Annotation", ""), row=row_number,
        validation_text=validation_text, slider_labels=slider_labels,
        slider_shows_number=field_type is FieldType.SLIDER
        and validation_text.lower() == "number",
        matrix_group=row.get("Matrix Group Name", ""),
        custom_alignment=row.get("Custom Alignment", "").upper(),
        question_number=row.get("Question Number (surveys only)", ""),
    )


def _parse_validation(text: str, name: str,
                      warn: Callable[[str], None]) -> ValidationType | None:
    """Return the validation type; an unknown one is a warning: the field is plain text."""
    if not text:
        return None
    try:
        return ValidationType(text.lower())
    except ValueError:
        warn(f"field {name!r} has text validation {text!r}, unknown offline: kept as plain "
             "text (not checked)")
        return None


def _check_bound(bound: str, validation: ValidationType | None, name: str,
                 fail: Failure) -> None:
    if not bound:
        return
    if validation is None:
        raise fail(f"field {name!r} has a min/max but no text validation type")
    try:
        parse_bound(bound, validation)
    except ValueError as exc:
        raise fail(f"field {name!r}: bad min/max {bound!r}: {exc}") from None


def _group_forms(fields: tuple[FieldDef, ...],
                 labels: dict[str, str] | None = None) -> tuple[FormDef, ...]:
    labels = labels if isinstance(labels, dict) else {}
    order: list[str] = []
    by_form: dict[str, list[FieldDef]] = {}
    for f in fields:
        if f.form not in by_form:
            if order and f.form in order:
                raise DefinitionError(DICTIONARY, f.row, f"form {f.form!r} is split in two parts")
            order.append(f.form)
            by_form[f.form] = []
        elif order[-1] != f.form:
            raise DefinitionError(DICTIONARY, f.row, f"form {f.form!r} is split in two parts")
        by_form[f.form].append(f)
    return tuple(FormDef(name, _form_label(name, labels), tuple(by_form[name]))
                 for name in order)


def _form_label(name: str, labels: dict[str, str]) -> str:
    """The form's label from ``project.json`` (``form_labels``), else made from its name."""
    label = labels.get(name)
    return label if isinstance(label, str) and label else name.replace("_", " ").capitalize()


def _parse_mapping(text: str, form_names: set[str]) -> dict[str, list[str]]:
    mapping: dict[str, list[str]] = {}
    for row_number, row in _rows(text, MAPPING, ("unique_event_name", "form")):
        event, form = row["unique_event_name"], row["form"]
        if form not in form_names:
            raise DefinitionError(MAPPING, row_number, f"unknown form {form!r}")
        forms = mapping.setdefault(event, [])
        if form in forms:
            raise DefinitionError(MAPPING, row_number, f"form {form!r} mapped twice to {event!r}")
        forms.append(form)
    return mapping


def _parse_events(text: str, mapping: dict[str, list[str]]) -> tuple[EventDef, ...]:
    events: list[EventDef] = []
    seen: set[str] = set()
    columns = ("event_name", "arm_num", "day_offset", "offset_min", "offset_max",
               "unique_event_name")
    for row_number, row in _rows(text, EVENTS, columns):
        unique = row["unique_event_name"]
        if not _NAME.match(unique):
            raise DefinitionError(EVENTS, row_number, f"bad unique event name {unique!r}")
        if unique in seen:
            raise DefinitionError(EVENTS, row_number, f"duplicate event {unique!r}")
        seen.add(unique)
        numbers: dict[str, int] = {}
        for column in ("arm_num", "day_offset", "offset_min", "offset_max"):
            try:
                numbers[column] = int(row[column] or "0")
            except ValueError:
                raise DefinitionError(EVENTS, row_number,
                                      f"{column} {row[column]!r} is not a whole number") from None
        if numbers["offset_min"] < 0 or numbers["offset_max"] < 0:
            raise DefinitionError(EVENTS, row_number, "window offsets must not be negative")
        events.append(EventDef(
            unique_name=unique, label=row["event_name"] or unique, arm=numbers["arm_num"],
            day_offset=numbers["day_offset"], offset_min=numbers["offset_min"],
            offset_max=numbers["offset_max"], forms=tuple(mapping.get(unique, ())),
        ))
    if not events:
        raise DefinitionError(EVENTS, 2, "no event is defined")
    for unique in mapping:
        if unique not in seen:
            raise DefinitionError(MAPPING, 0, f"unknown event {unique!r}")
    return tuple(events)


def _parse_repeating(text: str, events: tuple[EventDef, ...],
                     classic: bool = False) -> tuple[RepeatingForm, ...]:
    if not text.strip():
        return ()
    by_name = {e.unique_name: e for e in events}
    result: list[RepeatingForm] = []
    required = ("form_name",) if classic else ("event_name", "form_name")
    for row_number, row in _rows(text, REPEATING, required):
        event, form = row.get("event_name") or events[0].unique_name, row["form_name"]
        if classic:
            event = events[0].unique_name
        if event not in by_name:
            raise DefinitionError(REPEATING, row_number, f"unknown event {event!r}")
        if form not in by_name[event].forms:
            raise DefinitionError(REPEATING, row_number,
                                  f"form {form!r} is not collected at event {event!r}")
        result.append(RepeatingForm(event, form, row.get("custom_form_label", "")))
    return tuple(result)


def _parse_missing_codes(project: dict) -> tuple[Choice, ...]:
    text = project.get("missing_data_codes")
    if not text:
        return DEFAULT_MISSING_CODES
    try:
        return parse_choices(text)
    except ValueError as exc:
        raise DefinitionError(PROJECT, 0, f"bad missing_data_codes: {exc}") from None


_GROUP_NAME = re.compile(r"^[a-z0-9_]{1,20}$")


def _parse_groups(items: object) -> tuple[Choice, ...]:
    """REDCap's data access groups of ``project.json``: ``[{"unique_name", "name"}...]``."""
    if items is None:
        return ()
    if not isinstance(items, list):
        raise DefinitionError(PROJECT, 0, "data_access_groups must be a list")
    groups: list[Choice] = []
    for item in items:
        unique = item.get("unique_name") if isinstance(item, dict) else None
        if not isinstance(unique, str) or not _GROUP_NAME.match(unique):
            raise DefinitionError(PROJECT, 0, f"data_access_groups: {unique!r} is not a unique "
                                              "group name (lower-case letters, digits and '_', "
                                              "at most 20)")
        if unique in (g.code for g in groups):
            raise DefinitionError(PROJECT, 0, f"data_access_groups: {unique!r} given twice")
        groups.append(Choice(unique, str(item.get("name") or unique)))
    return tuple(groups)
