"""Small REDCap projects written inline: a classic one, a longitudinal one with two arms (its
dictionary in the API's metadata header) and one with every field and validation type.

Each is a dict of file name → text; ``write_study`` puts it in a folder for ``init``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project, init_project

DD_HEADER = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
             "Choices, Calculations, OR Slider Labels", "Field Note",
             "Text Validation Type OR Show Slider Number", "Text Validation Min",
             "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
             "Required Field?", "Custom Alignment", "Question Number (surveys only)",
             "Matrix Group Name", "Matrix Ranking?", "Field Annotation"]
API_HEADER = ["field_name", "form_name", "section_header", "field_type", "field_label",
              "select_choices_or_calculations", "field_note",
              "text_validation_type_or_show_slider_number", "text_validation_min",
              "text_validation_max", "identifier", "branching_logic", "required_field",
              "custom_alignment", "question_number", "matrix_group_name", "matrix_ranking",
              "field_annotation"]

Row = tuple[str, ...]
"""(name, form, type, label, choices, validation, min, max, identifier)."""


def dictionary(rows: list[Row], header: list[str] = DD_HEADER) -> str:
    """Return a data dictionary CSV of ``rows`` under ``header``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for name, form, kind, label, *rest in rows:
        choices, validation, low, high, ident = (list(rest) + [""] * 5)[:5]
        writer.writerow([name, form, "", kind, label, choices, "", validation, low, high, ident,
                         "", "", "", "", "", "", ""])
    return out.getvalue()


CLASSIC = {
    "data_dictionary.csv": dictionary([
        ("participant_code", "screening", "text", "Participant code"),
        ("screen_date", "screening", "text", "Screening date", "", "date_dmy"),
        ("eligible", "screening", "yesno", "Eligible"),
        ("arm_choice", "screening", "radio", "Group", "1, Control | 2, Treated"),
        ("hb", "labs", "text", "Haemoglobin (g/dL)", "", "number_1dp", "3.0", "25.0"),
        ("symptoms", "labs", "checkbox", "Symptoms", "1, Fever | 2, Cough | 3, Pain"),
    ]),
    "project.json": '{"name": "Classic screening"}\n',
}
"""A classic project (no events.csv): its record id field is ``participant_code``."""

TWO_ARMS = {
    "data_dictionary.csv": dictionary([
        ("study_id", "enrol", "text", "Study ID"),
        ("enrol_date", "enrol", "text", "Enrolment date", "", "date_ymd"),
        ("weight", "enrol", "text", "Weight (kg)", "", "number_comma_decimal"),
        ("visit_date", "visit", "text", "Visit date", "", "date_mdy"),
        ("score", "visit", "slider", "Pain score", "None | Some | Worst", "number", "0", "10"),
    ], API_HEADER),
    "events.csv": "event_name,arm_num,day_offset,offset_min,offset_max,unique_event_name\n"
                  "Baseline,1,0,0,0,baseline_arm_1\n"
                  "Week 4,1,28,3,3,week_4_arm_1\n"
                  "Baseline,2,0,0,0,baseline_arm_2\n"
                  "Week 8,2,56,7,7,week_8_arm_2\n",
    "instrument_event_mapping.csv": "arm_num,unique_event_name,form\n"
                                    "1,baseline_arm_1,enrol\n1,week_4_arm_1,visit\n"
                                    "2,baseline_arm_2,enrol\n2,week_8_arm_2,visit\n",
    "project.json": '{"name": "Two arms"}\n',
}
"""A longitudinal project with two arms; its dictionary has the API's metadata header."""

GOOD_VALUES = {
    "date_ymd": "2024-12-31", "date_mdy": "2024-12-31", "date_dmy": "2024-12-31",
    "datetime_ymd": "2024-12-31 14:05", "datetime_mdy": "2024-12-31 14:05",
    "datetime_dmy": "2024-12-31 14:05", "datetime_seconds_ymd": "2024-12-31 14:05:09",
    "datetime_seconds_mdy": "2024-12-31 14:05:09", "datetime_seconds_dmy": "2024-12-31 14:05:09",
    "time": "14:05", "time_hh_mm_ss": "14:05:09", "time_mm_ss": "05:09",
    "integer": "42", "number": "38.5", "number_1dp": "38.5", "number_2dp": "38.55",
    "number_3dp": "1.234", "number_4dp": "1.2345", "number_comma_decimal": "38,5",
    "number_1dp_comma_decimal": "38,5", "number_2dp_comma_decimal": "38,55",
    "number_3dp_comma_decimal": "1,234", "number_4dp_comma_decimal": "1,2345",
    "email": "nina@example.org", "phone": "(615) 322-2222", "phone_australia": "02 1234 5678",
    "zipcode": "37212", "postalcode_australia": "2000", "postalcode_canada": "K1A 0B1",
    "postalcode_french": "75013", "postalcode_germany": "10115", "ssn": "123-45-6789",
    "mrn_10d": "0123456789", "mrn_generic": "AB-123_x", "vmrn": "12345", "alpha_only": "Abc",
}
"""A valid stored value of each validation (the field is called ``v_<validation>``)."""

