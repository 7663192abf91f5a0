"""A first sync of a site holding many attached files does not hold them all in memory at once
(issue 13: performance with file fields): the change set keeps each file on disk from the moment
it is read until the receiver stores it, one at a time. Every file still arrives whole.

Measured as ``tests/exchange/test_file_import_memory.py`` measures an ODM import: Python's
memory (tracemalloc) across a whole sync, against the total size of the files.
"""

from __future__ import annotations

import random
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from redcap_studies import ADMIN, FILE_FIELDS, init_study
from sync_helpers import CENTRALS, make_site

from vo_crf.attachments.store import attach_file, read_attachment
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project, init_project, open_project
from vo_crf.sync.run import synchronise

EVENT = "event_1_arm_1"
RECORDS = 16
FILE_BYTES = 1_500_000
TOTAL = RECORDS * FILE_BYTES


@pytest.fixture
def template(tmp_path: Path) -> Path:
    init_study(tmp_path, FILE_FIELDS, "template").close()
    return tmp_path / "template.sqlite"


def _site(template: Path, tmp_path: Path, code: str) -> Project:
    return make_site(template, tmp_path, code, ADMIN)


@pytest.fixture
def site(template: Path, tmp_path: Path) -> Iterator[Project]:
    project = _site(template, tmp_path, "1")
    yield project
    project.close()


@pytest.fixture(params=CENTRALS)
def central(request: pytest.FixtureRequest, template: Path, tmp_path: Path) -> str:
    if request.param == "postgresql":
        url = str(request.getfixturevalue("empty_postgres_url"))
        init_project(url, "admin", "admin-pass-1", study_texts=FILE_FIELDS).close()
        return url
    path = tmp_path / "central.sqlite"
    shutil.copy(template, path)
    return str(path)


def _with_scans(project: Project, tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    """RECORDS records at the site, each with a scanned consent of 1.5 MB: by record, the
    value naming the file and its bytes."""
    rng = random.Random(7)
    service = EntryService(project, ADMIN)
    scans: dict[str, tuple[str, bytes]] = {}
    for number in range(1, RECORDS + 1):
        record = create_record(project, ADMIN, "1", f"1-{number:03d}")
        scan = tmp_path / f"consent-{number}.pdf"
        content = rng.randbytes(FILE_BYTES)
        scan.write_bytes(content)
        value = attach_file(project.engine, scan).value
        service.save_form(FormKey(record, EVENT, "consent"), {"consent_scan": value}, 1)
        scans[record] = (value, content)
    return scans


def _peak_of_sync(site: Project, central: str) -> int:
    tracemalloc.start()
    try:
        synchronise(site, ADMIN, central)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_first_sync_of_many_files_holds_only_a_few_in_memory(
        site: Project, central: str, template: Path, tmp_path: Path) -> None:
    scans = _with_scans(site, tmp_path)
    peak = _peak_of_sync(site, central)  # the site sends every file
    assert peak < TOTAL * 0.4, f"push: peak {peak / 1e6:.1f} MB for {TOTAL / 1e6:.0f} MB of files"
    other = _site(template, tmp_path, "2")
    try:
        peak = _peak_of_sync(other, central)  # a new site receives every file
        assert peak < TOTAL * 0.4, \
            f"pull: peak {peak / 1e6:.1f} MB for {TOTAL / 1e6:.0f} MB of files"
        hub = open_project(central)
        try:
            for where in (hub, other):
                service = EntryService(where, ADMIN)
                for record, (value, content) in scans.items():
                    state = service.open_form(FormKey(record, EVENT, "consent"))
                    assert state.value("consent_scan") == value
                    found = read_attachment(where.engine, value)
                    assert found is not None and found[1] == content, (where.url, record)
        finally:
            hub.close()
    finally:
        other.close()

