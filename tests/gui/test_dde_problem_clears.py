"""The comparison dialog clears "resolve every difference first" once all are resolved."""

from __future__ import annotations

from pathlib import Path

import dde_study
from dde_study import SECOND_NURSE
from PySide6.QtCore import Qt
from test_dde_adjudication import BIO, enter_by_keyboard, status

from ui.dde.comparison import ComparisonDialog
from ui.forms.editor import FormEditor
from ui.session import AppSession
from ui.settings import Settings
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryStatus
from vo_crf.project import Project

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project


def test_the_unresolved_message_goes_once_every_difference_is_resolved(  # noqa: ANN001
        dde_project: Project, users: dict, tmp_path: Path, isolated_settings: Settings,
        on_modal, qtbot) -> None:
    from gui_helpers import show_active

    def open_as(user: CurrentUser) -> FormEditor:
        session = AppSession(dde_project, user, isolated_settings,
                             tmp_path / f"drafts-{user.username}.sqlite")
        editor = FormEditor(session, BIO)
        qtbot.addWidget(editor)
        editor.resize(1000, 700)
        show_active(qtbot, editor)
        return editor

    enter_by_keyboard(open_as(users["nurse"]), qtbot, ["2024-03-05", "120", "80", "12.5"])
    enter_by_keyboard(open_as(CurrentUser(SECOND_NURSE, Role.NURSE)), qtbot,
                      ["2024-03-05", "210", "8", "12.5"])
    qtbot.waitUntil(lambda: status(dde_project) is DoubleEntryStatus.READY)
    adjudicator = open_as(users["inv"])
    seen: dict[str, object] = {}

    def adjudicate(dialog: ComparisonDialog) -> None:
        qtbot.mouseClick(dialog.adjudicate_button, Qt.MouseButton.LeftButton)
        seen["before"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        qtbot.mouseClick(dialog.use_2, Qt.MouseButton.LeftButton)  # CRP
        seen["one left"] = dialog.problem.isVisible()
        qtbot.mouseClick(dialog.use_1, Qt.MouseButton.LeftButton)  # ESR
        seen["after"] = dialog.problem.isVisible()
        dialog.reject()

    on_modal(adjudicate)
    qtbot.mouseClick(adjudicator.double_entry.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "after" in seen)
    assert "resolve every difference first" in str(seen["before"])
    assert seen["one left"] is True
    assert seen["after"] is False
