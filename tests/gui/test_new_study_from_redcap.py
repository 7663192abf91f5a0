"""File → New study from a REDCap project… (issue 13): a REDCap project XML, definition and
data, becomes a new study database; what stays on the REDCap server is shown to the user."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import open_main_window, show_active
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from ui.forms.editor import FormEditor
from ui.session import AppSession
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_project_open import create_study_from_redcap
from vo_crf.paths import to_database_url
from vo_crf.project import open_project

pytestmark = pytest.mark.gui

CLINIC = Path(__file__).parents[1] / "exchange" / "data" / "redcap_project_clinic.xml"


def test_a_redcap_project_becomes_a_new_study_from_the_file_menu(
        qtbot, make_session, users, on_named_modal, tmp_path: Path) -> None:  # noqa: ANN001
    window = open_main_window(qtbot, make_session(users["admin"]))
    new_database = tmp_path / "clinic.sqlite"
    seen: dict[str, str] = {}

    def fill_in(dialog: QWidget) -> None:
        for name, text in (("redcapXmlPath", str(CLINIC)), ("newDatabasePath", str(new_database)),
                           ("adminName", "clara"), ("adminPassword", "Clinic-offline-2026")):
            box = dialog.findChild(QLineEdit, name)
            box.clear()
            qtbot.keyClicks(box, text)
        on_named_modal("redcapProjectReport", read_report)
        qtbot.mouseClick(dialog.findChild(QPushButton, "createStudy"), Qt.MouseButton.LeftButton)

    def read_report(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text() + "\n" + box.informativeText()
        box.accept()

    on_named_modal("newFromRedcapDialog", fill_in)
    with qtbot.waitSignal(window.reopen_database, timeout=30_000) as reopened:
        action = next(a for a in window.findChildren(QAction)
                      if a.objectName() == "newStudyFromRedcap")
        action.trigger()
    assert reopened.args == [to_database_url(str(new_database))]
    assert "Imported 2 records" in seen["text"]
    for listed in ("surveys", "alerts", "user roles", "reports", "survey timestamps"):
        assert listed in seen["text"].lower()
    assert "scan_report" not in seen["text"]  # the file comes with its value
    created = open_project(str(new_database))
    state = EntryService(created, users["admin"]).open_form(
        FormKey("1", "baseline_arm_1", "enrolment", 1))
    assert state.value("dob") == "1961-04-12"
    created.close()


def test_a_refused_project_says_why_and_creates_nothing(
        qtbot, make_session, users, on_named_modal, tmp_path: Path) -> None:  # noqa: ANN001
    window = open_main_window(qtbot, make_session(users["admin"]))
    broken = tmp_path / "broken.xml"
    broken.write_text("<root/>", encoding="utf-8")
    new_database = tmp_path / "broken.sqlite"
    shown: list[str] = []

    def fill_in(dialog: QWidget) -> None:
        for name, text in (("redcapXmlPath", str(broken)), ("newDatabasePath", str(new_database)),
                           ("adminPassword", "Clinic-offline-2026")):
            box = dialog.findChild(QLineEdit, name)
            box.clear()
            qtbot.keyClicks(box, text)
        qtbot.mouseClick(dialog.findChild(QPushButton, "createStudy"), Qt.MouseButton.LeftButton)
        error = dialog.findChild(QLabel, "newFromRedcapError")
        qtbot.waitUntil(error.isVisible)
        shown.append(error.text())
        dialog.reject()

    on_named_modal("newFromRedcapDialog", fill_in)
    action = next(a for a in window.findChildren(QAction)
                  if a.objectName() == "newStudyFromRedcap")
    action.trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert "not a REDCap project XML" in shown[0]
    assert not new_database.exists()


def test_every_form_of_the_opened_project_shows_its_data(
        isolated_settings, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    opened = create_study_from_redcap(str(tmp_path / "clinic.sqlite"), "clara",
                                      "Clinic-offline-2026", CLINIC)
    project = opened.project
    session = AppSession(project, CurrentUser("clara", Role.ADMIN), isolated_settings,
                         tmp_path / "drafts.sqlite")
    shown = {}
    for event in project.study.events:
        for form in event.forms:
            record = "1" if event.arm == 1 else "2"
            editor = FormEditor(session, FormKey(record, event.unique_name, form, 1))
            qtbot.addWidget(editor)
            show_active(qtbot, editor)
            shown[(event.unique_name, form)] = {n: r.value() for n, r in editor.rows.items()}
            editor.close()
    assert shown[("baseline_arm_1", "enrolment")]["symptoms"] == "1,2"
    assert shown[("baseline_arm_1", "visit")]["qol_sleep"] == "2"
    assert shown[("followup_arm_1", "medication")]["med_name"] == "Metformin"
    assert shown[("baseline_arm_2", "enrolment")]["weight"] == "UNK"
    project.close()
