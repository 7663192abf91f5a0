"""Parsing: precedence, field references, syntax errors with columns, and limits."""

from __future__ import annotations

import pickle

import pytest
from logic_support import ev

from vo_crf.logic import Expression, FieldRef, LogicSyntaxError, parse
from vo_crf.logic.nodes import ArithmeticChain, Comparison, Constant, LogicalOp, UnaryOp
from vo_crf.logic.parser import MAX_DEPTH, MAX_SOURCE_LENGTH

# --- precedence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9.0), ("10 - 4 - 3", 3.0), ("100 / 10 / 5", 2.0),
        ("10 - (4 - 3)", 9.0), ("2 * 3 ^ 2", 18.0), ("2 ^ 3 ^ 2", 512.0), ("-2 ^ 2", -4.0),
        ("(-2) ^ 2", 4.0), ("2 ^ -1", 0.5), ("- - 3", 3.0), ("+3 - -3", 6.0),
        ("1 + 2 = 3", True), ("2 * 3 > 5", True), ("6 / 2 * 3", 9.0),
    ],
)
def test_arithmetic_precedence(source: str, expected: object) -> None:
    assert ev(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("not [a] and [b]", False),  # (not a) and b; not (a and b) would be true
        ("[a] or [b] and [c]", True),  # a or (b and c); (a or b) and c would be false
        ("([a] or [b]) and [c]", False),
        ("not [a] = '1'", False),  # not binds looser than a comparison
        ("not [c] or [a]", True),
        ("[a] = '1' and [b] = '0' or [c] = '1'", True),
    ],
)
def test_logical_precedence(source: str, expected: bool) -> None:
    assert ev(source, a="1", b="0", c="0") is expected


def test_tree_shape_of_precedence() -> None:
    root = parse("not [a] and [b] or [c]").root
    assert isinstance(root, LogicalOp) and root.operator == "or"
    inner = root.operands[0]
    assert isinstance(inner, LogicalOp) and inner.operator == "and"
    assert isinstance(inner.operands[0], UnaryOp) and inner.operands[0].operator == "not"
    chain = parse("1 + 2 * 3 - 4").root
    assert isinstance(chain, ArithmeticChain) and [op for op, _ in chain.rest] == ["+", "-"]
    assert isinstance(parse("[a] <> ''").root, Comparison)
    assert parse("-5").root == Constant(-5.0, 1)


def test_long_flat_chains_are_not_nesting() -> None:
    source = " + ".join(["1"] * 2000)
    assert ev(source) == 2000.0
    assert ev(" or ".join(["0"] * 1500) + " or 1") is True


# --- references and keywords -------------------------------------------------------------


def test_references_and_functions() -> None:
    expression = parse(
        "if([m0_arm_1][diagnosis_date] <> '' and [comorb(2)] = '1', "
        "datediff([m0_arm_1][diagnosis_date], [out_date], 'M'), sum([a], [a], 1))")
    assert expression.references() == {
        FieldRef("m0_arm_1", "diagnosis_date", None),
        FieldRef(None, "comorb", "2"),
        FieldRef(None, "out_date", None),
        FieldRef(None, "a", None),
    }
    assert expression.functions() == {"if", "datediff", "sum"}
    assert parse("1 + 1").references() == frozenset()
    assert parse("1 + 1").functions() == frozenset()


def test_field_ref_str() -> None:
    assert str(FieldRef("ev_1", "cb", "3")) == "[ev_1][cb(3)]"
    assert str(FieldRef(None, "age", None)) == "[age]"


def test_keywords_and_functions_are_case_insensitive() -> None:
    assert ev("IF(TRUE AND NOT False, RoundUp(1.2), 0)") == 2.0
    assert parse("DateDiff('2024-01-01', '2024-01-02', 'd')").functions() == {"datediff"}


def test_parse_is_cached_and_expressions_compare_by_source() -> None:
    assert parse("[a] = 1") is parse("[a] = 1")
    assert parse("[a] = 1") == Expression("[a] = 1", parse("[a] = 1").root)
    assert parse("[a] = 1").source == "[a] = 1"
    assert repr(parse("[a]")) == "Expression('[a]')"


