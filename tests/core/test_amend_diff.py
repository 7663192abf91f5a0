"""The definition diff: one edit of the REDCap files per change kind, and the printed report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amend_support import edit, seed_patients, study_copy

from vo_crf.amend import ChangeKind, diff_studies, prepare_amendment
from vo_crf.auth.users import CurrentUser
from vo_crf.paths import default_study_dir
from vo_crf.project import Project
from vo_crf.study import load_study

DICT, EVENTS, MAPPING, REPEATING = ("data_dictionary.csv", "events.csv",
                                    "instrument_event_mapping.csv", "repeating_forms.csv")
RADICULAR = "clin_radicular,clinical,,yesno,Radicular pain,,,,,,,,,,,,,\n"

EDITS: list[tuple[str, str, str, ChangeKind, str]] = [
    (DICT, RADICULAR, RADICULAR + "clin_fever,clinical,,yesno,Fever,,,,,,,,,,,,,\n",
     ChangeKind.FIELD_ADDED, "clin_fever"),
    (DICT, "n_levels,enrolment,,text,Number of vertebral levels involved,,,integer,1,10",
     "n_levels,enrolment,,text,Number of vertebral levels involved,,,number,1,10",
     ChangeKind.FIELD_RETYPED, "n_levels: type text (integer) -> text (number)"),
    (DICT, "bio_wbc,biology,", "bio_wbc,imaging,", ChangeKind.FIELD_MOVED,
     "bio_wbc: moved from form biology to form imaging"),
    (DICT, "Radicular pain", "Radiating pain", ChangeKind.FIELD_RELABELLED,
     "clin_radicular: label 'Radicular pain' -> 'Radiating pain'"),
    (DICT, "3, Site 03", "3, Site 03 | 4, Site 04", ChangeKind.CHOICE_ADDED,
     "site: choice 4 (Site 04) added"),
    (DICT, "3, Site 03", "3, Site three", ChangeKind.CHOICE_RELABELLED,
     "site: choice 3 label 'Site 03' -> 'Site three'"),
    (DICT, '"1, Male | 2, Female"', '"1, Male | 3, Female"', ChangeKind.CHOICE_RECODED,
     "sex: choice 'Female' recoded 2 -> 3"),
    (DICT, "| 4, Sacral", "", ChangeKind.CHOICE_REMOVED, "spine_level: choice 4 (Sacral) removed"),
    (DICT, "[micro_organism] = '8'", "[micro_organism] = '7'", ChangeKind.BRANCHING_CHANGED,
     "micro_other: branching logic"),
    (DICT, '""d"")"', '""h"")"', ChangeKind.CALCULATION_CHANGED, "delay_days: calculation"),
    (DICT, "weight_kg,enrolment,,text,Weight,,kg,number,25,250,,,,",
     "weight_kg,enrolment,,text,Weight,,kg,number,25,250,,,y,", ChangeKind.REQUIRED_CHANGED,
     "weight_kg: now required"),
    (DICT, "degrees C,number,34,42", "degrees C,number,33,43", ChangeKind.RANGE_CHANGED,
     "clin_temp: range [34, 42] -> [33, 43]"),
    (EVENTS, "M6,1,180,21,21", "M6,1,180,30,30", ChangeKind.EVENT_CHANGED, "event m6_arm_1"),
    (MAPPING, "1,m6_arm_1,imaging\n", "", ChangeKind.EVENT_FORM_REMOVED,
     "form imaging no longer collected at event m6_arm_1"),
    (MAPPING, "1,end_arm_1,clinical\n", "1,end_arm_1,clinical\n1,end_arm_1,biology\n",
     ChangeKind.EVENT_FORM_ADDED, "form biology now collected at event end_arm_1"),
    (REPEATING, "m0_arm_1,antibiotics,[abx_drug] [abx_start]\n", "",
     ChangeKind.REPEATING_REMOVED, "form antibiotics no longer repeats at event m0_arm_1"),
    (EVENTS, "End of follow-up", "M12,1,365,30,30,m12_arm_1\nEnd of follow-up",
     ChangeKind.EVENT_ADDED, "event m12_arm_1 (M12) added"),
]


@pytest.mark.parametrize(("file_name", "old", "new", "kind", "text"), EDITS,
                         ids=[edit[3].value for edit in EDITS])
def test_each_kind_of_change_is_reported(tmp_path: Path, file_name: str, old: str, new: str,
                                         kind: ChangeKind, text: str) -> None:
    folder = study_copy(tmp_path)
    edit(folder, file_name, old, new)
    changes = diff_studies(load_study(default_study_dir()), load_study(folder))
    assert [c.kind for c in changes] == [kind]
    assert text in changes[0].text


def test_removed_form_event_and_setting_are_reported(tmp_path: Path) -> None:
    old_dir = study_copy(tmp_path, "old")
    edit(old_dir, EVENTS, "End of follow-up", "M12,1,365,30,30,m12_arm_1\nEnd of follow-up")
    folder = study_copy(tmp_path)
    edit(folder, DICT, "micro_organism,microbiology,", "micro_organism,enrolment,")
    edit(folder, DICT, "micro_other,microbiology,", "micro_other,enrolment,")
    edit(folder, DICT, "micro_source,microbiology,", "micro_source,enrolment,")
    edit(folder, MAPPING, "1,m0_arm_1,microbiology\n", "")
    settings = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    settings["double_data_entry_forms"] = ["biology"]
    changes = diff_studies(load_study(old_dir), load_study(folder), {}, settings)
    kinds = {c.kind for c in changes}
    assert {ChangeKind.FORM_REMOVED, ChangeKind.EVENT_REMOVED, ChangeKind.FIELD_MOVED,
            ChangeKind.SETTING_CHANGED} <= kinds
    assert [c.form for c in changes if c.kind is ChangeKind.FORM_REMOVED] == ["microbiology"]
    assert [c.event for c in changes if c.kind is ChangeKind.EVENT_REMOVED] == ["m12_arm_1"]
    assert any(c.text.startswith("project.json double_data_entry_forms: (unset) -> "
                                 '["biology"]') for c in changes)


def test_report_counts_stored_values_per_change(project: Project,
                                                users: dict[str, CurrentUser],
                                                tmp_path: Path) -> None:
    seed_patients(project, users["nurse"])
    folder = study_copy(tmp_path)
    edit(folder, DICT, "3, Lumbar | 4, Sacral", "3, Lumbar spine | 4, Sacral")
    edit(folder, DICT, RADICULAR, RADICULAR + "clin_fever,clinical,,yesno,Fever,,,,,,,,,,,,,\n")
    report = prepare_amendment(project, users["admin"], folder).report()
    assert "definition version 1 -> 2" in report
    assert "2 change(s), 1 touching stored data" in report
    assert "spine_level: choice 3 label 'Lumbar' -> 'Lumbar spine'  [3 stored values]" in report
    assert "field clin_fever (yesno) added to form clinical: Fever" in report
    assert report.endswith("No blocking change: the amendment can be applied.")


def test_a_new_field_is_described_with_its_type_range_and_unit(tmp_path: Path) -> None:
    folder = study_copy(tmp_path)
    edit(folder, DICT, RADICULAR, RADICULAR + "clin_spo2,clinical,,text,Oxygen saturation,,%,"
         "integer,70,100,,,,,,,,\n")
    changes = diff_studies(load_study(default_study_dir()), load_study(folder))
    assert [c.text for c in changes] == [
        "field clin_spo2 (text (integer), range [70, 100], unit %) added to form clinical: "
        "Oxygen saturation"]
