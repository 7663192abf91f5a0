"""A research nurse enters a whole M0 visit with the keyboard only."""

from __future__ import annotations

import pytest
from gui_helpers import (
    fill,
    focused,
    open_new_patient,
    press,
    save_and_next,
    show_active,
    type_keys,
)
from PySide6.QtCore import Qt

from ui.forms.editor import FormEditor
from ui.patient.repeating import RepeatingFormPage
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record

TAB = Qt.Key.Key_Tab


@pytest.fixture
def patient_view(project, nurse, make_session, qtbot):
    return open_new_patient(qtbot, project, nurse, make_session)


def test_whole_m0_visit_by_keyboard(patient_view, project, nurse, qtbot) -> None:
    view = patient_view
    record_id = view.record_id
    assert focused().objectName() == "field_site"
    # Enrolment: site is set already; initials, dates in both formats, sex by code, weight with
    # a decimal comma, comorbidities and spinal level by code, number of levels.
    fill(qtbot, [None, "JD", "05/03/1950", "2024-03-05", "05032024", "2", "72,5"])
    type_keys(qtbot, "14")  # comorbidities: diabetes + chronic renal failure
    press(qtbot, TAB)
    fill(qtbot, ["2024-02-01", "2024-03-01", "3", "2"])
    save_and_next(qtbot, view, "enrolment")
    # Microbiology: organism by first letter (S = S. aureus MSSA), source = blood cultures.
    assert view.page.key.form == "microbiology"
    fill(qtbot, ["S", "1"])
    save_and_next(qtbot, view, "microbiology")
    # Clinical: neurological deficit Yes shows the Frankel grade, chosen by its code.
    fill(qtbot, ["01/03/2024", "38.4", "7"])
    type_keys(qtbot, "y")
    qtbot.waitUntil(lambda: view.page.rows["clin_frankel"].isVisible())
    press(qtbot, TAB)
    fill(qtbot, ["d", "n"])
    save_and_next(qtbot, view, "clinical")
    fill(qtbot, ["2024-03-01", "85", "60", "11.2"])
    save_and_next(qtbot, view, "biology")
    # Imaging: MRI yes (shows vertebral oedema), CT no, findings by code, comment.
    fill(qtbot, ["2024-03-01", "y"])
    type_keys(qtbot, "n")
    qtbot.waitUntil(lambda: view.page.rows["img_vert_oedema"].isVisible())
    press(qtbot, TAB)
    fill(qtbot, ["1", "1", "0", "1", "0", "9", "L3-L4 spondylodiscitis"])
    save_and_next(qtbot, view, "imaging")
    assert isinstance(view.page, RepeatingFormPage)

    service = EntryService(project, nurse)
    enrolment = service.open_form(FormKey(record_id, "m0_arm_1", "enrolment"))
    assert enrolment.status == 2
    assert {k: enrolment.values.get(k) for k in (
        "site", "initials", "birth_date", "enrol_date", "consent_date", "sex", "weight_kg",
        "comorb", "symptom_onset_date", "diagnosis_date", "spine_level", "n_levels")} == {
        "site": "1", "initials": "JD", "birth_date": "1950-03-05", "enrol_date": "2024-03-05",
        "consent_date": "2024-03-05", "sex": "2", "weight_kg": "72.5", "comorb": "1,4",
        "symptom_onset_date": "2024-02-01", "diagnosis_date": "2024-03-01",
        "spine_level": "3", "n_levels": "2"}
    assert enrolment.calc_values["delay_days"] == "29"
    micro = service.open_form(FormKey(record_id, "m0_arm_1", "microbiology"))
    assert micro.values == {"micro_organism": "1", "micro_source": "1"}
    clinical = service.open_form(FormKey(record_id, "m0_arm_1", "clinical"))
    assert clinical.values == {"clin_date": "2024-03-01", "clin_temp": "38.4",
                               "clin_pain_vas": "7", "clin_neuro": "1", "clin_frankel": "D",
                               "clin_radicular": "0"}
    biology = service.open_form(FormKey(record_id, "m0_arm_1", "biology"))
    assert biology.values == {"bio_date": "2024-03-01", "bio_crp": "85", "bio_esr": "60",
                              "bio_wbc": "11.2"}
    imaging = service.open_form(FormKey(record_id, "m0_arm_1", "imaging"))
    assert imaging.status == 2
    assert imaging.values == {
        "img_date": "2024-03-01", "img_mri": "1", "img_ct": "0", "img_disc_height": "1",
        "img_vert_oedema": "1", "img_disc_abscess": "0", "img_paravert_abscess": "1",
        "img_epidural_abscess": "0", "img_bone_destruction": "9",
        "img_comment": "L3-L4 spondylodiscitis"}


def test_arrows_and_space_operate_choice_groups(project, nurse, make_session, qtbot) -> None:
    record_id = create_record(project, nurse, "1")
    editor = FormEditor(make_session(nurse), FormKey(record_id, "m0_arm_1", "enrolment"))
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    group = editor.rows["spine_level"].editor.focus_widget()
    group.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # cervical
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # lumbar
    assert editor.rows["spine_level"].value() == "1,3"
    press(qtbot, Qt.Key.Key_Delete)
    assert editor.rows["spine_level"].value() == ""
    sex = editor.rows["sex"].editor.focus_widget()
    sex.setFocus()
    press(qtbot, Qt.Key.Key_Right)
    assert editor.rows["sex"].value() in ("1", "2")
    type_keys(qtbot, "f")
    assert editor.rows["sex"].value() == "2"
