"""The bytes of attached files: stored once per content (SHA-256), never changed or deleted.

Storing bytes is not a change of clinical data: a file becomes part of a record only when a
form save (through the one writer, with its audit row) writes a value naming it. Attaching a
file in the form stores its bytes first, so that the save stays one small transaction; a
file attached and then discarded stays stored, unreferenced (as the old file of a replaced
attachment stays, so that the audit trail's old value can still be opened). Files travelling
to another database (sync) go one at a time through ``vo_crf.attachments.transfer``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vo_crf.attachments.reference import (
    MAX_ATTACHMENT_BYTES,
    FileRef,
    parse_reference,
    reference_of,
    too_large_words,
)
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import Attachment
from vo_crf.wording import FILE_TOO_LARGE, worded


class AttachmentError(ValueError):
    """A file could not be attached (too large, unreadable); the message says why."""


def _too_large(label: str, name: str, size: int) -> AttachmentError:
    """The refusal of a file over ``MAX_ATTACHMENT_BYTES``, worded for translation."""
    return worded(AttachmentError, FILE_TOO_LARGE, **dict(too_large_words(label, name, size)))


def store_attachment(session: Session, content: bytes, name: str, mime_type: str = "",
                     label: str = "file") -> FileRef:
    """Store ``content`` (once) in the caller's transaction; return its reference.

    Raise AttachmentError when it is larger than ``MAX_ATTACHMENT_BYTES`` (``label`` names
    the field in the message).
    """
    ref = reference_of(content, name, mime_type)
    if ref.size > MAX_ATTACHMENT_BYTES:
        raise _too_large(label, ref.name, ref.size)
    if session.get(Attachment, ref.sha256) is None:
        session.add(Attachment(sha256=ref.sha256, content=content, size=ref.size,
                               mime_type=ref.mime_type, name=ref.name))
        session.flush()
    return ref


def attach_file(engine: Engine, path: Path, label: str = "file") -> FileRef:
    """Read the file at ``path`` and store it; return its reference (the MIME type from its
    name). The size is checked before the file is read."""
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise _too_large(label, path.name, size)
        content = path.read_bytes()
    except OSError as exc:
        raise AttachmentError(f"{label}: cannot read {path.name}: "
                              f"{exc.strerror or exc}") from None
    with write_transaction(engine) as session:
        return store_attachment(session, content, path.name, label=label)


def load_content(session: Session, sha256: str) -> bytes | None:
    """Return the stored bytes of a file (None when this database does not hold them)."""
    row = session.get(Attachment, sha256)
    return None if row is None else bytes(row.content)


def read_attachment(engine: Engine, value: str) -> tuple[FileRef, bytes] | None:
    """Return the file a value names and its bytes; None for a placeholder or a missing file."""
    ref = parse_reference(value)
    if ref is None:
        return None
    with read_session(engine) as session:
        content = load_content(session, ref.sha256)
    return None if content is None else (ref, content)


def attach_bytes(engine: Engine, content: bytes, name: str, mime_type: str,
                 label: str = "file") -> FileRef:
    """Store ``content`` (a drawn signature's PNG) in its own transaction; return its
    reference."""
    with write_transaction(engine) as session:
        return store_attachment(session, content, name, mime_type, label)
