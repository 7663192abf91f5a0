"""The compiled row plans give exactly the cells of the straightforward per-cell definition."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vo_crf.analysis.dataset import FormData, PatientData
from vo_crf.keys import InstanceKey
from vo_crf.project import open_project
from vo_crf.reports.row_plans import DataColumn
from vo_crf.reports.workbook_data import (
    count_long_rows,
    long_columns,
    long_rows,
    plain_forms,
    wide_columns,
    wide_rows,
)
from vo_crf.reports.xlsx_cells import FormulaText, Value, prepared_text, typed_value
from vo_crf.study.model import Study

TEXTS = st.one_of(
    st.sampled_from(["", "NA", "UNK", "NASK", "1", "2", "3", "0", "1,3", "2,", ",", "1.50",
                     "38.5", "1e3", "-0", " 2", "12", "2007-02-28", "2007-02-30", "20070228",
                     "2007-02-28 10:30", "=SUM(A1)", "-1", "@x", "abc", "x\x07y", "nan",
                     "inf"]),
    st.text(max_size=8))


@pytest.fixture(scope="module")
def study(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Study:
    """The VO study definition (read from a copy of the template database)."""
    path = tmp_path_factory.mktemp("plans") / "study.sqlite"
    shutil.copy(template_db, path)
    project = open_project(str(path))
    try:
        return project.study
    finally:
        project.close()


def reference_cell(study: Study, patient: PatientData, event: str, column: DataColumn
                   ) -> Value:
    """The specification: one column of one patient at one event, text prepared for Excel."""
    value = original_cell(study, patient, event, column)
    return prepared_text(value) if isinstance(value, str) else value


def original_cell(study: Study, patient: PatientData, event: str, column: DataColumn
                  ) -> Value:
    """One column of one patient at one event (the original code)."""
    stored = patient.forms.get((event, column.form, 1))
    if stored is None:
        return None
    if column.kind == "status":
        return stored.status
    fdef = column.field
    assert fdef is not None
    text = stored.values.get(fdef.name, "")
    missing = study.missing_code_values
    if column.kind == "option":
        return 1 if column.code in [c for c in text.split(",") if c] else 0
    if column.kind == "label":
        return None if text == "" or text in missing else fdef.choice_label(text)
    return typed_value(fdef, text, missing)


@st.composite
def patients(draw: st.DrawFn, study: Study) -> list[PatientData]:
    """A few patients with random forms saved at random events, random values in them."""
    result = []
    for number in range(draw(st.integers(1, 3))):
        patient = PatientData(f"P{number}")
        for event in study.events:
            for form in study.event(event.unique_name).forms:
                if not draw(st.booleans()):
                    continue
                names = [f.name for f in study.form(form).fields if f.holds_data]
                values = {name: draw(TEXTS) for name in draw(st.lists(st.sampled_from(names),
                                                                      max_size=12))}
                instance = 1 if not study.is_repeating(event.unique_name, form) else \
                    draw(st.integers(1, 2))
                patient.forms[InstanceKey(event.unique_name, form, instance)] = FormData(
                    draw(st.integers(0, 2)), values)
        result.append(patient)
    return result


def same(left: list[Value], right: list[Value]) -> bool:
    """Equal cell by cell, type included (1 == 1.0 == True must not pass)."""
    if len(left) != len(right):
        return False
    return all(type(a) is type(b) and (a == b or (a != a and b != b))
               for a, b in zip(left, right, strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_plans_match_the_per_cell_definition(study: Study, data: st.DataObject) -> None:
    cohort = data.draw(patients(study))
    for deidentified in (False, True):
        wide = wide_columns(study, deidentified)
        expected = [[prepared_text(p.record_id), *(reference_cell(study, p, e, c) for e, c in wide)]
                    for p in cohort]
        got = list(wide_rows(study, cohort, wide))
        assert all(same(a, b) for a, b in zip(got, expected, strict=True))
        columns = long_columns(study, deidentified)
        expected = []
        for p in cohort:
            for event in study.events:
                forms = plain_forms(study, event.unique_name)
                if any((event.unique_name, f, 1) in p.forms for f in forms):
                    expected.append([p.record_id, event.unique_name, event.label, *(
                        reference_cell(study, p, event.unique_name, c) if c.form in forms
                        else None for c in columns)])
        got = list(long_rows(study, cohort, columns))
        assert all(same(a, b) for a, b in zip(got, expected, strict=True))
        assert count_long_rows(study, cohort) == len(expected)


def test_texts_are_prepared_for_excel(study: Study) -> None:
    wide = wide_columns(study, False)
    headers = [c.header for _, c in wide]
    patient = PatientData("=P1", {InstanceKey("m0_arm_1", "imaging"): FormData(
        2, {"img_comment": "=HYPERLINK(\"x\")\x07 ok"})})
    row = next(wide_rows(study, [patient], wide))
    comment = row[1 + headers.index("m0_img_comment")]
    assert comment == "=HYPERLINK(\"x\") ok" and isinstance(comment, FormulaText)
    assert isinstance(row[0], FormulaText)


def test_dates_are_converted_once_per_text(study: Study) -> None:
    wide = wide_columns(study, False)
    patient = PatientData("P1", {InstanceKey("m0_arm_1", "enrolment"): FormData(
        2, {"enrol_date": "2007-03-01", "consent_date": "2007-03-01"})})
    row = next(wide_rows(study, [patient, patient], wide))
    headers = [c.header for _, c in wide]
    enrol = row[1 + headers.index("enrol_date")]
    assert enrol == dt.date(2007, 3, 1) and type(enrol) is dt.date
