"""Evaluating a syntax tree against one record's values (no Python eval, ever)."""

from __future__ import annotations

import datetime as dt

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
        match node:
            case Constant(value=value):
                if isinstance(value, str) and not value.strip():
                    return None
                return value
            case FieldValue(ref=ref):
                return self._read(ref)
            case UnaryOp(operator="not", operand=operand):
                return not truthy(self.evaluate(operand))
            case UnaryOp(operator=operator, operand=operand):
                number = to_number(self.evaluate(operand))
                if number is None:
                    return None
                return -number if operator == "-" else number
            case LogicalOp(operator="and", operands=operands):
                return all(truthy(self.evaluate(operand)) for operand in operands)
            case LogicalOp(operands=operands):
                return any(truthy(self.evaluate(operand)) for operand in operands)
            case ArithmeticChain(first=first, rest=rest):
                result = to_number(self.evaluate(first))
                for operator, operand in rest:
                    result = arithmetic(operator, result, to_number(self.evaluate(operand)))
                return result
            case PowerOp(base=base, exponent=exponent):
                return arithmetic("^", to_number(self.evaluate(base)),
                                  to_number(self.evaluate(exponent)))
            case Comparison(operator=operator, left=left, right=right):
                return compare(operator, self.evaluate(left), self.evaluate(right))
            case FunctionCall(name="if", args=args):
                condition, when_true, when_false = args
                return self.evaluate(when_true if truthy(self.evaluate(condition))
                                     else when_false)
            case FunctionCall(name=name, args=args):
                return self._call(name, args)
        raise LogicEvalError(f"cannot evaluate a {type(node).__name__} node")

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
