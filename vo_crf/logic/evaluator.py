"""What one evaluation of a syntax tree reads: the record's values, "today" and the
functions' context (``vo_crf.logic.compiled`` holds what each kind of node computes)."""

from __future__ import annotations

import datetime as dt

from vo_crf.logic.errors import LogicEvalError
from vo_crf.logic.functions import CallContext
from vo_crf.logic.refs import FieldRef, ValueLookup
from vo_crf.logic.values import Value


class Evaluator:
    """One evaluation's lookup and 'today'; create one per evaluation."""

    def __init__(self, lookup: ValueLookup, today: dt.date) -> None:
        self._lookup = lookup
        self._today = today
        self._context: CallContext | None = None

    def read(self, ref: FieldRef) -> Value:
        """The value of ``ref`` (blank is None); LogicEvalError when the lookup fails."""
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

    def call_context(self) -> CallContext:
        """What the functions read besides their arguments (today, missing-data codes)."""
        if self._context is None:
            try:
                codes = frozenset(getattr(self._lookup, "missing_codes", None) or ())
            except Exception as exc:
                raise LogicEvalError(f"cannot read the missing-data codes: {exc!r}") from exc
            self._context = CallContext(self._today, codes)
        return self._context
