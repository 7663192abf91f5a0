"""Migration 0006 on a database with review marks, on both backends: signatures and marks kept."""

from __future__ import annotations

from accounts import PASSWORDS
from alembic import command
from sqlalchemy import text

from vo_crf.auth.users import CurrentUser
from vo_crf.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock, verify
from vo_crf.project import Project


def test_locks_signatures_and_verifications_become_marks(backend_project: Project,
                                                         users: dict[str, CurrentUser]) -> None:
    engine = backend_project.engine
    nurse, inv = users["nurse"], users["inv"]
    record_id = create_record(backend_project, nurse, "1")
    clinical = FormKey(record_id, "m0_arm_1", "clinical")
    EntryService(backend_project, nurse).save_form(clinical, {"clin_date": "2007-06-14"}, 2)
    verify(backend_project, inv, clinical)
    lock(backend_project, inv, record_id, clinical, signature_password=PASSWORDS["inv"])
    command.downgrade(alembic_config(engine), "0005")
    with engine.connect() as connection:
        seq_before = connection.execute(text("SELECT change_seq FROM sync_node")).scalar()
        assert connection.execute(text(
            "SELECT count(*) FROM value_versions WHERE field LIKE '@%'")).scalar() == 0
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        signed = connection.execute(text(
            "SELECT signed_by, signed_at IS NOT NULL FROM form_instances "
            "WHERE form = 'clinical'")).one()
        marks = dict(connection.execute(text(
            "SELECT field, value FROM value_versions WHERE field LIKE '@%'")).all())
        node = connection.execute(text("SELECT node_uid, change_seq FROM sync_node")).one()
    assert tuple(signed) == ("inv", True)
    assert marks == {"@lock": "inv", "@verify": "inv", "@sign": "inv"}
    assert node[0] and len(node[0]) == 32 and node[1] == seq_before + 1
    state = EntryService(backend_project, inv).open_form(clinical)
    assert (state.locked_by, state.verified_by, state.signed_by) == ("inv", "inv", "inv")
