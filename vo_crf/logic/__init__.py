"""REDCap branching logic and calculations: parsed once into a tree, evaluated safely.

>>> expression = parse("if([a] = '1' or [b] = '1', 1, 0)")
>>> sorted(str(ref) for ref in expression.references())
['[a]', '[b]']
"""

from vo_crf.logic.errors import LogicEvalError, LogicSyntaxError
from vo_crf.logic.expression import Expression, parse
from vo_crf.logic.refs import FieldRef, ValueLookup
from vo_crf.logic.values import Value, format_calc_value

__all__ = [
    "Expression",
    "FieldRef",
    "LogicEvalError",
    "LogicSyntaxError",
    "Value",
    "ValueLookup",
    "format_calc_value",
    "parse",
]
