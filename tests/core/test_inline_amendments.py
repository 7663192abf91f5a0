"""A protocol amendment on each small inline study holding data (issue 13, item 4).

Each study (classic, two arms with the API dictionary header, every field and validation type,
file fields, a repeating form) gets data, then the amendment users make with the CLI: the
definition in force is written out (``vo-crf amend --export-current``), edited (a field added,
a choice list changed, a field removed, a validation changed) and loaded back with a mapping
(``vo-crf amend --study --mapping``). The stored values must be kept or migrated as mapped,
each change audited with the amendment as its reason, and every output (each export format,
the workbook, the record PDF) must still work on the amended study.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

import pytest
from inline_seeds import (
    AMENDMENTS,
    SCAN,
    Seed,
    seed_all_types,
    seed_classic,
    seed_files,
    seed_repeating,
    seed_two_arms,
)
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader
from redcap_studies import (
    ADMIN,
    ALL_TYPES,
    API_HEADER,
    CLASSIC,
    FILE_FIELDS,
    GOOD_VALUES,
    REPEATING,
    TWO_ARMS,
    Row,
    dictionary,
    init_study,
)
from trail_entries import trail_entries

from vo_crf.attachments.store import read_attachment
from vo_crf.audit.trail import AuditAction, TrailEntry
from vo_crf.cli import main
from vo_crf.cli.data_commands import EXPORT_FORMATS
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import open_project

EVENT = "event_1_arm_1"
PASSWORD = "admin-pass-1"


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORD)


def _cli(*args: str) -> None:
    assert main(list(args)) == 0


def _amend(tmp_path: Path, database: Path, rows: list[Row], mapping: dict[str, object],
           header: list[str] | None = None) -> str:
    """Write the definition in force out, replace its dictionary by ``rows``, load it back
    with ``mapping``; return what the command printed."""
    folder = tmp_path / "next-version"
    _cli("amend", "--db", str(database), "--user", "admin", "--export-current", str(folder))
    exported = (folder / "data_dictionary.csv").read_text(encoding="utf-8")
    if header is None:
        header = next(csv.reader(io.StringIO(exported)))
    (folder / "data_dictionary.csv").write_text(dictionary(rows, header), encoding="utf-8")
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps(mapping), encoding="utf-8")
    out = io.StringIO()
    from contextlib import redirect_stdout
    with redirect_stdout(out):
        code = main(["amend", "--db", str(database), "--user", "admin", "--study", str(folder),
                     "--mapping", str(mapping_file)])
    assert code == 0, out.getvalue()
    return out.getvalue()


def _outputs(tmp_path: Path, database: Path, record_id: str) -> dict[str, Path]:
    """Run every export format, the workbook and the record PDF; return their files."""
    folder = tmp_path / "outputs"
    folder.mkdir()
    written: dict[str, Path] = {}
    suffixes = {"redcap": ".csv", "xlsx": ".xlsx", "odm": ".xml", "csv": ".csv",
                "spss": ".sps", "stata": ".do", "r": ".r", "sas": ".sas"}
    for name in EXPORT_FORMATS:
        out = folder / f"{name}{suffixes.get(name, '.out')}"
        _cli("export", "--db", str(database), "--user", "admin", "--format", name, str(out))
        assert out.exists() and out.stat().st_size > 0, name
        written[name] = out
    pdf = folder / f"{record_id}.pdf"
    _cli("report", "--db", str(database), "--user", "admin", "--record", record_id, str(pdf))
    written["pdf"] = pdf
    return written


def _redcap_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in book[name].iter_rows(values_only=True)]
    finally:
        book.close()


def _audit(database: Path, field: str | None) -> list[TrailEntry]:
    """The audit entries of ``field`` (None: those naming no field), oldest first, as users
    read them (``expand``)."""
    project = open_project(str(database))
    try:
        return trail_entries(project, field=field)
    finally:
        project.close()


def _values(database: Path, key: FormKey) -> dict[str, str]:
    project = open_project(str(database))
    try:
        return dict(EntryService(project, ADMIN).open_form(key).values)
    finally:
        project.close()


def _seeded(tmp_path: Path, texts: dict[str, str], name: str, seed: Seed) -> Path:
    project = init_study(tmp_path, texts, name)
    try:
        seed(project, tmp_path)
    finally:
        project.close()
    return tmp_path / f"{name}.sqlite"


# ----- classic --------------------------------------------------------------------------------


def test_amendment_of_the_classic_study(tmp_path: Path) -> None:
    database = _seeded(tmp_path, CLASSIC, "classic", seed_classic)
    printed = _amend(tmp_path, database, *AMENDMENTS["classic"])
    assert "2 value(s) recoded" in printed and "2 deleted" in printed
    screening = _values(database, FormKey("P-002", EVENT, "screening"))
    assert (screening["arm_choice"], screening["screen_date"]) == ("T", "2024-12-31")
    recoded = _audit(database, "arm_choice")[-1]
    assert (recoded.action, recoded.old_value, recoded.new_value, recoded.record_id) == (
        AuditAction.VALUE_UPDATE, "2", "T", "P-002")
    assert recoded.reason == "protocol amendment v2: recoded 2 -> T"
    deleted = _audit(database, "symptoms")[-1]
    assert (deleted.action, deleted.old_value, deleted.new_value) == (
        AuditAction.VALUE_DELETE, "2", None)
    assert (deleted.reason or "").startswith("protocol amendment v2")
    amended = [a for a in _audit(database, None) if a.action == AuditAction.AMENDMENT]
    assert [(a.old_value, a.new_value, a.username) for a in amended] == [
        ("version 1", "version 2", "admin")]
    assert "2 value(s) recoded, 0 moved, 2 deleted" in (amended[0].reason or "")
    project = open_project(str(database))
    try:  # the added field takes values
        EntryService(project, ADMIN).save_form(FormKey("P-001", EVENT, "labs"),
                                               {"ferritin": "150"}, 2)
    finally:
        project.close()

    outputs = _outputs(tmp_path, database, "P-001")
    rows = _redcap_rows(outputs["redcap"])
    assert list(rows[0]) == ["participant_code", "screen_date", "eligible", "arm_choice",
                             "screening_complete", "hb", "ferritin", "labs_complete"]
    assert [(r["arm_choice"], r["ferritin"]) for r in rows] == [("C", "150"), ("T", "")]
    text = _pdf_text(outputs["pdf"])
    assert "Ferritin (ng/mL)" in text and "Control" in text and "Symptoms" not in text
    assert "12-31-2024" in text  # a date_mdy field now shows month first
    stats = {(r[2], r[4]): r[5] for r in _sheet(outputs["xlsx"], "Descriptive")[1:]}
    assert stats[("arm_choice", "C = Control")] == "1 (50.0%)"
    assert ("symptoms", "n") not in stats


# ----- two arms, API dictionary header --------------------------------------------------------


def test_amendment_of_the_two_arms_study(tmp_path: Path) -> None:
    database = _seeded(tmp_path, TWO_ARMS, "arms", seed_two_arms)
    _amend(tmp_path, database, *AMENDMENTS["two_arms"])
    assert _values(database, FormKey("A2-01", "baseline_arm_2", "enrol"))["weight"] == "72.5"
    visit = _values(database, FormKey("A2-01", "week_8_arm_2", "visit"))
    assert visit["score"] == "5" and "visit_date" not in visit
    moved = _audit(database, "weight")[-1]
    assert (moved.old_value, moved.new_value, moved.reason) == (
        "72,5", "72.5", "protocol amendment v2: recoded 72,5 -> 72.5")

    outputs = _outputs(tmp_path, database, "A2-01")
    rows = _redcap_rows(outputs["redcap"])
    assert "visit_date" not in rows[0] and "systolic" in rows[0]
    by_event = {(r["study_id"], r["redcap_event_name"]): r for r in rows}
    assert by_event[("A1-01", "baseline_arm_1")]["weight"] == "80.5"
    assert by_event[("A2-01", "week_8_arm_2")]["score"] == "5"
    text = _pdf_text(outputs["pdf"])
    assert "Week 8" in text and "Systolic pressure" in text and "Visit date" not in text


def test_amendment_keeps_the_api_header_of_a_dictionary(tmp_path: Path) -> None:
    database = _seeded(tmp_path, TWO_ARMS, "arms", seed_two_arms)
    _amend(tmp_path, database, *AMENDMENTS["two_arms"], header=API_HEADER)
    project = open_project(str(database))
    try:
        assert project.definition_version == 2
        assert project.study.field("systolic").form == "visit"
    finally:
        project.close()


# ----- every field and validation type --------------------------------------------------------


def test_amendment_of_the_all_types_study(tmp_path: Path) -> None:
    database = _seeded(tmp_path, ALL_TYPES, "types", seed_all_types)
    _amend(tmp_path, database, *AMENDMENTS["all_types"])
    other = _values(database, FormKey("T-01", EVENT, "other_types"))
    assert (other["size"], other["colour"], other["pain"], other["flags"]) == (
        "S", "2", "7", "a,b")
    assert "site_pick" not in other
    measures = _values(database, FormKey("T-01", EVENT, "measures"))
    assert {name: measures[f"v_{name}"] for name in GOOD_VALUES} == GOOD_VALUES
    assert [a.action for a in _audit(database, "site_pick")][-1] == AuditAction.VALUE_DELETE

    outputs = _outputs(tmp_path, database, "T-01")
    rows = _redcap_rows(outputs["redcap"])
    assert (rows[0]["size"], rows[0]["handedness"], rows[0]["double_int"]) == ("S", "", "84")
    assert "site_pick" not in rows[0]
    assert rows[0]["v_number_comma_decimal"] == "38,5"
    text = _pdf_text(outputs["pdf"])
    assert "Handedness" in text and "Small" in text and "Site (from the server)" not in text
    assert "2024-12-31" in text  # v_date_dmy is date_ymd now


# ----- file fields ----------------------------------------------------------------------------


def test_amendment_of_the_file_fields_study_keeps_the_files(tmp_path: Path) -> None:
    database = _seeded(tmp_path, FILE_FIELDS, "files", seed_files)
    before = _values(database, FormKey("P-1", EVENT, "consent"))["consent_scan"]
    _amend(tmp_path, database, *AMENDMENTS["files"])
    consent = _values(database, FormKey("P-1", EVENT, "consent"))
    assert consent["consent_scan"] == before and "consent_sign" not in consent
    assert consent["consent_date"] == "2024-03-01"
    signature = _audit(database, "consent_sign")[-1]
    assert signature.action == AuditAction.VALUE_DELETE
    assert (signature.old_value or "").startswith("signature.png; image/png;")
    project = open_project(str(database))
    try:
        found = read_attachment(project.engine, consent["consent_scan"])
        assert found is not None and found[1] == SCAN
        old = read_attachment(project.engine, signature.old_value or "")
        assert old is not None  # the deleted signature can still be opened from the trail
    finally:
        project.close()

    outputs = _outputs(tmp_path, database, "P-1")
    rows = _redcap_rows(outputs["redcap"])
    assert (rows[0]["consent_scan"], rows[0]["mri_report"]) == ("[document]", "[document]")
    assert "consent_sign" not in rows[0] and "mri_date" in rows[0]
    files = etree.parse(str(outputs["odm"])).getroot().findall(".//{*}ItemDataBase64Binary")
    assert sorted(item.get("ItemOID") for item in files) == ["consent_scan", "mri_report"]
    assert base64.b64decode(files[0].text or "") in (SCAN, SCAN[::-1])
    text = _pdf_text(outputs["pdf"])
    assert "consent P-1.pdf" in text and "01-03-2024" in text  # date_dmy now


# ----- a repeating form -----------------------------------------------------------------------


def test_amendment_of_the_repeating_study_follows_every_instance(tmp_path: Path) -> None:
    database = _seeded(tmp_path, REPEATING, "repeating", seed_repeating)
    _amend(tmp_path, database, *AMENDMENTS["repeating"])
    grades = [_values(database, FormKey("R-1", EVENT, "adverse_event", n))["ae_grade"]
              for n in (1, 2, 3)]
    assert grades == ["G1", "G2", "G3"]
    audited = [(a.instance, a.old_value, a.new_value) for a in _audit(database, "ae_grade")
               if a.action == AuditAction.VALUE_UPDATE]
    assert audited == [(1, "1", "G1"), (2, "2", "G2"), (3, "3", "G3")]
    assert _values(database, FormKey("R-1", EVENT, "baseline"))["dob"] == "1960-02-29"

    outputs = _outputs(tmp_path, database, "R-1")
    rows = _redcap_rows(outputs["redcap"])
    repeats = [(r["redcap_repeat_instance"], r["ae_term"], r["ae_grade"]) for r in rows
               if r["redcap_repeat_instrument"] == "adverse_event"]
    assert repeats == [("1", "Rash", "G1"), ("2", "Nausea", "G2"), ("3", "Fall", "G3")]
    assert "ae_start" not in rows[0] and "ae_serious" in rows[0]
    text = _pdf_text(outputs["pdf"])
    assert "Nausea" in text and "Moderate" in text and "29-02-1960" in text
    # the workbook of a study without analysis plan has one sheet per repeating form
    sheet = _sheet(outputs["xlsx"], "adverse_event")
    assert sheet[0][:3] == ("record_id", "redcap_repeat_instance", "ae_term")  # no event
    assert [(r[1], r[2], r[3], r[4]) for r in sheet[1:]] == [
        (1, "Rash", "G1", "Mild"), (2, "Nausea", "G2", "Moderate"), (3, "Fall", "G3", "Severe")]
