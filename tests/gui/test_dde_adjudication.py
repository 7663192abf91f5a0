"""Double data entry in the GUI: two nurses enter biology, an investigator adjudicates."""

from __future__ import annotations

from pathlib import Path

import dde_study
import pytest
from dde_study import RECORD, SECOND_NURSE
from gui_helpers import focused, press, show_active, type_keys
from PySide6.QtCore import Qt
from trail_entries import trail_entries

from ui.dde.comparison import FIELD, FINAL, ComparisonDialog
from ui.forms.editor import FormEditor
from ui.session import AppSession
from ui.settings import Settings
from ui.signals import app_signals
from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryService, DoubleEntryStatus
from vo_crf.entry import EntryService, FormKey
from vo_crf.project import Project
from vo_crf.write import Changes

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

BIO = FormKey(RECORD, "m0_arm_1", "biology")
NURSE_2 = CurrentUser(SECOND_NURSE, Role.NURSE)


@pytest.fixture
def open_biology(dde_project: Project, tmp_path: Path, isolated_settings: Settings, qtbot):
    """Open the M0 biology form in an editor, as a given user."""

    def open_as(user: CurrentUser) -> FormEditor:
        session = AppSession(dde_project, user, isolated_settings,
                             tmp_path / f"drafts-{user.username}.sqlite")
        editor = FormEditor(session, BIO)
        qtbot.addWidget(editor)
        editor.resize(1000, 700)
        show_active(qtbot, editor)
        return editor

    return open_as


def enter_by_keyboard(editor: FormEditor, qtbot, values: list[str]) -> None:
    """Type the biology values field after field with Tab, choose Complete, Ctrl+S."""
    editor.first_focus().setFocus()
    for text in values:
        type_keys(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "formStatus"
    type_keys(qtbot, "C")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def status(project: Project) -> DoubleEntryStatus:
    return DoubleEntryService(project, CurrentUser("admin", Role.ADMIN)).status(BIO)


def test_two_entries_then_adjudication_by_mouse_and_keyboard(
        open_biology, dde_project: Project, users: dict, on_modal, qtbot) -> None:
    first = open_biology(users["nurse"])
    assert "entry 1 of 2" in first.double_entry.label.text()
    assert not first.double_entry.compare_button.isVisible()  # nurses do not adjudicate
    enter_by_keyboard(first, qtbot, ["2024-03-05", "120", "80", "12.5"])
    qtbot.waitUntil(lambda: status(dde_project) is DoubleEntryStatus.AWAITING_ENTRY_2)
    assert "entry 1 of 2 is saved" in first.banner.text()
    first.close()

    second = open_biology(NURSE_2)
    assert "entry 2 of 2" in second.double_entry.label.text()
    assert all(row.value() == "" for row in second.rows.values())  # entry 1 is not shown
    enter_by_keyboard(second, qtbot, ["2024-03-05", "210", "8", "12.50"])
    qtbot.waitUntil(lambda: status(dde_project) is DoubleEntryStatus.READY)
    second.close()

    adjudicator = open_biology(users["inv"])
    assert adjudicator.read_only  # a third user: no entry of their own
    assert all(row.value() == "" for row in adjudicator.rows.values())
    compare = adjudicator.double_entry.compare_button
    assert compare.isVisible() and compare.isEnabled()
    seen: dict[str, object] = {}

    def adjudicate(dialog: ComparisonDialog) -> None:
        table = dialog.table
        seen["rows"] = [(table.item(i, FIELD).text(), table.item(i, 1).text(),
                         table.item(i, 2).text()) for i in range(table.rowCount())]
        assert table.currentRow() == 1  # on the first difference (CRP)
        qtbot.mouseClick(dialog.use_2, Qt.MouseButton.LeftButton)  # CRP: entry 2's 210
        assert table.item(1, FINAL).text() == "210" and table.currentRow() == 2  # next one
        esr = table.visualItemRect(table.item(2, FIELD)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=esr)
        press(qtbot, Qt.Key.Key_End)  # to the Final value column
        type_keys(qtbot, "8")  # starts editing the cell
        type_keys(qtbot, "0")
        qtbot.mouseClick(dialog.adjudicate_button, Qt.MouseButton.LeftButton)  # commits "80"
        seen["without reason"] = dialog.problem.text()
        qtbot.mouseClick(dialog.reason, Qt.MouseButton.LeftButton)
        type_keys(qtbot, "checked against the lab report")
        qtbot.mouseClick(dialog.adjudicate_button, Qt.MouseButton.LeftButton)

    on_modal(adjudicate)
    announced: list[Changes] = []
    app_signals().operation_did_execute.connect(lambda changes, _by: announced.append(changes))
    qtbot.mouseClick(compare, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status(dde_project) is DoubleEntryStatus.ADJUDICATED)
    # the adjudication's own summary goes to every screen: the final values of this form
    place = (BIO.record_id, BIO.event, BIO.form, BIO.instance)
    qtbot.waitUntil(lambda: any((*place, "bio_crp") in changes.fields for changes in announced))
    assert seen["rows"] == [
        ("Date of blood sample (bio_date)", "2024-03-05", "2024-03-05"),
        ("C-reactive protein (bio_crp)", "120", "210"),
        ("Erythrocyte sedimentation rate (1st hour) (bio_esr)", "80", "8"),
        ("White blood cell count (bio_wbc)", "12.5", "12.50")]
    assert "give a reason" in str(seen["without reason"])
    final = {"bio_date": "2024-03-05", "bio_crp": "210", "bio_esr": "80", "bio_wbc": "12.5"}
    assert EntryService(dde_project, users["inv"]).open_form(BIO).values == final
    # the editor now shows the final values of an ordinary form
    qtbot.waitUntil(lambda: not adjudicator.double_entry.isVisible())
    assert adjudicator.rows["bio_crp"].value() == "210"
    resolved = [(r.field, r.old_value, r.new_value) for r in trail_entries(
        dde_project, action=str(AuditAction.DDE_RESOLVE)) if r.field is not None]
    assert resolved == [
        ("bio_crp", "entry 1: 120 | entry 2: 210", "210"),
        ("bio_esr", "entry 1: 80 | entry 2: 8", "80")]
