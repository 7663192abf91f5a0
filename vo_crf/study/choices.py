"""Parsing REDCap choice lists ("1, Male | 2, Female")."""

from __future__ import annotations

import re

from vo_crf.study.model import Choice

_CODE_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]+$")


def parse_choices(text: str) -> tuple[Choice, ...]:
    """Parse a REDCap choice list; raise ValueError naming the faulty item."""
    choices: list[Choice] = []
    seen: set[str] = set()
    for position, item in enumerate(text.split("|"), start=1):
        item = item.strip()
        if not item:
            raise ValueError(f"choice {position} is empty")
        code, comma, label = item.partition(",")
        code, label = code.strip(), label.strip()
        if not comma or not code:
            raise ValueError(f"choice {position} {item!r} is not 'code, label'")
        if not _CODE_PATTERN.match(code):
            raise ValueError(f"choice code {code!r} may hold only letters, digits, '_', '.', '-'")
        if code in seen:
            raise ValueError(f"choice code {code!r} appears twice")
        seen.add(code)
        choices.append(Choice(code, label or code))
    return tuple(choices)
