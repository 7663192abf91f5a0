"""The error raised for a study definition that cannot be used."""

from __future__ import annotations


class DefinitionError(ValueError):
    """A broken study definition: names the file, the row (1-based line) and the reason."""

    def __init__(self, file: str, row: int, reason: str) -> None:
        self.file = file
        self.row = row
        self.reason = reason
        where = f"{file}, row {row}" if row else file
        super().__init__(f"{where}: {reason}")
