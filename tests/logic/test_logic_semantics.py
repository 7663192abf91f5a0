"""Evaluation semantics: comparisons, blanks, arithmetic, functions and stored formatting."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from logic_support import TODAY, RecordLookup, ev

from vo_crf.logic import FieldRef, LogicEvalError, format_calc_value, parse

# --- comparisons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'10' > '9'", True),  # numeric, not lexical
        ("[a] > [b]", True),
        ("'10' = '10.0'", True),
        ("'08' = 8", True),
        ("'abc' < 'abd'", True),  # text
        ("'2020-01-31' < '2020-02-01'", True),  # ISO dates compare as text
        ("'Yes' = 'yes'", False),  # text equality is case-sensitive
        ("1 <> 2", True),
        ("1 != 1", False),
        ("2 >= 2", True),
        ("2 <= 1", False),
        ("true = 1", True),
        ("false = 0", True),
        ("'UNK' > 18", False),  # a number against non-numeric text never orders
        ("'UNK' < 18", False),
        ("'UNK' = 18", False),
        ("'UNK' <> 18", True),
    ],
)
def test_comparisons(source: str, expected: bool) -> None:
    assert ev(source, a="10", b="9") is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[x] = ''", True),
        ("[x] = \"\"", True),
        ("'' = [x]", True),
        ("[x] <> ''", False),
        ("[x] = 0", False),  # blank equals only blank
        ("[x] <> 0", True),
        ("[x] < 5", False),  # ordering with a blank side is false
        ("[x] > 5", False),
        ("[x] <= 5", False),
        ("[x] >= ''", False),
        ("not [x] > 5", True),
    ],
)
def test_comparisons_with_blank(source: str, expected: bool) -> None:
    assert ev(source) is expected
    assert ev(source, x="   ") is expected  # whitespace-only counts as blank


def test_filled_field_is_not_blank() -> None:
    assert ev("[x] = ''", x="0") is False
    assert ev("[x] <> ''", x="UNK") is True


# --- arithmetic --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[a] + 1", None),
        ("[a] * 2", None),
        ("-[a]", None),
        ("[a] ^ 2", None),
        ("1 / 0", None),
        ("[b] / ([b] - 2)", None),
        ("'abc' + 1", None),
        ("10 ^ 400", None),  # overflow
        ("(0 - 8) ^ 0.5", None),  # no complex numbers
        ("0 ^ (0 - 1)", None),
        ("[b] + 1", 3.0),
        ("[b] * 1.5", 3.0),
        ("true + true", 2.0),
        ("(1 = 1) * 5", 5.0),
        ("7 / 2", 3.5),
        ("2 ^ 10", 1024.0),
        ("-[b] ^ 2", -4.0),
    ],
)
def test_arithmetic(source: str, expected: float | None) -> None:
    assert ev(source, b="2") == expected


def test_arithmetic_result_types() -> None:
    assert isinstance(ev("1 + 1"), float)
    assert ev("[a]", a="abc") == "abc"  # a bare reference keeps the stored string
    assert ev("[a]") is None


# --- truthiness (branching logic) --------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("", False), ("0", False), ("0.0", False), ("1", True), ("2", True), ("abc", True),
     ("-1", True)],
)
def test_is_true_of_a_bare_field(stored: str, shown: bool) -> None:
    assert parse("[a]").is_true(RecordLookup({"[a]": stored}), TODAY) is shown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("true", True), ("FALSE", False), ("not 0", True), ("not 3", False),
        ("1 and 0", False), ("1 && 2", True), ("0 || 0", False), ("0 OR 1", True),
        ("NOT 1 AnD 1", False), ("[a] and 1", False), ("not [a]", True),
    ],
)
def test_logical_operators(source: str, expected: bool) -> None:
    assert ev(source) is expected


def test_and_or_short_circuit() -> None:
    record = RecordLookup({"[a]": "1"})
    assert parse("[a] = '1' or [b] = '1'").is_true(record)
    assert record.reads == [FieldRef(None, "a", None)]


# --- functions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("round(2.5)", 3.0), ("round(-2.5)", -3.0), ("round(2.4)", 2.0),
        ("round(1.005, 2)", 1.01), ("round(2.675, 2)", 2.68),  # decimal, like PHP
        ("round(1234.5, -2)", 1200.0), ("round(1.25, 1)", 1.3), ("ROUND(1.24, 1)", 1.2),
        ("rounddown(2.9)", 2.0), ("rounddown(-2.1)", -3.0), ("rounddown(0.29, 2)", 0.29),
        ("rounddown(1.999, 2)", 1.99), ("roundup(2.1)", 3.0), ("roundup(-2.9)", -2.0),
        ("roundup(1.001, 2)", 1.01), ("round([a], 1)", None), ("round(1.26, [a])", None),
        ("round(1, 1000)", 1.0),
    ],
)
def test_rounding(source: str, expected: float | None) -> None:
    assert ev(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("sum(1, 2, 3)", 6.0), ("sum([a], 2, [b])", 5.0), ("sum([a])", None),
        ("min(3, [a], 1, 2)", 1.0), ("max(3, [a], '10', 2)", 10.0), ("max([a])", None),
        ("mean(1, 2, [a], 6)", 3.0), ("mean([a], [a])", None), ("abs(-4.5)", 4.5),
        ("abs([a])", None), ("sqrt(16)", 4.0), ("sqrt(-1)", None), ("sqrt([a])", None),
        ("sum('x', 1)", 1.0),
    ],
)
def test_numeric_functions(source: str, expected: float | None) -> None:
    assert ev(source, b="3") == expected


@pytest.mark.parametrize(
    ("stored", "expected"),
    [("", True), ("  ", True), ("UNK", True), ("NASK", True), ("0", False), ("unk", False),
     ("12", False)],
)
def test_isblankormissingcode(stored: str, expected: bool) -> None:
    assert ev("isblankormissingcode([a])", a=stored) is expected


def test_missing_codes_come_from_the_lookup() -> None:
    logic = parse("isblankormissingcode([a])")
    assert logic.is_true(RecordLookup({"[a]": "-99"}, frozenset({"-99"})))
    assert not logic.is_true(RecordLookup({"[a]": "-99"}, frozenset()))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("isnumber('12')", True), ("isnumber('-1.5')", True), ("isnumber('1e3')", True),
        ("isnumber('abc')", False), ("isnumber('')", False), ("isnumber(3)", True),
        ("isnumber('1,5')", False), ("isnumber(true)", False), ("isnumber('inf')", False),
        ("contains('Staphylococcus', 'staph')", True), ("contains('abc', 'x')", False),
        ("contains([a], 'x')", False), ("contains('abc', '')", True),
        ("if(1, 'yes', 'no')", "yes"), ("if([a], 'yes', 'no')", "no"),
        ("if(0, 1, [a])", None),
    ],
)
def test_other_functions(source: str, expected: object) -> None:
    assert ev(source) == expected


def test_if_evaluates_only_the_chosen_branch() -> None:
    record = RecordLookup({"[c]": "1"})
    parse("if([c] = '1', [yes], [no])").evaluate(record, TODAY)
    assert FieldRef(None, "no", None) not in record.reads


# --- datediff ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("d", 2.5), ("h", 60.0), ("m", 3600.0), ("s", 216000.0), ("y", 2.5 / 365.2425),
     ("M", 2.5 / 30.44)],
)
def test_datediff_units(unit: str, expected: float) -> None:
    source = f"datediff('2024-01-01 06:00', '2024-01-03 18:00:00', '{unit}')"
    assert ev(source) == pytest.approx(expected)


def test_datediff_sign_and_today() -> None:
    assert ev("datediff('2024-03-11', 'today', 'd')") == 10.0  # |today - d1|
    assert ev("datediff('2024-03-11', 'today', 'd', true)") == -10.0  # d2 - d1
    assert ev("datediff('today', '2024-03-11', 'd', true)") == 10.0
    assert ev("datediff('2024-03-11', 'TODAY', 'd', false)") == 10.0
    default_today = parse("datediff('today', '2000-01-01', 'd', true)").evaluate(RecordLookup())
    assert default_today == -float((dt.date.today() - dt.date(2000, 1, 1)).days)


@pytest.mark.parametrize(
    ("first", "second"),
    [("", "2024-01-01"), ("2024-01-01", ""), ("2023-02-29", "2024-01-01"),
     ("2024-13-01", "2024-01-01"), ("01/02/2024", "2024-01-01"), ("yesterday", "today"),
     ("2024-01-01 25:00", "2024-01-01")],
)
def test_datediff_blank_or_invalid_dates_give_blank(first: str, second: str) -> None:
    assert ev("datediff([a], [b], 'd')", a=first, b=second) is None


def test_datediff_date_formats() -> None:
    assert ev("datediff([a], [b], 'd', 'mdy')", a="01-31-2024", b="02-02-2024") == 2.0
    assert ev("datediff([a], [b], 'd', 'dmy', true)", a="02/02/2024", b="31/01/2024") == -2.0
    assert ev("datediff([a], [b], 'd', 'dmy')", a="2024-01-31", b="02/02/2024") == 2.0


def test_datediff_unit_computed_at_run_time() -> None:
    assert ev("datediff('2024-01-01', '2024-01-02', [u])", u="d") == 1.0
    with pytest.raises(LogicEvalError, match="not a unit"):
        ev("datediff('2024-01-01', '2024-01-02', [u])", u="weeks")


# --- lookup contract ---------------------------------------------------------------------


class _BrokenLookup:
    missing_codes = frozenset[str]()

    def value(self, ref: FieldRef) -> str:
        raise KeyError(ref.field)


class _NumberLookup:
    missing_codes = frozenset[str]()

    def value(self, ref: FieldRef) -> str:
        return 3  # type: ignore[return-value]


def test_lookup_failures_become_logic_eval_errors() -> None:
    with pytest.raises(LogicEvalError, match=r"\[a\]"):
        parse("[a] = 1").evaluate(_BrokenLookup(), TODAY)
    with pytest.raises(LogicEvalError, match="expected str"):
        parse("[a] = 1").evaluate(_NumberLookup(), TODAY)


# --- format_calc_value -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (None, ""), (True, "1"), (False, "0"), (3.0, "3"), (-3.0, "-3"), (2.5, "2.5"),
        (13.4, "13.4"), (0.1 + 0.2, "0.30000000000000004"), (-0.0, "0"), (0.0, "0"),
        (1e-5, "0.00001"), (1e16, "10000000000000000"), (123456789.125, "123456789.125"),
        (math.inf, ""), (math.nan, ""), (7, "7"), ("72.50", "72.5"), ("abc", "abc"),
    ],
)
def test_format_calc_value(value: object, stored: str) -> None:
    assert format_calc_value(value) == stored  # type: ignore[arg-type]


def test_format_of_a_rounded_calculation() -> None:
    assert format_calc_value(ev("round(10 / 3, 2)")) == "3.33"
    assert format_calc_value(ev("1 / 0")) == ""
