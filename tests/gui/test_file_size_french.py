"""A file field says the file's size in the interface's language (French: octets, ko, Mo)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import show_active
from redcap_studies import FILE_FIELDS, init_study

from ui.forms.editor import FormEditor
from vo_crf.attachments.store import attach_bytes
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

ADMIN = CurrentUser("admin", Role.ADMIN)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """The file-fields study (overrides the VO study database of the GUI tests)."""
    opened = init_study(tmp_path, FILE_FIELDS, "files")
    yield opened
    opened.close()


@pytest.mark.parametrize(("size", "shown"), [(18, "18 octets"), (3050, "3,0 ko"),
                                             (2_500_000, "2,5 Mo")])
def test_file_size_in_french(project, make_session, french, qtbot, size: int,
                             shown: str) -> None:  # noqa: ANN001
    record_id = create_record(project, ADMIN, "1", "P-1")
    ref = attach_bytes(project.engine, b"x" * size, "scan.pdf", "application/pdf")
    key = FormKey(record_id, "event_1_arm_1", "consent")
    EntryService(project, ADMIN).save_form(key, {"consent_scan": ref.value}, 0)
    editor = FormEditor(make_session(ADMIN), key)
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    text = editor.rows["consent_scan"].editor.name_label.text()
    assert text == f"scan.pdf ({shown}, application/pdf)"
