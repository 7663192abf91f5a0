"""Descriptive statistics of every field at every event, for any study (no analysis plan needed).

What REDCap's "Stats & Charts" page shows, as rows of one sheet: per field and event, the
number of records with a value (n), the number without one (missing: blank or a missing-data
code), then n (%) per choice for coded fields, or mean (SD), median [IQR] and range for
numbers, or the first and last date for dates. Repeating forms count every instance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation

from vo_crf.analysis.dataset import PatientData
from vo_crf.analysis.stats import fmt, mean_sd_text, median_iqr_text, percent, summarise
from vo_crf.study.event_titles import event_title
from vo_crf.study.model import FieldDef, FieldType, Study
from vo_crf.study.validations import spec

DESCRIPTIVE_HEADERS = ["Form", "Event", "Variable", "Label", "Statistic", "Value", "n",
                       "Missing"]
DESCRIPTIVE_WIDTHS = [18, 16, 22, 40, 24, 26, 7, 9]

Row = list[str | int | float | None]


def descriptive_rows(study: Study, patients: list[PatientData],
                     keeps: Callable[[FieldDef], bool] = lambda _fdef: True,
                     show_dates: bool = True) -> Iterator[Row]:
    """Yield the Descriptive sheet's rows, in dictionary then event order (an event named
    with its arm when the study has several: two arms' "Baseline" are not one).

    Only fields ``keeps`` accepts are described (a de-identified workbook leaves identifiers
    and free text out); without ``show_dates`` the first and last dates are not given.
    """
    missing_codes = study.missing_code_values
    for fdef in study.fields:
        if not fdef.holds_data or fdef.name == study.record_id_field or not keeps(fdef):
            continue
        for event in study.events_of_form(fdef.form):
            values = _values(fdef, event.unique_name, patients)
            given = [v for v in values if v != "" and v not in missing_codes]
            head: Row = [fdef.form, None if study.classic else event_title(study, event),
                         fdef.name, fdef.label]  # a classic study names no event
            missing = len(values) - len(given)
            yield [*head, "n", None, len(given), missing]
            yield from (head + row for row in _statistics(fdef, given, show_dates))


def _values(fdef: FieldDef, event: str, patients: list[PatientData]) -> list[str]:
    """One value per saved form instance of the field's form at ``event`` ('' when blank)."""
    found: list[str] = []
    for patient in patients:
        for _, form in patient.instances(event, fdef.form):
            found.append(form.values.get(fdef.name, ""))
    return found


def _statistics(fdef: FieldDef, given: list[str], show_dates: bool) -> Iterator[Row]:
    if fdef.field_type is FieldType.CHECKBOX:
        for choice in fdef.choices:
            count = sum(1 for v in given if choice.code in v.split(","))
            yield [f"{choice.code} = {choice.label}", _n_percent(count, len(given)), count, None]
        return
    if fdef.is_coded:
        for choice in fdef.choices:
            count = given.count(choice.code)
            yield [f"{choice.code} = {choice.label}", _n_percent(count, len(given)), count, None]
        return
    numbers = _numbers(fdef, given)
    if numbers is not None:
        summary = summarise(numbers)
        if summary.n:
            yield ["mean (SD)", mean_sd_text(summary, 2), summary.n, None]
            yield ["median [IQR]", median_iqr_text(summary, 2), summary.n, None]
            yield ["range", f"{fmt(summary.minimum, 2)} to {fmt(summary.maximum, 2)}",
                   summary.n, None]
        return
    if fdef.is_date and show_dates:
        dates = sorted(v[:10] for v in given if _is_date(v[:10]))
        if dates:
            yield ["range", f"{dates[0]} to {dates[-1]}", len(dates), None]


def _numbers(fdef: FieldDef, given: list[str]) -> list[float] | None:
    """The numbers of a numeric field (comma decimals too); None for other fields."""
    comma = fdef.validation is not None and spec(fdef.validation).comma
    if not (fdef.is_numeric or comma):
        return None
    numbers: list[float] = []
    for text in given:
        try:
            numbers.append(float(Decimal(text.replace(",", ".") if comma else text)))
        except (InvalidOperation, ValueError):
            continue
    return numbers


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _n_percent(count: int, total: int) -> str:
    share = percent(count, total)
    return f"{count} ({share:.1f}%)" if share is not None else f"{count}"
