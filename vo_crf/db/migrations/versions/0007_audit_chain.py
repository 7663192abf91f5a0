"""The audit trail becomes a hash chain (see vo_crf.audit.chain).

- ``audit_log.chain_seq`` (unique) and ``audit_log.chain_hash``: every row's chain position and
  SHA-256 over the previous hash and its content. Existing rows are chained in id order; the
  append-only guard is lifted only for that back-fill and put back (SQLite: dropped and
  recreated; PostgreSQL: disabled and enabled inside the migration's transaction).
- ``audit_chain``: one row holding the head (newest position and hash) and the last full
  verification's position and hash (where the quick check at open starts).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from vo_crf.audit.chain import GENESIS, row_hash

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SQLITE_NO_UPDATE = """CREATE TRIGGER IF NOT EXISTS audit_log_no_update
       BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END"""
_SQLITE_NO_DELETE = """CREATE TRIGGER IF NOT EXISTS audit_log_no_delete
       BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END"""
_BATCH = 5000


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("chain_seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("chain_hash", sa.String(64), nullable=True))
    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("verified_seq", sa.Integer(), nullable=True),
        sa.Column("verified_hash", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain")),
    )
    head_seq, head_hash = _backfill(op.get_bind().dialect.name)
    op.execute(sa.text("INSERT INTO audit_chain (id, head_seq, head_hash) "
                       "VALUES (1, :seq, :hash)").bindparams(seq=head_seq, hash=head_hash))
    op.create_index(op.f("ix_audit_log_chain_seq"), "audit_log", ["chain_seq"], unique=True)


_CONTENT_FIELDS_0007 = ("at", "username", "action", "record_id", "event", "form", "instance",
                        "field", "old_value", "new_value", "reason", "uid", "site", "seq")
"""The columns audit_log had at 0007 (0010 added ``changes``, hashed when not NULL)."""


def _backfill(dialect: str) -> tuple[int, str]:
    """Chain the existing rows in id order; return the head."""
    connection = op.get_bind()
    table = sa.table("audit_log", sa.column("id", sa.Integer()),
                     *(sa.column(name, sa.DateTime() if name == "at" else None)
                       for name in _CONTENT_FIELDS_0007))
    rows = connection.execute(sa.select(table).order_by(table.c.id)).mappings().all()
    position, previous = 0, GENESIS
    updates: list[dict[str, object]] = []
    for row in rows:
        position += 1
        previous = row_hash(previous, position, dict(row))
        updates.append({"b_id": row["id"], "b_seq": position, "b_hash": previous})
    if not updates:
        return position, previous
    statement = sa.text("UPDATE audit_log SET chain_seq = :b_seq, chain_hash = :b_hash "
                        "WHERE id = :b_id")
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
    for start in range(0, len(updates), _BATCH):
        connection.execute(statement, updates[start:start + _BATCH])
    if dialect == "sqlite":
        op.execute(_SQLITE_NO_UPDATE)
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
    return position, previous


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_chain_seq"), table_name="audit_log")
    op.drop_table("audit_chain")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("chain_hash")
        batch.drop_column("chain_seq")
    if op.get_bind().dialect.name == "sqlite":  # the batch copy of the table lost its triggers
        op.execute(_SQLITE_NO_UPDATE)
        op.execute(_SQLITE_NO_DELETE)
