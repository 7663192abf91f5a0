"""Data for the inline studies of ``redcap_studies``: one seed function per study, taking the
open project and a scratch folder (for the files to import or attach), and an amendment of
each (``AMENDMENTS``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from redcap_studies import (
    ADMIN,
    ALL_TYPES,
    CLASSIC,
    FILE_FIELDS,
    GOOD_VALUES,
    REPEATING,
    TWO_ARMS,
    Row,
)

from vo_crf.attachments.store import attach_file
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project

EVENT = "event_1_arm_1"
"""The one event of a classic study."""


def seed_classic(project: Project, folder: Path) -> None:
    """P-001 and P-002: screening (date_dmy, group 1/2) and labs (hb, symptoms)."""
    service = EntryService(project, ADMIN)
    for number, (group, hb, symptoms) in enumerate((("1", "12.5", "1,3"), ("2", "9.0", "2")),
                                                    start=1):
        record = create_record(project, ADMIN, "1", f"P-00{number}")
        service.save_form(FormKey(record, EVENT, "screening"),
                          {"screen_date": "31-12-2024", "eligible": "1", "arm_choice": group}, 2)
        service.save_form(FormKey(record, EVENT, "labs"), {"hb": hb, "symptoms": symptoms}, 0)


def seed_two_arms(project: Project, folder: Path) -> None:
    """A1-01 in arm 1 and A2-01 in arm 2: enrolment (comma-decimal weight) and a visit."""
    service = EntryService(project, ADMIN)
    for arm, record_id, weight in ((1, "A1-01", "80,5"), (2, "A2-01", "72,5")):
        record = create_record(project, ADMIN, "1", record_id)
        service.save_form(FormKey(record, f"baseline_arm_{arm}", "enrol"),
                          {"enrol_date": "2024-01-15", "weight": weight}, 2)
        later = "week_4_arm_1" if arm == 1 else "week_8_arm_2"
        service.save_form(FormKey(record, later, "visit"),
                          {"visit_date": "03-11-2024", "score": str(3 + arm)}, 1)


def seed_all_types(project: Project, folder: Path) -> None:
    """T-01: every validation's good value, identity, and other types imported from CSV."""
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "T-01")
    service.save_form(FormKey(record, EVENT, "measures"),
                      {f"v_{name}": value for name, value in GOOD_VALUES.items()}, 2)
    service.save_form(FormKey(record, EVENT, "identity"),
                      {"name": "Ada", "custom": "anything", "remarks": "two\nlines"}, 1)
    incoming = folder / "server.csv"
    incoming.write_text("subject,colour,size,flags___a,flags___b,agree,truth,pain,mood,"
                        "site_pick,other_types_complete\n"
                        "T-01,2,1,1,1,0,1,7,55,3,1\n", encoding="utf-8")
    import_redcap_csv(project, ADMIN, incoming)


SCAN = b"%PDF-1.4\n% scanned consent\n" + bytes(range(256)) * 64


def seed_files(project: Project, folder: Path) -> None:
    """P-1: a scanned consent, a drawn signature and an MRI report attached."""
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "P-1")
    scan = folder / "consent P-1.pdf"
    scan.write_bytes(SCAN)
    report = folder / "mri P-1.pdf"
    report.write_bytes(SCAN[::-1])
    signature = folder / "signature.png"
    signature.write_bytes(b"\x89PNG\r\n\x1a\n" + b"sig" * 50)
    service.save_form(FormKey(record, EVENT, "consent"),
                      {"consent_date": "2024-03-01",
                       "consent_scan": attach_file(project.engine, scan).value,
                       "consent_sign": attach_file(project.engine, signature).value}, 2)
    service.save_form(FormKey(record, EVENT, "imaging"),
                      {"mri_report": attach_file(project.engine, report).value}, 1)


def seed_repeating(project: Project, folder: Path) -> None:
    """R-1: baseline and three adverse-event instances (grades 1, 2, 3)."""
    service = EntryService(project, ADMIN)
    record = create_record(project, ADMIN, "1", "R-1")
    service.save_form(FormKey(record, EVENT, "baseline"), {"dob": "1960-02-29"}, 2)
    for instance, (term, grade) in enumerate((("Rash", "1"), ("Nausea", "2"),
                                              ("Fall", "3")), start=1):
        service.save_form(FormKey(record, EVENT, "adverse_event", instance),
                          {"ae_term": term, "ae_grade": grade, "ae_start": "05-03-2024"}, 2)


