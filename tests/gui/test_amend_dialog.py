"""The protocol amendment dialog, driven from the Admin menu by keyboard and mouse."""

from __future__ import annotations

from amend_support import edit, seed_patients, study_copy
from gui_helpers import choose, combo_named, show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton

from ui.dialogs.amendment import AmendmentDialog
from ui.main_window import MainWindow
from vo_crf.amend import prepare_amendment
from vo_crf.entry import EntryService, FormKey


def _small_amendment(tmp_path):  # noqa: ANN001, ANN202
    folder = study_copy(tmp_path)
    edit(folder, "data_dictionary.csv", '"1, Male | 2, Female"', '"M, Male | F, Female"')
    edit(folder, "data_dictionary.csv",
         "img_comment,imaging,,notes,Radiologist's comment,,,,,,,,,,,,,\n", "")
    return folder


def test_admin_maps_each_blocking_item_and_applies_the_amendment(
        project, users, make_session, qtbot, on_modal, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    first, second, _ = seed_patients(project, users["nurse"])
    folder = _small_amendment(tmp_path)
    monkeypatch.setattr("ui.file_dialogs.ask_folder", lambda *args, **kw: folder)
    window = MainWindow(make_session(users["admin"]))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    show_active(qtbot, window)
    reopened: list[str] = []
    window.reopen_database.connect(reopened.append)
    seen: dict[str, object] = {}

    def confirm(box) -> None:  # noqa: ANN001
        seen["message"] = box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    def map_and_apply(dialog) -> None:  # noqa: ANN001
        assert dialog.objectName() == "amendmentDialog"
        seen["changes"] = dialog.changes.rowCount()
        highlighted = {dialog.changes.item(row, 0).background().color().name()
                       for row in range(dialog.changes.rowCount())}
        assert highlighted == {"#f8d7da"}  # all three touch stored data unmapped
        apply_button = dialog.findChild(QPushButton, "applyAmendment")
        assert not apply_button.isEnabled()
        choose(qtbot, combo_named(dialog, "field img_comment was removed"), "Delete the values")
        choose(qtbot, combo_named(dialog, "sex: code 1 "), "Code M — Male")
        assert not apply_button.isEnabled()  # code 2 is still unmapped
        choose(qtbot, combo_named(dialog, "sex: code 2 "), "Code F — Female")
        assert apply_button.isEnabled()
        on_modal(confirm)
        qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)

    on_modal(map_and_apply)
    action = window.findChild(QAction, "action_amendment")
    assert action.isEnabled()
    action.trigger()

    assert seen["changes"] == 3
    assert "1 moved" not in seen["message"] and "3 value(s) recoded" in seen["message"]
    assert "Backup made before the change: " in seen["message"]
    assert "before-amendment" in seen["message"]  # the backup's file name says why
    assert reopened == [project.url]
    assert project.definition_version == 2
    service = EntryService(project, users["nurse"])
    assert service.open_form(FormKey(first, "m0_arm_1", "enrolment")).values["sex"] == "M"
    assert service.open_form(FormKey(second, "m0_arm_1", "enrolment")).values["sex"] == "F"


def test_an_amendment_without_blockers_has_nothing_to_map_and_applies_at_once(
        project, users, qtbot, tmp_path) -> None:  # noqa: ANN001
    seed_patients(project, users["nurse"])
    folder = study_copy(tmp_path)
    edit(folder, "data_dictionary.csv", "Radicular pain", "Radiating pain")
    dialog = AmendmentDialog(project, users["admin"],
                             prepare_amendment(project, users["admin"], folder))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.changes.rowCount() == 1
    assert dialog.changes.item(0, 1).text() == (
        "clin_radicular: label 'Radicular pain' -> 'Radiating pain'")
    assert dialog.findChildren(QComboBox) == []
    apply_button = dialog.findChild(QPushButton, "applyAmendment")
    assert apply_button.isEnabled()
    qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.version == 2
    assert project.study.field("clin_radicular").label == "Radiating pain"


def test_every_kind_of_change_has_a_readable_name(project, users, qtbot, tmp_path) -> None:  # noqa: ANN001
    from ui.dialogs.amendment_labels import change_kind_label
    from vo_crf.amend import ChangeKind

    assert all(change_kind_label(kind) for kind in ChangeKind)
    folder = _small_amendment(tmp_path)
    dialog = AmendmentDialog(project, users["admin"],
                             prepare_amendment(project, users["admin"], folder))
    qtbot.addWidget(dialog)
    kinds = {dialog.changes.item(row, 0).text() for row in range(dialog.changes.rowCount())}
    assert kinds == {"Choice recoded", "Field removed"}


def test_the_changes_are_described_in_french_in_the_french_gui(project, users, qtbot, tmp_path,
                                                               french) -> None:  # noqa: ANN001
    folder = _small_amendment(tmp_path)
    edit(folder, "data_dictionary.csv", "Age at enrolment (years)", "Âge à l'inclusion (ans)")
    dialog = AmendmentDialog(project, users["admin"],
                             prepare_amendment(project, users["admin"], folder))
    qtbot.addWidget(dialog)
    texts = {dialog.changes.item(row, 1).text() for row in range(dialog.changes.rowCount())}
    assert any(text.startswith("sex : choix 'Male' recodé") for text in texts), texts
    assert any("supprimé" in text and "img_comment" in text for text in texts), texts
    assert not any("removed" in text or "recoded" in text or " label " in text
                   for text in texts), texts


def test_the_gui_lists_every_wording_of_a_change_for_translation() -> None:
    from ui.dialogs.amendment_labels import CHANGE_TEMPLATES
    from vo_crf.amend.diff import TEMPLATES

    assert set(CHANGE_TEMPLATES) == set(TEMPLATES)
