"""CSV, SPSS and Stata exports read back with pyreadstat and pandas: values, labels, codebook."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.stats_export import export_csv, export_spss, export_stata
from vo_crf.project import Project


def _codebook(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {(r["file"], r["variable"]): r for r in csv.DictReader(handle)}


def _set_unknown_weight(project: Project, user: CurrentUser) -> None:
    EntryService(project, user).save_form(FormKey("01-002", "m0_arm_1", "enrolment"),
                                          {"weight_kg": "UNK"}, 1, reason="weighing refused")


def test_spss_values_labels_and_user_missing(filled: Project, users: dict[str, CurrentUser],
                                             tmp_path: Path) -> None:
    _set_unknown_weight(filled, users["inv"])
    out = tmp_path / "vo.sav"
    assert export_spss(filled, users["inv"], out) == 12
    frame, meta = pyreadstat.read_sav(str(out), user_missing=True)
    assert len(frame) == 12 and frame["record_id"].iloc[0] == "01-001"
    assert meta.column_names_to_labels["sex"] == "Sex"
    assert meta.column_names_to_labels["m3_clin_temp"] == "Body temperature [M3]"
    assert meta.variable_value_labels["sex"][2.0] == "Female"
    assert meta.variable_value_labels["comorb___1"] == {0.0: "Unchecked", 1.0: "Checked",
                                                        **{k: v for k, v in meta
                                                           .variable_value_labels["comorb___1"]
                                                           .items() if k < 0}}
    assert meta.variable_value_labels["m0_clin_frankel"]["A"] == "A - complete"
    assert isinstance(frame["diagnosis_date"].iloc[0], dt.date)
    assert frame["m0_clin_temp"].dtype.kind == "f"
    weight = frame.loc[frame["record_id"] == "01-002", "weight_kg"].iloc[0]
    assert weight == -9992.0 and meta.variable_value_labels["weight_kg"][-9992.0] == \
        "UNK: Unknown"
    assert meta.missing_ranges["weight_kg"] == [{"lo": -9999.0, "hi": -9991.0}]
    plain, _ = pyreadstat.read_sav(str(out))
    assert pd.isna(plain.loc[plain["record_id"] == "01-002", "weight_kg"].iloc[0])
    courses, course_meta = pyreadstat.read_sav(str(tmp_path / "vo_antibiotics.sav"))
    assert set(courses["redcap_repeat_instance"]) >= {1.0}
    assert course_meta.variable_value_labels["abx_route"] == {1.0: "Intravenous", 2.0: "Oral",
                                                              **{k: v for k, v in course_meta
                                                                 .variable_value_labels[
                                                                     "abx_route"].items()
                                                                 if k < 0}}
    visits, _ = pyreadstat.read_sav(str(tmp_path / "vo_visits.sav"))
    assert set(visits["redcap_event_name"]) == {"m0_arm_1", "m3_arm_1", "m6_arm_1",
                                                "end_arm_1"}
    assert "clin_temp" in visits.columns
    codebook = _codebook(tmp_path / "vo_codebook.csv")
    assert codebook[("vo.sav", "m6_img_paravert_abscess")]["event"] == "m6_arm_1"
    assert "-9992 = UNK" in codebook[("vo.sav", "weight_kg")]["missing_codes"]
    assert "9 = Not assessable (user-missing)" in \
        codebook[("vo.sav", "m3_img_disc_abscess")]["missing_codes"]
    assert "Identified export" in (tmp_path / "vo_about.txt").read_text(encoding="utf-8")


def test_stata_names_labels_and_tagged_missing(filled: Project, users: dict[str, CurrentUser],
                                               tmp_path: Path) -> None:
    _set_unknown_weight(filled, users["inv"])
    out = tmp_path / "vo.dta"
    export_stata(filled, users["inv"], out)
    frame, meta = pyreadstat.read_dta(str(out), user_missing=True)
    assert all(len(name) <= 32 for name in frame.columns)
    assert all(len(label or "") <= 80 for label in meta.column_labels)
    assert meta.variable_value_labels["sex"] == {1: "Male", 2: "Female", "a": "NA: Not applicable",
                                                 "b": "UNK: Unknown", "c": "NASK: Not asked",
                                                 "d": "ASKU: Asked but unknown",
                                                 "e": "ND: Not done"}
    assert frame.loc[frame["record_id"] == "01-002", "weight_kg"].iloc[0] == "b"
    assert meta.original_variable_types["diagnosis_date"] == "%td"
    assert "m0_clin_frankel" not in meta.variable_value_labels  # strings: codebook only
    codebook = _codebook(tmp_path / "vo_codebook.csv")
    assert "Stata cannot label string" in codebook[("vo.dta", "m0_clin_frankel")]["notes"]
    assert ".b = UNK" in codebook[("vo.dta", "weight_kg")]["missing_codes"]


def test_csv_codes_or_labels_with_codebook(filled: Project, users: dict[str, CurrentUser],
                                           tmp_path: Path) -> None:
    export_csv(filled, users["inv"], tmp_path / "codes.csv")
    export_csv(filled, users["inv"], tmp_path / "labels.csv", labels=True)
    codes = pd.read_csv(tmp_path / "codes.csv", dtype=str, keep_default_na=False)
    labels = pd.read_csv(tmp_path / "labels.csv", dtype=str, keep_default_na=False)
    assert set(codes["sex"]) <= {"1", "2"} and set(labels["sex"]) <= {"Male", "Female"}
    assert list(codes.columns) == list(labels.columns)
    assert (tmp_path / "codes_visits.csv").exists() and (tmp_path / "codes_antibiotics.csv")\
        .exists()
    codebook = _codebook(tmp_path / "codes_codebook.csv")
    assert codebook[("codes.csv", "sex")]["value_labels"] == "1 = Male | 2 = Female"
    assert codebook[("codes_visits.csv", "clin_temp")]["units"] == "degrees C"


@pytest.mark.parametrize("exporter", [export_spss, export_stata, export_csv])
def test_failed_export_leaves_no_file(filled: Project, users: dict[str, CurrentUser],
                                      tmp_path: Path, exporter, monkeypatch) -> None:  # noqa: ANN001
    import vo_crf.exchange.stats_export as module

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(module, "_write_codebook", broken)
    with pytest.raises(OSError):
        exporter(filled, users["inv"], tmp_path / "vo.out")
    assert not list(tmp_path.glob("vo*.part"))


def test_empty_study_exports_typed_files(empty: Project, users: dict[str, CurrentUser],
                                         tmp_path: Path) -> None:
    assert export_spss(empty, users["inv"], tmp_path / "e.sav") == 0
    assert export_stata(empty, users["inv"], tmp_path / "d.dta") == 0
    _, meta = pyreadstat.read_sav(str(tmp_path / "e.sav"))
    assert meta.original_variable_types["m0_clin_frankel"].startswith("A")  # text stays text
    assert meta.variable_value_labels["m0_clin_frankel"]["A"] == "A - complete"
    _, stata = pyreadstat.read_dta(str(tmp_path / "d.dta"))
    assert stata.variable_value_labels["sex"][1] == "Male"
