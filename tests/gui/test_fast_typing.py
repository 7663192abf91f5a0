"""Typing at full speed: every value lands in its own field, even where branching shows one.

Keys go in with no delay at all and the test never waits for branching to catch up: a nurse
who types ``y Tab n Tab 1 Tab …`` faster than the form reacts must not shift her answers down
into the next field (issue 11, item 12).
"""

from __future__ import annotations

import gui_helpers
import pytest
from gui_helpers import add_course, fill, focused, open_new_patient, press, type_keys
from PySide6.QtCore import Qt

from ui.forms.editor import FormEditor
from ui.patient.repeating import RepeatingFormPage
from ui.patient.view import PatientView
from vo_crf.entry import EntryService, FormKey

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def save_and_next(qtbot, view: PatientView, form: str) -> None:  # noqa: ANN001
    """Save & next form without waiting: the next form is open when the key press returns."""
    gui_helpers.save_and_next(qtbot, view, form, wait=False)


def clinical(qtbot, view, day: str, temp: str, pain: str, frankel: str | None) -> None:  # noqa: ANN001
    """Clinical form: a neurological deficit (y) shows the Frankel grade, typed at once."""
    fill(qtbot, [day, temp, pain])
    if frankel:
        fill(qtbot, ["y", frankel, "n"])
    else:
        fill(qtbot, ["n", "y"])
    save_and_next(qtbot, view, "clinical")


def biology(qtbot, view, day: str, crp: str, esr: str, wbc: str) -> None:  # noqa: ANN001
    """Biology form."""
    fill(qtbot, [day, crp, esr, wbc])
    save_and_next(qtbot, view, "biology")


def imaging(qtbot, view, day: str, mri: str, findings: list[str], comment: str) -> None:  # noqa: ANN001
    """Imaging: MRI y shows vertebral oedema; its answer is typed straight after the Tab."""
    fill(qtbot, [day, mri, "n", *findings, comment])
    save_and_next(qtbot, view, "imaging")


