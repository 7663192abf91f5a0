"""An import's calculations: a saved form's own calculated values are not computed twice.

A save's assessment computes the form's calculated fields; right after it, the record's
recalculation (``plan_calcs``) used to resolve the same form again with the same values. It
now takes the assessment's values when the saved form is the only one to recompute and
resolving it again cannot differ (``calc_plan.reusable``: no hidden value cleared, no
@CALCTEXT/@CALCDATE field computed after the calculations). What is stored and audited is
the same as when every form is resolved again.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from random_cohort import cohort_csv
from redcap_studies import ADMIN, DD_HEADER, init_study
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, FormInstance, ItemValue, Record
from vo_crf.entry import calc_plan
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project


def test_an_import_resolves_no_saved_calculated_form_twice(
        project: Project, nurse: CurrentUser, monkeypatch: pytest.MonkeyPatch) -> None:
    resolved: list[object] = []
    resolve = calc_plan.resolve_form

    def counted(*args: object) -> object:
        resolved.append(args[2])
        return resolve(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(calc_plan, "resolve_form", counted)
    summary = import_redcap_text(project, nurse, cohort_csv(project.study, patients=6, seed=5),
                                 "in.csv")
    assert summary.forms_saved > 20 and summary.values_changed > 100
    assert resolved == []


def _dictionary(rows: list[tuple[str, str, str, str, str, str, str]]) -> str:
    """(name, form, type, label, choices or calculation, branching logic, annotation)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    for name, form, kind, label, choices, logic, annotation in rows:
        validation = "integer" if kind == "text" and name != "pid" and not annotation else ""
        writer.writerow([name, form, "", kind, label, choices, "", validation, "", "", "",
                         logic, "", "", "", "", "", annotation])
    return out.getvalue()


TRICKY = {
    "data_dictionary.csv": _dictionary([
        ("pid", "visit", "text", "Patient", "", "", ""),
        ("a", "visit", "text", "A", "", "", ""),
        ("show", "visit", "yesno", "Show B", "", "", ""),
        ("b", "visit", "text", "B", "", "[show] = '1'", ""),
        ("total", "visit", "calc", "A + B", "[a] + [b]", "", ""),
        ("size", "visit", "text", "Size", "", "", "@CALCTEXT(if([a] > 5, 'big', 'small'))"),
        ("big", "visit", "calc", "Big", "if([size] = 'big', 1, 0)", "", ""),
        ("c", "other", "text", "C", "", "", ""),
        ("twice", "other", "calc", "Twice A", "[a] * 2 + [c]", "", ""),
    ]),
    "project.json": '{"name": "Calculations"}\n',
}
"""A calculation reading a hidden value, one reading a @CALCTEXT field, one on another form."""

ROWS = ("pid,a,show,b,size,visit_complete,c,other_complete\n"
        "P-1,3,1,4,,0,1,0\n"      # plain: reusable
        "P-2,7,0,4,,0,,\n"        # b hidden and cleared: resolved again
        "P-3,9,1,1,small,2,2,1\n"  # @CALCTEXT computed after the calculations: resolved again
        "P-4,,,,,,5,0\n")         # only the other form


def _stored(project: Project) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with read_session(project.engine) as session:
        values = session.execute(
            select(Record.record_id, FormInstance.form, ItemValue.field, ItemValue.value)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)
            .order_by(Record.record_id, FormInstance.form, ItemValue.field)).all()
        audit = session.execute(
            select(AuditEntry.action, AuditEntry.record_id, AuditEntry.form, AuditEntry.field,
                   AuditEntry.new_value, AuditEntry.reason, AuditEntry.changes)
            .order_by(AuditEntry.id)).all()
    return [tuple(row) for row in values], [tuple(row) for row in audit[1:]]


def test_reused_calculations_store_and_audit_what_resolving_again_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = []
    for reuse in (True, False):
        if not reuse:
            monkeypatch.setattr(calc_plan, "reusable", lambda *args: False)
        project = init_study(tmp_path, TRICKY, f"reuse-{reuse}")
        try:
            import_redcap_text(project, ADMIN, ROWS, "rows.csv")
            results.append(_stored(project))
        finally:
            project.close()
    assert results[0] == results[1]
    values = {(record, field): value for record, _form, field, value in results[0][0]}
    assert values[("P-1", "total")] == "7" and values[("P-1", "twice")] == "7"
    assert ("P-2", "b") not in values and values[("P-2", "size")] == "big"
    assert values[("P-2", "big")] == "1" and values[("P-3", "big")] == "1"
    assert ("P-4", "twice") not in values or values[("P-4", "twice")] == ""
