"""Data management: queries and their steps, double data entry, value definition versions.

Existing values get the newest definition version (the one they were entered under, since
no amendment could be loaded before this revision).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("suggested_value", sa.Text(), nullable=True),
        sa.Column("value_at_open", sa.Text(), nullable=True),
        sa.Column("source", sa.String(60), nullable=False),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.String(100), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queries")),
        sa.UniqueConstraint("uid", name=op.f("uq_queries_uid")),
    )
    op.create_index(op.f("ix_queries_record_id"), "queries", ["record_id"])
    op.create_index(op.f("ix_queries_status"), "queries", ["status"])
    op.create_table(
        "query_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["query_id"], ["queries.id"], ondelete="CASCADE",
                                name=op.f("fk_query_steps_query_id_queries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_query_steps")),
    )
    op.create_index(op.f("ix_query_steps_query_id"), "query_steps", ["query_id"])
    op.create_table(
        "dde_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("entry_number", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dde_entries")),
        sa.UniqueConstraint("record_id", "event", "form", "instance", "entry_number",
                            name="uq_dde_entries_key"),
    )
    op.create_index(op.f("ix_dde_entries_record_id"), "dde_entries", ["record_id"])
    op.create_table(
        "dde_adjudications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(100), nullable=False),
        sa.Column("form", sa.String(100), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("adjudicated_by", sa.String(100), nullable=False),
        sa.Column("adjudicated_at", sa.DateTime(), nullable=False),
        sa.Column("fields_compared", sa.Integer(), nullable=False),
        sa.Column("fields_discordant", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dde_adjudications")),
        sa.UniqueConstraint("record_id", "event", "form", "instance",
                            name="uq_dde_adjudications_key"),
    )
    op.create_index(op.f("ix_dde_adjudications_record_id"), "dde_adjudications", ["record_id"])
    op.add_column("item_values", sa.Column("definition_version", sa.Integer(), nullable=True))
    op.execute("UPDATE item_values SET definition_version = "
               "(SELECT max(version) FROM study_definitions)")


def downgrade() -> None:
    with op.batch_alter_table("item_values") as batch:
        batch.drop_column("definition_version")
    for table in ("dde_adjudications", "dde_entries", "query_steps", "queries"):
        op.drop_table(table)