BAD_VALUES = {
    "date_ymd": "31-12-2024", "date_mdy": "13-31-2024", "date_dmy": "2024-02-30",
    "datetime_ymd": "2024-12-31 25:00", "datetime_mdy": "2024-12-31", "datetime_dmy": "x",
    "datetime_seconds_ymd": "2024-12-31 14:05", "datetime_seconds_mdy": "2024-12-31 14:05:61",
    "datetime_seconds_dmy": "31-12-2024 14:05", "time": "24:00", "time_hh_mm_ss": "14:05",
    "time_mm_ss": "61:00", "integer": "4.2", "number": "38,5", "number_1dp": "38.55",
    "number_2dp": "38.5", "number_3dp": "1.23", "number_4dp": "1", "number_comma_decimal":
    "38.5", "number_1dp_comma_decimal": "38,55", "number_2dp_comma_decimal": "38.55",
    "number_3dp_comma_decimal": "1,2", "number_4dp_comma_decimal": "1,23456",
    "email": "nina@example", "phone": "123", "phone_australia": "12 1234 5678",
    "zipcode": "3721", "postalcode_australia": "20000", "postalcode_canada": "K1A 0B",
    "postalcode_french": "99013", "postalcode_germany": "1011", "ssn": "123456789",
    "mrn_10d": "12345", "mrn_generic": "AB 123", "vmrn": "123", "alpha_only": "Ab1",
}
"""A value each validation refuses."""

ALL_TYPES = {
    "data_dictionary.csv": dictionary([
        ("subject", "identity", "text", "Subject"),
        ("name", "identity", "text", "Name", "", "", "", "", "y"),
        ("custom", "identity", "text", "Custom code", "", "my_custom_check"),
        ("remarks", "identity", "notes", "Remarks"),
        ("intro", "identity", "descriptive", "Please fill in every field"),
        *(("v_" + v, "measures", "text", f"Value {v}", "", v) for v in GOOD_VALUES),
        ("colour", "other_types", "dropdown", "Colour", "1, Red | 2, Blue"),
        ("size", "other_types", "radio", "Size", "1, Small | 2, Large"),
        ("flags", "other_types", "checkbox", "Flags", "a, Alpha | b, Beta"),
        ("agree", "other_types", "yesno", "Agree"),
        ("truth", "other_types", "truefalse", "True"),
        ("double_int", "other_types", "calc", "Twice the integer", "[v_integer] * 2"),
        ("pain", "other_types", "slider", "Pain", "None | Moderate | Worst", "number", "0",
         "10"),
        ("mood", "other_types", "slider", "Mood", "Sad | | Happy"),
        ("site_pick", "other_types", "sql", "Site (from the server)",
         "select value, label from redcap_data where project_id = 1"),
        ("consent_scan", "other_types", "file", "Consent scan"),
    ]),
    "project.json": '{"name": "Every type"}\n',
}
"""A classic project with every field type and every validation type supported."""


def classic_study(name: str, rows: list[Row]) -> dict[str, str]:
    """The files of a classic project named ``name`` whose dictionary holds ``rows``."""
    return {"data_dictionary.csv": dictionary(rows),
            "project.json": json.dumps({"name": name}) + "\n"}


MARKUP = classic_study("Markup", [
    ("pid", "visit", "text", "Participant"),
    ("nick", "visit", "text", "Nickname", "", "", "", "", "y"),
    ("weight", "visit", "text", "Weight <i>(kg)</i>&nbsp;today", "", "number"),
    ("note", "visit", "notes", "Note for <b>[pid]</b> <span style='color:red'>(free)"),
    ("greeting", "visit", "text", "Hello [nick]</b>"),
])
"""A classic project whose labels hold REDCap's HTML and piping (an identifier piped too)."""


def write_study(folder: Path, texts: dict[str, str]) -> Path:
    """Write a study's files into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


ADMIN = CurrentUser("admin", Role.ADMIN)


def init_study(tmp_path: Path, texts: dict[str, str], name: str = "study") -> Project:
    """Create a database holding the study; return it open (the admin is ``admin``)."""
    folder = write_study(tmp_path / f"{name}-definition", texts)
    return init_project(str(tmp_path / f"{name}.sqlite"), "admin", "admin-pass-1", folder)


FILE_FIELDS = {
    "data_dictionary.csv": dictionary([
        ("pid", "consent", "text", "Participant"),
        ("consent_date", "consent", "text", "Consent date", "", "date_ymd"),
        ("consent_scan", "consent", "file", "Scanned consent"),
        ("consent_sign", "consent", "file", "Signature", "", "signature"),
        ("mri_report", "imaging", "file", "MRI report"),
    ]),
    "project.json": '{"name": "Consent and imaging"}\n',
}
"""A classic project with two file fields and a drawn signature."""

REPEATING_ROWS: list[Row] = [
    ("record_id", "baseline", "text", "Record ID"),
    ("dob", "baseline", "text", "Date of birth", "", "date_ymd"),
    ("ae_term", "adverse_event", "text", "Adverse event"),
    ("ae_grade", "adverse_event", "radio", "Grade", "1, Mild | 2, Moderate | 3, Severe"),
    ("ae_start", "adverse_event", "text", "Start date", "", "date_dmy"),
]
REPEATING = {
    "data_dictionary.csv": dictionary(REPEATING_ROWS),
    "repeating_forms.csv": "form_name,custom_form_label\nadverse_event,[ae_term]\n",
    "project.json": '{"name": "Adverse events"}\n',
}
"""A classic project whose adverse-event form repeats."""
