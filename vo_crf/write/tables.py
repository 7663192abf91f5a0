"""The tables the one writer writes with SQLAlchemy Core (its buffered and sync paths)."""

from __future__ import annotations

from sqlalchemy import Table

from vo_crf.db import models

RECORDS: Table = models.Record.__table__  # type: ignore[assignment]
INSTANCES: Table = models.FormInstance.__table__  # type: ignore[assignment]
VALUES: Table = models.ItemValue.__table__  # type: ignore[assignment]
"""``item_values``: a value, and an entered value's version."""
AUDIT_ROWS: Table = models.AuditEntry.__table__  # type: ignore[assignment]
VERSIONS: Table = models.ValueVersion.__table__  # type: ignore[assignment]
"""``value_versions``: the versions of statuses, marks and blanked values."""
DEVIATIONS: Table = models.ProtocolDeviation.__table__  # type: ignore[assignment]
