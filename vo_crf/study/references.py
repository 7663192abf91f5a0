"""Checking that branching logic and calculations name only fields and events that exist."""

from __future__ import annotations

from vo_crf.logic import LogicSyntaxError, parse
from vo_crf.study.errors import DefinitionError
from vo_crf.study.model import FieldDef, FieldType, Study


def check_logic_references(study: Study, field: FieldDef, file: str) -> None:
    """Parse the field's logic and refuse unknown fields, events or checkbox codes."""
    for kind, source in (("branching logic", field.branching_logic),
                         ("calculation", field.calculation)):
        if not source:
            continue
        try:
            expression = parse(source)
        except LogicSyntaxError as exc:
            raise DefinitionError(file, field.row, f"{kind} of {field.name!r}: {exc}") from None
        for ref in expression.references():
            if ref.event is not None and not study.has_event(ref.event):
                raise DefinitionError(file, field.row,
                                      f"{kind} of {field.name!r} names unknown event {ref.event!r}")
            if not study.has_field(ref.field):
                raise DefinitionError(file, field.row,
                                      f"{kind} of {field.name!r} names unknown field {ref.field!r}")
            target = study.field(ref.field)
            if ref.code is not None:
                if target.field_type is not FieldType.CHECKBOX:
                    raise DefinitionError(
                        file, field.row,
                        f"{kind} of {field.name!r}: [{ref.field}({ref.code})] but "
                        f"{ref.field!r} is not a checkbox")
                if ref.code not in {c.code for c in target.choices}:
                    raise DefinitionError(
                        file, field.row,
                        f"{kind} of {field.name!r}: {ref.field!r} has no option {ref.code!r}")
