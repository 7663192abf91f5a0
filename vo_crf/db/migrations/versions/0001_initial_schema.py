"""Initial schema: study definitions, users, records, form instances, values, audit, deviations.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END""",
)
_POSTGRES_AUDIT_TRIGGERS = (
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
)


def upgrade() -> None:
    op.create_table(
        "study_definitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("dictionary_csv", sa.Text(), nullable=False),
        sa.Column("events_csv", sa.Text(), nullable=False),
        sa.Column("mapping_csv", sa.Text(), nullable=False),
        sa.Column("repeating_csv", sa.Text(), nullable=False),
        sa.Column("project_json", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("loaded_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_definitions")),
        sa.UniqueConstraint("version", name=op.f("uq_study_definitions_version")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(400), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("site", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.UniqueConstraint("record_id", name=op.f("uq_records_record_id")),
    )
    op.create_index(op.f("ix_records_site"), "records", ["site"])
    op.create_table(
        "form_instances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_pk", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("verified_by", sa.String(100), nullable=True),
        sa.Column("verified_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by", sa.String(100), nullable=True),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(["record_pk"], ["records.id"], ondelete="CASCADE",
                                name=op.f("fk_form_instances_record_pk_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_instances")),
        sa.UniqueConstraint("record_pk", "event", "form", "instance",
                            name="uq_form_instances_key"),
    )
    op.create_table(
        "item_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_instance_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["form_instance_id"], ["form_instances.id"], ondelete="CASCADE",
                                name=op.f("fk_item_values_form_instance_id_form_instances")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_values")),
        sa.UniqueConstraint("form_instance_id", "field", name="uq_item_values_key"),
    )
    op.create_index(op.f("ix_item_values_form_instance_id"), "item_values", ["form_instance_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=True),
        sa.Column("event", sa.String(100), nullable=True),
        sa.Column("form", sa.String(100), nullable=True),
        sa.Column("instance", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(100), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_record_id"), "audit_log", ["record_id"])
    op.create_table(
        "protocol_deviations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("detected_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protocol_deviations")),
    )
    op.create_index(op.f("ix_protocol_deviations_record_id"), "protocol_deviations",
                    ["record_id"])
    dialect = op.get_bind().dialect.name
    triggers = {"sqlite": _SQLITE_AUDIT_TRIGGERS,
                "postgresql": _POSTGRES_AUDIT_TRIGGERS}.get(dialect, ())
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in ("protocol_deviations", "audit_log", "item_values", "form_instances", "records",
                  "users", "study_definitions"):
        op.drop_table(table)
