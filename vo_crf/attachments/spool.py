"""Files read from an import, kept on disk until the import stores them.

An ODM file may carry hundreds of megabytes of attachments. The import reads the whole file
first (every value checked, nothing stored unless all is valid) and stores afterwards, so each
file's bytes are written to one private temporary file as soon as they are decoded, and read
back one at a time when stored: memory holds a few files, never all of them. The temporary
file is unnamed (POSIX) or deleted on close, and never outlives the import.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from types import TracebackType
from typing import IO


class FileSpool:
    """One private temporary file holding the attachments of one import (a context manager)."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115 - closed by close()
            prefix="vo-crf-files-")
        self._end = 0

    def add(self, content: bytes) -> SpooledFile:
        """Append ``content``; return where it is."""
        self._file.seek(self._end)
        self._file.write(content)
        spooled = SpooledFile(self, self._end, len(content))
        self._end += len(content)
        return spooled

    def read(self, offset: int, size: int) -> bytes:
        """Return the ``size`` bytes written at ``offset``."""
        self._file.seek(offset)
        return self._file.read(size)

    def close(self) -> None:
        """Close (and so delete) the temporary file."""
        self._file.close()

    def __enter__(self) -> FileSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


@dataclass(frozen=True)
class SpooledFile:
    """The bytes of one file in a ``FileSpool``."""

    spool: FileSpool
    offset: int
    size: int

    def read(self) -> bytes:
        """Return the file's bytes."""
        return self.spool.read(self.offset, self.size)


FileContent = bytes | SpooledFile
"""A file carried by an import: its bytes, or where a spool holds them."""


def content_bytes(content: FileContent) -> bytes:
    """Return the bytes of ``content``."""
    return content if isinstance(content, bytes) else content.read()
