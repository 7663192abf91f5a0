"""Table 1 (patient characteristics) and Table 4 (biology by visit)."""

from __future__ import annotations

from collections.abc import Sequence

from vo_crf.analysis.dataset import PatientData, checkbox_codes, number, values_of
from vo_crf.analysis.imaging_tables import table2, table3
from vo_crf.analysis.plan import AnalysisPlan, Table1Item
from vo_crf.analysis.stats import (
    Summary,
    mean_sd_text,
    median_iqr_text,
    n_of_n,
    percent,
    range_text,
    summarise,
)
from vo_crf.analysis.table_model import Cell, SummaryTable
from vo_crf.study.model import FieldDef, FieldType, Study

TABLE1_HEADERS = ["Characteristic", "Statistic", "Value", "N", "n", "%", "Mean", "SD",
                  "Median", "Q1", "Q3", "Min", "Max"]
TABLE4_HEADERS = ["Marker", "Visit", "N", "Median", "Q1", "Q3", "Median [IQR]", "Normal range",
                  "Normal n", "Normal N", "Normal %", "Normal n/N (%)"]
STAT_NAMES = {"mean_sd_range": "mean (SD); range", "mean_sd": "mean (SD)",
              "median_iqr": "median [IQR]", "categories": "n (%)", "yes": "n (%)"}


def _label(study: Study, fdef: FieldDef, event: str | None) -> str:
    unit = f" ({fdef.note})" if fdef.note and len(fdef.note) <= 12 else ""
    when = f" at {study.event(event).label}" if event else ""
    return f"{fdef.label}{unit}{when}"


def _numbers(study: Study, patients: Sequence[PatientData], name: str, event: str | None
             ) -> list[float]:
    values = (number(text) for text in values_of(study, patients, name, event))
    return [v for v in values if v is not None]


def _numeric_row(label: str, stat: str, summary: Summary) -> list[Cell]:
    text = (mean_sd_text(summary) if stat.startswith("mean") else median_iqr_text(summary))
    if stat == "mean_sd_range" and summary.n:
        text += f"; range {range_text(summary)}"
    return [label, STAT_NAMES[stat], text, summary.n, None, None, summary.mean, summary.sd,
            summary.median, summary.q1, summary.q3, summary.minimum, summary.maximum]


def _count_row(label: str, n: int, total: int) -> list[Cell]:
    return [label, "n (%)", n_of_n(n, total), total, n, percent(n, total), *[None] * 7]


def _item_rows(study: Study, patients: Sequence[PatientData], item: Table1Item
               ) -> list[list[Cell]]:
    fdef = study.field(item.field)
    label = _label(study, fdef, item.event)
    if item.stat in ("mean_sd_range", "mean_sd", "median_iqr"):
        return [_numeric_row(label, item.stat, summarise(
            _numbers(study, patients, item.field, item.event)))]
    values = values_of(study, patients, item.field, item.event)
    missing = study.missing_code_values
    known = [v for v in values if v and v not in missing]
    if item.stat == "yes":
        return [_count_row(label, sum(v == "1" for v in known), len(known))]
    if item.stat != "categories":
        raise ValueError(f"Table 1: unknown statistic {item.stat!r} for {item.field}")
    rows: list[list[Cell]] = [[label, "n (%)", "", len(known), *[None] * 9]]
    for choice in fdef.choices:
        if fdef.field_type is FieldType.CHECKBOX:
            n = sum(choice.code in checkbox_codes(v) for v in known)
        else:
            n = sum(v == choice.code for v in known)
        rows.append(_count_row(f"  {choice.label}", n, len(known)))
    return rows


def table1(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]) -> SummaryTable:
    """Table 1: patient characteristics, as listed in the analysis plan."""
    table = SummaryTable("Table 1", "Table 1 - Patient characteristics", list(TABLE1_HEADERS),
                         notes=[
        "N = patients with a known value; percentages of N. SD with n-1; quartiles by the "
        "inclusive method (R type 7). Checkbox options may add up to more than 100%."])
    table.rows.append(["Patients", "n", str(len(patients)), len(patients), len(patients),
                       *[None] * 8])
    for item in plan.table1:
        table.rows.extend(_item_rows(study, patients, item))
    return table


def table4(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]) -> SummaryTable:
    """Table 4: each marker's median [IQR] by visit and the share within the normal range."""
    table = SummaryTable("Table 4", "Table 4 - Biology by visit", list(TABLE4_HEADERS), notes=[
        "N = patients with a value at that visit. Normal ranges from the analysis plan."])
    for marker in plan.biology:
        fdef = study.field(marker.field)
        for event in plan.table_visits:
            values = _numbers(study, patients, marker.field, event)
            summary = summarise(values)
            normal = sum(marker.is_normal(v) for v in values)
            table.rows.append([
                f"{marker.short_label} ({fdef.note})" if fdef.note else marker.short_label,
                study.event(event).label, summary.n, summary.median, summary.q1, summary.q3,
                median_iqr_text(summary), marker.normal_text, normal, len(values),
                percent(normal, len(values)), n_of_n(normal, len(values))])
    return table


def paper_tables(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]
                 ) -> list[SummaryTable]:
    """Return Tables 1-4 in order."""
    return [table1(study, plan, patients), table2(study, plan, patients),
            table3(study, plan, patients), table4(study, plan, patients)]
