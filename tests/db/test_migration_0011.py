"""Migration 0011: an entered value's sync version moves into its value row, and back.

Before 0011 every entered value also had a ``value_versions`` row; after it, that table keeps
only what has no value row (form statuses, review marks, blanked values), with the same uids:
nothing a sync compares is lost either way.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, text

from vo_crf.auth.users import CurrentUser
from vo_crf.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project

_ALL_VERSIONS = (
    "SELECT record_id, event, form, instance, field, value, uid, base_uid, changed_by, seq"
    " FROM value_versions")
_HELD_IN_VALUES = (
    "SELECT r.record_id, f.event, f.form, f.instance, v.field, v.value, v.uid, v.base_uid,"
    " v.changed_by, v.seq FROM item_values v JOIN form_instances f ON f.id = v.form_instance_id"
    " JOIN records r ON r.id = f.record_pk WHERE v.uid IS NOT NULL")


def _versions(engine: Engine, held_in_values: bool) -> set[tuple[object, ...]]:
    with engine.connect() as connection:
        found = {tuple(row) for row in connection.execute(text(_ALL_VERSIONS))}
        if held_in_values:
            found |= {tuple(row) for row in connection.execute(text(_HELD_IN_VALUES))}
    return found


def test_versions_move_into_value_rows_and_back_without_loss(
        backend_project: Project, users: dict[str, CurrentUser]) -> None:
    engine = backend_project.engine
    nurse = users["nurse"]
    record_id = create_record(backend_project, nurse, "1")
    clinical = FormKey(record_id, "m0_arm_1", "clinical")
    service = EntryService(backend_project, nurse)
    service.save_form(clinical, {"clin_date": "2007-06-14", "clin_temp": "38.5"}, 1)
    service.save_form(clinical, {"clin_temp": ""}, 1, reason="not measured")
    at_head = _versions(engine, held_in_values=True)
    fields = {row[4]: row[5] for row in at_head if row[0] == record_id}
    assert fields["clin_date"] == "2007-06-14" and fields["clin_temp"] is None
    assert fields["clinical_complete"] == "1"

    command.downgrade(alembic_config(engine), "0009")
    assert _versions(engine, held_in_values=False) == at_head  # every version apart again

    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    assert _versions(engine, held_in_values=True) == at_head
    with engine.connect() as connection:
        apart = dict(connection.execute(text(
            "SELECT field, value FROM value_versions WHERE record_id = :r"),
            {"r": record_id}).all())
    assert "clin_date" not in apart  # held in its value row
    assert apart["clin_temp"] is None and apart["clinical_complete"] == "1"  # a tombstone
    # the writers keep working on the migrated database: the blanked value entered again
    state = service.open_form(clinical)
    service.save_form(clinical, {"clin_temp": "37.9"}, 1, reason="found it",
                      expected_version=state.version)
    with engine.connect() as connection:
        apart_fields = set(connection.execute(text(
            "SELECT field FROM value_versions WHERE record_id = :r"),
            {"r": record_id}).scalars())
    assert "clin_temp" not in apart_fields
    temp = {row[4]: row for row in _versions(engine, held_in_values=True)
            if row[0] == record_id}["clin_temp"]
    assert temp[5] == "37.9" and temp[7] == fields_uid(at_head, record_id, "clin_temp")


def fields_uid(versions: set[tuple[object, ...]], record_id: str, field: str) -> object:
    """The uid of one field's version among ``versions``."""
    return next(row[6] for row in versions if row[0] == record_id and row[4] == field)
