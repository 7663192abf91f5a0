"""A seeded random cohort written as a REDCap flat CSV export (for round-trip tests)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from vo_crf.exchange.redcap_layout import export_columns, header
from vo_crf.study.model import FieldType, Study, ValidationType

COMMENTS = ["Spondylodiscite L4-L5, abcès épidural", 'He said "no pain", then\nasked for more',
            "Œdème vertébral, ça régresse", "plain text, with a comma"]


def cohort_rows(study: Study, patients: int = 29, seed: int = 7) -> list[dict[str, str]]:
    """Return CSV rows (dicts by column) of ``patients`` random but valid records."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    columns = export_columns(study)
    for number in range(1, patients + 1):
        day0 = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(0, 2500))
        record_id = f"01-{number:03d}"
        for event in study.events:
            if event.unique_name == "m6_arm_1" and number % 4 == 0:
                continue
            visit = day0 + dt.timedelta(days=event.day_offset)
            plain = [f for f in event.forms if not study.is_repeating(event.unique_name, f)]
            rows.append(_row(study, columns, record_id, event.unique_name, "", "", plain,
                             rng, day0, visit))
            for form in event.forms:
                if study.is_repeating(event.unique_name, form):
                    for instance in range(1, rng.randint(1, 3) + 1):
                        rows.append(_row(study, columns, record_id, event.unique_name, form,
                                         str(instance), [form], rng, day0, visit))
    return rows


def _row(study, columns, record_id, event, repeat_form, instance, forms, rng, day0, visit):  # noqa: ANN001, ANN202
    row = {name: "" for name in header(study)}
    row.update({"record_id": record_id, "redcap_event_name": event,
                "redcap_repeat_instrument": repeat_form, "redcap_repeat_instance": instance})
    chosen: dict[str, str] = {}
    for column in columns:
        if column.form not in forms:
            continue
        if column.is_status:
            row[column.name] = str(rng.choice([0, 1, 2]))
            continue
        fdef = column.field
        if fdef.field_type is FieldType.CALC:
            continue
        if fdef.field_type is FieldType.CHECKBOX:
            if fdef.name not in chosen:
                chosen[fdef.name] = rng.choice(fdef.choices).code
            row[column.name] = "1" if column.checkbox_code == chosen[fdef.name] else "0"
            continue
        row[column.name] = _value(fdef, rng, day0, visit)
    # branching: Frankel only with a deficit, oedema only with MRI, "other" only for code 8
    if row.get("clin_neuro") != "1":
        row["clin_frankel"] = ""
    if "img_mri" in row and row.get("img_mri") != "1":
        row["img_vert_oedema"] = ""
    if row.get("micro_organism") != "8":
        row["micro_other"] = ""
    return row


def _value(fdef, rng: random.Random, day0: dt.date, visit: dt.date) -> str:  # noqa: ANN001
    if fdef.name == "site":
        return "1"
    if fdef.is_coded:
        return rng.choice(fdef.choices).code
    if fdef.field_type is FieldType.NOTES:
        return rng.choice(COMMENTS)
    if fdef.validation is ValidationType.DATE_YMD:
        dates = {"birth_date": day0 - dt.timedelta(days=rng.randrange(40 * 365, 80 * 365)),
                 "symptom_onset_date": day0 - dt.timedelta(days=rng.randrange(5, 60)),
                 "diagnosis_date": day0, "abx_start": day0,
                 "abx_stop": day0 + dt.timedelta(days=rng.randrange(20, 120))}
        return dates.get(fdef.name, visit).isoformat()
    if fdef.validation is ValidationType.INTEGER:
        return str(rng.randint(int(fdef.min_value or 0), int(fdef.max_value or 100)))
    if fdef.validation is ValidationType.NUMBER:
        low, high = float(fdef.min_value or 0), float(fdef.max_value or 100)
        return f"{rng.uniform(low, high):.1f}"
    return rng.choice(["AB", "CD", "ÉF", "Other organism"])


def cohort_csv(study: Study, patients: int = 29, seed: int = 7) -> str:
    """Return the cohort as REDCap CSV text (calc columns left blank: they are recomputed)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header(study), lineterminator="\n")
    writer.writeheader()
    writer.writerows(cohort_rows(study, patients, seed))
    return buffer.getvalue()
