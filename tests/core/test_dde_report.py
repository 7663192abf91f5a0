"""The double-entry discordance report: rates per form and per user, as a table and as CSV."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dde_study
import openpyxl
import pytest
from accounts import PASSWORDS
from dde_study import RECORD, SECOND_NURSE

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryService, discordance_csv, discordance_report
from vo_crf.entry import FormKey
from vo_crf.project import Project
from vo_crf.reports.workbook import SHEETS, export_workbook

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

BIO = FormKey(RECORD, "m0_arm_1", "biology")
BIO_M3 = FormKey(RECORD, "m3_arm_1", "biology")
MICRO = FormKey(RECORD, "m0_arm_1", "microbiology")
BIOLOGY = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}


def enter(project: Project, user: CurrentUser, key: FormKey, values: dict[str, str]) -> None:
    DoubleEntryService(project, user).save_entry(key, values, 2)


@pytest.fixture
def known_case(dde_project: Project, users: dict[str, CurrentUser]) -> Project:
    """Biology at M0: 4 fields compared, 1 discordant (nurse, nurse2); microbiology: 2 fields
    compared (the 'other organism' is hidden), 1 discordant (nurse2, inv); biology at M3 is
    entered twice but not adjudicated (not counted)."""
    nurse_2 = CurrentUser(SECOND_NURSE, Role.NURSE)
    enter(dde_project, users["nurse"], BIO, BIOLOGY)
    enter(dde_project, nurse_2, BIO, {**BIOLOGY, "bio_esr": "8"})
    DoubleEntryService(dde_project, users["inv"]).adjudicate(BIO, {"bio_esr": "80"}, "lab")
    enter(dde_project, nurse_2, MICRO, {"micro_organism": "1", "micro_source": "1"})
    enter(dde_project, users["inv"], MICRO, {"micro_organism": "1", "micro_source": "1,2"})
    DoubleEntryService(dde_project, users["admin"]).adjudicate(MICRO, {"micro_source": "1,2"},
                                                               "biopsy report")
    enter(dde_project, users["nurse"], BIO_M3, BIOLOGY)
    enter(dde_project, nurse_2, BIO_M3, {**BIOLOGY, "bio_crp": "1"})
    return dde_project


def test_rates_per_form_and_per_user_attribute_a_difference_to_both_entrants(
        known_case: Project, users: dict[str, CurrentUser]) -> None:
    rows = discordance_report(known_case, users["stat"])
    assert [(r.form, r.user, r.forms_double_entered, r.fields_compared, r.fields_discordant)
            for r in rows] == [
        ("biology", "(all)", 1, 4, 1), ("biology", "nurse", 1, 4, 1),
        ("biology", SECOND_NURSE, 1, 4, 1),
        ("microbiology", "(all)", 1, 2, 1), ("microbiology", "inv", 1, 2, 1),
        ("microbiology", SECOND_NURSE, 1, 2, 1),
        ("(all)", "(all)", 2, 6, 2)]
    assert [r.rate for r in rows if r.user == "(all)"] == [0.25, 0.5, pytest.approx(1 / 3)]


def test_an_empty_report_and_csv(dde_project: Project, users: dict[str, CurrentUser]) -> None:
    assert discordance_report(dde_project, users["inv"]) == []
    assert discordance_csv([]) == ("form,user,forms_double_entered,fields_compared,"
                                   "fields_discordant,discordance_rate\n")


def test_cli_prints_the_report_as_csv(known_case: Project) -> None:
    database = known_case.url.removeprefix("sqlite:///")
    known_case.close()
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["inv"]}
    done = subprocess.run([sys.executable, "-m", "vo_crf", "dde-report", "--db", database,
                           "--user", "inv"], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("form,user,forms_double_entered,fields_compared,fields_discordant,"
                        "discordance_rate")
    assert lines[1] == "biology,(all),1,4,1,0.2500"
    assert lines[-1] == "(all),(all),2,6,2,0.3333"
    assert Path(database).exists()


def test_workbook_has_a_double_entry_sheet_with_the_rates(
        known_case: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = tmp_path / "study.xlsx"
    export_workbook(known_case, users["stat"], path, deidentified=True)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [*SHEETS, "Double entry"]
    sheet = workbook["Double entry"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Form", "Form label", "User", "Forms double-entered", "Fields compared",
                       "Fields discordant", "Discordance rate")
    assert rows[1:4] == [("biology", "Biology", "(all)", 1, 4, 1, 0.25),
                         ("biology", "Biology", "nurse", 1, 4, 1, 0.25),
                         ("biology", "Biology", SECOND_NURSE, 1, 4, 1, 0.25)]
    assert rows[-1] == ("(all)", None, "(all)", 2, 6, 2, 0.3333)
    assert sheet.cell(2, 7).number_format == "0.0%"
    about = dict(r for r in workbook["About"].iter_rows(values_only=True, min_row=2))
    assert "fields compared" in about["Double entry"]


def test_workbook_of_a_study_with_no_adjudication_yet_has_an_empty_sheet(
        dde_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    export_workbook(dde_project, users["inv"], path)
    sheet = openpyxl.load_workbook(path)["Double entry"]
    assert sheet.max_row == 1
