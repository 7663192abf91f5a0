"""The field history and the double-entry worklist show their times as lock, signature and
query times are shown: local time, in the user's date format (not UTC, not ISO for a French
user in Paris)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dde_study
from gui_helpers import focused, press, show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from test_local_times_shown import in_paris  # noqa: F401 - the fixture

from ui.dde.worklist_dialog import DoubleEntryWorklistDialog
from ui.main_window import MainWindow
from ui.session import AppSession
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryService
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project


def _paris(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def test_field_history_times_are_local(project, nurse, make_session, french, in_paris,  # noqa: F811
                                       qtbot, on_modal, on_popup) -> None:  # noqa: ANN001
    from ui.forms.editor import FormEditor

    record_id = create_record(project, nurse, "1")
    key = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(project, nurse).save_form(key, {"clin_date": "2024-03-01", "clin_temp": "38"},
                                           0)
    stored = EntryService(project, nurse).field_history(key, "clin_temp")[-1].at
    assert _paris(stored) != stored.strftime("%d/%m/%Y %H:%M")  # Paris is not UTC
    editor = FormEditor(make_session(nurse), key)
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    editor.rows["clin_temp"].editor.focus_widget().setFocus()
    seen: list[list[str]] = []

    def read_history(dialog) -> None:  # noqa: ANN001
        table = dialog.table
        seen.append([table.horizontalHeaderItem(0).text(), table.item(0, 0).text()])
        dialog.reject()

    def choose_history(menu) -> None:  # noqa: ANN001
        on_modal(read_history)
        qtbot.keyClick(menu, Qt.Key.Key_Up)  # the last entry: Field history…
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    on_popup(choose_history)
    assert focused() is editor.rows["clin_temp"].editor.focus_widget()
    press(qtbot, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: bool(seen))
    header, when = seen[0]
    assert "UTC" not in header
    assert when == _paris(stored)


def test_worklist_times_are_local(dde_project, users, isolated_settings, french,  # noqa: ANN001
                                  in_paris, tmp_path: Path, qtbot) -> None:  # noqa: F811
    bio = FormKey(dde_study.RECORD, "m0_arm_1", "biology")
    DoubleEntryService(dde_project, users["nurse"]).save_entry(bio, {"bio_crp": "120"}, 0)
    isolated_settings.date_format = "dmy"
    session = AppSession(dde_project, CurrentUser("inv", Role.INVESTIGATOR), isolated_settings,
                         tmp_path / "drafts.sqlite")
    window = MainWindow(session)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    window.findChild(QAction, "action_double_entry_worklist").trigger()
    dialog = window.findChild(DoubleEntryWorklistDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    model = dialog.model
    try:
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal))
                   for c in range(model.columnCount())]
        shown = model.data(model.index(0, 7))  # the last change
    finally:
        dialog.reject()
    assert not any("UTC" in h for h in headers), headers
    now = dt.datetime.now()  # Paris time
    assert shown.startswith(now.strftime("%d/%m/%Y")), shown
    assert abs(dt.datetime.strptime(shown, "%d/%m/%Y %H:%M") - now) < dt.timedelta(minutes=5)
