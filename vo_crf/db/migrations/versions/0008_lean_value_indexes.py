"""Fewer index entries per value written (issue 15 item 6: the import's cost per value).

- ``item_values(form_instance_id)``: dropped; the unique key (form_instance_id, field)
  answers every lookup by form instance (its first column), the foreign key included.
- ``audit_log(at)``: dropped; nothing reads the trail by time (histories, exports, sync and
  the chain read by record, id, sequence or chain position).

No data changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_item_values_form_instance_id", table_name="item_values")
    op.drop_index("ix_audit_log_at", table_name="audit_log")


def downgrade() -> None:
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_item_values_form_instance_id", "item_values", ["form_instance_id"])