# --- syntax errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("", 1, "empty expression"),
        ("   ", 1, "empty expression"),
        ("([a] = '1'", 11, "expected ')' to close the '(' at column 1"),
        ("[a] = '1')", 10, "without a matching '('"),
        ("((1)", 5, "expected ')'"),
        ("[a = 1", 3, "expected ']'"),
        ("[a]] = 1", 4, "unexpected ']'"),
        ("[] = 1", 2, "field or event name"),
        ("[a(] = 1", 4, "checkbox code"),
        ("[a(1] = 1", 5, "expected ')' after the checkbox code"),
        ("[a] = ", 7, "expected a value after '=', got end of expression"),
        ("1 + * 2", 5, "expected a value after '+'"),
        ("and 1", 1, "expected a value, got 'and'"),
        ("[a] = 'x", 7, "unterminated string"),
        ("foo([a])", 1, "unknown function 'foo'"),
        ("1 + bar(2)", 5, "unknown function 'bar'"),
        ("[a] = yes", 7, "unknown name 'yes'"),
        ("round", 6, "expected '(' after function name"),
        ("[a] = 1 [b]", 9, "expected an operator or the end of the expression, got field [b]"),
        ("1 2", 3, "got number 2"),
        ("[a] = 1 'x'", 9, "got string 'x'"),
        ("if([a] = 1, 2, 3", 17, "expected ')' after arguments of if()"),
        ("if([a] = 1, 2 3)", 15, "expected ')' after arguments of if(), got number 3"),
        ("if([a] = 1, 2)", 1, "if() takes exactly 3 arguments, got 2"),
        ("1 + abs(1, 2)", 5, "abs() takes exactly 1 argument, got 2"),
        ("sum()", 1, "sum() takes at least 1 argument, got 0"),
        ("datediff([a], [b])", 1, "datediff() takes 3 to 5 arguments, got 2"),
        ("datediff([a], [b], 'w')", 20, "unit must be one of"),
        ("datediff([a], [b], 3)", 20, "unit must be one of"),
        ("datediff([a], [b], 'd', 'xyz')", 25, "date format"),
        ("datediff([a], [b], 'd', true, true)", 25, "date format"),
        ("1 = 2 = 3", 7, "comparisons cannot be chained"),
        ("[a] # 1", 5, "unexpected character '#'"),
        ("[a] ! 1", 5, "unexpected character '!'"),
        ("[e(1)][f]", 1, "event name cannot have a checkbox code"),
        ("9" * 400, 1, "number is too large"),
        ("sum(1,)", 7, "expected a value after ','"),
    ],
)
def test_syntax_errors_name_the_column(source: str, column: int, fragment: str) -> None:
    with pytest.raises(LogicSyntaxError) as caught:
        parse(source)
    assert caught.value.column == column
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"column {column}: ")


def test_syntax_error_is_a_value_error_and_pickles() -> None:
    with pytest.raises(ValueError, match="column 1: unknown function 'nope'"):
        parse("nope(1)")
    error = LogicSyntaxError("expected ')'", 4)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.column, copy.reason, str(copy)) == (4, "expected ')'", "column 4: expected ')'")


# --- limits ------------------------------------------------------------------------------


def test_nesting_up_to_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH - 1
    assert ev("(" * depth + "1" + ")" * depth) == 1.0
    assert ev("abs(" * depth + "2" + ")" * depth) == 2.0
    assert ev("-(" * (depth // 2) + "1" + ")" * (depth // 2)) == (-1.0 if depth // 2 % 2 else 1.0)
    assert ev("-" * depth + "1") == (-1.0 if depth % 2 else 1.0)


@pytest.mark.parametrize(
    "source",
    [
        "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
        "abs(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
        "not " * (MAX_DEPTH + 5) + "1",
        "2" + " ^ 2" * (MAX_DEPTH + 5),
        "(" * 5000,
        "1 + (" * 1500 + "1" + ")" * 1500,
    ],
)
def test_deep_nesting_is_refused(source: str) -> None:
    with pytest.raises(LogicSyntaxError, match="nested too deeply"):
        parse(source)


def test_tree_depth_from_mixed_precedence_is_limited() -> None:
    # Each parenthesised level adds several tree levels within one parser level.
    level = "{} * 2 + 1 = 1 and 1 or 0"
    source = "1"
    for _ in range(MAX_DEPTH // 2):
        source = level.format(f"({source})")
    with pytest.raises(LogicSyntaxError, match="nested too deeply"):
        parse(source)


def test_overlong_source_is_refused() -> None:
    source = "1" + " + 1" * (MAX_SOURCE_LENGTH // 4)
    with pytest.raises(LogicSyntaxError, match="too long") as caught:
        parse(source)
    assert caught.value.column == MAX_SOURCE_LENGTH + 1


def test_non_string_source_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse(3)  # type: ignore[arg-type]
