"""Loading the REDCap study definition, and refusing broken ones with file, row and reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vo_crf.paths import default_study_dir
from vo_crf.study import DefinitionError, FieldType, ValidationType, load_study

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec"


def test_builtin_study_is_the_protocol_spec_unchanged() -> None:
    shipped = default_study_dir()
    if not SPEC.exists():
        pytest.skip("shared/spec is not beside the checkout")
    for name in ("data_dictionary.csv", "events.csv", "instrument_event_mapping.csv",
                 "repeating_forms.csv"):
        assert (shipped / name).read_bytes() == (SPEC / name).read_bytes(), name


def test_vo_study_fields_forms_and_types() -> None:
    study = load_study(default_study_dir())
    assert study.record_id_field == "record_id"
    assert [f.name for f in study.forms] == [
        "enrolment", "microbiology", "clinical", "biology", "imaging", "antibiotics", "outcome"]
    types = {f.field_type for f in study.fields}
    assert {FieldType.TEXT, FieldType.NOTES, FieldType.DROPDOWN, FieldType.RADIO,
            FieldType.CHECKBOX, FieldType.YESNO, FieldType.CALC} <= types
    birth = study.field("birth_date")
    assert birth.validation is ValidationType.DATE_YMD
    assert (birth.min_value, birth.max_value) == ("1900-01-01", "today")
    assert birth.identifier and birth.required
    temp = study.field("clin_temp")
    assert temp.note == "degrees C" and temp.min_value == "34" and temp.max_value == "42"
    assert study.field("comorb").section_header == "Medical history"
    assert [c.code for c in study.field("clin_frankel").choices] == ["A", "B", "C", "D", "E"]
    assert study.field("clin_frankel").branching_logic == "[clin_neuro] = '1'"
    assert study.field("out_sequelae").calculation.startswith("if(")
    assert [c.code for c in study.field("clin_neuro").choices] == ["1", "0"]


def test_vo_study_events_windows_and_repeating_form() -> None:
    study = load_study(default_study_dir())
    assert [e.label for e in study.events] == ["M0", "M3", "M6", "End of follow-up"]
    assert study.event("m3_arm_1").window == (76, 104)
    assert study.event("end_arm_1").window == (360, 905)
    assert study.event("m0_arm_1").forms[0] == "enrolment"
    assert "outcome" in study.event("end_arm_1").forms
    assert study.is_repeating("m0_arm_1", "antibiotics")
    assert not study.is_repeating("m0_arm_1", "clinical")
    assert {c.code for c in study.missing_codes} >= {"NA", "UNK", "NASK", "ND"}
    assert study.protocol.baseline_date_field == "diagnosis_date"


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "study"
    shutil.copytree(default_study_dir(), folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("file", "old", "new", "row", "reason"), [
    ("data_dictionary.csv", "sex,enrolment,,radio", "sex,enrolment,,radiobox", 9,
     "unknown field type 'radiobox'"),
    ("data_dictionary.csv", "weight_kg,enrolment", "sex,enrolment", 10, "duplicate field 'sex'"),
    ("data_dictionary.csv", '"1, Male | 2, Female"', '"1, Male | 1, Female"', 9,
     "choice code '1' appears twice"),
    ("data_dictionary.csv", '"1, Male | 2, Female"', '"Male | Female"', 9,
     "is not 'code, label'"),
    ("data_dictionary.csv", "[micro_organism] = '8'", "[micro_organisme] = '8'", 18,
     "unknown field 'micro_organisme'"),
    ("data_dictionary.csv", "[m0_arm_1][diagnosis_date]", "[m9_arm_1][diagnosis_date]", 51,
     "unknown event 'm9_arm_1'"),
    ("data_dictionary.csv", "[clin_neuro] = '1'", "[clin_neuro] = '1' and (", 24,
     "branching logic of 'clin_frankel'"),
    ("data_dictionary.csv", "integer,1,10", "integer,one,10", 16, "bad min/max 'one'"),
    ("events.csv", "M3,1,90,14,14", "M3,1,ninety,14,14", 3, "day_offset 'ninety'"),
    ("instrument_event_mapping.csv", "1,m3_arm_1,imaging", "1,m3_arm_1,imagery", 10,
     "unknown form 'imagery'"),
    ("repeating_forms.csv", "m0_arm_1,antibiotics", "m3_arm_1,antibiotics", 2,
     "not collected at event 'm3_arm_1'"),
])
def test_broken_definition_is_refused_with_file_row_and_reason(
        tmp_path: Path, file: str, old: str, new: str, row: int, reason: str) -> None:
    folder = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(DefinitionError) as caught:
        load_study(folder)
    assert caught.value.file == file
    assert caught.value.row == row
    assert reason in str(caught.value)


def test_checkbox_code_reference_must_exist(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, "data_dictionary.csv", "[micro_organism] = '8'",
                          "[comorb(9)] = '1'")
    with pytest.raises(DefinitionError, match="'comorb' has no option '9'"):
        load_study(folder)


def test_missing_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    shutil.copytree(default_study_dir(), folder)
    (folder / "events.csv").unlink()
    with pytest.raises(DefinitionError, match="events.csv: file not found"):
        load_study(folder)
