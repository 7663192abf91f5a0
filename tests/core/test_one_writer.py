"""One writer of clinical data (issue 15 item 1): every write returns what it changed, every
synced row it writes carries the transaction's stamp, and nothing else writes values."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from saved_course import SavedCourse
from sqlalchemy import select

from vo_crf.audit.trail import expand_all
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, SyncNode, ValueVersion
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, unlock, verify
from vo_crf.project import Project
from vo_crf.write import ChangeKind, Changes

TODAY = dt.date(2026, 11, 25)
ENROLMENT = {"initials": "JD", "birth_date": "1950-06-15", "enrol_date": "2007-06-15",
             "consent_date": "2007-06-15", "sex": "1", "symptom_onset_date": "2007-05-01",
             "diagnosis_date": "2007-06-14", "spine_level": "3", "comorb": "1,2"}
CORE = Path(__file__).resolve().parents[2] / "vo_crf"


def _seq(project: Project) -> int:
    with read_session(project.engine) as session:
        return int(session.scalar(select(SyncNode.change_seq)) or 0)


def test_a_save_returns_the_form_its_fields_and_the_recalculations(
        project: Project, nurse: CurrentUser) -> None:
    record_id = create_record(project, nurse, "2")
    service = EntryService(project, nurse, today=lambda: TODAY)
    key = FormKey(record_id, "m0_arm_1", "enrolment")
    changes = service.save_form(key, ENROLMENT, 1).changes
    place = (record_id, "m0_arm_1", "enrolment", 1)
    assert changes.records == {record_id}
    assert changes.touches_form(*place)
    assert not changes.touches_form(record_id, "m3_arm_1", "clinical", 1)
    assert {(*place, "sex"), (*place, "age"), (*place, "delay_days")} <= changes.fields
    assert {ChangeKind.VALUES, ChangeKind.STATUS} <= changes.kinds
    again = service.save_form(key, {"initials": "JE"}, 1).changes
    assert again.fields == {(*place, "initials")} and ChangeKind.STATUS not in again.kinds


def test_delete_and_review_marks_go_through_the_writer_with_one_stamp(
        project: Project, users: dict[str, CurrentUser], saved_course: SavedCourse) -> None:
    record_id, service, course = saved_course.record_id, saved_course.service, saved_course.key
    verify(project, users["inv"], course)
    lock(project, users["inv"], record_id, course, reason="monitored")
    unlock(project, users["inv"], record_id, "correction", course)
    before = _seq(project)
    changes = service.delete_instance(course, "entered twice")
    assert changes.touches_form(record_id, "m0_arm_1", "antibiotics", 1)
    assert {ChangeKind.VALUES, ChangeKind.STATUS} <= changes.kinds
    assert _seq(project) == before + 1  # one transaction, one change sequence
    with read_session(project.engine) as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.seq == before + 1)).all()
        versions = session.scalars(select(ValueVersion).where(
            ValueVersion.seq == before + 1)).all()
    assert [r.action for r in audit] == ["form_save"]  # one audit row listing the deletion
    assert sorted(e.action for e in expand_all(audit)) == ["form_delete"] + ["value_delete"] * 3
    assert all(r.uid and r.site is not None for r in audit)
    blanked = {v.field: v.value for v in versions}
    assert blanked == {"abx_drug": None, "abx_route": None, "abx_start": None,
                       "antibiotics_complete": None, "@verify": None}
    with read_session(project.engine) as session:
        marks = session.scalars(select(ValueVersion.field).where(
            ValueVersion.field.in_(["@lock", "@verify"]))).all()
        mark_rows = session.scalars(select(AuditEntry.action).where(
            AuditEntry.action.in_(["verify", "lock", "unlock"]))).all()
    assert sorted(set(marks)) == ["@lock", "@verify"]
    assert sorted(mark_rows) == ["lock", "unlock", "verify"]


def test_changes_merge_and_say_what_they_touch() -> None:
    saved = Changes.of([ChangeKind.VALUES], "01-001", ("m0_arm_1", "biology", 1), ["bio_crp"])
    marked = Changes.of([ChangeKind.MARKS], "01-002")
    both = saved | marked
    assert both.records == {"01-001", "01-002"}
    assert both.kinds == {ChangeKind.VALUES, ChangeKind.MARKS}
    assert both.touches_form("01-001", "m0_arm_1", "biology", 1)
    assert not both.touches_form("01-002", "m0_arm_1", "biology", 1)
    assert not Changes() and both and Changes.all().touches_record("anything")


_VALUE_AUDIT = re.compile(r"(write_audit|\.audit)\([^)]*?AuditAction\.(VALUE_\w+|CALC_UPDATE"
                          r"|STATUS_CHANGE|FORM_DELETE|DDE_RESOLVE|UNVERIFY)\b")
"""A value's (or a form's status, or an adjudication's) audit row written by hand."""

_HAND_WRITTEN = re.compile(
    r"(?<!class )(ItemValue|ValueVersion)\(|note_value_change\(|note_mark\(|adopt_remote\("
    r"|listens_for\(Session|\.(synced_uid|base_uid|uid|origin_site) = |write_save\("
    r"|(insert|update|delete)\(\s*(ItemValue|ValueVersion|AuditEntry)\b"
    r"|(INSERT INTO|UPDATE|DELETE FROM)\s+(item_values|value_versions|audit_log)\b"
    r"|(ItemValue|ValueVersion|AuditEntry)\.__table__\.(insert|update|delete)\("
    r"|encode_changes\(")
