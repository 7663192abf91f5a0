"""The bulk import path writes what saving the same forms one by one writes.

The same files are imported into two copies of a study database: once through
``apply_parsed_forms`` (bulk: read once, plan in memory, executemany) and once by calling
``EntryService.save_in_session`` per parsed form (the single-save path). Audit rows, values,
form instances, value versions and protocol deviations must match.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from random_cohort import cohort_csv
from sqlalchemy import func, select

from vo_crf.audit.trail import AuditAction, Where, expand, write_audit
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import (
    AuditEntry,
    FormInstance,
    ItemValue,
    ProtocolDeviation,
    Record,
    ValueVersion,
)
from vo_crf.entry import bulk as bulk_module
from vo_crf.entry.errors import EntryError, SaveRefused
from vo_crf.entry.records import add_record
from vo_crf.entry.review import verify
from vo_crf.entry.service import EntryService, FormKey
from vo_crf.exchange.import_common import ImportFailed, ImportProblem, ParsedForm
from vo_crf.exchange.import_options import ImportOptions
from vo_crf.exchange.redcap_import import import_redcap_text, parse_redcap_csv
from vo_crf.project import Project, open_project


def per_form_import(project: Project, user: CurrentUser, text: str, source: str,
                    service_class: type = EntryService,
                    options: ImportOptions | None = None) -> None:
    """The import as it was: one ``save_in_session`` per parsed form, one transaction.

    ``options`` decide the values and status saved, as in the bulk import.
    """
    options = options or ImportOptions()
    parsed: list[ParsedForm] = parse_redcap_csv(project.study, text)
    service = service_class(project, user)
    problems: list[ImportProblem] = []
    site_field = project.study.protocol.site_field
    forms = records_created = 0
    with write_transaction(project.engine) as session:
        records: dict[str, Record] = {}
        for item in parsed:
            record_id = item.key.record_id
            record = records.get(record_id) or session.scalar(
                select(Record).where(Record.record_id == record_id))
            if record is None:
                record = add_record(session, user, record_id,
                                    item.values.get(site_field, "") if site_field else "")
                records_created += 1
            records[record_id] = record
            reason = f"import of {source} (line {item.line})"
            values = options.values_to_write(item.values, item.cleared)
            confirmations = {name: f"{reason}: value accepted from the source file"
                             for name in values}
            stored_status = session.scalar(select(FormInstance.status).where(
                FormInstance.record_pk == record.id, FormInstance.event == item.key.event,
                FormInstance.form == item.key.form, FormInstance.instance == item.key.instance))
            status = options.status_to_write(item.status, stored_status)
            try:
                service.save_in_session(session, record, item.key, values, status,
                                        reason=reason, confirmations=confirmations,
                                        enforce_required=False)
            except (SaveRefused, EntryError) as exc:
                problems.append(ImportProblem(item.line, "", 0, str(exc)))
                continue
            forms += 1
        if problems:
            raise ImportFailed(problems)
        write_audit(session, user.username, AuditAction.IMPORT, Where(), new_value=source,
                    reason=f"{forms} forms, {records_created} new records")


def snapshot(project: Project) -> dict[str, Any]:
    """Everything an import writes, as comparable multisets (no ids, times or uids; audit
    entries one per change: how changes are grouped into form save rows may differ)."""
    with read_session(project.engine) as session:
        audit = Counter(
            (e.action, e.record_id, e.event, e.form, e.instance, e.field, e.old_value,
             e.new_value, e.reason, e.username, a.uid is not None, a.seq, a.site)
            for a in session.scalars(select(AuditEntry)) for e in expand(a))
        rows = session.scalar(select(func.count()).select_from(AuditEntry))
        values = Counter(session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form,
                   FormInstance.instance, ItemValue.field, ItemValue.value)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)).all())
        instances = Counter(session.execute(
            select(Record.record_id, Record.site, FormInstance.event, FormInstance.form,
                   FormInstance.instance, FormInstance.status, FormInstance.version,
                   FormInstance.verified_by, FormInstance.updated_by)
            .join(FormInstance, FormInstance.record_pk == Record.id)).all())
        versions = Counter(
            (v.record_id, v.event, v.form, v.instance, v.field, v.value, v.changed_by,
             v.base_uid is not None, v.origin_site, v.seq)
            for v in session.scalars(select(ValueVersion)))
        versions.update(session.execute(  # the versions held in value rows (0011)
            select(Record.record_id, FormInstance.event, FormInstance.form,
                   FormInstance.instance, ItemValue.field, ItemValue.value,
                   ItemValue.changed_by, ItemValue.base_uid.is_not(None),
                   ItemValue.origin_site, ItemValue.seq)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)
            .where(ItemValue.uid.is_not(None))).all())
        deviations = Counter(session.execute(
            select(ProtocolDeviation.record_id, ProtocolDeviation.event, ProtocolDeviation.form,
                   ProtocolDeviation.field, ProtocolDeviation.kind, ProtocolDeviation.message,
                   ProtocolDeviation.reason, ProtocolDeviation.detected_by)).all())
        unique_uids = len({a.uid for a in session.scalars(select(AuditEntry))})
    return {"audit": audit, "values": values, "instances": instances, "versions": versions,
            "deviations": deviations, "uids_unique": unique_uids == rows}


def edited_copy(text: str) -> str:
    """A second file for the same records: changed, blanked, hidden and out-of-window values."""
    rows = list(csv.DictReader(io.StringIO(text)))
    for number, row in enumerate(rows):
        if number % 3 == 0 and row.get("clin_temp"):
            row["clin_temp"] = "41.9"
        if number % 4 == 1 and row.get("clin_pain_vas"):
            row["clin_pain_vas"] = ""
        if row.get("clin_neuro") == "1":
            row["clin_neuro"] = "0"  # the stored Frankel grade becomes hidden: cleared
        if number % 6 == 3 and row.get("clin_date"):
            row["clin_date"] = "2020-02-29"
        if row.get("birth_date"):
            row["birth_date"] = "1950-01-01"
        for status in ("clinical_complete", "imaging_complete"):
            if row.get(status):
                row[status] = str((int(row[status]) + number) % 3)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def reversed_new_records(text: str) -> str:
    """The rows in reverse order (outcome before enrolment) under new record ids."""
    rows = list(csv.DictReader(io.StringIO(text)))[::-1]
    for row in rows:
        row["record_id"] = "02-" + row["record_id"].split("-")[1]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.fixture
def two_projects(db_path: Path, tmp_path: Path) -> Any:
    """Two copies of the same empty study database."""
    other = tmp_path / "other.sqlite"
    shutil.copy(db_path, other)
    first, second = open_project(str(db_path)), open_project(str(other))
    yield first, second
    first.close()
    second.close()


def _verify_complete_clinical_forms(project: Project, user: CurrentUser) -> None:
    with read_session(project.engine) as session:
        keys = session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .where(FormInstance.status == 2, FormInstance.form == "clinical",
                   FormInstance.verified_by.is_(None))).all()  # verifying twice is refused
    for record_id, event, form in keys:
        verify(project, user, FormKey(record_id, event, form))


@pytest.mark.parametrize("overwrite_blanks", [False, True])
def test_bulk_import_writes_what_per_form_saves_write(two_projects: Any,
                                                      users: dict[str, CurrentUser],
                                                      overwrite_blanks: bool) -> None:
    bulk, single = two_projects
    options = ImportOptions(overwrite_blanks=overwrite_blanks)
    nurse = users["nurse"]
    first = cohort_csv(bulk.study, patients=15, seed=5)
    second = edited_copy(first)
    third = reversed_new_records(cohort_csv(bulk.study, patients=6, seed=8))
    for text, source in ((first, "first.csv"), (second, "second.csv"), (third, "third.csv")):
        import_redcap_text(bulk, nurse, text, source, options)
        per_form_import(single, nurse, text, source, options=options)
        _verify_complete_clinical_forms(bulk, users["inv"])
        _verify_complete_clinical_forms(single, users["inv"])
    expected, got = snapshot(single), snapshot(bulk)
    assert got["audit"] == expected["audit"]
    assert got["values"] == expected["values"]
    assert got["instances"] == expected["instances"]
    assert got["versions"] == expected["versions"]
    assert got["deviations"] == expected["deviations"]
    assert got["uids_unique"] and expected["uids_unique"]
    actions = {row[0] for row in got["audit"]}
    assert {"value_update", "calc_update", "hidden_value_cleared", "status_change",
            "protocol_deviation", "record_create", "import", "unverify"} <= actions
    assert ("value_delete" in actions) is overwrite_blanks


def test_bulk_import_is_all_or_nothing_after_partial_writes(
        project: Project, nurse: CurrentUser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_module, "FLUSH_ROWS", 10)
    text = cohort_csv(project.study, patients=6, seed=2)
    rows = list(csv.DictReader(io.StringIO(text)))
    last_course = max(i for i, r in enumerate(rows) if r["abx_start"])
    rows[last_course]["abx_stop"] = "1990-01-01"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    before = snapshot(project)
    with pytest.raises(ImportFailed, match=r"line \d+, field abx_stop: .*must not precede"):
        import_redcap_text(project, nurse, buffer.getvalue(), "bad.csv")
    assert snapshot(project) == before
