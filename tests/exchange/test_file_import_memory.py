"""Importing an ODM file carrying many attachments does not hold every file in memory
(issue 13: performance with file fields). Each file is kept on disk from the moment it is read
until it is stored; the import keeps its all-or-nothing guarantee."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest
from redcap_studies import ADMIN, FILE_FIELDS, init_study

from vo_crf.attachments.store import attach_file, read_attachment
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.import_common import ImportFailed
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.project import Project

EVENT = "event_1_arm_1"
RECORDS = 16
FILE_BYTES = 1_500_000


def _odm_with_files(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An ODM export of RECORDS records, each with a scanned consent of 1.5 MB."""
    project = init_study(tmp_path, FILE_FIELDS, "source")
    rng = random.Random(5)
    scans: dict[str, bytes] = {}
    service = EntryService(project, ADMIN)
    for number in range(1, RECORDS + 1):
        record = create_record(project, ADMIN, "1", f"P-{number:02d}")
        scan = tmp_path / f"consent-{number}.pdf"
        scans[record] = rng.randbytes(FILE_BYTES)
        scan.write_bytes(scans[record])
        service.save_form(FormKey(record, EVENT, "consent"),
                          {"consent_scan": attach_file(project.engine, scan).value}, 1)
    out = tmp_path / "with-files.xml"
    export_odm(project, ADMIN, out, include_audit=False)
    project.close()
    return out, scans


@pytest.fixture
def target(tmp_path: Path) -> Project:
    project = init_study(tmp_path, FILE_FIELDS, "target")
    yield project
    project.close()


def test_odm_import_of_many_files_holds_only_a_few_in_memory(tmp_path: Path,
                                                             target: Project) -> None:
    xml, scans = _odm_with_files(tmp_path)
    tracemalloc.start()
    try:
        summary = import_odm(target, ADMIN, xml)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.forms_saved == RECORDS
    total = RECORDS * FILE_BYTES
    assert peak < total * 0.4, f"peak {peak / 1e6:.1f} MB for {total / 1e6:.0f} MB of files"
    service = EntryService(target, ADMIN)
    for record, content in scans.items():
        value = service.open_form(FormKey(record, EVENT, "consent")).values["consent_scan"]
        found = read_attachment(target.engine, value)
        assert found is not None and found[1] == content, record


def test_a_refused_odm_import_with_files_stores_none_of_them(tmp_path: Path,
                                                             target: Project) -> None:
    xml, scans = _odm_with_files(tmp_path)
    text = xml.read_text(encoding="utf-8")
    last = text.rindex("<ItemDataBase64Binary")  # the last record gets a bad date
    bad = text[:last] + '<ItemData ItemOID="consent_date" Value="not a date"/>' + text[last:]
    broken = tmp_path / "broken.xml"
    broken.write_text(bad, encoding="utf-8")
    with pytest.raises(ImportFailed):
        import_odm(target, ADMIN, broken)
    with target.engine.connect() as connection:
        held = connection.exec_driver_sql("SELECT count(*) FROM attachments").scalar_one()
    assert held == 0 and len(scans) == RECORDS
