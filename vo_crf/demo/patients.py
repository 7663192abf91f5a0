"""The demo patients' enrolment, microbiology, clinical, biology, antibiotic and outcome data.

Imaging readings are added afterwards by ``vo_crf.demo.imaging`` (they follow ``severity``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

FIRST_DIAGNOSIS = dt.date(1997, 10, 6)
LAST_DIAGNOSIS = dt.date(2005, 3, 14)
MEAN_AGE = 58
MEAN_ABX_DAYS = 98
MEDIAN_FOLLOWUP_DAYS = 548
WITH_M6 = 22
SEQUELAE_RANKS = {2: ("1", "1"), 7: ("0", "1"), 12: ("1", "0"), 17: ("1", "0"),
                  22: ("1", "0"), 27: ("1", "0")}
"""Severity rank -> (painful, neurological) sequelae: 6 patients, spread over severities."""
NEURO_RANKS = (0, 2, 4, 7, 11)
CT_ONLY_RANKS = (20, 25)

ORGANISMS = ["1"] * 11 + ["2"] + ["3"] * 3 + ["4"] * 6 + ["5"] + ["6"] * 4 + ["7"] + ["8"] * 2
OTHER_ORGANISMS = ["Brucella melitensis", "Cutibacterium acnes"]
IV_DRUGS = {"1": ["2", "3"], "2": ["5"], "3": ["5"], "4": ["1"], "5": ["1"], "6": ["4"],
            "7": ["12"], "8": ["4"]}
ORAL_DRUGS = {"1": ["8", "7", "10"], "2": ["11", "7"], "3": ["8", "7"], "4": ["1", "9"],
              "5": ["1"], "6": ["8", "11"], "7": ["8"], "8": ["8", "11"]}
SEGMENTS = ["3"] * 17 + ["2"] * 8 + ["1"] * 2 + ["3,4"] * 2
LEVELS = {"1": ["C5-C6", "C6-C7"], "2": ["T7-T8", "T9-T10", "T11-T12"],
          "3": ["L2-L3", "L3-L4", "L4-L5"], "3,4": ["L5-S1"]}
COMORBIDITY_WEIGHTS = {"1": 0.25, "2": 0.1, "3": 0.1, "4": 0.07, "5": 0.04, "6": 0.1, "7": 0.1}


@dataclass
class DemoPatient:
    """One demo patient: values per event (event -> field -> value) and antibiotic courses."""

    record_id: str
    severity: float
    ct_only: bool
    level_text: str
    visits: dict[str, dict[str, str]] = field(default_factory=dict)
    courses: list[dict[str, str]] = field(default_factory=list)


def make_patients(rng: random.Random, count: int) -> list[DemoPatient]:
    """Return ``count`` patients (the paper's figures hold for the default 29)."""
    severity = sorted((rng.random() for _ in range(count)), reverse=True)
    rank_of = list(range(count))
    rng.shuffle(rank_of)  # record order is not severity order
    ages = _balanced(rng, count, MEAN_AGE, 14, 24, 87)
    abx_days = _balanced(rng, count, MEAN_ABX_DAYS, 22, 45, 170)
    span = (LAST_DIAGNOSIS - FIRST_DIAGNOSIS).days
    diagnoses = sorted(FIRST_DIAGNOSIS + dt.timedelta(days=rng.randint(0, span))
                       for _ in range(count))
    without_m6 = set(rng.sample([r for r in range(count) if r not in CT_ONLY_RANKS],
                                count - WITH_M6)) if count > WITH_M6 else set()
    organisms, segments = ORGANISMS[:], SEGMENTS[:]
    rng.shuffle(organisms)
    rng.shuffle(segments)
    followups = _followups(rng, count)
    patients: list[DemoPatient] = []
    for index in range(count):
        rank = rank_of[index]
        segment = segments[index % len(segments)]
        patient = DemoPatient(f"VO-{index + 1:03d}", severity[rank], rank in CT_ONLY_RANKS,
                              rng.choice(LEVELS[segment]))
        diagnosis = diagnoses[index]
        organism = organisms[index % len(organisms)]
        m0 = _enrolment(rng, index, diagnosis, ages[index], segment, rank)
        m0.update(_microbiology(rng, organism))
        patient.visits["m0_arm_1"] = m0
        patient.visits["m3_arm_1"] = {}
        if rank not in without_m6:
            patient.visits["m6_arm_1"] = {}
        patient.courses = _courses(rng, diagnosis, organism, abx_days[index])
        total = sum(int(c["_days"]) for c in patient.courses)
        _visits(rng, patient, diagnosis, rank)
        end = diagnosis + dt.timedelta(days=max(followups[index], total + 365))
        patient.visits["end_arm_1"] = _outcome(rng, end, total, rank)
        patients.append(patient)
    return patients


def _balanced(rng: random.Random, count: int, mean: int, sd: float, low: int, high: int
              ) -> list[int]:
    """Integers around ``mean`` whose average is exactly ``mean`` (when the bounds allow)."""
    values = [min(high, max(low, round(rng.gauss(mean, sd)))) for _ in range(count)]
    excess = sum(values) - mean * count
    index = 0
    while excess and index < 10 * count:
        i = index % count
        step = -1 if excess > 0 else 1
        if low <= values[i] + step <= high:
            values[i] += step
            excess += step
        index += 1
    return values


def _followups(rng: random.Random, count: int) -> list[int]:
    """Follow-up durations in days with the median at about 18 months."""
    half = count // 2
    values = [rng.randint(470, 540) for _ in range(half)]
    values += [MEDIAN_FOLLOWUP_DAYS] + [rng.randint(560, 820) for _ in range(count - half - 1)]
    rng.shuffle(values)
    return values


def _day(start: dt.date, days: int) -> str:
    return (start + dt.timedelta(days=days)).isoformat()


def _enrolment(rng: random.Random, index: int, diagnosis: dt.date, age: int, segment: str,
               rank: int) -> dict[str, str]:
    birth = dt.date(diagnosis.year - age - 1, diagnosis.month, 1) + dt.timedelta(
        days=rng.randint(40, 330))
    if (diagnosis - birth).days < 365.25 * age:
        birth = birth.replace(year=birth.year - 1)
    letters = "ABCDEFGHIJLMNPRSTV"
    comorbidities = [c for c, w in COMORBIDITY_WEIGHTS.items() if rng.random() < w]
    return {
        "site": str(index % 3 + 1),
        "initials": f"{rng.choice(letters)}.{rng.choice(letters)}.",
        "birth_date": birth.isoformat(), "enrol_date": diagnosis.isoformat(),
        "consent_date": diagnosis.isoformat(),
        "sex": "1" if rng.random() < 0.66 else "2",
        "weight_kg": str(rng.randint(52, 98)),
        "comorb": ",".join(comorbidities) or "8",
        "symptom_onset_date": _day(diagnosis, -round(rng.lognormvariate(3.8, 0.6))),
        "diagnosis_date": diagnosis.isoformat(),
        "spine_level": segment,
        "n_levels": "3" if rank < 4 else "2",
    }


def _microbiology(rng: random.Random, organism: str) -> dict[str, str]:
    sources = ["1"] if rng.random() < 0.45 else []
    if not sources or rng.random() < 0.5:
        sources.append("2")
    values = {"micro_organism": organism, "micro_source": ",".join(sources)}
    if organism == "8":
        values["micro_other"] = rng.choice(OTHER_ORGANISMS)
    return values


def _courses(rng: random.Random, diagnosis: dt.date, organism: str, total: int
             ) -> list[dict[str, str]]:
    """1-3 contiguous courses, intravenous then oral, lasting ``total`` days in all."""
    count = rng.choices([1, 2, 3], weights=[3, 18, 8])[0]
    start = diagnosis + dt.timedelta(days=rng.randint(0, 2))
    if count == 1:
        lengths = [total]
    else:
        iv = min(total - 14 * (count - 1), rng.randint(14, 42))
        rest = total - iv
        lengths = [iv] + ([rest] if count == 2 else [rest // 2, rest - rest // 2])
    orals = ORAL_DRUGS[organism][:]
    rng.shuffle(orals)
    courses: list[dict[str, str]] = []
    for number, length in enumerate(lengths):
        intravenous = number == 0
        drug = rng.choice(IV_DRUGS[organism]) if intravenous else orals[(number - 1) % len(orals)]
        stop = start + dt.timedelta(days=length)
        courses.append({"abx_drug": drug, "abx_route": "1" if intravenous else "2",
                        "abx_start": start.isoformat(), "abx_stop": stop.isoformat(),
                        "_days": str(length)})
        start = stop
    return courses


def _visits(rng: random.Random, patient: DemoPatient, diagnosis: dt.date, rank: int) -> None:
    """Clinical, biology and imaging dates of M0, M3 and M6 (imaging readings come later)."""
    neuro = rank in NEURO_RANKS
    persisting = neuro and SEQUELAE_RANKS.get(rank, ("0", "0"))[1] == "1"
    for event, values in patient.visits.items():
        if event == "end_arm_1":
            continue
        offset = {"m0_arm_1": 0, "m3_arm_1": 90 + rng.randint(-10, 10),
                  "m6_arm_1": 180 + rng.randint(-15, 15)}[event]
        when = _day(diagnosis, offset)
        healed = event != "m0_arm_1"
        deficit = neuro if not healed else persisting
        crp, esr, wbc = _biology(rng, event, rank)
        values.update({
            "clin_date": when, "bio_date": when, "img_date": when,
            "clin_temp": f"{rng.uniform(36.5, 37.2) if healed else rng.uniform(37.2, 39.6):.1f}",
            "clin_pain_vas": str(rng.randint(1, 4) if healed else rng.randint(5, 9)),
            "clin_neuro": "1" if deficit else "0",
            "clin_radicular": "1" if rng.random() < (0.1 if healed else 0.35) else "0",
            "bio_crp": crp, "bio_esr": esr, "bio_wbc": wbc,
            "img_mri": "0" if patient.ct_only else "1",
            "img_ct": "1" if patient.ct_only or rng.random() < (0.1 if healed else 0.5)
            else "0",
        })
        if deficit:
            values["clin_frankel"] = "C" if rank == 0 and not healed else "D"


def _biology(rng: random.Random, event: str, rank: int) -> tuple[str, str, str]:
    """CRP (mg/L), ESR (mm), WBC (10^9/L): high at M0, mostly normal from M3 on."""
    if event == "m0_arm_1":
        return (f"{rng.lognormvariate(4.2, 0.6):.0f}", str(rng.randint(45, 115)),
                f"{rng.uniform(6.5, 15.5):.1f}")
    lagging = rank % 6 == 1 if event == "m3_arm_1" else rank % 11 == 1
    crp = rng.uniform(11, 28) if lagging else rng.uniform(1, 9.4)
    esr = rng.randint(21, 45) if lagging or rng.random() < 0.25 else rng.randint(4, 19)
    return f"{crp:.1f}", str(esr), f"{rng.uniform(4.6, 9.2):.1f}"


def _outcome(rng: random.Random, end: dt.date, total: int, rank: int) -> dict[str, str]:
    pain, neuro = SEQUELAE_RANKS.get(rank, ("0", "0"))
    when = end.isoformat()
    values = {"clin_date": when, "clin_temp": f"{rng.uniform(36.5, 37.0):.1f}",
              "clin_pain_vas": str(rng.randint(3, 6) if pain == "1" else rng.randint(0, 2)),
              "clin_neuro": neuro, "clin_radicular": pain if rng.random() < 0.5 else "0",
              "out_date": when, "out_abx_days": str(total), "out_cured": "1",
              "out_relapse": "0", "out_seq_pain": pain, "out_seq_neuro": neuro}
    if neuro == "1":
        values["clin_frankel"] = "D"
    return values
