"""Property tests: arbitrary input never escapes the two logic errors and never hangs."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from logic_support import TODAY, RecordLookup, ev

from vo_crf.logic import (
    FieldRef,
    LogicEvalError,
    LogicSyntaxError,
    Value,
    format_calc_value,
    parse,
)

STORED = ["", " ", "0", "1", "10", "9", "2.5", "-3", "1e400", "abc", "UNK", "2020-01-01",
          "2021-06-15 12:30", "2021-02-30", "d", "true"]
ALPHABET = "[]()_,'\" =<>!&|+-*/^.0123456789abcdefilmnorstuxyzMdhT"
VOCABULARY = [
    "[a]", "[b]", "[c(1)]", "[ev_1][a]", "[ev_1][c(2)]", "1", "0", "2.5", ".5", "10", "'x'",
    "''", "'2020-01-01'", "\"today\"", "'y'", "'M'", "'d'", "'dmy'", "true", "false", "(", ")",
    ",", "and", "or", "not", "&&", "||", "+", "-", "*", "/", "^", "=", "<>", "!=", "<", ">",
    "<=", ">=", "if(", "datediff(", "round(", "rounddown(", "roundup(", "sum(", "min(",
    "max(", "mean(", "abs(", "sqrt(", "isblankormissingcode(", "isnumber(", "contains(",
]


class PoolLookup:
    """Gives every reference one of the stored values, chosen by the test."""

    def __init__(self, choices: list[str]) -> None:
        self.choices = choices
        self.missing_codes = frozenset({"UNK", "NA"})

    def value(self, ref: FieldRef) -> str:
        return self.choices[len(str(ref)) % len(self.choices)]


def check_total(source: str, choices: list[str]) -> None:
    """Parse and evaluate; only the two logic errors may escape, and quickly."""
    started = time.perf_counter()
    try:
        expression = parse(source)
    except LogicSyntaxError as error:
        assert 1 <= error.column <= len(source) + 1
        return
    assert expression.source == source
    assert all(isinstance(ref, FieldRef) for ref in expression.references())
    try:
        value = expression.evaluate(PoolLookup(choices), TODAY)
    except LogicEvalError:
        return
    assert value is None or isinstance(value, bool | float | str)
    assert isinstance(format_calc_value(value), str)
    assert isinstance(expression.is_true(PoolLookup(choices), TODAY), bool)
    assert time.perf_counter() - started < 1.0


choice_lists = st.lists(st.sampled_from(STORED), min_size=1, max_size=5)


@settings(max_examples=400, deadline=1000)
@given(st.text(alphabet=ALPHABET, max_size=80), choice_lists)
def test_random_characters_parse_or_fail_cleanly(source: str, choices: list[str]) -> None:
    check_total(source, choices)


@settings(max_examples=400, deadline=1000)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=30), st.sampled_from(["", " "]),
       choice_lists)
def test_random_token_sequences_parse_or_fail_cleanly(
        tokens: list[str], separator: str, choices: list[str]) -> None:
    check_total(separator.join(tokens), choices)


@settings(max_examples=100, deadline=1000)
@given(st.text(max_size=40), choice_lists)
def test_arbitrary_unicode_parses_or_fails_cleanly(source: str, choices: list[str]) -> None:
    check_total(source, choices)


# --- grammatical expressions always parse and evaluate -----------------------------------

ATOMS = ["[a]", "[b]", "[c(1)]", "[ev_1][a]", "1", "0", "2.5", "-4", "'x'", "''", "'10'",
         "'UNK'", "'2020-01-01'", "'today'", "true", "false"]
BINARY = ["+", "-", "*", "/", "^", "and", "or", "&&", "||"]
COMPARE = ["=", "<>", "!=", "<", ">", "<=", ">="]
UNITS = ["'y'", "'M'", "'d'", "'h'", "'m'", "'s'"]


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    many = st.lists(children, min_size=1, max_size=4).map(", ".join)
    return st.one_of(
        st.builds("{} {} {}".format, children, st.sampled_from(BINARY), children),
        st.builds("({} {} {})".format, children, st.sampled_from(COMPARE), children),
        st.builds("not {}".format, children),
        st.builds("-{}".format, children),
        st.builds("({})".format, children),
        st.builds("if({}, {}, {})".format, children, children, children),
        st.builds("datediff({}, {}, {}{})".format, children, children, st.sampled_from(UNITS),
                  st.sampled_from(["", ", true", ", false", ", 'ymd'", ", 'dmy', true"])),
        st.builds("{}({}, {})".format, st.sampled_from(["round", "rounddown", "roundup"]),
                  children, children),
        st.builds("{}({})".format, st.sampled_from(["sum", "min", "max", "mean"]), many),
        st.builds("{}({})".format, st.sampled_from(
            ["abs", "sqrt", "isnumber", "isblankormissingcode"]), children),
        st.builds("contains({}, {})".format, children, children),
    )


grammatical = st.recursive(st.sampled_from(ATOMS), _grow, max_leaves=25)


@settings(max_examples=500, deadline=1000)
@given(grammatical, choice_lists)
def test_grammatical_expressions_parse_and_evaluate(source: str, choices: list[str]) -> None:
    expression = parse(source)
    value = expression.evaluate(PoolLookup(choices), TODAY)
    assert value is None or isinstance(value, bool | float | str)
    if isinstance(value, float):
        assert math.isfinite(value)
    assert isinstance(format_calc_value(value), str)


# --- precedence against an independent model ---------------------------------------------

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


@dataclass(frozen=True)
class Tree:
    operator: str
    left: Tree | int
    right: Tree | int


def render(node: Tree | int, parent: int = 0, right_side: bool = False) -> str:
    """Write the tree with only the parentheses precedence and left-associativity need."""
    if isinstance(node, int):
        return str(node)
    own = _PRECEDENCE[node.operator]
    text = f"{render(node.left, own)} {node.operator} {render(node.right, own, True)}"
    needs = own < parent or (right_side and own == parent)
    return f"({text})" if needs else text


def model(node: Tree | int) -> float | None:
    if isinstance(node, int):
        return float(node)
    left, right = model(node.left), model(node.right)
    if left is None or right is None:
        return None
    if node.operator == "+":
        return left + right
    if node.operator == "-":
        return left - right
    if node.operator == "*":
        return left * right
    return left / right if right != 0 else None


trees = st.recursive(
    st.integers(min_value=0, max_value=9),
    lambda children: st.builds(Tree, st.sampled_from(list(_PRECEDENCE)), children, children),
    max_leaves=12,
)


@settings(max_examples=300, deadline=1000)
@given(trees)
def test_minimal_parentheses_respect_precedence(tree: Tree | int) -> None:
    expected = model(tree)
    actual = ev(render(tree))
    if expected is None:
        assert actual is None
    else:
        assert isinstance(actual, float)
        assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


# --- values ------------------------------------------------------------------------------


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_stored_numbers_round_trip_without_exponent(number: float) -> None:
    stored = format_calc_value(number)
    assert "e" not in stored.lower()
    assert float(stored) == number
    if number.is_integer():
        assert "." not in stored


@given(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6))
def test_numeric_text_compares_numerically(left: int, right: int) -> None:
    record = RecordLookup({"[a]": str(left), "[b]": str(right)})
    assert parse("[a] < [b]").evaluate(record, TODAY) is (left < right)
    assert parse("[a] = [b]").evaluate(record, TODAY) is (left == right)


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 6))
def test_round_is_half_away_from_zero_and_bounded(number: float, places: int) -> None:
    record = RecordLookup({"[x]": repr(number)})
    value: Value = parse(f"round([x], {places})").evaluate(record, TODAY)
    assert isinstance(value, float)
    assert abs(value - number) <= 0.5 * 10.0**-places + 1e-9
    down = parse(f"rounddown([x], {places})").evaluate(record, TODAY)
    up = parse(f"roundup([x], {places})").evaluate(record, TODAY)
    assert isinstance(down, float) and isinstance(up, float)
    assert down <= value <= up
    assert down <= number <= up
