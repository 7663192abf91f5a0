"""The stored values a form pipes from the rest of its record (other forms, other events)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from vo_crf.db.engine import read_session
from vo_crf.db.models import Record
from vo_crf.entry.record_values import RecordValues, load_record_values


def stored_record_values(engine: Engine, record_id: str) -> RecordValues:
    """Every stored value of a record (empty for a record not saved yet), in one query."""
    with read_session(engine) as session:
        record = session.scalar(select(Record).where(Record.record_id == record_id))
        return load_record_values(session, record) if record is not None \
            else RecordValues(record_id)
