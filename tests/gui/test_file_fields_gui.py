"""A ``file`` field in the form (issue 13): attached by keyboard through the application's file
dialog, saved with the form, shown by name and size after reopening; too large a file is
refused with a message under the field. An inline study, not the VO study."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from redcap_studies import FILE_FIELDS, init_study
from trail_entries import trail_entries

from ui.forms.attachments import FileFieldEditor
from ui.forms.editor import FormEditor
from vo_crf.attachments.reference import MAX_ATTACHMENT_BYTES
from vo_crf.attachments.store import read_attachment
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

EVENT = "event_1_arm_1"
ADMIN = CurrentUser("admin", Role.ADMIN)
SCAN = b"%PDF-1.4\n% consent of P-1\n" + b"x" * 3000


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """The file-fields study (overrides the VO study database of the GUI tests)."""
    opened = init_study(tmp_path, FILE_FIELDS, "files")
    yield opened
    opened.close()


@pytest.fixture
def open_consent(project, make_session, qtbot):  # noqa: ANN001, ANN201
    record_id = create_record(project, ADMIN, "1", "P-1")

    def build() -> FormEditor:
        editor = FormEditor(make_session(ADMIN), FormKey(record_id, EVENT, "consent"))
        qtbot.addWidget(editor)
        editor.resize(1000, 800)
        show_active(qtbot, editor)
        return editor

    return build


def _choose_file(qtbot, path: Path):  # noqa: ANN001, ANN202
    """As a user in the file dialog: type the file's full path, press Enter."""
    def handler(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        assert dialog.fileMode() is QFileDialog.FileMode.ExistingFile
        type_keys(qtbot, str(path))
        press(qtbot, Qt.Key.Key_Return)
    return handler


def test_a_file_attached_by_keyboard_is_saved_and_shown_after_reopening(
        open_consent, project, tmp_path, qtbot, on_modal) -> None:  # noqa: ANN001
    scan = tmp_path / "consent P-1.pdf"
    scan.write_bytes(SCAN)
    editor = open_consent()
    field = editor.rows["consent_scan"].editor
    assert isinstance(field, FileFieldEditor)
    assert field.name_label.text() == "No file attached"
    assert not field.open_button.isEnabled() and not field.remove_button.isEnabled()
    editor.rows["consent_date"].editor.focus_widget().setFocus()
    type_keys(qtbot, "2024-03-01")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is field.attach_button
    on_modal(_choose_file(qtbot, scan))
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: field.name_label.text().startswith("consent P-1.pdf"))
    assert field.name_label.text() == "consent P-1.pdf (3.0 kB, application/pdf)"
    assert editor.dirty
    show_active(qtbot, editor)  # the offscreen platform has no window manager to do it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field.attach_button)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is field.open_button
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is field.remove_button
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    editor.close()

    reopened = open_consent()
    shown = reopened.rows["consent_scan"].editor
    assert isinstance(shown, FileFieldEditor)
    assert shown.name_label.text() == "consent P-1.pdf (3.0 kB, application/pdf)"
    assert shown.open_button.isEnabled() and shown.remove_button.isEnabled()
    value = EntryService(project, ADMIN).open_form(reopened.key).value("consent_scan")
    found = read_attachment(project.engine, value)
    assert found is not None and found[1] == SCAN
    (audit,) = trail_entries(project, field="consent_scan")
    assert audit.new_value == value and audit.username == "admin"


def test_remove_by_keyboard_is_saved_and_too_large_a_file_is_refused_with_a_message(
        open_consent, project, tmp_path, qtbot, on_modal) -> None:  # noqa: ANN001
    big = tmp_path / "mri.dcm"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 5_000_000)
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"y" * 10)
    editor = open_consent()
    field = editor.rows["consent_scan"].editor
    field.attach_button.setFocus()
    on_modal(_choose_file(qtbot, big))
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(field.message.isVisible)
    show_active(qtbot, editor)
    assert field.message.text() == ("Scanned consent: mri.dcm is 25.0 MB; a file field takes "
                                    "files of at most 20.0 MB [rule: file size]")
    assert field.value() == "" and not editor.dirty
    on_modal(_choose_file(qtbot, scan))
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: field.value() != "")
    show_active(qtbot, editor)
    assert not field.message.isVisible()
    assert field.name_label.text() == "scan.png (18 bytes, image/png)"
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    field.remove_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert field.name_label.text() == "No file attached" and editor.dirty
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    assert EntryService(project, ADMIN).open_form(editor.key).value("consent_scan") == ""


def test_a_signature_drawn_on_the_pad_is_saved_as_a_png_and_shown_after_reopening(
        open_consent, project, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage

    from ui.forms.signature import SignatureFieldEditor

    editor = open_consent()
    field = editor.rows["consent_sign"].editor
    assert isinstance(field, SignatureFieldEditor)
    assert not field.attach_button.isVisible()
    field.use_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # nothing drawn yet
    assert field.message.text() == "Sign on the pad first (drag the mouse or the pen)."
    pad = field.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))
    for x in range(30, 400, 10):
        qtbot.mouseMove(pad, QPoint(x, 100 - (x % 60)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(400, 60))
    assert pad.has_drawing
    field.use_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert field.name_label.text().startswith("signature.png (")
    assert field.name_label.text().endswith(", image/png)") and editor.dirty
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty)
    editor.close()

    reopened = open_consent()
    shown = reopened.rows["consent_sign"].editor
    assert shown.name_label.text().startswith("signature.png (")
    assert shown.pad.shown is not None  # the saved signature is on the pad again
    value = EntryService(project, ADMIN).open_form(reopened.key).value("consent_sign")
    found = read_attachment(project.engine, value)
    assert found is not None and found[1].startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(found[1], "PNG")
    dark = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 20  # the strokes drawn are in the stored image
