"""REDCap ``file`` fields (issue 13): attachments stored with name, type, size and SHA-256,
audited like values, exported as REDCap does ("[document]" in CSV, base64 in ODM), imported
from ODM and carried by sync. Small inline studies, not the VO study."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader
from redcap_studies import ADMIN, FILE_FIELDS, init_study
from trail_entries import trail_entries

from vo_crf.attachments.reference import MAX_ATTACHMENT_BYTES, REDCAP_DOCUMENT, parse_reference
from vo_crf.attachments.store import AttachmentError, attach_file, read_attachment
from vo_crf.audit.trail import AuditAction
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.exchange.script_exports import export_r, export_sas
from vo_crf.exchange.stats_export import export_csv, export_spss, export_stata
from vo_crf.project import Project, open_project
from vo_crf.reports.patient_reports import write_patient_reports
from vo_crf.reports.workbook import export_workbook
from vo_crf.sync.node import set_site_code
from vo_crf.sync.run import synchronise

EVENT = "event_1_arm_1"
FILES = FILE_FIELDS

PDF = b"%PDF-1.4\n% a scanned consent\n" + bytes(range(256)) * 40


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = init_study(tmp_path, FILES, "files")
    yield project
    project.close()


def _scan(tmp_path: Path, name: str = "consent P-1.pdf", content: bytes = PDF) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _with_consent(project: Project, tmp_path: Path) -> str:
    """A record whose consent form holds the scanned PDF; return the stored value."""
    record = create_record(project, ADMIN, "1", "P-1")
    ref = attach_file(project.engine, _scan(tmp_path), "Scanned consent")
    EntryService(project, ADMIN).save_form(
        FormKey(record, EVENT, "consent"),
        {"consent_date": "2024-03-01", "consent_scan": ref.value}, 1)
    return ref.value


def test_a_file_field_is_entered_not_read_only(project: Project) -> None:
    field = project.study.field("consent_scan")
    assert not field.is_read_only
    assert project.study.field("consent_sign").is_signature
    assert not field.is_signature
    assert not any("consent_scan" in warning for warning in project.study.warnings)


def test_attached_file_is_stored_with_name_type_size_and_sha256_and_audited(
        project: Project, tmp_path: Path) -> None:
    value = _with_consent(project, tmp_path)
    ref = parse_reference(value)
    assert ref is not None
    assert (ref.name, ref.mime_type, ref.size, ref.sha256) == (
        "consent P-1.pdf", "application/pdf", len(PDF), hashlib.sha256(PDF).hexdigest())
    state = EntryService(project, ADMIN).open_form(FormKey("P-1", EVENT, "consent"))
    assert state.value("consent_scan") == value
    found = read_attachment(project.engine, state.value("consent_scan"))
    assert found is not None and found[1] == PDF
    # replacing the file is an ordinary audited change; the old file can still be opened
    other = attach_file(project.engine, _scan(tmp_path, "consent v2.pdf", PDF + b"v2"))
    EntryService(project, ADMIN).save_form(FormKey("P-1", EVENT, "consent"),
                                           {"consent_scan": other.value}, 1,
                                           reason="signed page was missing")
    rows = trail_entries(project, field="consent_scan")
    assert [(r.action, r.old_value, r.new_value) for r in rows] == [
        (AuditAction.VALUE_INSERT.value, None, value),
        (AuditAction.VALUE_UPDATE.value, value, other.value)]
    assert rows[1].reason == "signed page was missing" and rows[1].username == "admin"
    old = read_attachment(project.engine, rows[1].old_value or "")
    assert old is not None and old[1] == PDF


def test_a_file_over_the_size_limit_is_refused_naming_the_field(project: Project,
                                                                tmp_path: Path) -> None:
    big = tmp_path / "mri.dcm"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 5_000_000)
    with pytest.raises(AttachmentError, match=r"MRI report: mri.dcm is 25.0 MB; a file field "
                                              r"takes files of at most 20.0 MB"):
        attach_file(project.engine, big, "MRI report")


def test_a_value_naming_a_file_the_database_does_not_hold_is_refused(project: Project) -> None:
    record = create_record(project, ADMIN, "1", "P-1")
    ghost = f"x.pdf; application/pdf; 3 bytes; sha256:{'0' * 64}"
    from vo_crf.entry import SaveRefused
    with pytest.raises(SaveRefused, match="Scanned consent.*not stored in this database"):
        EntryService(project, ADMIN).save_form(FormKey(record, EVENT, "consent"),
                                               {"consent_scan": ghost}, 1)


def test_redcap_csv_writes_document_and_reimport_keeps_the_file(project: Project,
                                                                 tmp_path: Path) -> None:
    value = _with_consent(project, tmp_path)
    out = tmp_path / "records.csv"
    export_redcap_csv(project, ADMIN, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["consent_scan"] == REDCAP_DOCUMENT and rows[0]["mri_report"] == ""
    import_redcap_csv(project, ADMIN, out)  # the marker carries no file: the file stays
    state = EntryService(project, ADMIN).open_form(FormKey("P-1", EVENT, "consent"))
    assert state.value("consent_scan") == value


def test_odm_carries_the_file_whole_as_redcap_does(project: Project, tmp_path: Path) -> None:
    value = _with_consent(project, tmp_path)
    out = tmp_path / "study.xml"
    export_odm(project, ADMIN, out)
    root = etree.parse(str(out)).getroot()
    items = root.findall(".//{*}ItemDataBase64Binary")
    assert len(items) == 1
    item = items[0]
    assert item.get("ItemOID") == "consent_scan"
    assert item.get("{https://projectredcap.org}DocName") == "consent P-1.pdf"
    assert item.get("{https://projectredcap.org}MimeType") == "application/pdf"
    assert base64.b64decode(item.text or "") == PDF
    copy = init_study(tmp_path, FILES, "copy")
    import_odm(copy, ADMIN, out)
    state = EntryService(copy, ADMIN).open_form(FormKey("P-1", EVENT, "consent"))
    assert state.value("consent_scan") == value
    found = read_attachment(copy.engine, state.value("consent_scan"))
    assert found is not None and found[1] == PDF
    copy.close()


def test_statistics_files_and_workbook_name_the_file(project: Project, tmp_path: Path) -> None:
    _with_consent(project, tmp_path)
    export_spss(project, ADMIN, tmp_path / "data.sav")
    export_stata(project, ADMIN, tmp_path / "stata.dta")
    assert pd.read_spss(tmp_path / "data.sav")["consent_scan"].tolist() == ["consent P-1.pdf"]
    assert pd.read_stata(tmp_path / "stata.dta")["consent_scan"].tolist() == ["consent P-1.pdf"]
    export_workbook(project, ADMIN, tmp_path / "book.xlsx")
    sheet = load_workbook(tmp_path / "book.xlsx", read_only=True)["Data"]
    rows = list(sheet.iter_rows(values_only=True))
    column = list(rows[0]).index("consent_scan")
    assert rows[1][column] == "consent P-1.pdf"


def test_the_record_pdf_names_the_attached_file(project: Project, tmp_path: Path) -> None:
    _with_consent(project, tmp_path)
    written = write_patient_reports(project, ADMIN, tmp_path / "reports")
    text = " ".join(page.extract_text() for page in PdfReader(str(written[0])).pages)
    assert "consent P-1.pdf" in text and "sha256" not in text


def test_r_sas_and_statistics_csv_exports(project: Project, tmp_path: Path) -> None:
    _with_consent(project, tmp_path)
    export_r(project, ADMIN, tmp_path / "vo.R")
    export_sas(project, ADMIN, tmp_path / "vo_sas.sas")
    export_csv(project, ADMIN, tmp_path / "stats.csv")
    expected = {"vo_data.csv": REDCAP_DOCUMENT, "vo_sas_data.csv": REDCAP_DOCUMENT,
                "stats.csv": "consent P-1.pdf"}
    for data, shown in expected.items():
        row = next(csv.DictReader(io.StringIO((tmp_path / data).read_text("utf-8"))))
        assert (row["consent_scan"], row["mri_report"]) == (shown, ""), data


def test_a_file_entered_at_a_site_reaches_central_and_the_other_site(
        project: Project, tmp_path: Path) -> None:
    template = tmp_path / "files.sqlite"
    project.close()
    copies = {}
    for name in ("central", "site1", "site2"):
        copies[name] = tmp_path / f"{name}.sqlite"
        shutil.copy(template, copies[name])
    site1, site2 = open_project(str(copies["site1"])), open_project(str(copies["site2"]))
    set_site_code(site1, ADMIN, "1")
    set_site_code(site2, ADMIN, "2")
    value = _with_consent(site1, tmp_path)
    synchronise(site1, ADMIN, str(copies["central"]))
    synchronise(site2, ADMIN, str(copies["central"]))
    central = open_project(str(copies["central"]))
    for where in (central, site2):
        state = EntryService(where, ADMIN).open_form(FormKey("P-1", EVENT, "consent"))
        assert state.value("consent_scan") == value
        found = read_attachment(where.engine, value)
        assert found is not None and found[1] == PDF
    for opened in (central, site1, site2):
        opened.close()


def test_de_identified_exports_leave_files_out(project: Project, tmp_path: Path) -> None:
    _with_consent(project, tmp_path)
    export_odm(project, ADMIN, tmp_path / "deid.xml", deidentified=True)
    text = (tmp_path / "deid.xml").read_text(encoding="utf-8")
    assert "ItemDataBase64Binary" not in text and "consent P-1.pdf" not in text
    export_redcap_csv(project, ADMIN, tmp_path / "deid.csv", deidentified=True)
    head = (tmp_path / "deid.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "consent_scan" not in head and "consent_sign" not in head


def test_odm_with_files_is_odm_1_3_2_plus_redcaps_two_attributes(project: Project,
                                                                  tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    xsd = Path("/work/shared/spec/odm1-3-2/ODM1-3-2.xsd")
    if not xsd.exists():
        pytest.skip("ODM 1.3.2 schema not available")
    _with_consent(project, tmp_path)
    out = tmp_path / "study.xml"
    export_odm(project, ADMIN, out)
    tree = etree.parse(str(out))
    for item in tree.iter("{*}ItemDataBase64Binary"):
        for name in ("DocName", "MimeType"):
            del item.attrib[f"{{https://projectredcap.org}}{name}"]
    stripped = tmp_path / "stripped.xml"
    tree.write(str(stripped), xml_declaration=True, encoding="utf-8")
    assert list(xmlschema.XMLSchema(str(xsd)).iter_errors(str(stripped))) == []
