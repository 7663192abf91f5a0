"""The review actions are in the Patient menu too (README: "or the Patient menu"), following
the patient and the form shown; a nurse's menu has none."""

from __future__ import annotations

from gui_helpers import open_patient_window, seed_complete_biology
from PySide6.QtWidgets import QMenu

from vo_crf.entry import EntryService, FormKey

BIOLOGY = FormKey("01-001", "m0_arm_1", "biology")


def _review_menu(window) -> QMenu:  # noqa: ANN001
    patient = next(a.menu() for a in window.menuBar().actions()
                   if a.text().replace("&", "") == "Patient")
    menu = patient.findChild(QMenu, "reviewMenu")
    assert menu is not None and menu.menuAction() in patient.actions()
    return menu


def _texts(menu: QMenu, enabled: bool = True) -> list[str]:
    return [a.text() for a in menu.actions() if a.isVisible() and a.isEnabled() == enabled]


def test_investigator_verifies_from_the_patient_menu(project, users, make_session,
                                                    qtbot) -> None:  # noqa: ANN001
    seed_complete_biology(project, users)
    window = open_patient_window(make_session, qtbot, users["inv"], "m0_arm_1", "biology")
    menu = _review_menu(window)
    assert menu.isEnabled()
    assert "Verify form" in _texts(menu) and "Lock patient" in _texts(menu)
    assert "Unlock form…" in _texts(menu, enabled=False)
    verify = next(a for a in menu.actions() if a.text() == "Verify form")
    verify.trigger()
    state = EntryService(project, users["inv"]).open_form(BIOLOGY)
    assert state.verified_by == "inv"
    assert "Verify form" not in _texts(menu)  # now "Verified ✓", no longer to be done
    window.show_dashboard()
    assert not menu.isEnabled() and menu.actions() == []


def test_nurse_has_no_review_menu(project, users, make_session, qtbot) -> None:  # noqa: ANN001
    seed_complete_biology(project, users)
    window = open_patient_window(make_session, qtbot, users["nurse"], "m0_arm_1", "biology")
    assert not _review_menu(window).menuAction().isVisible()
