"""Review marks travel with sync; a central database has an identity and checkpoints.

- ``form_instances.signed_by/signed_at``: the e-signature of a form, apart from its lock. Locked
  forms whose e-signature is in the audit trail get it back.
- Lock, verification and e-signature become versioned marks (``value_versions`` rows with the
  pseudo-fields ``@lock``, ``@verify``, ``@sign``; see ``vo_crf.db.marks``). The marks already
  set get a version under a new change sequence, so they are sent at the next sync whatever
  the peers' watermarks.
- ``sync_node.node_uid``: the database's identity; ``sync_peers.peer_uid/checkpoint`` and the
  ``sync_checkpoints`` table: the high-water mark a site leaves in the central database at every
  sync, so a central database restored from a backup (or replaced) is noticed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_RANDOM_UID = {"sqlite": "lower(hex(randomblob(16)))",
               "postgresql": "md5(random()::text || clock_timestamp()::text)"}
_NODE_SITE = "(SELECT site_code FROM sync_node WHERE id = 1)"
_NODE_SEQ = "(SELECT change_seq FROM sync_node WHERE id = 1)"
_MARKS = (("@lock", "locked_by", "locked_at"), ("@verify", "verified_by", "verified_at"),
          ("@sign", "signed_by", "signed_at"))


def upgrade() -> None:
    random_uid = _RANDOM_UID.get(op.get_bind().dialect.name, _RANDOM_UID["sqlite"])
    with op.batch_alter_table("form_instances") as batch:
        batch.add_column(sa.Column("signed_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("signed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("sync_node") as batch:
        batch.add_column(sa.Column("node_uid", sa.String(32), nullable=True))
    with op.batch_alter_table("sync_peers") as batch:
        batch.add_column(sa.Column("peer_uid", sa.String(32), nullable=True))
        batch.add_column(sa.Column("checkpoint", sa.String(32), nullable=True))
    op.create_table(
        "sync_checkpoints",
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("site", sa.String(20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_checkpoints")),
    )
    op.create_index(op.f("ix_sync_checkpoints_site"), "sync_checkpoints", ["site"])
    op.execute(f"UPDATE sync_node SET node_uid = {random_uid} WHERE id = 1")
    # a locked form keeps the newest e-signature written since it was locked
    newest_esign = (
        "SELECT {column} FROM audit_log a JOIN records r ON r.record_id = a.record_id "
        "WHERE a.action = 'esign' AND r.id = form_instances.record_pk "
        "AND a.event = form_instances.event AND a.form = form_instances.form "
        "AND a.instance = form_instances.instance AND a.at >= form_instances.locked_at "
        "ORDER BY a.at DESC, a.id DESC LIMIT 1")
    op.execute(f"UPDATE form_instances SET signed_by = ({newest_esign.format(column='username')}), "
               f"signed_at = ({newest_esign.format(column='at')}) "
               "WHERE locked_by IS NOT NULL")
    op.execute("UPDATE sync_node SET change_seq = change_seq + 1 WHERE id = 1 AND EXISTS "
               "(SELECT 1 FROM form_instances WHERE locked_by IS NOT NULL "
               "OR verified_by IS NOT NULL)")
    columns = ("record_id, event, form, instance, field, value, uid, changed_at, changed_by, "
               "origin_site, seq")
    for mark, by, at in _MARKS:
        op.execute(
            f"INSERT INTO value_versions ({columns}) "
            f"SELECT r.record_id, f.event, f.form, f.instance, '{mark}', f.{by}, {random_uid}, "
            f"f.{at}, f.{by}, {_NODE_SITE}, {_NODE_SEQ} "
            f"FROM form_instances f JOIN records r ON r.id = f.record_pk "
            f"WHERE f.{by} IS NOT NULL AND f.{at} IS NOT NULL")


def downgrade() -> None:
    op.execute("DELETE FROM value_versions WHERE field IN ('@lock', '@verify', '@sign')")
    op.drop_index(op.f("ix_sync_checkpoints_site"), table_name="sync_checkpoints")
    op.drop_table("sync_checkpoints")
    # plain ALTER TABLE (SQLite >= 3.35): a batch copy of ``form_instances`` would
    # cascade-delete its values
    for table, column in (("sync_peers", "checkpoint"), ("sync_peers", "peer_uid"),
                          ("sync_node", "node_uid"), ("form_instances", "signed_at"),
                          ("form_instances", "signed_by")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
