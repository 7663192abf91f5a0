"""Attached files (``file`` fields): one content-addressed ``attachments`` table.

A ``file`` field's value names its file (name, MIME type, size, SHA-256, see
``vo_crf.attachments.reference``); the bytes are stored once here, keyed by their SHA-256.

Revision ID: 0009
Revises: 0007 (the lead re-points it to storage's 0008 at the merge)
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mime_type", sa.String(255), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )


def downgrade() -> None:
    op.drop_table("attachments")
