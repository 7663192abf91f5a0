"""Each imaging finding of each patient followed across the table visits (M0 -> M3 -> M6).

The paper's point is that imaging abnormalities persist at M3 and M6: Table 2 counts them by
visit, this sheet shows each patient's course of each finding, so a reader sees who improved.
"""

from __future__ import annotations

from collections.abc import Sequence

from vo_crf.analysis.dataset import PatientData, values_of
from vo_crf.analysis.plan import AnalysisPlan
from vo_crf.analysis.table_model import Cell, SummaryTable
from vo_crf.study.model import FieldDef, Study

NOT_READ = "–"
"""How the course shows a visit without a reading."""


def evolution(present: str, absent: str, codes: Sequence[str]) -> str:
    """Name the course of one finding from its codes by visit (present/absent readings only)."""
    readings = [code == present for code in codes if code in (present, absent)]
    if not readings:
        return "not assessed"
    if len(readings) == 1:
        return "assessed once: " + ("present" if readings[0] else "absent")
    if all(readings):
        return "present throughout"
    if not any(readings):
        return "absent throughout"
    if readings[0] and not readings[-1]:
        return "resolved"
    if not readings[0] and readings[-1]:
        return "appeared"
    return "fluctuating"


def imaging_evolution(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]
                      ) -> SummaryTable:
    """One row per patient and finding: its reading at each table visit, course, evolution.

    ``patients`` may be de-identified (pseudonyms as record ids): codes are read as stored.
    """
    visits = [study.event(e) for e in plan.table_visits]
    imaging = plan.imaging
    table = SummaryTable(
        "Imaging evolution",
        "Imaging evolution - each finding of each patient, "
        + " → ".join(v.label for v in visits),
        [study.record_id_field, "Finding", *(v.label for v in visits), "Course", "Evolution"],
        notes=[f"Readings as entered (choice labels; missing-data codes as their label; blank: "
               f"no reading). Course: the readings in visit order, {NOT_READ} for none. "
               "Evolution uses the present/absent readings only: present throughout, absent "
               "throughout, resolved (present first, absent last), appeared (absent first, "
               "present last), fluctuating, assessed once, or not assessed."])
    missing = {c.code: c.label for c in study.missing_codes}
    fields = [study.field(finding) for finding in imaging.findings]
    codes_by_field = [[values_of(study, patients, f.name, v.unique_name) for v in visits]
                      for f in fields]
    order = sorted(range(len(patients)), key=lambda i: patients[i].record_id)
    for index in order:
        for field, by_visit in zip(fields, codes_by_field, strict=True):
            codes = [column[index] for column in by_visit]
            shown = [_label(field, missing, code) for code in codes]
            row: list[Cell] = [patients[index].record_id, field.label,
                               *(text or None for text in shown),
                               " → ".join(text or NOT_READ for text in shown),
                               evolution(imaging.present, imaging.absent, codes)]
            table.rows.append(row)
    return table


def _label(field: FieldDef, missing: dict[str, str], code: str) -> str:
    """A reading as its choice label (a missing-data code as its label; blank stays blank)."""
    if not code:
        return ""
    if code in missing:
        return missing[code]
    return field.choice_label(code) or code
