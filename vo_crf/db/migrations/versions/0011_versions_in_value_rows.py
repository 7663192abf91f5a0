"""An entered value's sync version is held in its value row (issue 15 item 6).

``item_values`` gains the version columns (``uid``, ``base_uid``, ``changed_at``,
``changed_by``, ``origin_site``, ``seq`` indexed, ``synced_uid``); the version of every stored
value moves there from ``value_versions``, which keeps only what has no value row: form
statuses, review marks and blanked values (tombstones). An import writes one row per value
instead of two. Downgrading copies the versions back.

Revision ID: 0011
Revises: 0009 (the lead re-points it to auditrows' 0010 at the merge)
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_MOVED = ("uid", "base_uid", "changed_at", "changed_by", "origin_site", "seq", "synced_uid")
_SAME_PLACE = ("fi.id = item_values.form_instance_id AND r.id = fi.record_pk"
               " AND vv.record_id = r.record_id AND vv.event = fi.event AND vv.form = fi.form"
               " AND vv.instance = fi.instance AND vv.field = item_values.field")


def upgrade() -> None:
    op.add_column("item_values", sa.Column("uid", sa.String(32), nullable=True))
    op.add_column("item_values", sa.Column("base_uid", sa.String(32), nullable=True))
    op.add_column("item_values", sa.Column("changed_at", sa.DateTime(), nullable=True))
    op.add_column("item_values", sa.Column("changed_by", sa.String(100), nullable=True))
    op.add_column("item_values", sa.Column("origin_site", sa.String(20), nullable=True))
    op.add_column("item_values", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("item_values", sa.Column("synced_uid", sa.String(32), nullable=True))
    assignments = ", ".join(f"{name} = vv.{name}" for name in _MOVED)
    op.execute(f"UPDATE item_values SET {assignments} FROM value_versions vv, form_instances fi,"
               f" records r WHERE {_SAME_PLACE} AND vv.value IS NOT NULL")
    op.execute("DELETE FROM value_versions WHERE value IS NOT NULL AND uid IN"
               " (SELECT uid FROM item_values WHERE uid IS NOT NULL)")
    op.create_index("ix_item_values_seq", "item_values", ["seq"])


def downgrade() -> None:
    columns = ", ".join(_MOVED)
    op.execute(
        "INSERT INTO value_versions (record_id, event, form, instance, field, value,"
        f" {columns}) SELECT r.record_id, fi.event, fi.form, fi.instance, iv.field, iv.value,"
        f" {', '.join('iv.' + name for name in _MOVED)} FROM item_values iv"
        " JOIN form_instances fi ON fi.id = iv.form_instance_id"
        " JOIN records r ON r.id = fi.record_pk WHERE iv.uid IS NOT NULL")
    op.drop_index("ix_item_values_seq", table_name="item_values")
    with op.batch_alter_table("item_values") as batch:
        for name in reversed(_MOVED):
            batch.drop_column(name)
