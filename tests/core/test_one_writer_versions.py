"""The one version rule, through the one writer (issue 15 item 1): a stored entered value holds
its version in its value row; a deleted value leaves a tombstone in ``value_versions``; a value
entered again takes the tombstone's place, based on it; a mark's version is dated as the mark."""

from __future__ import annotations

from saved_course import COURSE, SavedCourse
from sqlalchemy import select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, ValueVersion
from vo_crf.entry.review import lock
from vo_crf.project import Project


def _value_uids(project: Project, record_id: str) -> dict[str, tuple[str | None, str | None]]:
    with read_session(project.engine) as session:
        return {row.field: (row.uid, row.base_uid) for row in session.scalars(
            select(ItemValue).join(FormInstance).where(FormInstance.form == "antibiotics"))}


def _tombstones(project: Project, record_id: str) -> dict[str, tuple[str | None, str | None]]:
    with read_session(project.engine) as session:
        return {row.field: (row.uid, row.base_uid) for row in session.scalars(
            select(ValueVersion).where(ValueVersion.record_id == record_id,
                                       ValueVersion.form == "antibiotics",
                                       ValueVersion.value.is_(None)))}


def test_a_deleted_form_leaves_tombstones_and_values_entered_again_take_their_place(
        project: Project, saved_course: SavedCourse) -> None:
    record_id, service, course = saved_course.record_id, saved_course.service, saved_course.key
    saved = _value_uids(project, record_id)
    assert set(saved) == set(COURSE) and all(uid for uid, _ in saved.values())

    service.delete_instance(course, "entered twice")
    tombs = _tombstones(project, record_id)
    assert {name: base for name, (_, base) in tombs.items() if name in COURSE} == {
        name: uid for name, (uid, _) in saved.items()}  # each based on the value's version
    assert _value_uids(project, record_id) == {}

    service.save_form(course, COURSE, 2)
    again = _value_uids(project, record_id)
    assert {name: base for name, (_, base) in again.items()} == {
        name: tombs[name][0] for name in COURSE}  # based on the tombstone, which goes
    assert _tombstones(project, record_id) == {}


def test_a_mark_s_version_is_dated_as_the_mark_on_the_form(
        project: Project, users: dict[str, CurrentUser], saved_course: SavedCourse) -> None:
    record_id, course = saved_course.record_id, saved_course.key
    lock(project, users["inv"], record_id, course, reason="monitored")
    with read_session(project.engine) as session:
        instance = session.scalars(select(FormInstance).where(
            FormInstance.form == "antibiotics")).one()
        version = session.scalars(select(ValueVersion).where(
            ValueVersion.record_id == record_id, ValueVersion.field == "@lock")).one()
    assert instance.locked_by == version.value == users["inv"].username
    assert instance.locked_at == version.changed_at
    assert version.uid and version.seq
