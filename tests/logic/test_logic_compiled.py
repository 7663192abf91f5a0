"""The compiled closures (``vo_crf.logic.compiled``) give what the tree interpreter gives.

``Expression.evaluate`` runs the tree compiled once into closures; ``Evaluator.evaluate``
walks the same tree node by node. For arbitrary expressions and stored values both must give
the same value, or both the same error.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from logic_support import TODAY
from test_logic_properties import VOCABULARY, PoolLookup, choice_lists, grammatical

from vo_crf.logic import LogicEvalError, LogicSyntaxError, Value, parse
from vo_crf.logic.evaluator import Evaluator


def _outcome(run: object) -> tuple[str, Value]:
    try:
        value = run()  # type: ignore[operator]
    except LogicEvalError as error:
        return "error", str(error)
    if isinstance(value, float) and math.isnan(value):
        return "nan", None
    return "value", value


def _same(source: str, choices: list[str]) -> None:
    try:
        expression = parse(source)
    except LogicSyntaxError:
        return
    compiled = _outcome(lambda: expression.evaluate(PoolLookup(choices), TODAY))

    def interpreted() -> Value:
        try:
            return Evaluator(PoolLookup(choices), TODAY).evaluate(expression.root)
        except LogicEvalError:
            raise
        except Exception as exc:  # what Expression.evaluate wraps, as it wraps the compiled
            raise LogicEvalError(
                f"cannot evaluate {source!r}: {type(exc).__name__}: {exc}") from exc

    assert compiled == _outcome(interpreted), source


@settings(max_examples=400, deadline=1000)
@given(grammatical, choice_lists)
def test_compiled_expressions_give_what_the_interpreter_gives(source: str,
                                                              choices: list[str]) -> None:
    _same(source, choices)


@settings(max_examples=400, deadline=1000)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=30), choice_lists)
def test_compiled_token_soup_gives_what_the_interpreter_gives(tokens: list[str],
                                                              choices: list[str]) -> None:
    _same(" ".join(tokens), choices)


def test_the_studies_logic_gives_the_same_by_both_ways() -> None:
    sources = ["if([a] = '1' or [b] = '1', 1, 0)", "round(datediff([ev_1][a],[b],\"M\"),1)",
               "rounddown(datediff([a],[b],\"y\"),0)", "[a] = '8'", "not [a] and -[b] < 2",
               "2 ^ [a] ^ 2", "if([a], [b])", "nosuchfunction([a])", "[c(1)] + [c(2)] * 3"]
    for source in sources:
        for choices in (["2020-01-01", "2021-06-15 12:30"], ["1", "0"], ["", "abc"],
                        ["2.5", "-3"], ["UNK", "10"]):
            _same(source, choices)
