"""Evaluating a syntax tree against one record's values (no Python eval, ever)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from vo_crf.logic.errors import LogicEvalError
from vo_crf.logic.functions import FUNCTIONS, CallContext
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
)
from vo_crf.logic.refs import FieldRef, ValueLookup
from vo_crf.logic.values import Value, arithmetic, compare, to_number, truthy


class Evaluator:
    """Evaluates nodes for one lookup and one 'today'; create one per evaluation."""

    def __init__(self, lookup: ValueLookup, today: dt.date) -> None:
        self._lookup = lookup
        self._today = today
        self._context: CallContext | None = None

    def evaluate(self, node: Node) -> Value:
        """Return the value of ``node``; blank is None (also for blank strings)."""
        # one dictionary look-up by node type (a ``match`` statement tried its cases in turn)
        method = _BY_NODE_TYPE.get(type(node))
        if method is None:
            raise LogicEvalError(f"cannot evaluate a {type(node).__name__} node")
        return method(self, node)

    def _constant(self, node: Constant) -> Value:
        value = node.value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _field_value(self, node: FieldValue) -> Value:
        return self._read(node.ref)

    def _unary(self, node: UnaryOp) -> Value:
        if node.operator == "not":
            return not truthy(self.evaluate(node.operand))
        number = to_number(self.evaluate(node.operand))
        if number is None:
            return None
        return -number if node.operator == "-" else number

    def _logical(self, node: LogicalOp) -> Value:
        if node.operator == "and":
            return all(truthy(self.evaluate(operand)) for operand in node.operands)
        return any(truthy(self.evaluate(operand)) for operand in node.operands)

    def _arithmetic(self, node: ArithmeticChain) -> Value:
        result = to_number(self.evaluate(node.first))
        for operator, operand in node.rest:
            result = arithmetic(operator, result, to_number(self.evaluate(operand)))
        return result

    def _power(self, node: PowerOp) -> Value:
        return arithmetic("^", to_number(self.evaluate(node.base)),
                          to_number(self.evaluate(node.exponent)))

    def _comparison(self, node: Comparison) -> Value:
        return compare(node.operator, self.evaluate(node.left), self.evaluate(node.right))

    def _function_call(self, node: FunctionCall) -> Value:
        if node.name == "if":
            condition, when_true, when_false = node.args
            return self.evaluate(when_true if truthy(self.evaluate(condition))
                                 else when_false)
        return self._call(node.name, node.args)

    def _read(self, ref: FieldRef) -> Value:
        try:
            raw = self._lookup.value(ref)
        except LogicEvalError:
            raise
        except Exception as exc:
            raise LogicEvalError(f"cannot read the value of {ref}: {exc!r}") from exc
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise LogicEvalError(
                f"the value lookup returned {type(raw).__name__} for {ref}; expected str")
        return raw if raw.strip() else None

    def _call(self, name: str, args: tuple[Node, ...]) -> Value:
        spec = FUNCTIONS.get(name)
        if spec is None or spec.implementation is None:
            raise LogicEvalError(f"unknown function {name!r}")
        values: list[Value] = []
        for arg in args:  # a loop, not a comprehension: one stack frame less per level
            values.append(self.evaluate(arg))
        return spec.implementation(values, self._call_context())

    def _call_context(self) -> CallContext:
        if self._context is None:
            try:
                codes = frozenset(getattr(self._lookup, "missing_codes", None) or ())
            except Exception as exc:
                raise LogicEvalError(f"cannot read the missing-data codes: {exc!r}") from exc
            self._context = CallContext(self._today, codes)
        return self._context


_BY_NODE_TYPE: dict[type, Callable[[Evaluator, Any], Value]] = {
    Constant: Evaluator._constant,
    FieldValue: Evaluator._field_value,
    UnaryOp: Evaluator._unary,
    LogicalOp: Evaluator._logical,
    ArithmeticChain: Evaluator._arithmetic,
    PowerOp: Evaluator._power,
    Comparison: Evaluator._comparison,
    FunctionCall: Evaluator._function_call,
}
"""How ``Evaluator.evaluate`` evaluates each kind of node."""
