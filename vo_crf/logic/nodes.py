"""The syntax tree: immutable nodes, each remembering the 1-based column it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeAlias

from vo_crf.logic.refs import FieldRef


@dataclass(frozen=True, slots=True)
class Constant:
    """A number, string or true/false literal."""

    value: float | str | bool
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes (none)."""
        return ()


@dataclass(frozen=True, slots=True)
class FieldValue:
    """A field reference, read from the value lookup at evaluation time."""

    ref: FieldRef
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes (none)."""
        return ()


@dataclass(frozen=True, slots=True)
class UnaryOp:
    """``-x``, ``+x`` or ``not x``."""

    operator: str
    operand: Node
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes."""
        return (self.operand,)


@dataclass(frozen=True, slots=True)
class LogicalOp:
    """``a and b and ...`` or ``a or b or ...`` (flattened, evaluated with short-circuit)."""

    operator: str  # "and" | "or"
    operands: tuple[Node, ...]
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes."""
        return self.operands


@dataclass(frozen=True, slots=True)
class ArithmeticChain:
    """A left-associative run of one precedence level: ``a + b - c`` or ``a * b / c``."""

    first: Node
    rest: tuple[tuple[str, Node], ...]
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes."""
        return (self.first, *(operand for _, operand in self.rest))


@dataclass(frozen=True, slots=True)
class PowerOp:
    """``base ^ exponent`` (right-associative, binds tighter than unary minus)."""

    base: Node
    exponent: Node
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes."""
        return (self.base, self.exponent)


@dataclass(frozen=True, slots=True)
class Comparison:
    """``left op right`` with op one of ``= <> < > <= >=``."""

    operator: str
    left: Node
    right: Node
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes."""
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """A call of a known function; ``name`` is lower case."""

    name: str
    args: tuple[Node, ...]
    column: int

    def children(self) -> tuple[Node, ...]:
        """Return the direct sub-nodes."""
        return self.args


Node: TypeAlias = (
    Constant | FieldValue | UnaryOp | LogicalOp | ArithmeticChain | PowerOp | Comparison
    | FunctionCall
)


def walk(root: Node) -> Iterator[tuple[Node, int]]:
    """Yield every node with its depth (root = 1), depth-first, without recursion."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in reversed(node.children()))
