"""An amendment the core refuses to apply, said in French: the definition changed meanwhile."""

from __future__ import annotations

from amend_support import edit, seed_patients, study_copy
from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from ui.dialogs.amendment import AmendmentDialog
from vo_crf.amend import apply_amendment, prepare_amendment


def test_an_amendment_overtaken_by_another_is_refused_in_french(
        project, users, qtbot, on_modal, french, tmp_path) -> None:  # noqa: ANN001
    seed_patients(project, users["nurse"])
    folder = study_copy(tmp_path)
    edit(folder, "data_dictionary.csv", "Radicular pain", "Radiating pain")
    admin = users["admin"]
    dialog = AmendmentDialog(project, admin, prepare_amendment(project, admin, folder))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    apply_amendment(project, admin, prepare_amendment(project, admin, folder))  # meanwhile
    seen: list[str] = []

    def read(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read)
    qtbot.mouseClick(dialog.findChild(QPushButton, "applyAmendment"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == ("L’amendement n’a pas été appliqué : la définition de la base est "
                       "maintenant la version 2, pas la 1 : chargez l’amendement à nouveau"), seen
