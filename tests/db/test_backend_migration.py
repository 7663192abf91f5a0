"""Migration 0002 applies to an existing database with data, on both backends."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from vo_crf.auth.users import CurrentUser
from vo_crf.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project


def test_existing_data_gets_versions_and_audit_uids(backend_project: Project,
                                                    nurse: CurrentUser) -> None:
    engine = backend_project.engine
    record_id = create_record(backend_project, nurse, "1")
    EntryService(backend_project, nurse).save_form(
        FormKey(record_id, "m0_arm_1", "clinical"), {"clin_date": "2007-06-14",
                                                     "clin_temp": "38.5"}, 1)
    command.downgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    with engine.connect() as connection:
        audit_rows = connection.execute(text("SELECT count(*) FROM audit_log")).scalar()
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        uids = connection.execute(text("SELECT uid FROM audit_log")).scalars().all()
        versions = dict(connection.execute(text(
            "SELECT field, value FROM value_versions WHERE record_id = :r"),
            {"r": record_id}).all())
        # since 0011 a stored value's version is held in its value row
        versions.update(connection.execute(text(
            "SELECT v.field, v.value FROM item_values v JOIN form_instances f"
            " ON f.id = v.form_instance_id JOIN records r ON r.id = f.record_pk"
            " WHERE r.record_id = :r AND v.uid IS NOT NULL"), {"r": record_id}).all())
        node = connection.execute(text("SELECT site_code, change_seq FROM sync_node")).one()
    assert len(uids) == audit_rows and None not in uids and len(set(uids)) == len(uids)
    assert versions["clin_temp"] == "38.5" and versions["clinical_complete"] == "1"
    assert versions["site"] == "1"
    assert tuple(node) == ("", 1)
    # the append-only guard is back after the backfill
    with engine.connect() as connection:
        try:
            with connection.begin():
                connection.execute(text("UPDATE audit_log SET reason = 'forged'"))
            raise AssertionError("audit_log accepted an UPDATE")
        except Exception as exc:  # noqa: BLE001 - the driver's own error class differs
            assert "append-only" in str(exc)
    # and the entry service keeps working on the migrated database
    EntryService(backend_project, nurse).save_form(
        FormKey(record_id, "m0_arm_1", "clinical"), {"clin_temp": "39.0"}, 1)
