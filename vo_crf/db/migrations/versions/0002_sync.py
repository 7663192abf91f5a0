"""Multi-site sync and backups: node, peers, value versions, conflicts; audit uid/site/seq.

Existing audit rows get a uid (the append-only triggers are lifted for that one UPDATE and put
back), existing values get a version (origin site '' until ``vo-crf sync setup``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = {
    "audit_log_no_update": """CREATE TRIGGER IF NOT EXISTS audit_log_no_update
       BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    "audit_log_no_delete": """CREATE TRIGGER IF NOT EXISTS audit_log_no_delete
       BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END""",
}
_RANDOM_UID = {"sqlite": "lower(hex(randomblob(16)))",
               "postgresql": "md5(random()::text || clock_timestamp()::text)"}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "sync_node",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_code", sa.String(20), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_node")),
    )
    op.execute("INSERT INTO sync_node (id, site_code, change_seq) VALUES (1, '', 1)")
    op.create_table(
        "sync_peers",
        sa.Column("peer", sa.String(100), nullable=False),
        sa.Column("received_seq", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("peer", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "value_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("base_uid", sa.String(32), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(100), nullable=False),
        sa.Column("origin_site", sa.String(20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("synced_uid", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_versions")),
        sa.UniqueConstraint("record_id", "event", "form", "instance", "field",
                            name="uq_value_versions_key"),
    )
    op.create_index(op.f("ix_value_versions_seq"), "value_versions", ["seq"])
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("local_value", sa.Text(), nullable=True),
        sa.Column("local_uid", sa.String(32), nullable=False),
        sa.Column("local_user", sa.String(100), nullable=False),
        sa.Column("local_at", sa.DateTime(), nullable=False),
        sa.Column("remote_value", sa.Text(), nullable=True),
        sa.Column("remote_uid", sa.String(32), nullable=False),
        sa.Column("remote_user", sa.String(100), nullable=False),
        sa.Column("remote_at", sa.DateTime(), nullable=False),
        sa.Column("remote_site", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_by", sa.String(100), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(10), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index(op.f("ix_sync_conflicts_status"), "sync_conflicts", ["status"])

    op.add_column("audit_log", sa.Column("uid", sa.String(32), nullable=True))
    op.add_column("audit_log", sa.Column("site", sa.String(20), nullable=True))
    op.add_column("audit_log", sa.Column("seq", sa.Integer(), nullable=True))
    _backfill_audit(dialect)
    op.create_index(op.f("ix_audit_log_uid"), "audit_log", ["uid"], unique=True)
    op.create_index(op.f("ix_audit_log_seq"), "audit_log", ["seq"])

    random_uid = _RANDOM_UID.get(dialect, _RANDOM_UID["sqlite"])
    select_values = (
        "SELECT r.record_id, f.event, f.form, f.instance, v.field, v.value, "
        f"{random_uid}, f.updated_at, f.updated_by, '', 1 "
        "FROM item_values v JOIN form_instances f ON f.id = v.form_instance_id "
        "JOIN records r ON r.id = f.record_pk")
    select_status = (
        "SELECT r.record_id, f.event, f.form, f.instance, f.form || '_complete', "
        f"CAST(f.status AS VARCHAR(10)), {random_uid}, f.updated_at, f.updated_by, '', 1 "
        "FROM form_instances f JOIN records r ON r.id = f.record_pk")
    columns = ("record_id, event, form, instance, field, value, uid, changed_at, changed_by, "
               "origin_site, seq")
    op.execute(f"INSERT INTO value_versions ({columns}) {select_values}")
    op.execute(f"INSERT INTO value_versions ({columns}) {select_status}")


def _backfill_audit(dialect: str) -> None:
    """Give existing audit rows a uid; the append-only guard is lifted only for this UPDATE."""
    random_uid = _RANDOM_UID.get(dialect, _RANDOM_UID["sqlite"])
    fill = f"UPDATE audit_log SET uid = {random_uid}, site = '', seq = 1"
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute(fill)
        op.execute(_SQLITE_TRIGGERS["audit_log_no_update"])
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
        op.execute(fill)
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
    else:
        op.execute(fill)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_seq"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_uid"), table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("seq")
        batch.drop_column("site")
        batch.drop_column("uid")
    if op.get_bind().dialect.name == "sqlite":  # the batch copy dropped the triggers
        for statement in _SQLITE_TRIGGERS.values():
            op.execute(statement)
    for table in ("sync_conflicts", "value_versions", "sync_peers", "sync_node"):
        op.drop_table(table)
