"""The main screens fit a 1366 × 768 laptop screen, in English and in French, nothing cut."""

from __future__ import annotations

import dde_study
import pytest
from gui_helpers import open_main_window
from PySide6.QtWidgets import QLabel, QWidget

from ui.session import AppSession
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768


def _cut_labels(page: QWidget) -> list[str]:
    """The visible one-line labels narrower than their text."""
    return [label.text() for label in page.findChildren(QLabel)
            if label.isVisible() and label.text() and not label.wordWrap()
            and label.width() < label.minimumSizeHint().width()]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_dashboard_and_patient_fit_a_laptop_screen(project, make_session, qtbot, request,
                                                    language: str) -> None:
    if language == "fr":
        request.getfixturevalue("french")
    admin = CurrentUser("admin", Role.ADMIN)
    record_id = create_record(project, admin, "1")
    EntryService(project, admin).save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                                           {"diagnosis_date": "2024-03-01"}, 0)
    window = open_main_window(qtbot, make_session(CurrentUser("inv", Role.INVESTIGATOR)))
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT - 60)  # less the task bar and the title bar
    qtbot.waitUntil(lambda: window.width() == SCREEN_WIDTH)
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
    assert _cut_labels(window.dashboard) == []
    window.open_patient(record_id, "m0_arm_1", "clinical")
    qtbot.waitUntil(lambda: window.patient is not None and window.patient.isVisible())
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
    assert window.width() == SCREEN_WIDTH
    assert _cut_labels(window.patient) == []


dde_template_db = dde_study.dde_template_db
dde_project = dde_study.dde_project


def test_double_entry_legend_fits_in_french(dde_project, isolated_settings, french, tmp_path,
                                            qtbot) -> None:  # noqa: ANN001
    """A double-entry study's dashboard has one more legend entry: it still fits."""
    session = AppSession(dde_project, CurrentUser("inv", Role.INVESTIGATOR), isolated_settings,
                         tmp_path / "drafts.sqlite")
    window = open_main_window(qtbot, session)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT - 60)
    qtbot.waitUntil(lambda: window.width() == SCREEN_WIDTH)
    assert window.dashboard.findChild(QLabel, "doubleEntryLegend").isVisible()
    assert _cut_labels(window.dashboard) == []
