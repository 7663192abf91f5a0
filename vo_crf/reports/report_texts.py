"""The fixed texts of the PDF reports and of the workbook's human parts, in the reader's language.

One place gives them: :func:`report_texts` returns a :class:`ReportTexts` for ``en`` or ``fr``.
A builder writes its English text once, as the key: ``texts("Outcome")``,
``texts("page {number} of {total}", number=1, total=2)``; the French catalog
(:mod:`vo_crf.reports.report_texts_fr`, a plain typed mapping) gives its translation. Dates and
times are written as the language writes them (day first in French), decimals with a comma.

Why a Python mapping and not gettext: the core has no Qt (no ``QTranslator``), Babel is not a
dependency, and a ``.po`` file needs compiling to ``.mo`` at build time and shipping as data; a
module is frozen by PyInstaller like any other code and mypy checks it. The study's own labels
(fields, choices, events, forms) are never translated here: they are the study's.
"""

from __future__ import annotations

import datetime as dt
import locale
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from vo_crf.reports.report_texts_fr import FRENCH

_DECIMAL = re.compile(r"-?\d+\.\d+")
LANGUAGES = ("en", "fr")
"""The languages reports are written in; English is the fallback."""

_CATALOGS: dict[str, Mapping[str, str]] = {"en": {}, "fr": FRENCH}


@dataclass(frozen=True)
class ReportTexts:
    """The report texts of one language: call it with the English text (and its values)."""

    language: str = "en"
    catalog: Mapping[str, str] = field(default_factory=dict, repr=False)

    def __call__(self, text: str, /, **values: object) -> str:
        """Return ``text`` in this language, ``{name}`` placeholders filled from ``values``."""
        translated = self.catalog.get(text, text)
        return translated.format(**values) if values else translated

    @property
    def day_first(self) -> bool:
        """True when dates are written day first (French: 05/12/2026)."""
        return self.language == "fr"

    def date(self, value: dt.date | None, empty: str = "—") -> str:
        """Return a date as the language writes it (ISO in English), ``empty`` for None."""
        if value is None:
            return empty
        return f"{value:%d/%m/%Y}" if self.day_first else value.isoformat()

    def moment(self, value: dt.datetime) -> str:
        """Return a date and time to the minute as the language writes it."""
        return f"{value:%d/%m/%Y %H:%M}" if self.day_first else f"{value:%Y-%m-%d %H:%M}"

    def number(self, value: float) -> str:
        """Return a number shortly (``:g``), with a decimal comma in French."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.day_first else text

    def pattern(self, pattern: str) -> str:
        """A date's pattern to write it in ("DD-MM-YYYY"), with French letters in French
        ("JJ-MM-AAAA"; the time's HH:MM is the same)."""
        return pattern.replace("D", "J").replace("Y", "A") if self.day_first else pattern

    def decimal(self, text: str) -> str:
        """Return a plain decimal number written as text ("24.9") with a decimal comma in
        French; any other text unchanged."""
        if self.day_first and _DECIMAL.fullmatch(text):
            return text.replace(".", ",")
        return text

    @property
    def excel_date_time(self) -> str:
        """The Excel number format of a date and time in this language."""
        return "dd/mm/yyyy hh:mm" if self.day_first else "yyyy-mm-dd hh:mm"


ENGLISH = ReportTexts()
"""The English texts (the keys themselves)."""


def report_texts(language: str | None = None) -> ReportTexts:
    """Return the texts of ``language`` (``en``/``fr``; None: the environment's locale).

    A language without a catalog gets English.
    """
    chosen = environment_language() if language is None else language.lower()[:2]
    if chosen not in _CATALOGS:
        chosen = "en"
    return ReportTexts(chosen, _CATALOGS[chosen])


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the report language of the environment's locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, ``LANGUAGE`` as POSIX reads them): ``fr`` for a French locale, else ``en``."""
    values = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = values.get(name, "")
        if value:
            language = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return language if language in LANGUAGES else "en"
    if environ is None:  # Windows: no such variable, the user's locale ("French_France")
        system = (locale.getlocale()[0] or "").lower()
        return "fr" if system.startswith(("fr", "french")) else "en"
    return "en"
