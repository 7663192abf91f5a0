"""An import of every REDCap field type stores and audits what form saves of the same data do.

A small inline study holds every field type (text with validations, notes, dropdown, radio,
checkbox, yes/no, true/false, slider, calculated, @CALCTEXT, descriptive, file), branching
logic (a value hidden by a later file is cleared), calculations on two forms and a repeating
form. Two files (the second changing, blanking and hiding values, with blanks erasing or not)
are imported into one copy of the database through the bulk path (``import_redcap_text``)
and saved form by form through ``EntryService.save_in_session`` into another. Stored values,
value versions, form instances and every audit change must be the same, and each form save's
``changes`` column the same text: the import's faster paths (compiled logic, buffered rows,
encoded changes, chained audit rows) change nothing that is stored.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from redcap_studies import ADMIN, DD_HEADER, init_study
from sqlalchemy import select
from test_bulk_import_equivalence import per_form_import, snapshot

from vo_crf.audit.chain_check import verify_engine
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.exchange.redcap_layout import header
from vo_crf.project import Project, open_project
from vo_crf.study.model import FieldType

# name, form, type, label, choices or calculation, validation, min, max, branching, annotation
_FIELDS = [
    ("pid", "visit", "text", "Participant", "", "", "", "", "", ""),
    ("visit_date", "visit", "text", "Visit date", "", "date_ymd", "", "", "", ""),
    ("seen_at", "visit", "text", "Seen at", "", "datetime_ymd", "", "", "", ""),
    ("arrival", "visit", "text", "Arrival", "", "time", "", "", "", ""),
    ("temp", "visit", "text", "Temperature", "", "number_1dp", "35", "42", "", ""),
    ("weight", "visit", "text", "Weight", "", "number", "", "", "", ""),
    ("children", "visit", "text", "Children", "", "integer", "0", "20", "", ""),
    ("email", "visit", "text", "E-mail", "", "email", "", "", "", ""),
    ("remarks", "visit", "notes", "Remarks", "", "", "", "", "", ""),
    ("intro", "visit", "descriptive", "Fill in every field", "", "", "", "", "", ""),
    ("smoker", "visit", "yesno", "Smoker", "", "", "", "", "", ""),
    ("pack_years", "visit", "text", "Pack-years", "", "integer", "", "",
     "[smoker] = '1'", ""),
    ("colour", "visit", "dropdown", "Colour", "1, Red | 2, Blue | 3, Green", "", "", "", "",
     ""),
    ("size", "visit", "radio", "Size", "S, Small | L, Large", "", "", "", "", ""),
    ("flags", "visit", "checkbox", "Flags", "a, Alpha | b, Beta | c, Gamma", "", "", "", "",
     ""),
    ("agree", "visit", "truefalse", "Agree", "", "", "", "", "", ""),
    ("pain", "visit", "slider", "Pain", "None | Some | Worst", "number", "0", "10", "", ""),
    ("scan", "visit", "file", "Scan", "", "", "", "", "", ""),
    ("twice", "visit", "calc", "Twice the weight", "[weight] * 2", "", "", "", "", ""),
    ("kind", "visit", "text", "Kind", "", "", "", "", "",
     "@CALCTEXT(if([smoker] = '1', 'smoker', 'non-smoker'))"),
    ("ae_term", "adverse_event", "text", "Event", "", "", "", "", "", ""),
    ("ae_start", "adverse_event", "text", "Start", "", "date_ymd", "", "", "", ""),
    ("ae_grade", "adverse_event", "radio", "Grade", "1, Mild | 2, Moderate | 3, Severe", "",
     "", "", "", ""),
    ("ae_serious", "adverse_event", "yesno", "Serious", "", "", "", "", "", ""),
    ("ae_detail", "adverse_event", "notes", "Why serious", "", "", "", "",
     "[ae_serious] = '1'", ""),
    ("ae_score", "adverse_event", "calc", "Score",
     "[ae_grade] + if([ae_serious] = '1', 10, 0) + [children]", "", "", "", "", ""),
]


def _dictionary() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DD_HEADER)
    for name, form, kind, label, choices, validation, low, high, logic, tags in _FIELDS:
        writer.writerow([name, form, "", kind, label, choices, "", validation, low, high, "",
                         logic, "", "", "", "", "", tags])
    return out.getvalue()


EVERY_TYPE = {
    "data_dictionary.csv": _dictionary(),
    "repeating_forms.csv": "form_name,custom_form_label\nadverse_event,[ae_term]\n",
    "project.json": '{"name": "Every type, branching, calculations, repeats"}\n',
}


def _visit(number: int, **changed: str) -> dict[str, str]:
    row = {"pid": f"P-{number}", "visit_date": f"2024-0{1 + number % 9}-1{number % 10}",
           "seen_at": f"2024-03-0{1 + number % 9} 1{number % 10}:05",
           "arrival": f"0{number % 10}:3{number % 6}", "temp": f"3{6 + number % 4}.{number}",
           "weight": f"{60 + number}.25", "children": str(number % 4),
           "email": f"p{number}@example.org", "remarks": "two\nlines" if number % 2 else "",
           "smoker": str(number % 2), "pack_years": str(5 * number) if number % 2 else "",
           "colour": str(1 + number % 3), "size": "SL"[number % 2],
           "flags___a": "1", "flags___b": str(number % 2), "flags___c": "0",
           "agree": str(1 - number % 2), "pain": str(number % 11),
           "visit_complete": str(number % 3)}
    row.update(changed)
    return row


def _event(number: int, instance: int, **changed: str) -> dict[str, str]:
    row = {"pid": f"P-{number}", "redcap_repeat_instrument": "adverse_event",
           "redcap_repeat_instance": str(instance), "ae_term": f"Event {instance}",
           "ae_start": f"2024-05-1{instance}", "ae_grade": str(1 + (number + instance) % 3),
           "ae_serious": str((number + instance) % 2),
           "ae_detail": "hospital" if (number + instance) % 2 else "",
           "adverse_event_complete": "2"}
    row.update(changed)
    return row


def _csv(study_header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=study_header, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _first(study_header: list[str]) -> str:
    rows: list[dict[str, str]] = []
    for number in range(1, 7):
        rows.append(_visit(number, **({"temp": "", "email": ""} if number == 3 else {})))
        rows += [_event(number, instance) for instance in range(1, 1 + number % 3 + 1)]
    return _csv(study_header, rows)


def _second(study_header: list[str]) -> str:
    """Values changed and blanked, a smoker no longer one (pack-years hidden), an event no
    longer serious (its detail hidden), a value other forms' calculations read, new instances
    and a new record."""
    rows = [
        _visit(1, smoker="0", pack_years="5", weight="70.5", flags___a="0", flags___b="0",
               flags___c="0", visit_complete="2"),
        _visit(2, temp="", remarks="", colour="", flags___c="1", pain="0"),
        _visit(3, temp="37.5", email="late@example.org", smoker="1", pack_years="12"),
        _event(1, 1, ae_serious="0", ae_detail="", ae_grade="3"),
        _event(2, 1, ae_term="", ae_start=""),
        _event(2, 3),
        _visit(4, children="3"),  # its events' scores are recalculated
        _visit(9),
        _event(9, 1),
    ]
    return _csv(study_header, rows)


def _save_rows(project: Project) -> Counter[tuple[Any, ...]]:
    """Each form save row's place, reason and ``changes`` text, as stored."""
    with read_session(project.engine) as session:
        return Counter(session.execute(
            select(AuditEntry.record_id, AuditEntry.event, AuditEntry.form,
                   AuditEntry.instance, AuditEntry.reason, AuditEntry.changes)
            .where(AuditEntry.action == "form_save")).all())


