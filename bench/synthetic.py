"""A synthetic VO study of any size, as a REDCap CSV (10,000 patients × 4 events by default)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from vo_crf.exchange.redcap_layout import header
from vo_crf.study.model import Study

ORGANISMS = ["1", "1", "1", "2", "3", "4", "5", "6", "7"]


def _visit(rng: random.Random, record_id: str, event: str, day0: dt.date, offset: int,
           first: bool) -> dict[str, str]:
    day = (day0 + dt.timedelta(days=offset)).isoformat()
    mri = rng.choice("110")
    finding = lambda p: "1" if rng.random() < p else rng.choice("009")  # noqa: E731
    row = {
        "record_id": record_id, "redcap_event_name": event,
        "clin_date": day, "clin_temp": f"{rng.uniform(36.4, 39.5 if first else 37.8):.1f}",
        "clin_pain_vas": str(rng.randint(3 if first else 0, 9 if first else 5)),
        "clin_neuro": "1" if first and rng.random() < 0.2 else "0", "clin_radicular": "0",
        "clinical_complete": "2",
        "bio_date": day, "bio_crp": f"{rng.uniform(40, 200) if first else rng.uniform(1, 15):.1f}",
        "bio_esr": str(rng.randint(40, 110) if first else rng.randint(5, 30)),
        "bio_wbc": f"{rng.uniform(5, 16):.1f}", "biology_complete": "2",
        "img_date": day, "img_mri": mri, "img_ct": "1" if mri == "0" else rng.choice("01"),
        "img_disc_height": finding(0.9), "img_disc_abscess": finding(0.6 if first else 0.3),
        "img_paravert_abscess": finding(0.4 if first else 0.1),
        "img_epidural_abscess": finding(0.3 if first else 0.05),
        "img_bone_destruction": finding(0.5), "imaging_complete": "2",
    }
    if mri == "1":
        row["img_vert_oedema"] = finding(1.0 if first else 0.5)
    if row["clin_neuro"] == "1":
        row["clin_frankel"] = rng.choice("CDE")
    return row


def synthetic_rows(patients: int, seed: int = 1,
                   first: int = 1) -> list[dict[str, str]]:
    """Return REDCap CSV rows: per patient M0 (all forms), M3, M6, end, 1-3 antibiotic courses.

    Patients are numbered from ``first`` (so a big file can be written in chunks).
    """
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for number in range(first, first + patients):
        site = str(1 + number % 3)
        record_id = f"{int(site):02d}-{number:05d}"
        day0 = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(0, 2500))
        birth = day0 - dt.timedelta(days=rng.randrange(30 * 365, 85 * 365))
        m0 = _visit(rng, record_id, "m0_arm_1", day0, 0, True)
        m0.update({
            "site": site, "initials": rng.choice(["AB", "CD", "EF", "GH"]),
            "birth_date": birth.isoformat(), "enrol_date": day0.isoformat(),
            "consent_date": day0.isoformat(), "sex": rng.choice("12"),
            "weight_kg": f"{rng.uniform(50, 100):.1f}", "comorb___1": rng.choice("01"),
            "symptom_onset_date": (day0 - dt.timedelta(days=rng.randrange(7, 90))).isoformat(),
            "diagnosis_date": day0.isoformat(), "spine_level___3": "1",
            "n_levels": str(rng.randint(1, 3)), "enrolment_complete": "2",
            "micro_organism": rng.choice(ORGANISMS), "micro_source___2": "1",
            "microbiology_complete": "2",
        })
        rows.append(m0)
        start = day0
        for instance in range(1, rng.randint(1, 3) + 1):
            stop = start + dt.timedelta(days=rng.randint(14, 60))
            rows.append({"record_id": record_id, "redcap_event_name": "m0_arm_1",
                         "redcap_repeat_instrument": "antibiotics",
                         "redcap_repeat_instance": str(instance),
                         "abx_drug": rng.choice(["2", "3", "5", "7", "8"]),
                         "abx_route": "1" if instance == 1 else "2",
                         "abx_start": start.isoformat(), "abx_stop": stop.isoformat(),
                         "antibiotics_complete": "2"})
            start = stop
        rows.append(_visit(rng, record_id, "m3_arm_1", day0, 90, False))
        rows.append(_visit(rng, record_id, "m6_arm_1", day0, 180, False))
        end = _visit(rng, record_id, "end_arm_1", day0, 540, False)
        end = {k: v for k, v in end.items() if not k.startswith(("bio_", "img_", "biology",
                                                                 "imaging"))}
        end.update({"out_date": (day0 + dt.timedelta(days=540)).isoformat(),
                    "out_abx_days": str((start - day0).days), "out_cured": "1",
                    "out_relapse": "0", "out_seq_pain": rng.choice("0001"),
                    "out_seq_neuro": "0", "outcome_complete": "2"})
        rows.append(end)
    return rows


def synthetic_csv(study: Study, patients: int = 10_000, seed: int = 1) -> str:
    """Return the synthetic cohort as REDCap CSV text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header(study), lineterminator="\n",
                            restval="")
    writer.writeheader()
    writer.writerows(synthetic_rows(patients, seed))
    return buffer.getvalue()
