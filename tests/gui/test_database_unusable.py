"""A study database that fails during a session: a clear dialog, never a grey page or silence.

Issue 11 item 3: after the GUI's ``-wal`` was deleted under it, the GUI said "Saved." for a
change nobody could see, then showed a grey "Locked" page with no message (the password check
failed inside the unlock window and only a traceback on stderr said so).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import open_main_window, press, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from ui.database_failure import install_database_failure_hook
from vo_crf.entry.records import create_record


@pytest.fixture
def nurse_at_form(project, nurse, make_session, qtbot):  # noqa: ANN001, ANN201
    """The main window of a nurse, M0 clinical of a new patient open, 38.5 typed (unsaved)."""
    record_id = create_record(project, nurse, "1")
    session = make_session(nurse)
    window = open_main_window(qtbot, session)
    window.open_patient(record_id, "m0_arm_1", "clinical")
    editor = window.patient.editor
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    type_keys(qtbot, "38.5")
    assert editor.dirty
    return window, editor, session


@pytest.fixture
def failing_disk(project) -> Iterator[list[bool]]:  # noqa: ANN001
    """Set ``failing_disk[0]`` and every statement fails as on a dying disk (I/O error)."""
    failing = [False]

    def fail(*_args: object) -> None:
        if failing[0]:
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("disk I/O error"))

    event.listen(project.engine, "before_cursor_execute", fail)
    yield failing
    event.remove(project.engine, "before_cursor_execute", fail)


def closing_the_study(qtbot, seen: list[str]):  # noqa: ANN001, ANN201
    """Handler of the failure dialog: keep its text, click "Close the study"."""

    def handle(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, "closeStudy"), Qt.MouseButton.LeftButton)

    return handle


def kept_draft(session) -> dict[str, str]:  # noqa: ANN001
    (draft,) = session.drafts.list()
    return draft.values


def test_saving_into_a_replaced_database_says_so_and_keeps_the_typed_values(
        nurse_at_form, template_db: Path, db_path: Path, tmp_path: Path, qtbot,
        on_named_modal) -> None:
    window, editor, session = nurse_at_form
    shutil.copy(template_db, tmp_path / "copy.sqlite")
    os.replace(tmp_path / "copy.sqlite", db_path)  # another program put a file in its place
    seen: list[str] = []
    on_named_modal("databaseFailureBox", closing_the_study(qtbot, seen))
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert "was replaced by another file while vo-crf had it open" in seen[0]
    assert "Start vo-crf again" in seen[0] and "restore the latest backup" in seen[0]
    assert kept_draft(session) == {"clin_temp": "38.5"}


def unlock_closes_the_study(qtbot, window, on_modal, on_named_modal,  # noqa: ANN001
                            meanwhile: Callable[[QWidget], None]) -> list[str]:
    """Lock with Ctrl+L; in the unlock dialog, ``meanwhile`` breaks the database before the
    password is typed; the failure box must close the study. Return the box's texts."""
    seen: list[str] = []

    def unlock(dialog) -> None:  # noqa: ANN001
        meanwhile(dialog)
        on_named_modal("databaseFailureBox", closing_the_study(qtbot, seen))
        qtbot.keyClicks(dialog.findChild(QLineEdit, "password"), "nurse-pass-1")
        press(qtbot, Qt.Key.Key_Return)

    on_modal(unlock)
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    return seen


def test_unlocking_after_the_database_was_deleted_shows_the_problem_not_a_grey_page(
        nurse_at_form, db_path: Path, tmp_path: Path, qtbot, on_modal, on_named_modal) -> None:
    window, editor, session = nurse_at_form

    def move_away(dialog) -> None:  # noqa: ANN001
        assert dialog.objectName() == "unlockDialog"
        assert window.stack.currentWidget() is window.locked_page
        os.rename(db_path, tmp_path / "moved-away.sqlite")  # deleted or moved meanwhile

    seen = unlock_closes_the_study(qtbot, window, on_modal, on_named_modal, move_away)
    assert "was deleted or moved while vo-crf had it open" in seen[0]
    assert seen[0].count("Start vo-crf again") == 1  # what happened, then what to do, once
    assert kept_draft(session) == {"clin_temp": "38.5"}
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


def test_a_disk_error_while_unlocking_is_named(nurse_at_form, failing_disk, qtbot, on_modal,
                                              on_named_modal) -> None:
    window, editor, session = nurse_at_form

    def fail_disk(dialog) -> None:  # noqa: ANN001
        failing_disk[0] = True

    seen = unlock_closes_the_study(qtbot, window, on_modal, on_named_modal, fail_disk)
    assert seen[0].startswith("The disk could not be written (I/O error)")
    assert kept_draft(session) == {"clin_temp": "38.5"}


def test_a_busy_database_while_unlocking_says_try_again_and_stays_locked(
        nurse_at_form, project, qtbot, on_modal) -> None:  # noqa: ANN001
    window, editor, session = nurse_at_form
    busy = [True]

    def fail(*_args: object) -> None:
        if busy[0]:
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))

    shown: list[str] = []

    def unlock(dialog) -> None:  # noqa: ANN001
        event.listen(project.engine, "before_cursor_execute", fail)
        try:
            qtbot.keyClicks(dialog.findChild(QLineEdit, "password"), "nurse-pass-1")
            press(qtbot, Qt.Key.Key_Return)
            error = dialog.findChild(QLabel, "unlockError")
            shown.append(error.text() if error.isVisible() else "")
            assert dialog.isVisible() and window.stack.currentWidget() is window.locked_page
            busy[0] = False
            press(qtbot, Qt.Key.Key_Return)  # the password is still there: try again
        finally:
            event.remove(project.engine, "before_cursor_execute", fail)

    on_modal(unlock)
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shown[0].startswith("The password could not be checked: The study database is busy")
    assert window.isVisible() and not window.is_locked
    assert window.stack.currentWidget() is window.patient
    editor.drop_changes()  # no question: the test only clears the form


def test_a_busy_database_at_saving_keeps_the_form_open_and_typed(
        nurse_at_form, project, qtbot, on_named_modal) -> None:  # noqa: ANN001
    window, editor, session = nurse_at_form
    seen: list[str] = []

    def fail(*_args: object) -> None:
        raise OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))

    def acknowledge(box) -> None:  # noqa: ANN001
        seen.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, "ok"), Qt.MouseButton.LeftButton)

    on_named_modal("databaseFailureBox", acknowledge)
    event.listen(project.engine, "before_cursor_execute", fail)
    try:
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    finally:
        event.remove(project.engine, "before_cursor_execute", fail)
    assert seen[0].startswith("The study database is busy")
    assert "save again in a moment" in seen[0]
    assert window.isVisible() and editor.dirty
    assert editor.rows["clin_temp"].value() == "38.5"
    assert "Not saved" in editor.banner.text()
    editor.drop_changes()  # no question: the test only clears the form


def test_a_database_failure_no_screen_expected_is_shown_too(
        nurse_at_form, db_path: Path, tmp_path: Path, qtbot, on_named_modal) -> None:
    window, editor, session = nurse_at_form
    uninstall = install_database_failure_hook()
    seen: list[str] = []
    try:
        editor.drop_changes()  # no question: the test only clears the form
        os.rename(db_path, tmp_path / "moved-away.sqlite")
        on_named_modal("databaseFailureBox", closing_the_study(qtbot, seen))
        press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # the dashboard reloads
        qtbot.waitUntil(lambda: not window.isVisible())
    finally:
        uninstall()
    assert "was deleted or moved while vo-crf had it open" in seen[0]