@pytest.mark.parametrize("overwrite_blanks", [False, True])
def test_an_import_of_every_type_stores_what_form_saves_store(tmp_path: Path,
                                                               overwrite_blanks: bool) -> None:
    bulk = init_study(tmp_path, EVERY_TYPE, "bulk")
    copy = tmp_path / "single.sqlite"
    bulk.close()
    shutil.copy(tmp_path / "bulk.sqlite", copy)
    bulk, single = open_project(str(tmp_path / "bulk.sqlite")), open_project(str(copy))
    try:
        study = bulk.study
        kinds = {f.field_type for f in study.fields}
        assert {FieldType.TEXT, FieldType.NOTES, FieldType.DROPDOWN, FieldType.RADIO,
                FieldType.CHECKBOX, FieldType.YESNO, FieldType.TRUEFALSE, FieldType.SLIDER,
                FieldType.CALC, FieldType.DESCRIPTIVE, FieldType.FILE} <= kinds
        options = ImportOptions(overwrite_blanks=overwrite_blanks)
        study_header = header(study)
        for text, source in ((_first(study_header), "first.csv"),
                             (_second(study_header), "second.csv")):
            import_redcap_text(bulk, ADMIN, text, source, options)
            per_form_import(single, ADMIN, text, source, options=options)
        expected, got = snapshot(single), snapshot(bulk)
        assert got["values"] == expected["values"]
        assert got["versions"] == expected["versions"]
        assert got["instances"] == expected["instances"]
        assert got["audit"] == expected["audit"]
        assert _save_rows(bulk) == _save_rows(single)
        assert verify_engine(bulk.engine).ok and verify_engine(single.engine).ok
        values = {(r, f, i, n): v for r, _e, f, i, n, v in got["values"]}
        assert values[("P-1", "visit", 1, "kind")] == "non-smoker"
        assert ("P-1", "visit", 1, "pack_years") not in values  # hidden, cleared
        assert values[("P-3", "visit", 1, "pack_years")] == "12"
        assert values[("P-2", "visit", 1, "twice")] == "124.5"
        assert values[("P-1", "adverse_event", 1, "ae_score")] == "4"
        assert values[("P-2", "adverse_event", 3, "ae_score")] == "15"
        assert values[("P-4", "adverse_event", 1, "ae_score")] == "16"
        assert values[("P-2", "adverse_event", 3, "ae_term")] == "Event 3"
        actions = {entry[0] for entry in got["audit"]}
        assert {"value_insert", "value_update", "value_delete", "calc_update",
                "hidden_value_cleared", "status_change", "record_create"} <= actions
        deleted = {(entry[1], entry[5]) for entry in got["audit"] if entry[0] == "value_delete"}
        assert ("P-1", "flags") in deleted  # every option given as 0: unchecked
        assert (("P-2", "temp") in deleted) is overwrite_blanks  # a blank cell erases only so
    finally:
        bulk.close()
        single.close()
