"""In French, the dates the dashboard and the patient page show are day first, as typed."""

from __future__ import annotations

import datetime as dt
import re

from gui_helpers import open_main_window
from PySide6.QtCore import Qt

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record


def test_day_0_and_next_visit_are_day_first_in_french(project, make_session, french,
                                                      qtbot) -> None:  # noqa: ANN001
    admin = CurrentUser("admin", Role.ADMIN)
    record_id = create_record(project, admin, "1")
    day_0 = dt.date.today() - dt.timedelta(days=10)
    EntryService(project, admin).save_form(FormKey(record_id, "m0_arm_1", "enrolment"),
                                           {"diagnosis_date": day_0.isoformat()}, 0)
    window = open_main_window(qtbot, make_session(CurrentUser("inv", Role.INVESTIGATOR)))
    model = window.dashboard.model
    shown = model.data(model.index(0, 2), Qt.ItemDataRole.DisplayRole)
    assert shown == day_0.strftime("%d/%m/%Y")
    next_visit = model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole)
    window_text = model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert re.search(r"· \d{2}/\d{2}/\d{4}$", next_visit), next_visit
    assert len(re.findall(r"\d{2}/\d{2}/\d{4}", window_text)) == 2, window_text
    window.open_patient(record_id, "m0_arm_1", "clinical")
    qtbot.waitUntil(lambda: window.patient is not None and window.patient.isVisible())
    assert f"jour 0 {day_0.strftime('%d/%m/%Y')}" in window.patient.heading.text()
