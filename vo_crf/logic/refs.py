"""Field references and the protocol through which evaluation reads stored values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class FieldRef:
    """One field named in an expression: ``[field]``, ``[event][field]`` or ``[field(code)]``.

    ``event`` is None when the expression names no event; ``code`` is the checkbox option
    code for ``[field(code)]`` references, otherwise None.
    """

    event: str | None
    field: str
    code: str | None = None

    def __str__(self) -> str:
        event = f"[{self.event}]" if self.event is not None else ""
        code = f"({self.code})" if self.code is not None else ""
        return f"{event}[{self.field}{code}]"


class ValueLookup(Protocol):
    """Where an expression reads the stored values of the record being evaluated."""

    def value(self, ref: FieldRef) -> str:
        """Return the raw stored string ("" when blank); for a checkbox code, "1" or "0"."""
        ...

    @property
    def missing_codes(self) -> frozenset[str]:
        """The project's missing-data codes, e.g. ``{"NA", "UNK", "NASK", "ND"}``."""
        ...
