"""A double-entered form both of whose entries are made, opened by a third user of a French
interface: the bar says why in French, the form and visit named by label."""

from __future__ import annotations

from pathlib import Path

import dde_study
from dde_study import RECORD, SECOND_NURSE
from gui_helpers import show_active

from ui.forms.editor import FormEditor
from ui.session import AppSession
from ui.settings import Settings
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.dde import DoubleEntryService
from vo_crf.entry import FormKey
from vo_crf.project import Project

dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project

BIO = FormKey(RECORD, "m0_arm_1", "biology")


def test_a_third_user_is_told_in_french_that_both_entries_are_made(
        dde_project: Project, users: dict, french: Settings, tmp_path: Path,
        qtbot) -> None:  # noqa: ANN001
    DoubleEntryService(dde_project, users["nurse"]).save_entry(BIO, {"bio_crp": "120"}, 0)
    DoubleEntryService(dde_project, CurrentUser(SECOND_NURSE, Role.NURSE)).save_entry(
        BIO, {"bio_crp": "210"}, 0)
    session = AppSession(dde_project, users["admin"], french, tmp_path / "drafts.sqlite")
    editor = FormEditor(session, BIO)
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    text = editor.double_entry.label.text()
    assert text.startswith(
        "Double saisie : les deux saisies de Biology à M0 de 01-001 sont déjà faites (par "
        f"nurse et {SECOND_NURSE}) : un troisième utilisateur ne peut pas la saisir."), text
