"""Table 2 (imaging findings by visit) and Table 3 (imaging findings and late sequelae).

A finding counts in N only when read present or absent; "not assessable", blanks and missing-data
codes count in neither n nor N (the paper's denominators differ by finding and visit).
"""

from __future__ import annotations

from collections.abc import Sequence

from vo_crf.analysis.dataset import PatientData, values_of
from vo_crf.analysis.fisher import fisher_exact
from vo_crf.analysis.plan import AnalysisPlan
from vo_crf.analysis.stats import n_of_n, percent
from vo_crf.analysis.table_model import Cell, SummaryTable
from vo_crf.study.model import Study

TABLE2_COLUMNS = ("n", "N", "%", "n/N (%)")
TABLE3_HEADERS = ["Finding", "Visit", "Sequelae n", "Sequelae N", "No sequelae n",
                  "No sequelae N", "p (Fisher exact)", "Sequelae n/N (%)",
                  "No sequelae n/N (%)"]


def count_finding(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData],
                  finding: str, event: str) -> tuple[int, int]:
    """Return (n present, N present or absent) of ``finding`` at ``event``."""
    present = total = 0
    for code in values_of(study, patients, finding, event):
        if code == plan.imaging.present:
            present += 1
            total += 1
        elif code == plan.imaging.absent:
            total += 1
    return present, total


def table2(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]) -> SummaryTable:
    """Table 2: for each imaging finding and visit, n, N, % and the 'n/N (%)' text."""
    visits = [study.event(e) for e in plan.table_visits]
    headers = ["Finding"] + [f"{v.label} {c}" for v in visits for c in TABLE2_COLUMNS]
    table = SummaryTable("Table 2", "Table 2 - Imaging findings by visit", headers, notes=[
        "n = patients with the finding; N = patients in whom it could be assessed at that "
        "visit (present or absent). 'Not assessable', blank and missing-data codes count in "
        "neither n nor N.",
        "% has one decimal; the text column rounds half up to an integer, as the paper "
        "prints it."])
    for finding in plan.imaging.findings:
        row: list[Cell] = [study.field(finding).label]
        for visit in visits:
            n, total = count_finding(study, plan, patients, finding, visit.unique_name)
            row += [n, total, percent(n, total), n_of_n(n, total)]
        table.rows.append(row)
    return table


def sequelae_groups(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]
                    ) -> tuple[list[PatientData], list[PatientData]]:
    """Split patients by the sequelae field: (with sequelae, without); others are left out."""
    rule = plan.sequelae
    codes = list(zip(patients, values_of(study, patients, rule.group_field, rule.event),
                     strict=True))
    return ([p for p, code in codes if code == rule.yes],
            [p for p, code in codes if code == rule.no])


def table3(study: Study, plan: AnalysisPlan, patients: Sequence[PatientData]) -> SummaryTable:
    """Table 3: each finding at each early visit, with vs without late sequelae, Fisher p."""
    with_sequelae, without = sequelae_groups(study, plan, patients)
    table = SummaryTable("Table 3", "Table 3 - Imaging findings and late sequelae",
                         list(TABLE3_HEADERS), notes=[
        f"Groups from {plan.sequelae.group_field} "
        f"({len(with_sequelae)} with sequelae, {len(without)} without). Denominators count "
        "patients in whom the finding was assessable.",
        "p: two-sided Fisher exact test (sum of the probabilities of the tables no more "
        "likely than the observed one, as R and scipy)."])
    for finding in plan.imaging.findings:
        for event in plan.sequelae.table3_visits:
            a, n1 = count_finding(study, plan, with_sequelae, finding, event)
            c, n0 = count_finding(study, plan, without, finding, event)
            p_value = fisher_exact(a, n1 - a, c, n0 - c) if n1 and n0 else None
            table.rows.append([study.field(finding).label, study.event(event).label, a, n1, c,
                               n0, p_value, n_of_n(a, n1), n_of_n(c, n0)])
    return table
