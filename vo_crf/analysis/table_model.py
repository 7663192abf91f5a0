"""A summary table as plain rows: what the workbook (or any other tool) lays out."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass
class SummaryTable:
    """A titled table: exact column names, rows of plain values, and notes for the reader."""

    sheet: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def column(self, name: str) -> list[Cell]:
        """Return the values of the column called ``name``."""
        index = self.headers.index(name)
        return [row[index] for row in self.rows]
