"""The tables a statistician gets (CSV, SPSS, Stata): variables with labels, rows of codes.

Layout (the same for every format):

* ``wide`` (the file named on the command line): one row per patient. Forms collected at one
  visit only (enrolment, microbiology, outcome) keep their variable names; forms collected at
  several visits (clinical, biology, imaging) get one variable per visit, prefixed with the
  visit (``m3_clin_temp``; with the event's whole unique name when two arms share the visit:
  ``baseline_arm_2_weight``). Repeating forms are not in this table. The workbook's Data sheet
  uses the same names (``wide_names``), so a variable is called alike in every format.
* ``visits`` (``<name>_visits``): one row per patient × visit for the forms collected at
  several visits, with plain variable names, for longitudinal models.
* one table per repeating form (``<name>_antibiotics``): one row per instance (course).

Variable names are valid Stata and SPSS names of at most 32 characters; a longer name is cut and
given a short hash suffix, and the codebook maps every variable to its event, form and field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from vo_crf.attachments.reference import file_name_of
from vo_crf.exchange.deidentify import ExportTransform
from vo_crf.exchange.odm_names import codes_are_integers, form_items
from vo_crf.exchange.redcap_layout import Column
from vo_crf.exchange.snapshot import DataSnapshot
from vo_crf.keys import StoredFormKey
from vo_crf.project import Project
from vo_crf.study.event_titles import event_title
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldType, Study

MAX_NAME = 32
STATUS_LABELS = {status.code: status.label for status in FormStatus}
CHECKBOX_LABELS = {"0": "Unchecked", "1": "Checked"}


@dataclass
class Variable:
    """One column of a statistics table."""

    name: str
    label: str
    kind: str
    """``string``, ``numeric``, ``date``, ``datetime`` or ``coded`` (see ``numeric_codes``)."""
    event: str = ""
    form: str = ""
    field: str = ""
    checkbox_code: str = ""
    value_labels: dict[str, str] = dataclasses.field(default_factory=dict)
    numeric_codes: bool = True
    units: str = ""
    column: Column | None = None
    decimal_comma: bool = False
    """A number stored with a comma decimal (``38,5``): written as the number 38.5."""
    file_field: bool = False
    """A ``file`` field: written as the attached file's name."""

    @property
    def is_numeric(self) -> bool:
        """True when the variable is written as a number (codes included)."""
        return self.kind == "numeric" or (self.kind == "coded" and self.numeric_codes)


@dataclass
class StatTable:
    """One table: its file suffix, what a row is, its variables and rows of stored values."""

    suffix: str
    row_meaning: str
    variables: list[Variable]
    rows: list[dict[str, str]] = dataclasses.field(default_factory=list)


def event_prefix(unique_name: str) -> str:
    """Return the short visit prefix of an event (``m3_arm_1`` → ``m3``)."""
    return re.sub(r"_arm_\d+$", "", unique_name)


def visit_prefixes(study: Study) -> dict[str, str]:
    """Event unique name → the prefix of its wide variables: the short visit prefix
    (``event_prefix``), or the whole unique name when events of several arms share it (two
    arms' ``baseline``: ``baseline_arm_2_weight``, not a name cut with a hash)."""
    shared = Counter(event_prefix(e.unique_name) for e in study.events)
    return {e.unique_name: event_prefix(e.unique_name)
            if shared[event_prefix(e.unique_name)] == 1 else e.unique_name
            for e in study.events}


