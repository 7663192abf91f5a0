"""The data sheets of the workbook: Codebook, Data (wide), Data long and Antibiotics."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vo_crf.analysis.dataset import PatientData, checkbox_codes, date
from vo_crf.analysis.plan import AntibioticPlan
from vo_crf.reports.xlsx_cells import Value, typed_value
from vo_crf.study.model import FieldDef, FieldType, Study

CODEBOOK_HEADERS = ["Variable", "Form", "Label", "Type", "Units", "Choices", "Validation",
                    "Min", "Max", "Identifier", "Branching logic", "Required", "Calculation",
                    "Events"]
CODEBOOK_WIDTHS = [22, 14, 40, 10, 12, 60, 11, 11, 11, 10, 28, 9, 40, 30]
ANTIBIOTIC_HEADERS = ["record_id", "instance", "drug_code", "drug", "route_code", "route",
                      "start", "stop", "days"]


def codebook_rows(study: Study) -> Iterator[list[Value]]:
    """One row per field of the dictionary."""
    for fdef in study.fields:
        events = ", ".join(e.unique_name for e in study.events_of_form(fdef.form))
        yield [fdef.name, fdef.form, fdef.label, str(fdef.field_type), fdef.note,
               " | ".join(f"{c.code}={c.label}" for c in fdef.choices),
               str(fdef.validation) if fdef.validation else "", fdef.min_value, fdef.max_value,
               "y" if fdef.identifier else "", fdef.branching_logic,
               "y" if fdef.required else "", fdef.calculation, events]


@dataclass(frozen=True)
class DataColumn:
    """One exported column: a field's value, its label, a checkbox option, or a form status."""

    header: str
    form: str
    field: FieldDef | None
    kind: str  # "value", "label", "option" or "status"
    code: str = ""


def field_columns(study: Study, forms: Sequence[str], prefix: str, deidentified: bool
                  ) -> list[DataColumn]:
    """Columns of ``forms``: value, label (coded fields), 0/1 options (checkboxes), status."""
    columns: list[DataColumn] = []
    for form_name in forms:
        form = study.form(form_name)
        for fdef in form.fields:
            if (not fdef.holds_data or fdef.name == study.record_id_field
                    or (deidentified and fdef.identifier)):
                continue
            if fdef.field_type is FieldType.CHECKBOX:
                columns += [DataColumn(f"{prefix}{fdef.checkbox_column(c.code)}", form_name,
                                       fdef, "option", c.code) for c in fdef.choices]
                continue
            columns.append(DataColumn(f"{prefix}{fdef.name}", form_name, fdef, "value"))
            if fdef.is_coded:
                columns.append(DataColumn(f"{prefix}{fdef.name}_label", form_name, fdef,
                                          "label"))
        columns.append(DataColumn(f"{prefix}{form.complete_field}", form_name, None, "status"))
    return columns


def plain_forms(study: Study, event: str) -> list[str]:
    """The non-repeating forms of ``event``."""
    return [f for f in study.event(event).forms if not study.is_repeating(event, f)]


def wide_columns(study: Study, deidentified: bool) -> list[tuple[str, DataColumn]]:
    """(event, column) of the wide sheet, headers prefixed 'event.'."""
    return [(event.unique_name, column) for event in study.events
            for column in field_columns(study, plain_forms(study, event.unique_name),
                                        f"{event.unique_name}.", deidentified)]


def long_columns(study: Study, deidentified: bool) -> list[DataColumn]:
    """Columns of the long sheet: every non-repeating form of any event, no prefix."""
    forms: list[str] = []
    for event in study.events:
        forms += [f for f in plain_forms(study, event.unique_name) if f not in forms]
    return field_columns(study, forms, "", deidentified)


def cell_value(study: Study, patient: PatientData, event: str, column: DataColumn,
               missing: frozenset[str]) -> Value:
    """The value of one column for one patient at one event."""
    stored = patient.forms.get((event, column.form, 1))
    if stored is None:
        return None
    if column.kind == "status":
        return stored.status
    fdef = column.field
    assert fdef is not None
    text = stored.values.get(fdef.name, "")
    if column.kind == "option":
        return 1 if column.code in checkbox_codes(text) else 0
    if column.kind == "label":
        if text == "" or text in missing:
            return None
        return fdef.choice_label(text)
    return typed_value(fdef, text, missing)


def wide_rows(study: Study, patients: Sequence[PatientData],
              columns: list[tuple[str, DataColumn]]) -> Iterator[list[Value]]:
    """One row per patient: record id then every event-prefixed column."""
    missing = study.missing_code_values
    for patient in patients:
        yield [patient.record_id, *(cell_value(study, patient, event, column, missing)
                                    for event, column in columns)]


def long_rows(study: Study, patients: Sequence[PatientData], columns: list[DataColumn]
              ) -> Iterator[list[Value]]:
    """One row per patient and event with data: record id, event name and label, values."""
    missing = study.missing_code_values
    for patient in patients:
        for event in study.events:
            name = event.unique_name
            forms = set(plain_forms(study, name))
            if not any((name, f, 1) in patient.forms for f in forms):
                continue
            yield [patient.record_id, name, event.label,
                   *(cell_value(study, patient, name, c, missing) if c.form in forms else None
                     for c in columns)]


def count_long_rows(study: Study, patients: Sequence[PatientData]) -> int:
    """Number of rows ``long_rows`` yields."""
    return sum(1 for p in patients for e in study.events
               if any((e.unique_name, f, 1) in p.forms for f in plain_forms(study, e.unique_name)))


def antibiotic_rows(study: Study, patients: Sequence[PatientData], plan: AntibioticPlan
                    ) -> Iterator[list[Value]]:
    """One row per antibiotic course."""
    missing = study.missing_code_values
    drug, route = study.field(plan.drug), study.field(plan.route)
    for patient in patients:
        for event in study.events_of_form(plan.form):
            for instance, data in patient.instances(event.unique_name, plan.form):
                values = data.values
                start, stop = date(values.get(plan.start, "")), date(values.get(plan.stop, ""))
                drug_code, route_code = values.get(plan.drug, ""), values.get(plan.route, "")
                yield [patient.record_id, instance, typed_value(drug, drug_code, missing),
                       drug.choice_label(drug_code) if drug_code else None,
                       typed_value(route, route_code, missing),
                       route.choice_label(route_code) if route_code else None,
                       start, stop, (stop - start).days if start and stop else None]
