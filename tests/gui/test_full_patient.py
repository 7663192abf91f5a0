"""A whole VO patient — M0, M3, M6, end of follow-up, three antibiotic courses — by keyboard."""

from __future__ import annotations

import pytest
from gui_helpers import (
    add_course,
    fill,
    focused,
    open_new_patient,
    press,
    save_and_next,
    type_keys,
)
from PySide6.QtCore import Qt

from ui.patient.repeating import RepeatingFormPage
from ui.patient.view import PatientView
from vo_crf.entry import EntryService, FormKey

pytestmark = pytest.mark.gui
TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier


def visit(qtbot, view: PatientView, day: str, temp: str, pain: str, crp: str | None,  # noqa: ANN001
          esr: str | None, findings: list[str] | None) -> None:
    """Clinical, then biology and imaging when the event has them."""
    fill(qtbot, [day, temp, pain, "n", "n"])
    save_and_next(qtbot, view, "clinical")
    if crp is None:
        return
    fill(qtbot, [day, crp, esr, "6.8"])
    save_and_next(qtbot, view, "biology")
    fill(qtbot, [day, "y"])
    type_keys(qtbot, "n")
    qtbot.waitUntil(lambda: view.page.rows["img_vert_oedema"].isVisible())
    press(qtbot, TAB)
    fill(qtbot, [*(findings or []), "Controle: regression partielle"])
    save_and_next(qtbot, view, "imaging")


def test_a_whole_patient_is_entered_through_the_gui_alone(project, nurse, make_session, qtbot,
                                                          on_modal) -> None:  # noqa: ANN001
    view = open_new_patient(qtbot, project, nurse, make_session)
    record_id = view.record_id
    fill(qtbot, [None, "MR", "1966-04-12", "2024-03-01", "2024-03-01", "1", "81"])
    type_keys(qtbot, "1")
    press(qtbot, TAB)
    fill(qtbot, ["2024-02-10", "2024-03-01", "3", "1"])
    save_and_next(qtbot, view, "enrolment")
    fill(qtbot, ["S", "2"])
    save_and_next(qtbot, view, "microbiology")
    visit(qtbot, view, "2024-03-01", "38.6", "8", "142", "88", ["1", "1", "1", "1", "0", "0"])
    page = view.page
    assert isinstance(page, RepeatingFormPage)
    qtbot.waitUntil(lambda: focused() is page.table)
    add_course(qtbot, page, on_modal, "V", "1", "2024-03-01", "2024-03-20")
    add_course(qtbot, page, on_modal, "R", "2", "2024-03-20", "2024-05-15")
    add_course(qtbot, page, on_modal, "A", "2", "2024-05-15", "2024-06-07")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: getattr(view.page, "key", None) == FormKey(
        record_id, "m3_arm_1", "clinical"))
    qtbot.waitUntil(lambda: focused() is not None and focused().objectName() == "field_clin_date")
    visit(qtbot, view, "2024-05-30", "36.9", "3", "6", "18", ["1", "1", "0", "0", "0", "1"])
    visit(qtbot, view, "2024-08-28", "36.7", "2", "3", "10", ["1", "0", "0", "0", "0", "1"])
    visit(qtbot, view, "2025-08-24", "36.8", "1", None, None, None)
    fill(qtbot, ["2025-08-24", "98", "y", "n", "n", "n"])
    assert focused().objectName() == "formStatus"
    type_keys(qtbot, "C")
    press(qtbot, Qt.Key.Key_S, CTRL)
    service = EntryService(project, nurse)
    qtbot.waitUntil(lambda: service.open_form(FormKey(record_id, "end_arm_1", "outcome")).status
                    == 2)

    for event in project.study.events:
        for form in event.forms:
            if project.study.is_repeating(event.unique_name, form):
                continue
            assert service.open_form(FormKey(record_id, event.unique_name, form)).status == 2
    courses = service.instances(record_id, "m0_arm_1", "antibiotics")
    assert [(c.values["abx_drug"], c.values["abx_route"]) for c in courses] == [
        ("5", "1"), ("7", "2"), ("1", "2")]
    m6 = service.open_form(FormKey(record_id, "m6_arm_1", "biology"))
    assert m6.values["bio_crp"] == "3"
    outcome = service.open_form(FormKey(record_id, "end_arm_1", "outcome"))
    assert outcome.calc_values == {"out_sequelae": "0", "out_followup_m": "17.8"}
    enrolment = service.open_form(FormKey(record_id, "m0_arm_1", "enrolment"))
    assert enrolment.calc_values["age"] == "57"
