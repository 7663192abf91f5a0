"""A study database whose audit trail was changed outside vo-crf opens with a dialog, not work."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.app import open_or_create
from vo_crf.paths import to_database_url


def test_a_forged_audit_row_is_named_in_a_dialog_at_open(
        db_path: Path, qtbot, on_modal: Callable[[Callable[[QWidget], None]], None]) -> None:  # noqa: ANN001
    with sqlite3.connect(db_path) as connection:
        forged = connection.execute(
            "INSERT INTO audit_log (at, username, action) "
            "VALUES ('2026-01-02 09:00:00.000000', 'inv', 'value_update')").lastrowid
    connection.close()
    shown: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    on_modal(read_and_close)
    assert open_or_create(to_database_url(str(db_path))) is None
    assert shown and "audit trail was changed outside vo-crf" in shown[0]
    assert f"audit row {forged} (2026-01-02 09:00:00, value_update)" in shown[0]
