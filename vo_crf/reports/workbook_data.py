"""The data sheets of the workbook: Codebook, Data (wide), Data long and Antibiotics."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence

from vo_crf.analysis.dataset import PatientData, date
from vo_crf.analysis.plan import AntibioticPlan
from vo_crf.exchange.stats_tables import wide_names
from vo_crf.reports.row_plans import DataColumn, DataPlan
from vo_crf.reports.xlsx_cells import Value, default_widths, typed_value
from vo_crf.study.event_titles import event_title
from vo_crf.study.model import FieldDef, FieldType, Study

CODEBOOK_HEADERS = ["Variable", "Form", "Label", "Type", "Units", "Choices", "Validation",
                    "Min", "Max", "Identifier", "Branching logic", "Required", "Calculation",
                    "Events"]
CODEBOOK_WIDTHS = [22, 14, 40, 10, 12, 60, 11, 11, 11, 10, 28, 9, 40, 30]
ANTIBIOTIC_HEADERS = ["record_id", "instance", "drug_code", "drug", "route_code", "route",
                      "start", "stop", "days"]


Keeps = Callable[[FieldDef], bool]
"""Whether a field is written (the export transform's ``keeps``)."""


def codebook_rows(study: Study, fields: Sequence[FieldDef] | None = None
                  ) -> Iterator[list[Value]]:
    """One row per field of the dictionary (or of ``fields``: those the export writes)."""
    for fdef in study.fields if fields is None else fields:
        events = "" if study.classic else ", ".join(
            e.unique_name for e in study.events_of_form(fdef.form))
        yield [fdef.name, fdef.form, fdef.label, str(fdef.field_type), fdef.note,
               " | ".join(f"{c.code}={c.label}" for c in fdef.choices),
               str(fdef.validation) if fdef.validation else "", fdef.min_value, fdef.max_value,
               "y" if fdef.identifier else "", fdef.branching_logic,
               "y" if fdef.required else "", fdef.calculation, events]


def data_widths(columns: Sequence[DataColumn], maximum: float = 60) -> list[float]:
    """Column widths of the data sheets: a label column as wide as its longest choice label
    (up to ``maximum``), the others fitted to their names."""
    widths = default_widths([column.header for column in columns])
    for index, column in enumerate(columns):
        if column.kind == "label" and column.field is not None and column.field.choices:
            longest = max(len(choice.label) for choice in column.field.choices)
            widths[index] = min(maximum, max(widths[index], longest * 1.1 + 2))
    return widths


def field_columns(study: Study, forms: Sequence[str], prefix: str, deidentified: bool,
                  keeps: Keeps | None = None) -> list[DataColumn]:
    """Columns of ``forms``: value, label (coded fields), 0/1 options (checkboxes), status.

    De-identified, only the fields ``keeps`` accepts (default: all but identifiers).
    """
    columns: list[DataColumn] = []
    for form_name in forms:
        form = study.form(form_name)
        for fdef in form.fields:
            if (not fdef.holds_data or fdef.name == study.record_id_field
                    or (deidentified and (fdef.identifier if keeps is None
                                          else not keeps(fdef)))):
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


def wide_columns(study: Study, deidentified: bool, keeps: Keeps | None = None
                 ) -> list[tuple[str, DataColumn]]:
    """(event, column) of the wide sheet, named as in every statistics export.

    Forms of one visit keep their variable names, forms of several visits get the visit's
    prefix (``m3_clin_temp``, see vo_crf.exchange.stats_tables); a coded variable's label
    column is ``<name>_label``.
    """
    names = wide_names(study)
    columns: list[tuple[str, DataColumn]] = []
    for event in study.events:
        for column in field_columns(study, plain_forms(study, event.unique_name), "",
                                    deidentified, keeps):
            raw = column.header.removesuffix("_label") if column.kind == "label" \
                else column.header
            name = names[(event.unique_name, raw)]
            header = f"{name}_label" if column.kind == "label" else name
            columns.append((event.unique_name, dataclasses.replace(column, header=header)))
    return columns


def long_columns(study: Study, deidentified: bool, keeps: Keeps | None = None
                 ) -> list[DataColumn]:
    """Columns of the long sheet: every non-repeating form of any event, no prefix."""
    forms: list[str] = []
    for event in study.events:
        forms += [f for f in plain_forms(study, event.unique_name) if f not in forms]
    return field_columns(study, forms, "", deidentified, keeps)


def long_keys(study: Study) -> list[str]:
    """The first columns of the long sheet: the record id, then the event's name and label
    (none in a classic study: it has no events, and REDCap's exports name none)."""
    return [study.record_id_field] + ([] if study.classic else ["redcap_event_name",
                                                                "event_label"])


def data_plan(study: Study, wide: list[tuple[str, DataColumn]], long: list[DataColumn]
              ) -> DataPlan:
    """The compiled plan of the Data and Data long sheets."""
    return DataPlan(study, wide, long, [(e.unique_name, event_title(study, e),
                                         plain_forms(study, e.unique_name))
                                        for e in study.events])


def wide_rows(study: Study, patients: Sequence[PatientData],
              columns: list[tuple[str, DataColumn]]) -> Iterator[list[Value]]:
    """One row per patient: record id then every event-prefixed column."""
    return (wide for wide, _ in data_plan(study, columns, []).rows(patients))


def long_rows(study: Study, patients: Sequence[PatientData], columns: list[DataColumn]
              ) -> Iterator[list[Value]]:
    """One row per patient and event with data: ``long_keys``, then the values."""
    for _, long in data_plan(study, [], columns).rows(patients):
        yield from long


def count_long_rows(study: Study, patients: Sequence[PatientData]) -> int:
    """Number of rows ``long_rows`` yields."""
    return data_plan(study, [], []).count_long(patients)


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