def safe_name(candidate: str, used: set[str]) -> str:
    """Return a unique Stata/SPSS-safe variable name (≤ 32 characters) and remember it."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", candidate)
    if not re.match(r"[A-Za-z]", name):
        name = "v_" + name
    if len(name) > MAX_NAME or name.lower() in used:
        digest = hashlib.sha1(candidate.encode()).hexdigest()
        name = f"{name[:MAX_NAME - 7]}_{digest[:6]}"
    n = 2
    base = name
    while name.lower() in used:
        name = f"{base[:MAX_NAME - 1 - len(str(n))]}_{n}"
        n += 1
    used.add(name.lower())
    return name


def multi_visit_forms(study: Study) -> list[str]:
    """The non-repeating forms collected at more than one visit (their wide names get a prefix)."""
    return [f.name for f in study.forms if len(study.events_of_form(f.name)) > 1
            and not any(r.form == f.name for r in study.repeating)]


def wide_names(study: Study) -> dict[tuple[str, str], str]:
    """(event, REDCap column) → the variable's name in the wide layout of every export.

    Names are given over all columns, identifiers included, so a de-identified export names
    its variables as an identified one does.
    """
    multi = multi_visit_forms(study)
    prefixes = visit_prefixes(study)
    used: set[str] = set()
    names: dict[tuple[str, str], str] = {}
    safe_name(study.record_id_field, used)
    for event in study.events:
        for form in event.forms:
            if study.is_repeating(event.unique_name, form):
                continue
            prefix = prefixes[event.unique_name] + "_" if form in multi else ""
            for column in form_items(study.form(form)):
                if column.field is not None and column.field.name == study.record_id_field:
                    continue
                names[(event.unique_name, column.name)] = safe_name(prefix + column.name, used)
    return names


def build_tables(project: Project, snapshot: DataSnapshot, transform: ExportTransform
                 ) -> list[StatTable]:
    """Return the wide table, the visits table and one table per repeating form."""
    study = project.study
    multi = multi_visit_forms(study)
    repeating = sorted({r.form for r in study.repeating},
                       key=lambda name: [f.name for f in study.forms].index(name))
    tables = [_wide(study, snapshot, transform, multi)]
    if multi:
        tables.append(_long(study, snapshot, transform, multi, "visits",
                            "one patient at one visit"))
    for form in repeating:
        tables.append(_long(study, snapshot, transform, [form], form,
                            f"one instance of the repeating form {form}"))
    return tables


def _variables(study: Study, form: str, transform: ExportTransform, event: str,
               prefix: str, used: set[str] | dict[tuple[str, str], str]) -> list[Variable]:
    """The variables of one form: named from ``used`` (wide names) or made unique in it."""
    variables = []
    suffix = f" [{event_title(study, study.event(event))}]" if prefix and event else ""
    for column in form_items(study.form(form)):
        fdef = column.field
        if fdef is not None and (fdef.name == study.record_id_field or not transform.keeps(fdef)):
            continue
        name = (used[(event, column.name)] if isinstance(used, dict)
                else safe_name(prefix + column.name, used))
        if fdef is None:
            variables.append(Variable(name, f"{study.form(form).label}: form status{suffix}",
                                      "coded", event, form, "", "", dict(STATUS_LABELS),
                                      column=column))
        elif column.checkbox_code is not None:
            label = f"{fdef.label}: {fdef.choice_label(column.checkbox_code)}{suffix}"
            variables.append(Variable(name, label, "coded", event, form, fdef.name,
                                      column.checkbox_code, dict(CHECKBOX_LABELS),
                                      column=column))
        else:
            variables.append(_field_variable(name, column, transform, event, suffix))
    return variables


def column_variable(study: Study, column: Column, transform: ExportTransform) -> Variable:
    """Return the variable of one column of REDCap's flat layout (its plain REDCap name)."""
    if column.field is None:
        return Variable(column.name, f"{study.form(column.form).label}: form status", "coded",
                        form=column.form, value_labels=dict(STATUS_LABELS), column=column)
    if column.checkbox_code is not None:
        fdef = column.field
        return Variable(column.name, f"{fdef.label}: {fdef.choice_label(column.checkbox_code)}",
                        "coded", form=column.form, field=fdef.name,
                        checkbox_code=column.checkbox_code,
                        value_labels=dict(CHECKBOX_LABELS), column=column)
    return _field_variable(column.name, column, transform, "", "")


