"""A classic project (no events) in the statistics, R and SAS exports: REDCap's own layout,
no ``redcap_event_name`` (issue 13, item 1). The R script is sourced by R when it is here."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from inline_seeds import seed_repeating
from redcap_studies import ADMIN, REPEATING, init_study

from vo_crf.exchange.script_exports import export_r, export_sas
from vo_crf.exchange.stats_export import export_csv
from vo_crf.project import Project

FLAT_HEADER = ["record_id", "redcap_repeat_instrument", "redcap_repeat_instance", "dob",
               "baseline_complete", "ae_term", "ae_grade", "ae_start", "adverse_event_complete"]
"""REDCap's CSV of the repeating classic study (as ``export --format redcap`` writes it)."""


@pytest.fixture
def classic(tmp_path: Path) -> Project:
    project = init_study(tmp_path, REPEATING, "repeating")
    seed_repeating(project, tmp_path)
    return project


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_r_and_sas_data_of_a_classic_study_are_redcaps_flat_layout(
        classic: Project, tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "sas").mkdir()
    export_r(classic, ADMIN, tmp_path / "r" / "out.R")
    export_sas(classic, ADMIN, tmp_path / "sas" / "out.sas")
    classic.close()
    for data in (tmp_path / "r" / "out_data.csv", tmp_path / "sas" / "out_data.csv"):
        head, *rows = _rows(data)
        assert head == FLAT_HEADER, data
        assert rows[0][:5] == ["R-1", "", "", "1960-02-29", "2"]
        assert rows[2][:2] == ["R-1", "adverse_event"] and rows[2][5] == "Nausea"
    program = (tmp_path / "sas" / "out.sas").read_text(encoding="utf-8")
    inputs = re.search(r"  input\n(.*?)\n  ;", program, re.S)
    assert inputs is not None
    assert [line.split()[0] for line in inputs.group(1).splitlines()] == FLAT_HEADER
    assert "event_1_arm_1" not in program
    script = (tmp_path / "r" / "out.R").read_text(encoding="utf-8")
    assert "event_1_arm_1" not in script and "redcap_event_name" not in script


def test_the_r_script_of_a_classic_study_gives_dates_and_factors(
        classic: Project, tmp_path: Path) -> None:
    if shutil.which("Rscript") is None:
        pytest.skip("Rscript is not installed (Debian package r-base-core)")
    export_r(classic, ADMIN, tmp_path / "out.R")
    classic.close()
    (tmp_path / "check.R").write_text(
        'source("out.R")\n'
        'cat("dob", class(data$dob), format(data$dob[1]), "\\n")\n'
        'cat("grades", as.character(data$ae_grade.factor[2:4]), "\\n")\n', encoding="utf-8")
    done = subprocess.run(["Rscript", "check.R"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "dob Date 1960-02-29" in done.stdout
    assert "grades Mild Moderate Severe" in done.stdout


def test_statistics_tables_of_a_classic_study_name_no_event(classic: Project,
                                                            tmp_path: Path) -> None:
    export_csv(classic, ADMIN, tmp_path / "stats.csv")
    classic.close()
    head, *rows = _rows(tmp_path / "stats_adverse_event.csv")
    assert head[:3] == ["record_id", "redcap_repeat_instance", "ae_term"]
    assert [row[1:3] for row in rows] == [["1", "Rash"], ["2", "Nausea"], ["3", "Fall"]]
    codebook = _rows(tmp_path / "stats_codebook.csv")
    event = codebook[0].index("event")
    assert {row[event] for row in codebook[1:]} == {""}  # a classic project has no events
    assert not any("redcap_event_name" in row for row in codebook)
