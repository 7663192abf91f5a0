"""The amendment dialog asks for a decision before a safeguard is switched off or weakened."""

from __future__ import annotations

from amend_support import edit, study_copy
from gui_helpers import choose, combo_named, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ui.dialogs.amendment import AmendmentDialog
from vo_crf.amend import prepare_amendment
from vo_crf.amend.settings import set_double_entry_forms
from vo_crf.paths import default_study_dir


def accept_then_apply(qtbot, dialog: AmendmentDialog, item: str, label: str) -> None:  # noqa: ANN001
    """Apply stays disabled until the blocking ``item`` is accepted, then applies."""
    apply_button = dialog.findChild(QPushButton, "applyAmendment")
    assert not apply_button.isEnabled()
    choose(qtbot, combo_named(dialog, item), label)
    assert apply_button.isEnabled()
    qtbot.mouseClick(apply_button, Qt.MouseButton.LeftButton)


def test_double_entry_switched_off_by_the_shipped_folder_needs_acceptance(
        project, users, qtbot) -> None:  # noqa: ANN001
    set_double_entry_forms(project, users["admin"], ["biology"])
    dialog = AmendmentDialog(project, users["admin"],
                             prepare_amendment(project, users["admin"], default_study_dir()))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert "No change touches stored data" not in dialog.mapping_label.text()
    assert dialog.mapping_table.isVisible() and dialog.mapping_table.rowCount() == 1
    assert dialog.mapping_table.item(0, 0).text() == (
        "double data entry switched off for form(s) biology (safeguard)")
    [row] = range(dialog.changes.rowCount())
    assert "double_data_entry_forms" in dialog.changes.item(row, 1).text()
    assert dialog.changes.item(row, 0).background().color().name() == "#f8d7da"
    accept_then_apply(qtbot, dialog, "double data entry switched off",
                      "Accept this change (double_data_entry_forms)")
    assert dialog.outcome is not None and dialog.outcome.version == 3
    assert project.study.protocol.double_entry_forms == ()


def test_a_loosened_range_is_highlighted_and_blocks_until_accepted(
        project, users, qtbot, tmp_path) -> None:  # noqa: ANN001
    folder = study_copy(tmp_path)
    edit(folder, "data_dictionary.csv",
         "bio_crp,biology,,text,C-reactive protein,,mg/L,number,0,500",
         "bio_crp,biology,,text,C-reactive protein,,mg/L,number,,500")
    dialog = AmendmentDialog(project, users["admin"],
                             prepare_amendment(project, users["admin"], folder))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.changes.item(0, 0).text() == "Range"
    assert dialog.changes.item(0, 0).background().color().name() == "#f8d7da"
    accept_then_apply(qtbot, dialog, "bio_crp: range check loosened",
                      "Accept this change (range:bio_crp)")
    assert dialog.outcome is not None and project.study.field("bio_crp").min_value == ""
