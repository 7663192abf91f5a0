"""Writing statistics tables as SPSS .sav and Stata .dta files (pyreadstat, pandas).

Encoding of the study's missing-data codes (NA, UNK, ...), the n-th code of the list:

* SPSS numeric variables: the number ``-9990 - n`` (NA = -9991, UNK = -9992, ...), declared
  user-missing (range -9999..-9991) and labelled, so SPSS excludes them from statistics but
  keeps them; string variables keep the code itself (labelled when the variable has labels).
* SPSS and Stata: a field's "not assessable" code of the analysis plan is missing too (SPSS:
  the discrete user-missing value 9; Stata: the letter after the codes', see stats_meta).
* Stata numeric variables: the extended missing value ``.a``, ``.b``, ... (NA = .a, UNK = .b);
  Stata cannot label strings, so coded variables with letter codes (Frankel A-E) stay strings
  whose labels are only in the codebook.
* Date variables in both: system-missing (a date cannot hold a code); the CSV export keeps it.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from vo_crf.exchange.stats_meta import missing_scheme, spss_format, spss_measure, table_cells
from vo_crf.exchange.stats_tables import StatTable, Variable
from vo_crf.study.model import Study

SPSS_MISSING_BASE = -9990
SPSS_MISSING_RANGE = {"lo": -9999.0, "hi": -9991.0}
STATA_LABEL_MAX = 80
STATA_VERSION = 14
"""pyreadstat's Stata version 14 writes file format 118, which Stata 14 and later open."""
SPSS_LABEL_MAX = 250


def spss_missing_value(study: Study, code: str) -> float | None:
    """Return the SPSS number standing for a missing-data code (None if not a code)."""
    codes = [c.code for c in study.missing_codes]
    return float(SPSS_MISSING_BASE - codes.index(code) - 1) if code in codes else None


def write_spss(study: Study, table: StatTable, path: Path, file_label: str) -> None:
    """Write one table as an SPSS .sav file: labels, user-missing codes, levels, formats."""
    import pandas as pd
    import pyreadstat

    scheme = missing_scheme(study)
    columns: dict[str, Any] = {}
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, list[Any]] = {}
    formats: dict[str, str] = {}
    missing_labels = {c.code: f"{c.code}: {c.label}" for c in study.missing_codes}
    for variable in table.variables:
        cells = table_cells(table, variable)
        if variable.is_numeric:
            numbers = [_number(v, lambda c: spss_missing_value(study, c)) for v in cells]
            columns[variable.name] = numbers
            number_labels: dict[float | None, str] = {
                float(k): v for k, v in variable.value_labels.items()} \
                if variable.kind == "coded" else {}
            number_labels.update({spss_missing_value(study, c): text
                                  for c, text in missing_labels.items()})
            value_labels[variable.name] = number_labels
            missing[variable.name] = [dict(SPSS_MISSING_RANGE)]
            special = scheme.field_code(variable)
            if special:
                missing[variable.name].append(float(special[0]))
            spss = spss_format(variable, numbers)
            if spss:
                formats[variable.name] = spss
        elif variable.kind == "date":
            columns[variable.name] = [_date(v) for v in cells]
        else:
            columns[variable.name] = pd.Series(cells, dtype=object)  # text, even when empty
            if variable.kind == "coded":
                value_labels[variable.name] = {**variable.value_labels, **missing_labels}
                special = scheme.field_code(variable)
                if special:
                    missing[variable.name] = [special[0]]
    frame = pd.DataFrame(columns, columns=[v.name for v in table.variables])
    labels: dict[str, str | None] = {v.name: v.label[:SPSS_LABEL_MAX] for v in table.variables}
    measures = {v.name: spss_measure(v, scheme) for v in table.variables}
    pyreadstat.write_sav(frame, str(path), file_label=file_label[:64], column_labels=labels,
                         variable_value_labels=value_labels, missing_ranges=missing,
                         variable_measure=measures, variable_format=formats)


def write_stata(study: Study, table: StatTable, path: Path, file_label: str) -> None:
    """Write one table as a Stata .dta file, format 118 (Stata 14 and later), with labels.

    Missing-data codes and "not assessable" codes are extended missing values with labels.
    """
    import pandas as pd
    import pyreadstat

    scheme = missing_scheme(study)
    columns: dict[str, Any] = {}
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, list[str]] = {}
    for variable in table.variables:
        cells = table_cells(table, variable)
        if variable.is_numeric:
            letters = scheme.letters(variable)
            by_code = {code: letter for letter, (code, _) in letters.items()}
            values = [by_code.get(v) or _number(v, lambda _c: None) for v in cells]
            coded = any(isinstance(v, str) for v in values)
            columns[variable.name] = pd.Series(values, dtype=object if coded else float)
            missing[variable.name] = sorted(letters)
            labels: dict[Any, str] = {}
            if variable.kind == "coded":
                special = scheme.field_code(variable)
                labels = {int(k): v for k, v in variable.value_labels.items()
                          if not special or k != special[0]}
            if labels or coded:
                labels.update({letter: label for letter, (_, label) in letters.items()})
                value_labels[variable.name] = labels
        elif variable.kind == "date":
            columns[variable.name] = [_date(v) for v in cells]
        else:
            columns[variable.name] = pd.Series(cells, dtype=object)  # text, even when empty
    frame = pd.DataFrame(columns, columns=[v.name for v in table.variables])
    labels_of: dict[str, str | None] = {v.name: stata_label(v) for v in table.variables}
    pyreadstat.write_dta(frame, str(path), file_label=file_label[:STATA_LABEL_MAX],
                         column_labels=labels_of, variable_value_labels=value_labels,
                         missing_user_values=missing, version=STATA_VERSION)


def stata_label(variable: Variable) -> str:
    """Return the variable label cut to Stata's 80 characters (the codebook has it whole)."""
    label = variable.label
    return label if len(label) <= STATA_LABEL_MAX else label[:STATA_LABEL_MAX - 3] + "..."


def _number(text: str, missing_code: Any) -> Any:
    """Return a float, the format's stand-in for a missing-data code, or NaN."""
    if text == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        code = missing_code(text)
        return math.nan if code is None else code


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