def _field_variable(name: str, column: Column, transform: ExportTransform,
                    event: str, suffix: str) -> Variable:
    fdef = column.field
    assert fdef is not None
    label = fdef.label + suffix
    variable = Variable(name, label, "string", event, fdef.form, fdef.name, units=fdef.note,
                        column=column)
    if fdef.is_coded:
        variable.kind = "coded"
        variable.value_labels = {c.code: c.label for c in fdef.choices}
        variable.numeric_codes = codes_are_integers(fdef)
    elif fdef.is_date:
        if transform.dates_as_days:
            variable.kind, variable.label = "numeric", f"{fdef.label} (days since M0){suffix}"
        else:
            is_datetime = fdef.is_datetime
            variable.kind = "datetime" if is_datetime else "date"
    elif fdef.is_numeric:
        variable.kind = "numeric"
    elif fdef.is_comma_decimal:
        variable.kind, variable.decimal_comma = "numeric", True
    elif fdef.field_type is FieldType.NOTES:
        variable.kind = "string"
    variable.file_field = fdef.is_file
    return variable


def _wide(study: Study, snapshot: DataSnapshot, transform: ExportTransform,
          multi: list[str]) -> StatTable:
    names = wide_names(study)
    variables = [Variable(safe_name(study.record_id_field, set()), "Patient study number"
                          + (" (pseudonym)" if transform.deidentified else ""), "string",
                          field=study.record_id_field)]
    placed: list[tuple[str, str, list[Variable]]] = []
    prefixes = visit_prefixes(study)
    for event in study.events:
        for form in event.forms:
            if study.is_repeating(event.unique_name, form):
                continue
            prefix = prefixes[event.unique_name] + "_" if form in multi else ""
            group = _variables(study, form, transform, event.unique_name, prefix, names)
            placed.append((event.unique_name, form, group))
            variables.extend(group)
    table = StatTable("", "one patient", variables)
    for record_pk, real_id in snapshot.records:
        row = {variables[0].name: transform.record_id(real_id)}
        for event_name, form, group in placed:
            stored = snapshot.forms.get(StoredFormKey(record_pk, event_name, form, 1))
            if stored is not None:
                row.update(_values(group, stored.status, stored.values, transform, real_id))
        table.rows.append(row)
    return table


def _long(study: Study, snapshot: DataSnapshot, transform: ExportTransform, forms: list[str],
          suffix: str, meaning: str) -> StatTable:
    used: set[str] = set()
    keys = [Variable(safe_name(study.record_id_field, used), "Patient study number"
                     + (" (pseudonym)" if transform.deidentified else ""), "string",
                     field=study.record_id_field)]
    if not study.classic:  # a classic project has no events: REDCap's exports name none
        keys.append(Variable(safe_name("redcap_event_name", used),
                             "Visit (REDCap unique event name)", "string"))
    repeating = any(r.form in forms for r in study.repeating)
    if repeating:
        keys.append(Variable(safe_name("redcap_repeat_instance", used), "Instance number",
                             "numeric"))
    groups = {form: _variables(study, form, transform, "", "", used) for form in forms}
    variables = keys + [v for form in forms for v in groups[form]]
    table = StatTable(suffix, meaning, variables)
    for record_pk, real_id in snapshot.records:
        for event in study.events:
            numbers = sorted({n for form in forms
                              for n in snapshot.repeat_numbers.get(
                                  (record_pk, event.unique_name, form), [])})
            for number in numbers:
                row = {keys[0].name: transform.record_id(real_id)}
                if not study.classic:
                    row[keys[1].name] = event.unique_name
                if repeating:
                    row[keys[-1].name] = str(number)
                for form in forms:
                    stored = snapshot.forms.get(
                        StoredFormKey(record_pk, event.unique_name, form, number))
                    if stored is not None:
                        row.update(_values(groups[form], stored.status, stored.values,
                                           transform, real_id))
                table.rows.append(row)
    return table


def _values(group: list[Variable], status: int, values: dict[str, str],
            transform: ExportTransform, real_id: str) -> dict[str, str]:
    row: dict[str, str] = {}
    for variable in group:
        if not variable.field:
            row[variable.name] = str(status)
        elif variable.checkbox_code:
            chosen = values.get(variable.field, "").split(",")
            row[variable.name] = "1" if variable.checkbox_code in chosen else "0"
        else:
            value = values.get(variable.field, "")
            if value and variable.file_field:
                value = file_name_of(value)
            elif value and variable.decimal_comma:
                value = value.replace(",", ".")
            row[variable.name] = transform.value(variable.field, value, real_id) if value else ""
    return row
