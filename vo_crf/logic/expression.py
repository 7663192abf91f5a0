"""A parsed expression: parse once, evaluate many times."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from vo_crf.logic.compiled import compile_tree
from vo_crf.logic.errors import LogicEvalError
from vo_crf.logic.evaluator import Evaluator
from vo_crf.logic.nodes import FieldValue, FunctionCall, Node, walk
from vo_crf.logic.parser import parse_tree
from vo_crf.logic.refs import FieldRef, ValueLookup
from vo_crf.logic.values import Value, truthy


class Expression:
    """A parsed branching-logic or calculation expression (immutable, safe to share)."""

    __slots__ = ("_functions", "_references", "_root", "_run", "_source")

    def __init__(self, source: str, root: Node) -> None:
        self._source = source
        self._root = root
        self._run = compile_tree(root)
        """The tree compiled into closures (``vo_crf.logic.compiled``): what evaluates it."""
        nodes = [node for node, _ in walk(root)]
        self._references = frozenset(n.ref for n in nodes if isinstance(n, FieldValue))
        self._functions = frozenset(n.name for n in nodes if isinstance(n, FunctionCall))

    @property
    def source(self) -> str:
        """The text the expression was parsed from."""
        return self._source

    @property
    def root(self) -> Node:
        """The syntax tree."""
        return self._root

    def evaluate(self, lookup: ValueLookup, today: dt.date | None = None) -> Value:
        """Return the value of the expression for one record; None means blank.

        ``today`` is what the date literal "today" means (default: ``date.today()``).
        Raises only LogicEvalError: when the lookup fails or breaks its contract, for a
        datediff() unit computed at run time that is not a unit, and wrapping any
        unexpected internal error. Bad data (blank, non-numeric, invalid dates, division
        by zero, overflow) gives blank instead.
        """
        day = today if today is not None else dt.date.today()
        try:
            return self._run(Evaluator(lookup, day))
        except LogicEvalError:
            raise
        except RecursionError as exc:
            raise LogicEvalError(f"expression nested too deeply: {self._source!r}") from exc
        except Exception as exc:
            raise LogicEvalError(
                f"cannot evaluate {self._source!r}: {type(exc).__name__}: {exc}") from exc

    def is_true(self, lookup: ValueLookup, today: dt.date | None = None) -> bool:
        """Evaluate as branching logic: blank, false, 0 and "0" are false; other values true."""
        return truthy(self.evaluate(lookup, today))

    def references(self) -> frozenset[FieldRef]:
        """Return every field reference in the expression."""
        return self._references

    def functions(self) -> frozenset[str]:
        """Return the (lower-case) names of the functions the expression calls."""
        return self._functions

    def __repr__(self) -> str:
        return f"Expression({self._source!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Expression):
            return NotImplemented
        return self._source == other._source

    def __hash__(self) -> int:
        return hash(self._source)


@lru_cache(maxsize=4096)
def _parse_cached(source: str) -> Expression:
    return Expression(source, parse_tree(source))


def parse(source: str) -> Expression:
    """Parse REDCap logic into an Expression; raise LogicSyntaxError (with a column).

    Results are cached, so parsing the same text again is cheap.
    """
    if not isinstance(source, str):
        raise TypeError(f"expected str, got {type(source).__name__}")
    return _parse_cached(source)