Seed = Callable[[Project, Path], None]
SEEDED_STUDIES: dict[str, tuple[dict[str, str], Seed]] = {
    "classic": (CLASSIC, seed_classic),
    "two_arms": (TWO_ARMS, seed_two_arms),
    "all_types": (ALL_TYPES, seed_all_types),
    "files": (FILE_FIELDS, seed_files),
    "repeating": (REPEATING, seed_repeating),
}
"""Every inline study with its seed, by name."""


CLASSIC_V2: list[Row] = [
    ("participant_code", "screening", "text", "Participant code"),
    ("screen_date", "screening", "text", "Screening date", "", "date_mdy"),
    ("eligible", "screening", "yesno", "Eligible"),
    ("arm_choice", "screening", "radio", "Group", "C, Control | T, Treated | P, Placebo"),
    ("hb", "labs", "text", "Haemoglobin (g/dL)", "", "number_1dp", "3.0", "25.0"),
    ("ferritin", "labs", "text", "Ferritin (ng/mL)", "", "integer", "0", "2000"),
]


TWO_ARMS_V2: list[Row] = [
    ("study_id", "enrol", "text", "Study ID"),
    ("enrol_date", "enrol", "text", "Enrolment date", "", "date_ymd"),
    ("weight", "enrol", "text", "Weight (kg)", "", "number_1dp"),
    ("score", "visit", "slider", "Pain score", "None | Moderate | Worst", "number", "0",
     "10"),
    ("systolic", "visit", "text", "Systolic pressure", "", "integer", "60", "250"),
]


def _all_types_v2() -> list[Row]:
    """ALL_TYPES with site_pick removed, size recoded (and a choice added), v_date_dmy made
    date_ymd, a range on v_integer and a radio field added."""
    rows: list[Row] = []
    for row in rows_of(ALL_TYPES["data_dictionary.csv"]):
        name = row[0]
        if name == "site_pick":
            continue  # removed
        if name == "size":
            row = (*row[:4], "S, Small | L, Large | XL, Extra large", *row[5:])
        if name == "v_date_dmy":
            row = (*row[:5], "date_ymd", *row[6:])
        if name == "v_integer":
            row = (*row[:5], "integer", "0", "100", *row[8:])
        rows.append(row)
        if name == "truth":
            rows.append(("handedness", "other_types", "radio", "Handedness",
                         "1, Left | 2, Right"))
    return rows


def rows_of(text: str) -> list[Row]:
    """The (name, form, type, label, choices, validation, min, max, identifier) rows of a
    dictionary written by ``dictionary``."""
    _head, *rows = list(csv.reader(io.StringIO(text)))
    return [(r[0], r[1], r[3], r[4], r[5], r[7], r[8], r[9], r[10]) for r in rows]


FILES_V2: list[Row] = [
    ("pid", "consent", "text", "Participant"),
    ("consent_date", "consent", "text", "Consent date", "", "date_dmy"),
    ("consent_scan", "consent", "file", "Scanned consent"),
    ("consent_version", "consent", "dropdown", "Consent version", "1, v1.0 | 2, v2.0"),
    ("mri_report", "imaging", "file", "MRI report"),
    ("mri_date", "imaging", "text", "MRI date", "", "date_ymd"),
]


REPEATING_V2: list[Row] = [
    ("record_id", "baseline", "text", "Record ID"),
    ("dob", "baseline", "text", "Date of birth", "", "date_dmy"),
    ("ae_term", "adverse_event", "text", "Adverse event"),
    ("ae_grade", "adverse_event", "radio", "Grade (CTCAE)",
     "G1, Mild | G2, Moderate | G3, Severe | G4, Life-threatening"),
    ("ae_serious", "adverse_event", "yesno", "Serious"),
]


AMENDMENTS: dict[str, tuple[list[Row], dict[str, object]]] = {
    "classic": (CLASSIC_V2, {"fields": {"symptoms": None},
                             "choices": {"arm_choice": {"1": "C", "2": "T"}}}),
    "two_arms": (TWO_ARMS_V2, {"fields": {"visit_date": None},
                               "choices": {"weight": {"80,5": "80.5", "72,5": "72.5"}}}),
    "all_types": (_all_types_v2(), {"fields": {"site_pick": None},
                                    "choices": {"size": {"1": "S", "2": "L"}}}),
    "files": (FILES_V2, {"fields": {"consent_sign": None}}),
    "repeating": (REPEATING_V2, {"fields": {"ae_start": None},
                                 "choices": {"ae_grade": {"1": "G1", "2": "G2", "3": "G3"}}}),
}
"""Per inline study, the next version's dictionary rows (a field added, a choice list changed,
a field removed, a validation changed) and the mapping its seeded data need."""
