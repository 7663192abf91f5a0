"""Queries travel with multi-site sync: a global id per query step, a site and a change sequence.

Existing query steps get a uid; existing queries and steps get this database's site code and a
new change sequence (``sync_node.change_seq`` is bumped once when there are queries), so the
queries raised before this revision are sent at the next sync whatever the peers' watermarks.
The columns are nullable like the audit trail's (``vo_crf.db.change_stamp`` always sets them),
which spares SQLite a batch copy of the tables.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_RANDOM_UID = {"sqlite": "lower(hex(randomblob(16)))",
               "postgresql": "md5(random()::text || clock_timestamp()::text)"}
_NODE_SITE = "(SELECT site_code FROM sync_node WHERE id = 1)"
_NODE_SEQ = "(SELECT change_seq FROM sync_node WHERE id = 1)"


def upgrade() -> None:
    random_uid = _RANDOM_UID.get(op.get_bind().dialect.name, _RANDOM_UID["sqlite"])
    for table in ("queries", "query_steps"):
        op.add_column(table, sa.Column("site", sa.String(20), nullable=True))
        op.add_column(table, sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("query_steps", sa.Column("uid", sa.String(32), nullable=True))
    op.execute("UPDATE sync_node SET change_seq = change_seq + 1 "
               "WHERE id = 1 AND EXISTS (SELECT 1 FROM queries)")
    op.execute(f"UPDATE queries SET site = {_NODE_SITE}, seq = {_NODE_SEQ}")
    op.execute(f"UPDATE query_steps SET site = {_NODE_SITE}, seq = {_NODE_SEQ}, "
               f"uid = {random_uid}")
    op.create_index(op.f("ix_queries_seq"), "queries", ["seq"])
    op.create_index(op.f("ix_query_steps_seq"), "query_steps", ["seq"])
    op.create_index(op.f("ix_query_steps_uid"), "query_steps", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_query_steps_uid"), table_name="query_steps")
    op.drop_index(op.f("ix_query_steps_seq"), table_name="query_steps")
    op.drop_index(op.f("ix_queries_seq"), table_name="queries")
    # plain ALTER TABLE (SQLite >= 3.35): a batch copy of ``queries`` would cascade-delete steps
    for table, column in (("query_steps", "uid"), ("query_steps", "seq"),
                          ("query_steps", "site"), ("queries", "seq"), ("queries", "site")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
