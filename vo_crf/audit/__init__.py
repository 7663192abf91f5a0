"""The append-only audit trail."""

from vo_crf.audit.trail import AuditAction, Where, field_history, record_history, write_audit

__all__ = ["AuditAction", "Where", "field_history", "record_history", "write_audit"]
