"""Attached files travelling between databases (sync), one at a time.

A first sync of a site may name hundreds of megabytes of attachments. The change set is read
in the sender's read session and applied later in the receiver's transaction, so the sender
reads each file it names in its own query and writes its bytes at once to the change set's
private temporary file (``vo_crf.attachments.spool``); the receiver reads them back one at a
time and stores those it lacks with a plain insert (not through the ORM, whose session would
keep every file it added until the end of the transaction). Memory holds a file or two,
never all of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from vo_crf.attachments.reference import parse_reference
from vo_crf.attachments.spool import FileSpool, SpooledFile
from vo_crf.attachments.store import AttachmentError
from vo_crf.db.models import Attachment, utcnow

_FILES: Table = Attachment.__table__  # type: ignore[assignment]
_CHUNK = 500
"""SHA-256s per ``IN`` list."""


@dataclass(frozen=True)
class SentFile:
    """One stored file as it travels: its SHA-256, MIME type and name, its bytes spooled."""

    sha256: str
    mime_type: str
    name: str
    content: SpooledFile


def named_files(values: Iterable[str | None]) -> list[str]:
    """Return the SHA-256 of every file the values name (references only), sorted, once."""
    return sorted({ref.sha256 for value in values if value
                   for ref in [parse_reference(value)] if ref is not None})


def spool_files(session: Session, values: Iterable[str | None],
                spool: FileSpool) -> list[SentFile]:
    """Write the stored files named by ``values`` to ``spool``, one query and one file in
    memory at a time (to send them to another database); return them."""
    connection = session.connection()
    found: list[SentFile] = []
    wanted = named_files(values)
    for chunk in (wanted[start:start + _CHUNK] for start in range(0, len(wanted), _CHUNK)):
        described = connection.execute(
            select(_FILES.c.sha256, _FILES.c.mime_type, _FILES.c.name)
            .where(_FILES.c.sha256.in_(chunk))).all()
        for sha256, mime_type, name in described:
            content = connection.execute(select(_FILES.c.content)
                                         .where(_FILES.c.sha256 == sha256)).scalar_one()
            found.append(SentFile(sha256, mime_type, name, spool.add(bytes(content))))
            del content
    return found


def copy_files(session: Session, files: list[SentFile]) -> int:
    """Store files read from another database (sync) unless already held, one at a time;
    return how many were new. A file whose bytes do not match its SHA-256 is refused
    (AttachmentError)."""
    if not files:
        return 0
    session.flush()
    connection = session.connection()
    held: set[str] = set()
    wanted = sorted({item.sha256 for item in files})
    for chunk in (wanted[start:start + _CHUNK] for start in range(0, len(wanted), _CHUNK)):
        held.update(connection.execute(select(_FILES.c.sha256)
                                       .where(_FILES.c.sha256.in_(chunk))).scalars())
    new = 0
    for item in files:
        if item.sha256 in held:
            continue
        content = item.content.read()
        if hashlib.sha256(content).hexdigest() != item.sha256:
            raise AttachmentError(f"the file {item.name} received does not match its SHA-256")
        connection.execute(insert(_FILES).values(
            sha256=item.sha256, content=content, size=len(content), mime_type=item.mime_type,
            name=item.name, stored_at=utcnow()))
        held.add(item.sha256)
        new += 1
        del content
    return new
