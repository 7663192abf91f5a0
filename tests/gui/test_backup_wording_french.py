"""A backup the core refuses to restore, said in French to a French administrator."""

from __future__ import annotations

import shutil
from pathlib import Path

from gui_helpers import open_main_window
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from redcap_studies import FILE_FIELDS, init_study

from vo_crf.db.backup import backup_now


def test_a_backup_of_another_study_is_refused_in_french(
        db_path, project, users, make_session, qtbot, on_modal, french,  # noqa: ANN001
        tmp_path: Path) -> None:
    backup = backup_now(project, "manual")
    other = init_study(tmp_path / "other", FILE_FIELDS, "files")
    other_file = Path(other.engine.url.database or "")
    other.close()
    shutil.copyfile(other_file, backup)  # another study's database, in this one's backups
    window = open_main_window(qtbot, make_session(users["admin"]))
    seen: list[str] = []

    def refused(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    def choose(dialog) -> None:  # noqa: ANN001
        on_modal(refused)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(choose)
    assert not window.restore_from_backup()
    assert seen == [f"Cette sauvegarde ne peut pas être restaurée : {backup} est la sauvegarde "
                    f"d’une autre base d’étude, pas de {db_path} : rien n’a été modifié"], seen


def test_back_up_now_on_a_full_disk_is_refused_in_french(
        db_path, project, users, make_session, qtbot, on_modal, french,  # noqa: ANN001
        monkeypatch) -> None:
    from PySide6.QtGui import QAction

    import vo_crf.db.backup as backup_module
    from vo_crf.wording import DISK_FULL, Phrase

    window = open_main_window(qtbot, make_session(users["nurse"]))
    folder = db_path.parent
    monkeypatch.setattr(backup_module, "storage_problem",  # the drive fills up meanwhile
                        lambda *args, **kw: Phrase(DISK_FULL, folder=folder, free="12 KB"))
    seen: list[str] = []

    def read(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read)
    window.findChild(QAction, "action_backup_now").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen[0].startswith(
        f"La sauvegarde a échoué : impossible d’utiliser la base de l’étude {db_path} : le "
        f"disque qui contient {folder} est plein (12 KB libres). vo-crf doit écrire"), seen[0]
    monkeypatch.undo()  # the drive has room again for the backup made on closing
