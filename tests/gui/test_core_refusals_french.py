"""The core's refusals reach a French user in French: the core keeps each refusal's wording and
its arguments (``vo_crf.wording``), the GUI says it in the interface's language (sizes in Mo,
the framing of an import's refusal too). A file too large for a file field, attached in the
form or carried by an ODM import, and an output onto the study database itself."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import press, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from redcap_studies import FILE_FIELDS, init_study
from report_steps import (
    choose_save_path,
    import_refusal_shown,
    menu_entry,
    read_message_box,
    reports_menu,
)

from ui.forms.editor import FormEditor
from vo_crf.attachments.reference import MAX_ATTACHMENT_BYTES
from vo_crf.attachments.store import attach_bytes
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.project import Project

ADMIN = CurrentUser("admin", Role.ADMIN)
EVENT = "event_1_arm_1"
TOO_LARGE = MAX_ATTACHMENT_BYTES + 5_000_000  # 25 MB


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """The file-fields study (overrides the VO study database of the GUI tests)."""
    opened = init_study(tmp_path, FILE_FIELDS, "files")
    yield opened
    opened.close()


def _choose_file(qtbot, path: Path):  # noqa: ANN001, ANN202
    """As a user in the file dialog: type the file's full path, press Enter."""
    def handler(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        type_keys(qtbot, str(path))
        press(qtbot, Qt.Key.Key_Return)
    return handler


def test_a_file_too_large_for_the_form_is_refused_in_french(
        project, make_session, french, qtbot, on_modal, tmp_path: Path) -> None:  # noqa: ANN001
    big = tmp_path / "irm.dcm"
    with big.open("wb") as handle:
        handle.truncate(TOO_LARGE)
    record_id = create_record(project, ADMIN, "1", "P-1")
    editor = FormEditor(make_session(ADMIN), FormKey(record_id, EVENT, "consent"))
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    field = editor.rows["consent_scan"].editor
    field.attach_button.setFocus()
    on_modal(_choose_file(qtbot, big))
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(field.message.isVisible)
    assert field.message.text() == (
        "Scanned consent : irm.dcm fait 25,0 Mo ; un champ fichier prend des fichiers de "
        "20,0 Mo au plus [règle : taille de fichier]")


def _odm_carrying_a_large_file(project: Project, tmp_path: Path) -> Path:
    """Our own ODM export of patient P-1, its scanned consent swapped for a 25 MB file."""
    record_id = create_record(project, ADMIN, "1", "P-1")
    ref = attach_bytes(project.engine, b"%PDF-1.4 small", "consent.pdf", "application/pdf")
    EntryService(project, ADMIN).save_form(FormKey(record_id, EVENT, "consent"),
                                           {"consent_scan": ref.value}, 0)
    exported = tmp_path / "exported.xml"
    export_odm(project, ADMIN, exported, include_audit=False)
    small = base64.b64encode(b"%PDF-1.4 small").decode()
    large = tmp_path / "autre site.xml"
    large.write_text(exported.read_text(encoding="utf-8").replace(
        small, base64.b64encode(b"x" * TOO_LARGE).decode()), encoding="utf-8")
    return large


def test_an_import_carrying_a_file_too_large_is_refused_in_french(
        project, make_session, french, qtbot, on_named_modal, monkeypatch,  # noqa: ANN001
        tmp_path: Path) -> None:
    odm = _odm_carrying_a_large_file(project, tmp_path)
    menu = reports_menu(qtbot, make_session(ADMIN))
    text = import_refusal_shown(qtbot, on_named_modal, monkeypatch, menu, odm, "Importer")
    assert "Échec : import refusé, rien n’a été enregistré :\nligne " in text, text
    assert ": Scanned consent (consent_scan) : consent.pdf fait 25,0 Mo ; un champ fichier " \
           "prend des fichiers de 20,0 Mo au plus [règle : taille de fichier]" in text, text
    assert "ligne " in text and "line " not in text and "MB" not in text, text


def test_an_output_onto_the_study_database_is_refused_in_french(
        project, make_session, french, qtbot, monkeypatch) -> None:  # noqa: ANN001
    database = Path(project.engine.url.database or "")
    menu = reports_menu(qtbot, make_session(ADMIN))
    choose_save_path(monkeypatch, database)
    shown = read_message_box()
    menu_entry(menu.menu, "Chronologies de tous les patients").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0] == (f"Échec : {database} est la base de l’étude elle-même : y écrire "
                        "détruirait l’étude. Choisissez un autre nom de fichier."), shown[0]
