"""Comma-decimal numbers (issue 13): REDCap stores ``38,5`` for ``number_comma_decimal`` and
``number_Ndp_comma_decimal``; its CSV keeps that text, while statistics files and ODM carry the
number 38.5 (ODM round trip back to ``38,5``). An inline study, not the VO study."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
from lxml import etree
from redcap_studies import ADMIN, dictionary, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.script_exports import export_r, export_sas
from vo_crf.exchange.stats_export import export_csv, export_spss, export_stata
from vo_crf.project import Project

EVENT = "event_1_arm_1"
COMMA = {
    "data_dictionary.csv": dictionary([
        ("pid", "vitals", "text", "Participant"),
        ("weight", "vitals", "text", "Weight (kg)", "", "number_comma_decimal", "2,5", "250"),
        ("temp", "vitals", "text", "Temperature", "", "number_1dp_comma_decimal"),
        ("ratio", "vitals", "text", "Ratio", "", "number_3dp_comma_decimal"),
    ]),
    "project.json": '{"name": "Comma decimals"}\n',
}


def _filled(tmp_path: Path, name: str = "comma") -> Project:
    project = init_study(tmp_path, COMMA, name)
    record = create_record(project, ADMIN, "1", "P-1")
    EntryService(project, ADMIN).save_form(
        FormKey(record, EVENT, "vitals"), {"weight": "72,5", "temp": "38,4", "ratio": "-0,125"},
        1)
    return project


def test_redcap_csv_keeps_the_comma(tmp_path: Path) -> None:
    project = _filled(tmp_path)
    export_redcap_csv(project, ADMIN, tmp_path / "out.csv")
    row = next(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"))))
    assert (row["weight"], row["temp"], row["ratio"]) == ("72,5", "38,4", "-0,125")
    project.close()


def test_statistics_files_hold_numbers(tmp_path: Path) -> None:
    project = _filled(tmp_path)
    export_spss(project, ADMIN, tmp_path / "data.sav")
    export_stata(project, ADMIN, tmp_path / "stata.dta")
    for frame in (pd.read_spss(tmp_path / "data.sav"), pd.read_stata(tmp_path / "stata.dta")):
        assert frame["weight"].tolist() == [72.5]
        assert frame["temp"].tolist() == [38.4]
        assert frame["ratio"].tolist() == [-0.125]
    project.close()


def test_flat_files_of_r_and_sas_and_the_statistics_csv_hold_numbers(tmp_path: Path) -> None:
    project = _filled(tmp_path)
    export_r(project, ADMIN, tmp_path / "vo.R")
    export_sas(project, ADMIN, tmp_path / "vo_sas.sas")
    export_csv(project, ADMIN, tmp_path / "stats.csv")
    for data in ("vo_data.csv", "vo_sas_data.csv", "stats.csv"):
        row = next(csv.DictReader(io.StringIO((tmp_path / data).read_text("utf-8"))))
        assert (row["weight"], row["temp"], row["ratio"]) == ("72.5", "38.4", "-0.125"), data
    project.close()


def test_odm_holds_floats_and_its_import_gives_the_comma_back(tmp_path: Path) -> None:
    project = _filled(tmp_path)
    out = tmp_path / "study.xml"
    export_odm(project, ADMIN, out)
    root = etree.parse(str(out)).getroot()
    defs = {d.get("OID"): d for d in root.iter("{*}ItemDef")}
    assert defs["weight"].get("DataType") == "float"
    assert defs["temp"].get("DataType") == "float"
    assert [c.findtext("{*}CheckValue") for c in defs["weight"].iter("{*}RangeCheck")] == [
        "2.5", "250"]
    items = {i.get("ItemOID"): i.get("Value") for i in root.iter("{*}ItemData")}
    assert (items["weight"], items["temp"], items["ratio"]) == ("72.5", "38.4", "-0.125")
    copy = init_study(tmp_path, COMMA, "copy")
    import_odm(copy, ADMIN, out)
    values = EntryService(copy, ADMIN).open_form(FormKey("P-1", EVENT, "vitals")).values
    assert (values["weight"], values["temp"], values["ratio"]) == ("72,5", "38,4", "-0,125")
    copy.close()
    project.close()