"""A value row, a version, a stamp or a value/save audit row written outside the writer."""


def test_nothing_but_the_writer_writes_values_versions_or_stamps() -> None:
    """The guard that keeps it so: no flush listener, no hand-written value, version, or
    value or form save audit row (ORM, Core or SQL); only the one writer's package
    (``vo_crf/write/``) writes them, and it lists every value change in the form save row of
    its form (no one-change value rows, there or anywhere)."""
    writer = CORE / "write"
    offenders, one_change_rows = [], []
    for path in CORE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if _VALUE_AUDIT.search(text):
            one_change_rows.append(path.relative_to(CORE).as_posix())
        if writer in path.parents or path == CORE / "audit" / "trail.py":
            continue  # the writer; the trail defines the rows' format (encode_changes)
        if _HAND_WRITTEN.search(text):
            offenders.append(path.relative_to(CORE).as_posix())
    assert offenders == []
    assert one_change_rows == []


def test_review_actions_return_the_forms_they_marked(
        project: Project, users: dict[str, CurrentUser]) -> None:
    nurse, inv = users["nurse"], users["inv"]
    record_id = create_record(project, nurse, "1")
    service = EntryService(project, nurse, today=lambda: TODAY)
    course = FormKey(record_id, "m0_arm_1", "antibiotics", 1)
    service.save_form(course, {"abx_drug": "2", "abx_route": "1", "abx_start": "2007-06-14"}, 2)
    service.save_form(FormKey(record_id, "m0_arm_1", "enrolment"), ENROLMENT, 1)
    place = (record_id, "m0_arm_1", "antibiotics", 1)
    verified = verify(project, inv, course)
    assert verified.forms == {place} and verified.kinds == {ChangeKind.MARKS}
    locked = lock(project, inv, record_id, reason="monitored")  # every saved form
    assert len(locked.forms) == 2 and locked.touches_form(*place)
    unlocked = unlock(project, inv, record_id, "correction", course)
    assert unlocked.forms == {place} and unlocked.has(ChangeKind.MARKS)
    assert unlock(project, inv, record_id, "correction").forms == {
        (record_id, "m0_arm_1", "enrolment", 1)}  # only the form still locked


_SECOND_WRITERS = frozenset({
    "PlanWriter", "ClinicalWriter", "SyncedBatch", "VersionBuffer", "BufferedRows",
    "note_value_change", "note_mark", "take_version", "keep_local_version",
    "audit_taken_value", "insert_audit_rows", "write_save"})
"""The writer's parts and hand-written steps: only ``vo_crf/write`` may name them."""


def _names_from_the_writer(path: Path) -> set[str]:
    """The names a module imports from ``vo_crf.write`` (or any of its modules)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vo_crf.write"):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names
                         if alias.name.startswith("vo_crf.write."))
    return names


def test_callers_write_through_the_one_writer_class_only() -> None:
    """Saves, imports, deletes, amendments, marks, sync and conflicts name one writer class:
    no caller outside ``vo_crf/write`` builds one of its parts or calls a writing step by
    hand."""
    writer = CORE / "write"
    used: dict[str, list[str]] = {}
    for path in [*CORE.rglob("*.py"), *(CORE.parent / "ui").rglob("*.py")]:
        if writer in path.parents or "migrations" in path.parts:
            continue
        second = sorted(_names_from_the_writer(path) & _SECOND_WRITERS)
        if second:
            used[path.relative_to(CORE.parent).as_posix()] = second
    assert used == {}


def test_versions_are_written_by_core_statements_of_one_buffer() -> None:
    """No ORM version rows: the writer never builds a ``ValueVersion`` nor sets a value row's
    version by hand; every version goes through the one version buffer's statements
    (``test_one_module_writes_every_version``)."""
    writer = CORE / "write"
    orm = sorted(path.name for path in writer.glob("*.py")
                 if re.search(r"\bValueVersion\b(?!\.__table__)|\bclear_version\("
                                  r"|\bnote_value_change\(",
                              path.read_text(encoding="utf-8")))
    assert orm == []


_VERSION_WRITE = re.compile(
    r"(insert|update|delete)\(\s*VERSIONS\b|VERSIONS\.(insert|update|delete)\("
    r"|(insert_rows|insert_many)\(\s*\w+\s*,\s*VERSIONS\b"
    r"|[(,]\s*(uid|base_uid|synced_uid|origin_site|changed_by)\s*=\s*(bindparam|None)\b"
    r"|\"form_instance_id\",[^)]*\"uid\"|\bVALUES\s*,[^)]*\bVERSION_COLUMNS\b"
    r"|SET\s+(synced_uid|uid|base_uid|origin_site)\b")
"""A statement writing a ``value_versions`` row or an ``item_values`` row's version columns
(Core ``insert`` / ``update`` / ``delete``, an ``executemany`` of version columns, raw SQL)."""


def test_one_module_writes_every_version() -> None:
    """The rule of where a version is stored (in its value row, or apart; a tombstone removed
    when the value is entered again; calculated values unversioned) is written once: only
    one module of the writer holds the statements that write versions, for saves and imports
    as for deletes, amendments, marks, conflicts and sync."""
    writing = sorted(path.name for path in (CORE / "write").glob("*.py")
                     if _VERSION_WRITE.search(path.read_text(encoding="utf-8")))
    assert writing == ["version_buffer.py"]
