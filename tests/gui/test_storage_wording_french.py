"""Starting the French GUI on a full drive: the disk is said to be full in French."""

from __future__ import annotations

import shutil

from output_checks import fill_drive, tmpfs_drives
from PySide6.QtWidgets import QMessageBox

from ui.app import run
from ui.settings import Settings


def test_a_full_disk_at_start_is_said_in_french(db_path, tmp_path, qtbot, on_modal, french,
                                                monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(Settings, "language", property(lambda self: "fr"))
    with tmpfs_drives(tmp_path) as mount:
        folder = mount("4m")
        database = folder / "study.sqlite"
        shutil.copy(db_path, database)
        fill_drive(folder)
        seen: dict[str, str] = {}

        def read_and_close(box: QMessageBox) -> None:
            seen["title"] = box.windowTitle()
            seen["text"] = box.text()
            box.close()

        on_modal(read_and_close)
        assert run(str(database)) == 0
    assert seen["title"] == "Impossible d’ouvrir la base de l’étude", seen
    assert seen["text"].startswith(
        f"impossible d’utiliser la base de l’étude {database} : le disque qui contient {folder} "
        "est plein ("), seen["text"]
    assert seen["text"].endswith(
        "libres). vo-crf doit écrire à côté de la base (son journal), même pour la lire. La base "
        "n’est pas endommagée et rien n’a été modifié : libérez de la place, rendez le disque "
        "accessible en écriture ou copiez la base dans un dossier accessible en écriture, puis "
        "réessayez."), seen["text"]
