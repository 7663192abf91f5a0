"""One audit row per form save: ``audit_log.changes`` lists the save's changes.

A form save (entry, import, recalculation, sync's recalculation) writes one ``form_save`` row
whose ``changes`` column holds the list of its changes as JSON (see
``vo_crf.audit.trail.expand``); the chain hashes it with the rest of the row. Rows written
before keep their one-row-per-value shape (the trail is append-only and hashed: they are
never rewritten) and a NULL ``changes``, which the hash leaves out, so their hashes stay valid.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no table copy): the append-only triggers stay as they are
    op.add_column("audit_log", sa.Column("changes", sa.Text(), nullable=True))


_SQLITE_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END""",
)


def downgrade() -> None:
    # for tests and development only: form save rows lose their list of changes (and with it
    # their chain hash, which 'vo-crf audit verify' then names)
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("changes")
    if op.get_bind().dialect.name == "sqlite":  # the batch copy of the table lost its triggers
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)
