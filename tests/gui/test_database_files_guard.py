"""The open study database survives a file dialog browsing its folder and another process.

Issue 11 item 3: Qt's file dialog opened and closed the database files while listing the
folder; on POSIX a ``close()`` of any descriptor on a file drops all of the process's locks on
it, so a ``vo-crf`` command run meanwhile thought it was alone, checkpointed and deleted the
GUI's ``-wal``/``-shm``; the GUI then "saved" into a deleted file.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from accounts import PASSWORDS
from gui_helpers import open_main_window, press, type_keys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit, QMessageBox
from report_steps import menu_entry

from vo_crf.entry.records import create_record


def vo_crf(*args: str, user: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in another process, as a user at a terminal would."""
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS[user]}
    done = subprocess.run([sys.executable, "-m", "vo_crf", *args, "--user", user],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def fresh_connection_check(db: Path) -> str:
    """``PRAGMA integrity_check`` from a fresh connection in another process."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('PRAGMA integrity_check').fetchone()[0]); c.close()")
    return subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                          text=True, timeout=60, check=True).stdout.strip()


def browse_and_save_pdf(qtbot, dialog: QFileDialog, folder: Path, name: str) -> None:  # noqa: ANN001
    """As a user: type the database's folder, wait until it is listed, then save there."""
    assert isinstance(dialog, QFileDialog), type(dialog).__name__
    model = dialog.findChild(QFileSystemModel)
    file_name = dialog.findChild(QLineEdit, "fileNameEdit")
    file_name.selectAll()
    with qtbot.waitSignal(model.directoryLoaded, timeout=10_000,
                          check_params_cb=lambda path: Path(path) == folder):
        type_keys(qtbot, str(folder) + os.sep)
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Path(dialog.directory().absolutePath()) == folder)
    qtbot.wait(200)  # the listing's details (types, icons) arrive after the names
    file_name.setFocus()
    type_keys(qtbot, name)
    press(qtbot, Qt.Key.Key_Return)


def close_message_boxes(found: list[str]) -> QTimer:
    """Close every message box as it opens (keeping its text), until the timer is stopped."""
    timer = QTimer()

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            found.append(box.text())
            box.done(0)

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def test_browsing_the_folder_and_another_process_lose_nothing(
        project, nurse, make_session, db_path, tmp_path, monkeypatch, qtbot, on_modal) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    folder = db_path.parent
    record_id = create_record(project, nurse, "1")
    window = open_main_window(qtbot, make_session(nurse))
    boxes: list[str] = []
    closer = close_message_boxes(boxes)
    try:
        window.open_patient(record_id, "m0_arm_1", "clinical")
        editor = window.patient.editor

        # 1. Reports > Patient timeline (PDF)…, saved into the database's folder.
        on_modal(lambda dialog: browse_and_save_pdf(qtbot, dialog, folder, "timeline.pdf"))
        menu_entry(window.reports.menu, "Patient timeline").trigger()
        qtbot.waitUntil(lambda: bool(boxes), timeout=30_000)
        assert "was written" in boxes[0]
        assert (folder / "timeline.pdf").stat().st_size > 0

        # 2. From a terminal: a report (reads), an import (writes); each process ends.
        vo_crf("report", "--db", str(db_path), "--record", record_id,
               str(tmp_path / "cli.pdf"), user="inv")
        (tmp_path / "crp.csv").write_text(
            "record_id,redcap_event_name,bio_date,bio_crp\n"
            f"{record_id},m0_arm_1,2024-01-10,87\n", encoding="utf-8")
        vo_crf("import", "--db", str(db_path), str(tmp_path / "crp.csv"), user="nurse")
        assert (folder / "study.sqlite-wal").exists(), "the GUI's -wal was deleted under it"

        # 3. The nurse saves a value in the form editor.
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        editor.rows["clin_date"].editor.focus_widget().setFocus()
        type_keys(qtbot, "2024-01-10")
        editor.rows["clin_temp"].editor.focus_widget().setFocus()
        type_keys(qtbot, "38.5")
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not editor.dirty)
        assert "Saved." in editor.banner.text()
        assert (folder / "study.sqlite-wal").exists(), "the GUI's -wal was deleted under it"

        # 4. A fresh connection (another process) sees every value; the file is sound.
        vo_crf("export", "--db", str(db_path), "--format", "redcap",
               str(tmp_path / "all.csv"), user="admin")
        with (tmp_path / "all.csv").open(encoding="utf-8", newline="") as exported:
            rows = [row for row in csv.DictReader(exported)
                    if row["record_id"] == record_id and row["redcap_event_name"] == "m0_arm_1"]
        assert rows and rows[0]["bio_crp"] == "87"
        assert rows[0]["clin_temp"] == "38.5", "the GUI said Saved. but the value is not stored"
        assert fresh_connection_check(db_path) == "ok"
    finally:
        window.close()  # backs the database up; a failure would show in a message box
        closer.stop()
    assert not window.isVisible()
    assert boxes[1:] == [], boxes
