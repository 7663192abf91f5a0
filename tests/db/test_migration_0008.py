"""Migration 0008: the import writes fewer index entries per value, and nothing is lost.

``item_values(form_instance_id)`` is covered by the unique (form_instance_id, field) key and
``audit_log(at)`` is read by nothing: each cost one more index entry per value written.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from vo_crf.audit.trail import field_history
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.project import Project


def _indexed_columns(project: Project, table: str) -> list[list[str]]:
    return sorted(list(index["column_names"])
                  for index in inspect(project.engine).get_indexes(table))


def test_values_and_audit_rows_keep_only_the_indexes_they_are_read_by(
        backend_project: Project, users: dict[str, CurrentUser]) -> None:
    engine = backend_project.engine
    nurse = users["nurse"]
    record_id = create_record(backend_project, nurse, "1")
    clinical = FormKey(record_id, "m0_arm_1", "clinical")
    service = EntryService(backend_project, nurse)
    # form saves are audited by 0010's save rows, whose lists a downgrade below 0010 drops:
    # the record is created before, the form saved after the round trip
    command.downgrade(alembic_config(engine), "0007")
    assert ["form_instance_id"] in _indexed_columns(backend_project, "item_values")
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    assert ["form_instance_id"] not in _indexed_columns(backend_project, "item_values")
    assert ["at"] not in _indexed_columns(backend_project, "audit_log")
    assert ["record_id"] in _indexed_columns(backend_project, "audit_log")
    assert service.open_form(clinical).values.get("clin_date") is None
    service.save_form(clinical, {"clin_date": "2007-06-14"}, 1)
    state = service.open_form(clinical)
    assert state.values["clin_date"] == "2007-06-14"
    service.save_form(clinical, {"clin_date": "2007-06-15"}, 2, reason="typo",
                      expected_version=state.version)
    with read_session(engine) as session:
        history = field_history(session, record_id, "m0_arm_1", "clinical", 1, "clin_date")
    assert [(row.old_value, row.new_value) for row in history] == [
        (None, "2007-06-14"), ("2007-06-14", "2007-06-15")]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM item_values")).scalar()
