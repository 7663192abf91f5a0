"""A deterministic demo cohort of 29 patients that reproduces the reference paper's figures.

Zarrouk et al., Rheumatology 2007: 29 patients, mean age 58, mean antibiotic duration about 98
days, all cured, 6 with painful and/or neurological sequelae, imaging at M0 and M3 for all and at
M6 for 22, median follow-up about 18 months, inflammation markers normal again at M3 for most.
Two patients are imaged by CT only (no vertebral oedema reading, epidural abscess not assessable
at M0). The data is produced as REDCap CSV text and loaded through the audited importer.

DEMO_DENOMINATORS (Table 2, n/N (%) as the application prints them; paper in brackets)::

    Finding                      M0              M3              M6
    Decreased disc height        24/29 (83%)     27/29 (93%)     21/22 (95%)   [not given]
    Vertebral oedema (MRI only)  26/26 (100%)    18/27 (67%)     3/20 (15%)    [100/67/15]
    Discal abscess               17/26 (65%)     11/26 (42%)     4/22 (18%)    [65/42/18]
    Paravertebral abscess        11/28 (39%)     2/23 (9%)       1/22 (5%)     [39/9/3]
    Epidural abscess             8/27 (30%)      0/26 (0%)       0/22 (0%)     [30/0/-]
    Vertebral body destruction   10/29 (34%)     12/29 (41%)     9/22 (41%)    [not given]

Every published percentage arises exactly (round half up) except M6 paravertebral abscess: 3%
needs N >= 29 with n = 1, but only 22 patients had an M6 visit, so the closest achievable,
1/22 (4.5%, printed 5%), was chosen. The paper gives no M6 epidural figure; the demo has 0/22.
Patients not counted in N were read "not assessable" (9), or had no MRI (vertebral oedema).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.demo.imaging import DEMO_TABLE2, assign_readings, finding_order
from vo_crf.demo.patients import DemoPatient, make_patients
from vo_crf.exchange.redcap_import import ImportSummary, import_redcap_text
from vo_crf.exchange.redcap_layout import RECORD_EVENT, REPEAT_INSTANCE, REPEAT_INSTRUMENT, header
from vo_crf.paths import default_study_dir
from vo_crf.project import Project, init_project
from vo_crf.study.files import StudyFiles
from vo_crf.study.model import FieldType, Study

SEED = 2007
PATIENTS = 29
IMAGING_EVENTS = ("m0_arm_1", "m3_arm_1", "m6_arm_1")

Row = dict[str, str]


def demo_csv(study: Study, copies: int = 1) -> str:
    """Return the demo cohort as REDCap CSV text (``copies`` > 1 replicates it, new ids)."""
    patients = make_patients(random.Random(SEED), PATIENTS)
    _add_imaging(random.Random(SEED + 1), patients)
    columns = header(study)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for copy in range(copies):
        for patient in patients:
            record_id = patient.record_id if copy == 0 else f"{patient.record_id}-{copy:03d}"
            for row in _patient_rows(study, patient):
                row[study.record_id_field] = record_id
                writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


DEMO_RECORD_ID_SCHEME = {"prefix": "VO-", "digits": 3, "site_prefix": False}
"""The demo's patients are VO-001 … VO-029 (one centre): new patients continue at VO-030."""


def demo_study_texts() -> StudyFiles:
    """Return the built-in VO study's files, numbering new patients like the demo's (VO-030)."""
    files = StudyFiles.read(default_study_dir())
    return files.with_settings({**files.settings, "record_id_scheme": DEMO_RECORD_ID_SCHEME})


def create_demo_project(path_or_url: str, admin: str, password: str) -> Project:
    """Create a new database holding the demo cohort, ``admin`` its first admin; return it open."""
    project = init_project(path_or_url, admin, password, study_texts=demo_study_texts())
    try:
        load_demo(project, CurrentUser(admin, Role.ADMIN))
    except BaseException:
        project.close()
        raise
    return project


def load_demo(project: Project, user: CurrentUser, copies: int = 1) -> ImportSummary:
    """Load the demo cohort into ``project`` through the audited REDCap importer."""
    return import_redcap_text(project, user, demo_csv(project.study, copies),
                              "demo cohort (vo_crf.demo)")


def _add_imaging(rng: random.Random, patients: list[DemoPatient]) -> None:
    """Fill the imaging form of every visit from DEMO_TABLE2."""
    severity = [p.severity for p in patients]
    ct_only = {i for i, p in enumerate(patients) if p.ct_only}
    for finding, cells in DEMO_TABLE2.items():
        order = finding_order(rng, severity)
        for event, (n, total) in cells.items():
            imaged = [i for i, p in enumerate(patients) if event in p.visits]
            mri = {i for i in imaged if i not in ct_only}
            readings = assign_readings(rng, imaged, mri, ct_only, finding, n, total,
                                       order)
            for index, code in readings.items():
                patients[index].visits[event][finding] = code
    for patient in patients:
        for event in IMAGING_EVENTS:
            if event in patient.visits:
                patient.visits[event]["img_comment"] = _comment(patient, event)


def _comment(patient: DemoPatient, event: str) -> str:
    """A radiologist's comment in French, as written in the source files."""
    values = patient.visits[event]
    level = patient.level_text
    if event == "m0_arm_1":
        parts = [f"Spondylodiscite {level}"]
        if values.get("img_epidural_abscess") == "1":
            parts.append("abcès épidural")
        if values.get("img_paravert_abscess") == "1":
            parts.append("abcès paravertébral")
        if values.get("img_vert_oedema") == "1":
            parts.append("œdème des plateaux vertébraux")
        text = ", ".join(parts)
    elif event == "m3_arm_1":
        text = (f"Contrôle {level} : régression partielle, "
                + ("abcès discal persistant" if values.get("img_disc_abscess") == "1"
                   else "pas de collection"))
    else:
        text = f"{level} : aspect cicatriciel, pincement discal séquellaire"
    if "9" in values.values():
        text += " ; artéfacts, lecture difficile (coïncide avec la biopsie)"
    if patient.ct_only:
        text += " ; scanner seul (IRM contre-indiquée)"
    return text


def _patient_rows(study: Study, patient: DemoPatient) -> list[Row]:
    """The REDCap rows of one patient: each event's plain row, then the antibiotic courses."""
    rows: list[Row] = []
    for event, values in patient.visits.items():
        forms = [f for f in study.event(event).forms if not study.is_repeating(event, f)]
        rows.append(_row(study, event, forms, values))
    for number, course in enumerate(patient.courses, start=1):
        row = _row(study, "m0_arm_1", ["antibiotics"], course)
        row[REPEAT_INSTRUMENT], row[REPEAT_INSTANCE] = "antibiotics", str(number)
        rows.append(row)
    return rows


def _row(study: Study, event: str, forms: list[str], values: dict[str, str]) -> Row:
    """One CSV row holding ``forms`` of ``event`` (checkboxes spread into 0/1 columns)."""
    row: Row = {RECORD_EVENT: event}
    for form_name in forms:
        form = study.form(form_name)
        for fdef in form.fields:
            value = values.get(fdef.name, "")
            if fdef.field_type is FieldType.CHECKBOX:
                chosen = value.split(",")
                for choice in fdef.choices:
                    row[fdef.checkbox_column(choice.code)] = "1" if choice.code in chosen else "0"
            elif fdef.field_type is not FieldType.CALC:
                row[fdef.name] = value
        row[form.complete_field] = "2"
    return row


def iso(day: dt.date) -> str:
    """Return a date as REDCap stores it."""
    return day.isoformat()
