"""What a ``file`` field's value holds: the attached file's name, MIME type, size and SHA-256.

The value is one line of text, readable in the audit trail and the exports::

    consent.pdf; application/pdf; 48213 bytes; sha256:9f86d0…

The bytes themselves are stored once, keyed by their SHA-256 (``vo_crf.attachments.store``),
so the one writer keeps writing one text value per field and every change of file is an
ordinary audited value change (old reference → new reference, who, when, reason).

A value that is not such a reference is a placeholder kept from an import that did not carry
the file: REDCap's CSV export writes ``[document]`` for a file field holding a file.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from vo_crf.wording import FILE_TOO_LARGE, ByteSize, Words, say

REDCAP_DOCUMENT = "[document]"
"""What REDCap's CSV export (and ours) writes for a file field that holds a file."""

MAX_ATTACHMENT_BYTES = 20_000_000
"""The largest file a ``file`` field takes (20 MB). REDCap's limit is set by each server's
administrator (PHP's upload limit); 20 MB holds a scanned consent or an MRI report as PDF
while keeping a study database copyable and syncable."""

DEFAULT_MIME = "application/octet-stream"

_REFERENCE = re.compile(r"(?P<name>.+); (?P<mime>[^;\s/]+/[^;\s]+); (?P<size>\d+) bytes; "
                        r"sha256:(?P<sha>[0-9a-f]{64})", re.ASCII | re.DOTALL)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f;]")


@dataclass(frozen=True)
class FileRef:
    """One attached file as a value names it."""

    name: str
    mime_type: str
    size: int
    sha256: str

    @property
    def value(self) -> str:
        """The stored text of the value."""
        return f"{self.name}; {self.mime_type}; {self.size} bytes; sha256:{self.sha256}"

    def describe(self) -> str:
        """Return how the file is shown: ``consent.pdf (47.1 kB, application/pdf)``."""
        return f"{self.name} ({human_size(self.size)}, {self.mime_type})"


def parse_reference(value: str) -> FileRef | None:
    """Return the file a stored value names; None for a blank value or a placeholder."""
    match = _REFERENCE.fullmatch(value)
    if match is None:
        return None
    return FileRef(match["name"], match["mime"], int(match["size"]), match["sha"])


def file_name_of(value: str) -> str:
    """Return the file name a value names (a placeholder as it is): what statistics files,
    the workbook and reports show of a ``file`` field."""
    ref = parse_reference(value)
    return value if ref is None else ref.name


def clean_name(name: str) -> str:
    """Return a file name fit for a value: its last path part, no control characters or ';',
    normalised (NFC), at most 200 characters (the extension kept)."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)) or "attachment"
    if len(base) > 200:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[:190] + dot + suffix[:9]) if dot and len(suffix) < 10 else base[:200]
    return base


def guess_mime(name: str) -> str:
    """Return the MIME type of a file from its name (never from its contents)."""
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    return guessed or DEFAULT_MIME


def clean_mime(mime: str, name: str) -> str:
    """Return ``mime`` when it looks like a MIME type, else the one its name suggests."""
    mime = mime.strip().lower()
    if re.fullmatch(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+", mime, re.ASCII):
        return mime
    return guess_mime(name)


def reference_of(content: bytes, name: str, mime_type: str = "") -> FileRef:
    """Return the reference of ``content`` attached under ``name``."""
    clean = clean_name(name)
    return FileRef(clean, clean_mime(mime_type, clean), len(content),
                   hashlib.sha256(content).hexdigest())


def human_size(size: int) -> str:
    """Return ``512 bytes``, ``47.1 kB`` or ``3.2 MB`` (decimal units)."""
    return str(ByteSize(size))


def too_large_words(label: str, name: str, size: int) -> Words:
    """The words of the refusal of a file over ``MAX_ATTACHMENT_BYTES`` (``FILE_TOO_LARGE``)."""
    return (("field", label), ("name", name), ("size", ByteSize(size)),
            ("limit", ByteSize(MAX_ATTACHMENT_BYTES)))


def too_large_message(label: str, name: str, size: int) -> str:
    """The message refusing a file over ``MAX_ATTACHMENT_BYTES``."""
    return say(FILE_TOO_LARGE, too_large_words(label, name, size))
