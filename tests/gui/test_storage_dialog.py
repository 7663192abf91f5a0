"""Starting the GUI on a full drive: the nurse is told the disk is full, not that the database is
damaged, and nothing is touched (no restore offered, no "damaged" copy)."""

from __future__ import annotations

import shutil

from output_checks import fill_drive, listing, tmpfs_drives
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from ui.app import run
from vo_crf.db.backup import backup_database


def test_a_full_disk_at_start_is_named_and_nothing_is_touched(db_path, tmp_path, qtbot,
                                                              on_modal, monkeypatch
                                                              ) -> None:  # noqa: ANN001
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with tmpfs_drives(tmp_path) as mount:
        folder = mount("4m")
        database = folder / "study.sqlite"
        shutil.copy(db_path, database)
        backup_database(database, "daily")
        fill_drive(folder)
        before = listing(folder)
        seen: dict[str, object] = {}

        def read_and_close(box: QMessageBox) -> None:
            seen["title"] = box.windowTitle()
            seen["text"] = box.text() + box.detailedText()
            seen["buttons"] = [b.objectName() for b in box.findChildren(QAbstractButton)]
            box.close()

        on_modal(read_and_close)
        assert run(str(database)) == 0
        assert seen["title"] == "Cannot open the study database"
        assert "disk" in str(seen["text"]) and "full" in str(seen["text"])
        assert "damaged" not in str(seen["text"]).replace("not damage", "")
        assert "restoreLatest" not in seen["buttons"]
        assert listing(folder) == before