def test_every_vo_form_typed_with_no_delay_keeps_each_value_in_its_field(
        project, nurse, make_session, qtbot, on_modal) -> None:  # noqa: ANN001
    view = open_new_patient(qtbot, project, nurse, make_session)
    record_id = view.record_id
    fill(qtbot, [None, "MR", "1966-04-12", "2024-03-01", "2024-03-01", "1", "81", "14",
                 "2024-02-10", "2024-03-01", "3", "1"])
    save_and_next(qtbot, view, "enrolment")
    # "Other" organism shows "Other organism": typed right after the Tab.
    fill(qtbot, ["O", "Brucella", "2"])
    save_and_next(qtbot, view, "microbiology")
    clinical(qtbot, view, "2024-03-01", "38.6", "8", "c")
    biology(qtbot, view, "2024-03-01", "142", "88", "12.4")
    imaging(qtbot, view, "2024-03-01", "y", ["1", "1", "0", "1", "0", "9"], "L3-L4")
    page = view.page
    assert isinstance(page, RepeatingFormPage)
    assert focused() is page.table
    add_course(qtbot, page, on_modal, "V", "1", "2024-03-01", "2024-03-20")
    add_course(qtbot, page, on_modal, "R", "2", "2024-03-20", "2024-05-15")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert isinstance(view.page, FormEditor)
    assert view.page.key == FormKey(record_id, "m3_arm_1", "clinical")
    assert focused().objectName() == "field_clin_date"
    clinical(qtbot, view, "2024-05-30", "36.9", "3", "d")
    biology(qtbot, view, "2024-05-30", "6", "18", "6.8")
    imaging(qtbot, view, "2024-05-30", "y", ["1", "0", "1", "0", "1", "0"], "better")
    clinical(qtbot, view, "2024-08-28", "36.7", "2", None)
    biology(qtbot, view, "2024-08-28", "3", "10", "5.9")
    # M6 imaging: the sequence of the report (y Tab n Tab 1 Tab … 9), no MRI oedema skipped.
    imaging(qtbot, view, "2024-08-28", "y", ["1", "9", "0", "0", "0", "9"], "stable")
    clinical(qtbot, view, "2025-08-24", "36.8", "1", None)
    fill(qtbot, ["2025-08-24", "98", "y", "n", "n", "n"])
    assert focused().objectName() == "formStatus"
    type_keys(qtbot, "C")
    press(qtbot, Qt.Key.Key_S, CTRL)

    service = EntryService(project, nurse)

    def values(event: str, form: str, instance: int = 1) -> dict[str, str]:
        state = service.open_form(FormKey(record_id, event, form, instance))
        assert state.status == 2, f"{event} {form} not Complete"
        return state.values

    enrolment = {k: v for k, v in values("m0_arm_1", "enrolment").items() if k != "record_id"}
    assert enrolment == {
        "site": "1", "initials": "MR", "birth_date": "1966-04-12",
        "enrol_date": "2024-03-01", "consent_date": "2024-03-01", "sex": "1",
        "weight_kg": "81", "comorb": "1,4", "symptom_onset_date": "2024-02-10",
        "diagnosis_date": "2024-03-01", "spine_level": "3", "n_levels": "1"}
    assert values("m0_arm_1", "microbiology") == {
        "micro_organism": "8", "micro_other": "Brucella", "micro_source": "2"}
    expected_clinical = {
        "m0_arm_1": {"clin_date": "2024-03-01", "clin_temp": "38.6", "clin_pain_vas": "8",
                     "clin_neuro": "1", "clin_frankel": "C", "clin_radicular": "0"},
        "m3_arm_1": {"clin_date": "2024-05-30", "clin_temp": "36.9", "clin_pain_vas": "3",
                     "clin_neuro": "1", "clin_frankel": "D", "clin_radicular": "0"},
        "m6_arm_1": {"clin_date": "2024-08-28", "clin_temp": "36.7", "clin_pain_vas": "2",
                     "clin_neuro": "0", "clin_radicular": "1"},
        "end_arm_1": {"clin_date": "2025-08-24", "clin_temp": "36.8", "clin_pain_vas": "1",
                      "clin_neuro": "0", "clin_radicular": "1"},
    }
    for event, expected in expected_clinical.items():
        assert values(event, "clinical") == expected, event
    expected_biology = {"m0_arm_1": ("2024-03-01", "142", "88", "12.4"),
                        "m3_arm_1": ("2024-05-30", "6", "18", "6.8"),
                        "m6_arm_1": ("2024-08-28", "3", "10", "5.9")}
    for event, (day, crp, esr, wbc) in expected_biology.items():
        assert values(event, "biology") == {"bio_date": day, "bio_crp": crp, "bio_esr": esr,
                                            "bio_wbc": wbc}, event
    findings = ("img_disc_height", "img_vert_oedema", "img_disc_abscess",
                "img_paravert_abscess", "img_epidural_abscess", "img_bone_destruction")
    expected_imaging = {"m0_arm_1": ("2024-03-01", "1", "1", "0", "1", "0", "9", "L3-L4"),
                        "m3_arm_1": ("2024-05-30", "1", "0", "1", "0", "1", "0", "better"),
                        "m6_arm_1": ("2024-08-28", "1", "9", "0", "0", "0", "9", "stable")}
    for event, (day, *answers, comment) in expected_imaging.items():
        assert values(event, "imaging") == {
            "img_date": day, "img_mri": "1", "img_ct": "0", **dict(zip(findings, answers,
                                                                         strict=True)),
            "img_comment": comment}, event
    courses = service.instances(record_id, "m0_arm_1", "antibiotics")
    assert [c.values for c in courses] == [
        {"abx_drug": "5", "abx_route": "1", "abx_start": "2024-03-01", "abx_stop": "2024-03-20"},
        {"abx_drug": "7", "abx_route": "2", "abx_start": "2024-03-20", "abx_stop": "2024-05-15"}]
    assert values("end_arm_1", "outcome") == {
        "out_date": "2025-08-24", "out_abx_days": "98", "out_cured": "1", "out_relapse": "0",
        "out_seq_pain": "0", "out_seq_neuro": "0"}
