"""Data for the inline studies of ``redcap_studies``: one seed function per study, taking the
open project and a scratch folder (for the files to import or attach)."""

from __future__ import annotations

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
