"""What statistics software must know besides the values: missing codes, levels, formats.

* The study's missing-data codes (NA, UNK, ...) and the codes the analysis plan calls "not
  assessable" (9 of the imaging findings) are declared missing in every statistics format, so
  that a frequency table in SPSS/PSPP, Stata, R or SAS gives the paper's denominators
  (M3 discal abscess 11/26, not 11/29): SPSS user-missing values, Stata and SAS extended missing
  values (``.a``, ``.b``, ... with value labels).
* Letters: the n-th missing-data code of the study gets the n-th letter (NA = a, UNK = b, ...);
  a field's "not assessable" code gets the letter after them (f in the VO study).
* SPSS measurement level: coded variables nominal (form status and the plan's ``ordinal_fields``
  ordinal), numbers and dates scale, text nominal. Print formats without false decimals:
  codes as ``F1.0`` (wider only when a value needs it), numbers with the decimals they have.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from vo_crf.analysis.plan import AnalysisPlanError, load_analysis_plan
from vo_crf.exchange.stats_tables import StatTable, Variable
from vo_crf.study.model import Study, ValidationType

MAX_DECIMALS = 4


@dataclass(frozen=True)
class MissingScheme:
    """The study's missing-data codes and, per field, its "not assessable" code."""

    codes: tuple[tuple[str, str], ...]
    """(code, label) of every missing-data code, in the study's order."""
    not_assessable: dict[str, tuple[str, str]]
    """Field name → (code, label) of the code the analysis plan treats as not assessable."""
    ordinal_fields: frozenset[str]

    def letter(self, code: str) -> str | None:
        """Return the extended-missing letter of a missing-data code (None if not one)."""
        names = [c for c, _ in self.codes]
        return chr(ord("a") + names.index(code)) if code in names[:26] else None

    @property
    def not_assessable_letter(self) -> str | None:
        """The extended-missing letter of every "not assessable" code (after the codes')."""
        return chr(ord("a") + len(self.codes)) if len(self.codes) < 26 else None

    def field_code(self, variable: Variable) -> tuple[str, str] | None:
        """(code, label) the analysis treats as not assessable in ``variable``, if any."""
        if variable.checkbox_code or not variable.field:
            return None
        return self.not_assessable.get(variable.field)

    def letters(self, variable: Variable) -> dict[str, tuple[str, str]]:
        """Extended-missing letter → (stored code, label) of one numeric variable."""
        found = {letter: (code, f"{code}: {label}") for code, label in self.codes
                 if (letter := self.letter(code))}
        special = self.field_code(variable)
        if special and self.not_assessable_letter:
            found[self.not_assessable_letter] = special
        return found


def missing_scheme(study: Study) -> MissingScheme:
    """Return the missing-data scheme of ``study`` (its analysis plan's, when it has one)."""
    codes = tuple((c.code, c.label) for c in study.missing_codes)
    try:
        plan = load_analysis_plan(study)
    except AnalysisPlanError:  # a plan that does not fit the study: nothing study-specific
        plan = None
    if plan is None:
        return MissingScheme(codes, {}, frozenset())
    code = plan.imaging.not_assessable
    special = {name: (code, study.field(name).choice_label(code))
               for name in plan.imaging.findings if study.has_field(name)}
    return MissingScheme(codes, special, frozenset(plan.ordinal_fields))


def spss_measure(variable: Variable, scheme: MissingScheme) -> str:
    """Return the SPSS measurement level of a variable: nominal, ordinal or scale."""
    if variable.kind == "coded":
        ordinal = not variable.field or variable.field in scheme.ordinal_fields
        return "ordinal" if ordinal and not variable.checkbox_code else "nominal"
    return "scale" if variable.kind in ("numeric", "date", "datetime") else "nominal"


def spss_format(variable: Variable, cells: Sequence[float]) -> str | None:
    """Return the SPSS print format (``F1.0``) of a numeric variable, None for the others.

    The width fits the codes of the value labels and every value of the column (a missing-code
    number such as -9992 widens it); decimals are the field's (integers, codes: none).
    """
    if not variable.is_numeric:
        return None
    decimals = 0
    if variable.kind == "numeric" and variable.column is not None and variable.column.field \
            and variable.column.field.validation is not ValidationType.INTEGER:
        decimals = max([_decimals(v) for v in cells if not math.isnan(v)] or [0])
    shown = [f"{v:.{decimals}f}" for v in cells if not math.isnan(v)]
    shown += [f"{float(code):.0f}" for code in variable.value_labels if _is_number(code)]
    width = max([len(text) for text in shown] or [1])
    width = max(width, decimals + 2 if decimals else 1)
    return f"F{min(width, 40)}.{decimals}"


def table_cells(table: StatTable, variable: Variable) -> list[str]:
    """Return the stored cells of one variable, one per row."""
    return [row.get(variable.name, "") for row in table.rows]


def _decimals(value: float) -> int:
    text = f"{value:.{MAX_DECIMALS}f}".rstrip("0")
    return min(len(text.partition(".")[2]), MAX_DECIMALS)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
