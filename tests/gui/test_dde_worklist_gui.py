"""Patient → Double data entry worklist…: find the forms waiting for an entry or a comparison,
open one by keyboard or double-click, and land in the form's double-entry strip."""

from __future__ import annotations

from pathlib import Path

import dde_study
import pytest
from dde_study import RECORD, SECOND_NURSE
from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ui.dde.icons import double_entry_icon
from ui.dde.worklist_dialog import (
    STATUS_COLUMN,
    STEP_COLUMN,
    DoubleEntryWorklistDialog,
    DoubleEntryWorklistModel,
)
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.settings import Settings
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryService, pending_double_entries
from vo_crf.entry import FormKey
from vo_crf.project import Project

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

BIO = FormKey(RECORD, "m0_arm_1", "biology")
MICRO = FormKey(RECORD, "m0_arm_1", "microbiology")
NURSE_2 = CurrentUser(SECOND_NURSE, Role.NURSE)
BIOLOGY = {"bio_date": "2024-03-05", "bio_crp": "120", "bio_esr": "80", "bio_wbc": "12.5"}


@pytest.fixture
def started(dde_project: Project, users: dict[str, CurrentUser]) -> Project:
    """Microbiology at M0 entered once (nurse); biology at M0 entered twice (ready)."""
    DoubleEntryService(dde_project, users["nurse"]).save_entry(MICRO, {"micro_organism": "1"}, 2)
    DoubleEntryService(dde_project, users["nurse"]).save_entry(BIO, BIOLOGY, 2)
    DoubleEntryService(dde_project, NURSE_2).save_entry(BIO, {**BIOLOGY, "bio_crp": "12"}, 2)
    return dde_project


@pytest.fixture
def open_window(started: Project, tmp_path: Path, isolated_settings: Settings, qtbot):
    """A main window on the double-entry study, as a given user."""

    def open_as(user: CurrentUser) -> MainWindow:
        session = AppSession(started, user, isolated_settings,
                             tmp_path / f"drafts-{user.username}.sqlite")
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.idle.set_timeout(0)
        show_active(qtbot, window)
        return window

    return open_as


def open_worklist(window: MainWindow, qtbot) -> DoubleEntryWorklistDialog:
    action = window.findChild(QAction, "action_double_entry_worklist")
    assert action is not None and action.isEnabled()
    action.trigger()
    dialog = window.findChild(DoubleEntryWorklistDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def texts(dialog: DoubleEntryWorklistDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_investigator_opens_the_ready_form_by_keyboard_and_can_compare(
        open_window, users: dict[str, CurrentUser], qtbot) -> None:
    window = open_window(users["inv"])
    dialog = open_worklist(window, qtbot)
    assert texts(dialog, 3) == ["Microbiology", "Biology"]
    assert texts(dialog, STATUS_COLUMN) == ["awaiting entry 2 (1 of 2 complete)",
                                            "ready to compare"]
    assert texts(dialog, 5) == ["nurse", "nurse"] and texts(dialog, 6) == ["", SECOND_NURSE]
    assert texts(dialog, STEP_COLUMN) == ["make the other entry", "compare and adjudicate"]
    assert "120" not in " ".join(texts(dialog, c)[1] for c in range(dialog.model.columnCount()))
    assert dialog.table.hasFocus() and dialog.table.currentIndex().row() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    editor = window.patient.editor
    assert editor.key == BIO
    strip = editor.double_entry
    assert strip.isVisible() and "ready to compare" in strip.label.text()
    assert strip.compare_button.isVisible() and strip.compare_button.isEnabled()


def test_second_nurse_filters_her_steps_and_opens_by_double_click(
        open_window, qtbot) -> None:
    window = open_window(NURSE_2)
    dialog = open_worklist(window, qtbot)
    assert texts(dialog, STEP_COLUMN) == ["make the other entry", "—"]
    qtbot.mouseClick(dialog.mine_only, Qt.MouseButton.LeftButton)
    assert texts(dialog, 3) == ["Microbiology"]
    assert dialog.count.text() == "1 form(s) in double entry"
    cell = dialog.table.visualRect(dialog.model.index(0, 3)).center()
    # a real double-click: press and release, then the double-click event
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    editor = window.patient.editor
    assert editor.key == MICRO
    assert "entry 2 of 2" in editor.double_entry.label.text()
    assert not editor.read_only


def test_no_worklist_in_a_study_without_double_entry(make_session, users, qtbot) -> None:
    window = MainWindow(make_session(users["inv"]))
    qtbot.addWidget(window)
    window.idle.set_timeout(0)
    assert window.findChild(QAction, "action_double_entry_worklist") is None


def test_worklist_model_passes_the_model_tester(started: Project, tmp_path: Path,
                                                isolated_settings: Settings,
                                                users: dict[str, CurrentUser],
                                                qtmodeltester) -> None:
    session = AppSession(started, users["inv"], isolated_settings, tmp_path / "d.sqlite")
    model = DoubleEntryWorklistModel(session)
    model.set_rows(pending_double_entries(started, users["inv"]))
    qtmodeltester.check(model)


def test_dashboard_cells_show_double_entry_progress(open_window, users) -> None:
    window = open_window(users["nurse"])
    model = window.dashboard.model
    columns = {model.column_key(c): c for c in range(model.columnCount())}

    def cell(form: str, role: Qt.ItemDataRole) -> object:
        return model.data(model.index(0, columns[("m0_arm_1", form)]), role)

    assert cell("biology", Qt.ItemDataRole.ToolTipRole) == \
        "Biology — M0: double data entry: ready to compare"
    assert cell("microbiology", Qt.ItemDataRole.ToolTipRole) == \
        "Microbiology — M0: double data entry: 1 of 2 entries complete"
    assert cell("biology", Qt.ItemDataRole.DecorationRole).cacheKey() == \
        double_entry_icon(2).cacheKey()
    assert cell("microbiology", Qt.ItemDataRole.DecorationRole).cacheKey() == \
        double_entry_icon(1).cacheKey()
    assert model.data(model.index(0, columns[("m3_arm_1", "biology")]),
                      Qt.ItemDataRole.ToolTipRole).endswith(": No data")


def test_patient_form_tree_shows_double_entry_progress(open_window, users) -> None:
    window = open_window(users["nurse"])
    view = window.open_patient(RECORD, "m0_arm_1", "clinical")
    m0 = view.tree.findItems("M0", Qt.MatchFlag.MatchExactly)[0]
    tips = {m0.child(n).text(0): m0.child(n) for n in range(m0.childCount())}
    assert tips["Biology"].toolTip(0) == "double data entry: ready to compare"
    assert tips["Microbiology"].toolTip(0) == "double data entry: 1 of 2 entries complete"
    assert tips["Microbiology"].icon(0).cacheKey() == double_entry_icon(1).cacheKey()
    assert tips["Clinical"].toolTip(0) == "No data"
