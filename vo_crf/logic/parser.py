"""The parser: tokens to a syntax tree, by precedence climbing.

Precedence, loosest first: ``or``/``||``; ``and``/``&&``; ``not``; comparisons
(``= <> != < > <= >=``, not chainable); ``+ -``; ``* /``; unary ``-``/``+``; ``^``
(right-associative, so ``-2^2`` is -4 and ``2^3^2`` is 512).
"""

from __future__ import annotations

import math

from vo_crf.logic.errors import LogicSyntaxError
from vo_crf.logic.functions import FUNCTIONS
from vo_crf.logic.nodes import (
    ArithmeticChain,
    Comparison,
    Constant,
    FieldValue,
    FunctionCall,
    LogicalOp,
    Node,
    PowerOp,
    UnaryOp,
    walk,
)
from vo_crf.logic.refs import FieldRef
from vo_crf.logic.tokens import Token, TokenKind, tokenize
from vo_crf.logic.values import COMPARISON_OPERATORS

MAX_SOURCE_LENGTH = 10_000
MAX_DEPTH = 200

# (left binding power, right binding power): left < right is left-associative.
_BINARY: dict[str, tuple[int, int]] = {
    "or": (1, 2),
    "and": (3, 4),
    **{operator: (5, 6) for operator in COMPARISON_OPERATORS},
    "+": (7, 8), "-": (7, 8),
    "*": (9, 10), "/": (9, 10),
    "^": (14, 13),
}
_PREFIX: dict[str, int] = {"not": 5, "-": 11, "+": 11}
_ADDITIVE = frozenset({"+", "-"})
_MULTIPLICATIVE = frozenset({"*", "/"})


