"""A new study with no patient says what to do; a filter matching nobody says so."""

from __future__ import annotations

from gui_helpers import open_main_window, type_keys
from PySide6.QtWidgets import QLabel

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record


def _empty_state(window) -> QLabel:  # noqa: ANN001
    return window.dashboard.findChild(QLabel, "emptyState")


def test_new_study_tells_the_nurse_how_to_enrol(project, make_session, nurse, qtbot) -> None:
    window = open_main_window(qtbot, make_session(nurse))
    assert window.dashboard.model.total == 0
    label = _empty_state(window)
    assert label is not None and label.isVisible()
    assert "New patient" in label.text() and "Ctrl+N" in label.text()


def test_no_enrol_hint_for_a_role_that_cannot_create(project, make_session, qtbot) -> None:
    window = open_main_window(qtbot, make_session(CurrentUser("stat", Role.STATISTICIAN)))
    label = _empty_state(window)
    assert label.isVisible()
    assert "Ctrl+N" not in label.text()


def test_filter_matching_nobody_and_back(project, make_session, nurse, qtbot) -> None:
    admin = CurrentUser("admin", Role.ADMIN)
    record_id = create_record(project, admin, "1")
    EntryService(project, admin).save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                                           {"diagnosis_date": "2024-03-01"}, 0)
    window = open_main_window(qtbot, make_session(nurse))
    label = _empty_state(window)
    assert not label.isVisible()
    window.dashboard.search.setFocus()
    type_keys(qtbot, "ZZZ-999")
    qtbot.waitUntil(lambda: window.dashboard.model.total == 0)
    assert label.isVisible() and "ZZZ-999" in label.text()
    window.dashboard.search.clear()
    qtbot.waitUntil(lambda: window.dashboard.model.total == 1)
    assert not label.isVisible()
