"""What each kind of node computes: a syntax tree compiled once into nested Python closures
(no Python eval, ever).

``compile_tree`` turns each node into a function of the ``Evaluator`` (which holds the value
lookup, "today" and the functions' context) built from the value helpers (``truthy``,
``to_number``, ``arithmetic``, ``compare``) and the function table. Compiled once per
expression, it saves the dispatch on each node's kind at every node of every evaluation (an
import evaluates the branching and calculations of every form it saves).
"""

from __future__ import annotations

from collections.abc import Callable

from vo_crf.logic.errors import LogicEvalError
from vo_crf.logic.evaluator import Evaluator
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
)
from vo_crf.logic.values import Value, arithmetic, compare, to_number, truthy

Compiled = Callable[[Evaluator], Value]
"""A compiled node: its value for one evaluation (blank is None)."""


def compile_tree(node: Node) -> Compiled:
    """Return the function computing ``node``'s value (see the module)."""
    kind = type(node)
    if kind is Constant:
        return _constant(node)  # type: ignore[arg-type]
    if kind is FieldValue:
        ref = node.ref  # type: ignore[union-attr]
        return lambda evaluator: evaluator.read(ref)
    if kind is Comparison:
        return _comparison(node)  # type: ignore[arg-type]
    if kind is LogicalOp:
        return _logical(node)  # type: ignore[arg-type]
    if kind is ArithmeticChain:
        return _arithmetic(node)  # type: ignore[arg-type]
    if kind is FunctionCall:
        return _function_call(node)  # type: ignore[arg-type]
    if kind is UnaryOp:
        return _unary(node)  # type: ignore[arg-type]
    if kind is PowerOp:
        base, exponent = compile_tree(node.base), compile_tree(node.exponent)  # type: ignore[union-attr]
        return lambda evaluator: arithmetic("^", to_number(base(evaluator)),
                                            to_number(exponent(evaluator)))
    return _refused(f"cannot evaluate a {kind.__name__} node")


def _refused(reason: str) -> Compiled:
    """A node that cannot be evaluated (only a tree not made by the parser has one): refused
    when evaluated, as a lookup failure is."""

    def run(_evaluator: Evaluator) -> Value:
        raise LogicEvalError(reason)

    return run


def _constant(node: Constant) -> Compiled:
    value = node.value
    if isinstance(value, str) and not value.strip():
        value = None  # type: ignore[assignment]
    return lambda _evaluator: value


def _comparison(node: Comparison) -> Compiled:
    operator, left, right = node.operator, compile_tree(node.left), compile_tree(node.right)
    return lambda evaluator: compare(operator, left(evaluator), right(evaluator))


def _logical(node: LogicalOp) -> Compiled:
    operands = tuple(compile_tree(operand) for operand in node.operands)
    if node.operator == "and":
        return lambda evaluator: all(truthy(operand(evaluator)) for operand in operands)
    return lambda evaluator: any(truthy(operand(evaluator)) for operand in operands)


def _arithmetic(node: ArithmeticChain) -> Compiled:
    first = compile_tree(node.first)
    rest = tuple((operator, compile_tree(operand)) for operator, operand in node.rest)

    def run(evaluator: Evaluator) -> Value:
        result = to_number(first(evaluator))
        for operator, operand in rest:
            result = arithmetic(operator, result, to_number(operand(evaluator)))
        return result

    return run


def _unary(node: UnaryOp) -> Compiled:
    operand = compile_tree(node.operand)
    if node.operator == "not":
        return lambda evaluator: not truthy(operand(evaluator))
    negate = node.operator == "-"

    def run(evaluator: Evaluator) -> Value:
        number = to_number(operand(evaluator))
        if number is None:
            return None
        return -number if negate else number

    return run


def _function_call(node: FunctionCall) -> Compiled:
    name = node.name
    if name == "if":
        if len(node.args) != 3:  # the parser refuses it; a tree built by hand
            return _refused(f"if() takes 3 arguments, not {len(node.args)}")
        condition, when_true, when_false = (compile_tree(arg) for arg in node.args)
        return lambda evaluator: (when_true if truthy(condition(evaluator))
                                  else when_false)(evaluator)
    args = tuple(compile_tree(arg) for arg in node.args)

    def run(evaluator: Evaluator) -> Value:
        spec = FUNCTIONS.get(name)
        if spec is None or spec.implementation is None:
            raise LogicEvalError(f"unknown function {name!r}")
        values: list[Value] = []
        for arg in args:
            values.append(arg(evaluator))
        return spec.implementation(values, evaluator.call_context())

    return run