def parse_tree(source: str) -> Node:
    """Parse ``source`` into a syntax tree; raise LogicSyntaxError with a 1-based column."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise LogicSyntaxError(
            f"expression is too long ({len(source)} characters; the limit is "
            f"{MAX_SOURCE_LENGTH})", MAX_SOURCE_LENGTH + 1)
    tokens = tokenize(source)
    if tokens[0].kind is TokenKind.END:
        raise LogicSyntaxError("empty expression", 1)
    try:
        root = _Parser(tokens).parse()
    except RecursionError:  # a safety net: MAX_DEPTH normally stops far earlier
        raise LogicSyntaxError(f"expression nested too deeply (limit {MAX_DEPTH})", 1) from None
    for node, depth in walk(root):
        if depth > MAX_DEPTH:
            raise LogicSyntaxError(f"expression nested too deeply (limit {MAX_DEPTH})",
                                   node.column)
    return root


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._index = 0
        self._depth = 0

    # --- token access --------------------------------------------------------------------

    def _peek(self) -> Token:
        return self._tokens[self._index]

    def _advance(self) -> Token:
        token = self._tokens[self._index]
        if token.kind is not TokenKind.END:
            self._index += 1
        return token

    def _previous(self) -> Token | None:
        return self._tokens[self._index - 1] if self._index > 0 else None

    # --- grammar -------------------------------------------------------------------------

    def parse(self) -> Node:
        root = self._expression(0)
        token = self._peek()
        if token.kind is TokenKind.RPAREN:
            raise LogicSyntaxError("unexpected ')' without a matching '('", token.column)
        if token.kind is not TokenKind.END:
            raise LogicSyntaxError(
                f"expected an operator or the end of the expression, got {token.describe()}",
                token.column)
        return root

    def _expression(self, min_power: int) -> Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise LogicSyntaxError(f"expression nested too deeply (limit {MAX_DEPTH})",
                                       self._peek().column)
            left = self._prefix()
            after_comparison = False
            while True:
                token = self._peek()
                if token.kind is not TokenKind.OPERATOR or token.value not in _BINARY:
                    return left
                left_power, right_power = _BINARY[token.value]
                if left_power < min_power:
                    return left
                is_comparison = token.value in COMPARISON_OPERATORS
                if is_comparison and after_comparison:
                    raise LogicSyntaxError(
                        f"comparisons cannot be chained; combine them with 'and' "
                        f"(at '{token.text}')", token.column)
                after_comparison = is_comparison
                self._advance()
                right = self._expression(right_power)
                left = _combine(token, left, right)
        finally:
            self._depth -= 1

    def _prefix(self) -> Node:
        token = self._advance()
        kind = token.kind
        if kind is TokenKind.NUMBER:
            number = float(token.value)
            if not math.isfinite(number):
                raise LogicSyntaxError("number is too large", token.column)
            return Constant(number, token.column)
        if kind is TokenKind.STRING:
            return Constant(token.value, token.column)
        if kind is TokenKind.FIELD:
            return self._field(token)
        if kind is TokenKind.OPERATOR and token.value in _PREFIX:
            operand = self._expression(_PREFIX[token.value])
            if token.value == "-" and isinstance(operand, Constant) \
                    and isinstance(operand.value, float):
                return Constant(-operand.value, token.column)
            return UnaryOp(token.value, operand, token.column)
        if kind is TokenKind.LPAREN:
            inner = self._expression(0)
            close = self._advance()
            if close.kind is not TokenKind.RPAREN:
                raise LogicSyntaxError(
                    f"expected ')' to close the '(' at column {token.column}, "
                    f"got {close.describe()}", close.column)
            return inner
        if kind is TokenKind.NAME:
            return self._name(token)
        raise self._missing_operand(token)

    def _missing_operand(self, token: Token) -> LogicSyntaxError:
        previous = self._tokens[self._index - 2] if self._index >= 2 else None
        if token.kind is TokenKind.END:
            previous = self._previous()
        after = f" after '{previous.text}'" if previous is not None else ""
        return LogicSyntaxError(f"expected a value{after}, got {token.describe()}",
                                token.column)

    def _field(self, token: Token) -> FieldValue:
        following = self._peek()
        if following.kind is not TokenKind.FIELD or following.start != token.end:
            return FieldValue(FieldRef(None, token.value, token.code), token.column)
        if token.code is not None:
            raise LogicSyntaxError(
                f"an event name cannot have a checkbox code: {token.text}", token.column)
        self._advance()
        return FieldValue(FieldRef(token.value, following.value, following.code), token.column)

    def _name(self, token: Token) -> Node:
        name = token.value
        if name in ("true", "false"):
            return Constant(name == "true", token.column)
        spec = FUNCTIONS.get(name)
        opens = self._peek().kind is TokenKind.LPAREN
        if spec is None:
            if opens:
                raise LogicSyntaxError(f"unknown function {token.text!r}", token.column)
            raise LogicSyntaxError(
                f"unknown name {token.text!r}; field names go in square brackets, "
                f"e.g. [{token.text}]", token.column)
        if not opens:
            raise LogicSyntaxError(f"expected '(' after function name {token.text!r}",
                                   self._peek().column)
        self._advance()
        args: list[Node] = []
        if self._peek().kind is TokenKind.RPAREN:
            self._advance()
        else:
            while True:
                args.append(self._expression(0))
                separator = self._advance()
                if separator.kind is TokenKind.COMMA:
                    continue
                if separator.kind is TokenKind.RPAREN:
                    break
                raise LogicSyntaxError(
                    f"expected ')' after arguments of {name}(), got {separator.describe()}",
                    separator.column)
        problem = spec.arity_error(len(args))
        if problem is not None:
            raise LogicSyntaxError(problem, token.column)
        if spec.check is not None:
            spec.check(args)
        return FunctionCall(name, tuple(args), token.column)


def _combine(token: Token, left: Node, right: Node) -> Node:
    operator = token.value
    if operator in ("and", "or"):
        if isinstance(left, LogicalOp) and left.operator == operator:
            return LogicalOp(operator, (*left.operands, right), left.column)
        return LogicalOp(operator, (left, right), token.column)
    if operator in COMPARISON_OPERATORS:
        return Comparison(operator, left, right, token.column)
    if operator == "^":
        return PowerOp(left, right, token.column)
    group = _ADDITIVE if operator in _ADDITIVE else _MULTIPLICATIVE
    if isinstance(left, ArithmeticChain) and left.rest[0][0] in group:
        return ArithmeticChain(left.first, (*left.rest, (operator, right)), left.column)
    return ArithmeticChain(left, ((operator, right),), token.column)
