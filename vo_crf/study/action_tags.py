"""REDCap's action tags in a field annotation, the ones that mean something offline.

``@HIDDEN``, ``@HIDDEN-FORM`` (hide the field on the data-entry form), ``@READONLY``,
``@READONLY-FORM``, ``@DEFAULT='value'``, ``@TODAY``, ``@NOW``, ``@CALCTEXT(logic)``,
``@CALCDATE([date], offset, 'unit')``, ``@NONEOFTHEABOVE='code[,code]'``,
``@HIDECHOICE='code[,code]'``, ``@CHARLIMIT=n``, ``@MAXCHECKED=n``, ``@PLACEHOLDER='text'``.

A value is written ``='text'``, ``="text"`` or ``=text`` (up to the next blank); CALCTEXT and
CALCDATE take a parenthesised argument. Other text and other tags (``@HIDDEN-SURVEY``,
``@IF``...) are ignored: they mean nothing on a data-entry form.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_TAG = re.compile(r"@([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)")


@dataclass(frozen=True)
class ActionTags:
    """The action tags of one field annotation."""

    hidden: bool = False
    """@HIDDEN or @HIDDEN-FORM: not shown on the form (its value is kept)."""
    readonly: bool = False
    """@READONLY or @READONLY-FORM: shown, not changeable on the form."""
    default: str | None = None
    """@DEFAULT: the value a new form starts with."""
    today: bool = False
    """@TODAY: a new form starts with today's date."""
    now: bool = False
    """@NOW: a new form starts with the current date and time."""
    calctext: str | None = None
    """@CALCTEXT(logic): the field shows (and saves) the logic's result."""
    calcdate: tuple[str, str, str] | None = None
    """@CALCDATE(date, offset, unit): the date plus an offset (unit y, M, d, h, m or s)."""
    none_of_the_above: tuple[str, ...] = ()
    """@NONEOFTHEABOVE: checkbox codes that exclude every other option."""
    hidden_choices: tuple[str, ...] = ()
    """@HIDECHOICE: codes not offered on the form (a stored one is still shown)."""
    char_limit: int | None = None
    """@CHARLIMIT: at most this many characters."""
    max_checked: int | None = None
    """@MAXCHECKED: at most this many checkbox options."""
    placeholder: str = ""
    """@PLACEHOLDER: the grey hint shown in an empty box."""

    @property
    def has_default(self) -> bool:
        """True when a new form fills the field (@DEFAULT, @TODAY or @NOW)."""
        return self.default is not None or self.today or self.now

    @property
    def is_calculated(self) -> bool:
        """True when the form computes the value (@CALCTEXT or @CALCDATE)."""
        return self.calctext is not None or self.calcdate is not None


def _value(text: str, at: int) -> tuple[str | None, int]:
    """The ``=value`` starting at ``at`` (None when there is none) and where it ends."""
    rest = text[at:]
    match = re.match(r"\s*=\s*", rest)
    if match is None:
        return None, at
    start = at + match.end()
    if start < len(text) and text[start] in "'\"":
        end = text.find(text[start], start + 1)
        end = len(text) if end < 0 else end
        return text[start + 1:end], end + 1
    bare = re.match(r"\S*", text[start:])
    assert bare is not None
    return bare.group(0), start + bare.end()


def _argument(text: str, at: int) -> tuple[str | None, int]:
    """The parenthesised argument starting at ``at`` (quotes respected), and its end."""
    match = re.match(r"\s*\(", text[at:])
    if match is None:
        return None, at
    depth, quote, start = 1, "", at + match.end()
    for position in range(start, len(text)):
        char = text[position]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return text[start:position].strip(), position + 1
    return None, at


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (text or "").split(",") if c.strip())


def _count(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().isdigit() else None


def _date_arguments(text: str | None) -> tuple[str, str, str] | None:
    if text is None:
        return None
    parts = [p.strip().strip("'\"") for p in re.split(r",(?![^\[]*\])", text)]
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


@functools.lru_cache(maxsize=4096)
def parse_action_tags(annotation: str) -> ActionTags:
    """Return the action tags of a field annotation (unknown tags and text are ignored)."""
    found: dict[str, object] = {}
    position = 0
    while (match := _TAG.search(annotation, position)) is not None:
        name, position = match.group(1), match.end()
        if name in ("CALCTEXT", "CALCDATE"):
            argument, position = _argument(annotation, position)
            found.setdefault(name, argument)
        elif name in ("DEFAULT", "NONEOFTHEABOVE", "HIDECHOICE", "CHARLIMIT", "MAXCHECKED",
                      "PLACEHOLDER"):
            value, position = _value(annotation, position)
            found.setdefault(name, value)
        else:
            found.setdefault(name, True)

    def text(name: str) -> str | None:
        value = found.get(name)
        return value if isinstance(value, str) else None

    return ActionTags(
        hidden="HIDDEN" in found or "HIDDEN-FORM" in found,
        readonly="READONLY" in found or "READONLY-FORM" in found,
        default=text("DEFAULT"), today="TODAY" in found, now="NOW" in found,
        calctext=text("CALCTEXT"), calcdate=_date_arguments(text("CALCDATE")),
        none_of_the_above=_codes(text("NONEOFTHEABOVE")),
        hidden_choices=_codes(text("HIDECHOICE")), char_limit=_count(text("CHARLIMIT")),
        max_checked=_count(text("MAXCHECKED")), placeholder=text("PLACEHOLDER") or "")
