"""An expression is compiled once into closures (``vo_crf.logic.compiled``) and evaluated many
times: nothing of one evaluation may leak into the next, and a tree the parser would not make
is refused as a logic error, never a crash.

(What each node computes is tested through ``Expression.evaluate`` by the semantics and
property tests beside this file.)
"""

from __future__ import annotations

import re

import pytest
from logic_support import TODAY, RecordLookup

from vo_crf.logic import LogicEvalError, parse
from vo_crf.logic.expression import Expression
from vo_crf.logic.nodes import Constant, FunctionCall


def test_one_compiled_expression_answers_each_record_for_itself() -> None:
    expression = parse("if([a] > 2, [a] * [b], datediff([c], 'today', 'd'))")
    records = [({"[a]": "5", "[b]": "2"}, 10),
               ({"[a]": "1", "[c]": "2024-01-01"}, 60),  # today: 2024-03-01
               ({}, None),
               ({"[a]": "3"}, None),  # 3 × blank is blank
               ({"[a]": "4", "[b]": "0.5"}, 2)]
    for _round in range(2):  # the same closures, records in turn, twice
        for values, expected in records:
            assert expression.evaluate(RecordLookup(values), TODAY) == expected, values


class _Stranger:
    """A node of no kind the language has."""

    def children(self) -> tuple[()]:
        return ()


@pytest.mark.parametrize("root, reason", [
    (FunctionCall("if", (Constant(1, 0), Constant(2, 0)), 0), "if() takes 3 arguments, not 2"),
    (_Stranger(), "cannot evaluate a _Stranger node"),
])
def test_a_tree_the_parser_would_not_make_is_refused_when_evaluated(root: object,
                                                                    reason: str) -> None:
    expression = Expression("hand-built", root)  # type: ignore[arg-type]
    with pytest.raises(LogicEvalError, match=re.escape(reason)):
        expression.evaluate(RecordLookup({}), TODAY)
