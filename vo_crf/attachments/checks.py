"""A save may only name files the database holds (checked in the save's own transaction)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.attachments.reference import parse_reference
from vo_crf.db.models import Attachment
from vo_crf.entry.errors import SaveRefused
from vo_crf.entry.message_templates import field_title
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.study.model import Study


def missing_files(session: Session, study: Study, values: Mapping[str, str]) -> list[Message]:
    """Return an error for each ``file`` value naming a file this database does not hold."""
    named = {}
    for name, value in values.items():
        if value and study.has_field(name) and study.field(name).is_file:
            ref = parse_reference(value)
            if ref is not None:
                named[name] = ref
    if not named:
        return []
    held = set(session.scalars(select(Attachment.sha256).where(
        Attachment.sha256.in_({ref.sha256 for ref in named.values()}))))
    return [Message(name, Severity.ERROR, Rule.TYPE,
                    f"{field_title(study.field(name))}: the attached file {ref.name} is not "
                    "stored in this database [rule: file]")
            for name, ref in named.items() if ref.sha256 not in held]


def refuse_missing_files(session: Session, study: Study, values: Mapping[str, str]) -> None:
    """Raise SaveRefused when a value names a file the database does not hold."""
    errors = missing_files(session, study, values)
    if errors:
        raise SaveRefused(errors)
