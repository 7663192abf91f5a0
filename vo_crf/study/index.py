"""Per-study lookups computed once (field lists per form, calc dependencies, field order).

Saving thousands of forms (imports) asks the same questions of the study millions of times,
so the planners read this index instead. It is derived from the (frozen) study and owned by
it: ``Study.index`` builds it on first use and keeps it for the study's lifetime.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vo_crf.logic import LogicSyntaxError, parse
from vo_crf.study.model import DateOrderRule, EventDef, FieldDef, FieldType, HardRule, Study


@dataclass(frozen=True)
class FormIndex:
    """What the planners need to know about one form."""

    name: str
    fields: tuple[FieldDef, ...]
    entry_fields: dict[str, FieldDef]
    """Fields a save may set: data-holding, not calculated, not the record id."""
    stored_entry_names: frozenset[str]
    """Every non-calculated field name (what ``entered_values`` keeps of the stored values)."""
    stored_entry_order: tuple[str, ...]
    entry_row_order: tuple[str, ...]
    """``stored_entry_order`` sorted by dictionary row (the order of audit rows)."""
    has_calc: bool
    reads_forms: frozenset[str]
    """Forms whose values the form's branching logic and calculations read (itself included)."""
    names: frozenset[str]
    branching_fields: tuple[FieldDef, ...]
    """Fields with branching logic, in form order."""
    calc_fields: tuple[FieldDef, ...]
    checked_fields: tuple[FieldDef, ...]
    """Fields whose values are checked: data-holding, not the record id, in form order."""
    calculated_tags: tuple[FieldDef, ...]
    """Fields the form computes from their @CALCTEXT or @CALCDATE action tag, in form order."""
    date_order_rules: tuple[DateOrderRule, ...]
    visit_date_field: FieldDef | None
    """The form's first visit date field (protocol ``visit_date_fields``), if any."""
    hard_date_rules: tuple[tuple[HardRule, tuple[str, ...]], ...] = ()
    """Date-order hard rules naming a field of the form, with their later fields on it."""
    hard_ranges: tuple[HardRule, ...] = ()
    """Range hard rules on an entered field of the form."""
    guarded_calcs: dict[str, tuple[tuple[HardRule, frozenset[str]], ...]] = field(
        default_factory=dict)
    """Calculated fields of the form and the error hard rules that leave them blank: range
    rules on the calculation itself, and date-order rules both of whose fields it reads (with
    the rule's later fields it reads)."""


@dataclass(frozen=True)
class StudyIndex:
    """Lookups over a whole study."""

    forms: dict[str, FormIndex]
    events: dict[str, EventDef]
    field_row: dict[str, int]
    missing_codes: frozenset[str]
    calc_forms: frozenset[str]
    form_events: dict[str, tuple[EventDef, ...]]
    """The events collecting each form, in event order (``Study.events_of_form``)."""
    field_events: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    """Each field's form and the unique names of the events collecting that form."""

    def form(self, name: str) -> FormIndex:
        """Return the index of form ``name``; raise KeyError when unknown."""
        return self.forms[name]

    def field_order(self, name: str) -> int:
        """Return the dictionary row of a field (0 when the study does not know it)."""
        return self.field_row.get(name, 0)


def build_index(study: Study) -> StudyIndex:
    """Compute the index of ``study`` (``Study.index`` keeps it)."""
    field_form = {f.name: f.form for f in study.fields}
    forms: dict[str, FormIndex] = {}
    for form in study.forms:
        entry = {f.name: f for f in form.fields
                 if f.holds_data and f.field_type is not FieldType.CALC
                 and f.name != study.record_id_field}
        stored = tuple(f.name for f in form.fields if f.field_type is not FieldType.CALC)
        reads = {form.name}
        for fdef in form.fields:
            for source in (fdef.branching_logic, fdef.calculation):
                if not source:
                    continue
                try:
                    references = parse(source).references()
                except LogicSyntaxError:
                    continue
                reads.update(field_form[r.field] for r in references if r.field in field_form)
        forms[form.name] = FormIndex(
            name=form.name, fields=form.fields, entry_fields=entry,
            stored_entry_names=frozenset(stored), stored_entry_order=stored,
            entry_row_order=tuple(sorted(stored, key=lambda name: study.field(name).row)),
            has_calc=any(f.field_type is FieldType.CALC for f in form.fields),
            reads_forms=frozenset(reads), names=frozenset(f.name for f in form.fields),
            branching_fields=tuple(f for f in form.fields if f.branching_logic),
            calc_fields=tuple(f for f in form.fields if f.field_type is FieldType.CALC),
            checked_fields=tuple(f for f in form.fields
                                 if f.holds_data and f.name != study.record_id_field),
            calculated_tags=tuple(f for f in form.fields
                                  if "@CALC" in f.annotation and f.tags.is_calculated),
            date_order_rules=tuple(
                r for r in study.protocol.date_order_rules
                if form.name in (field_form.get(r.field), field_form.get(r.not_before))),
            visit_date_field=next((f for f in form.fields
                                   if f.name in study.protocol.visit_date_fields), None),
            hard_date_rules=tuple(
                (r, tuple(n for n in r.fields if field_form.get(n) == form.name))
                for r in study.protocol.hard_rules if r.kind == "date_order"
                and any(field_form.get(n) == form.name for n in r.field_names)),
            hard_ranges=tuple(
                r for r in study.protocol.hard_rules if r.kind == "range"
                and r.fields[0] in entry),
            guarded_calcs=_guarded_calcs(study, form.fields))
    form_events = {form.name: study.events_of_form(form.name) for form in study.forms}
    return StudyIndex(
        forms=forms, events={e.unique_name: e for e in study.events},
        field_row={f.name: f.row for f in study.fields},
        missing_codes=study.missing_code_values,
        calc_forms=frozenset(name for name, f in forms.items() if f.has_calc),
        form_events=form_events,
        field_events={f.name: (f.form, tuple(e.unique_name for e in form_events[f.form]))
                      for f in study.fields if f.form in form_events})


def _guarded_calcs(study: Study, fields: tuple[FieldDef, ...]
                   ) -> dict[str, tuple[tuple[HardRule, frozenset[str]], ...]]:
    """The error hard rules that blank each calculated field (see ``FormIndex``)."""
    guarded: dict[str, tuple[tuple[HardRule, frozenset[str]], ...]] = {}
    rules = [r for r in study.protocol.hard_rules if r.is_error]
    for fdef in fields:
        if fdef.field_type is not FieldType.CALC or not rules:
            continue
        try:
            reads = {ref.field for ref in parse(fdef.calculation).references()}
        except LogicSyntaxError:
            reads = set()
        found: list[tuple[HardRule, frozenset[str]]] = []
        for rule in rules:
            if rule.kind == "range" and rule.fields[0] == fdef.name:
                found.append((rule, frozenset()))
            elif rule.kind == "date_order" and rule.not_before in reads:
                later = frozenset(name for name in rule.fields if name in reads)
                if later:
                    found.append((rule, later))
        if found:
            guarded[fdef.name] = tuple(found)
    return guarded
