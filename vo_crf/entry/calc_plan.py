"""Planning the recalculation of a record's calculated fields, in memory.

After every save the record's calculated fields are recomputed across all its form instances
(in (event, form, instance) order, each seeing the results of the ones before), and every
change is audited as ``calc_update`` with the reason "recalculated". ``CalcTracker`` remembers
which instances could give a different result since they were last computed (their form, or a
form their logic reads, changed): skipping the others gives exactly the same changes, because
a calculation is a pure function of those values. A fresh tracker recomputes everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vo_crf.entry.assessment import Assessment, resolve_form
from vo_crf.entry.plan import entered_values
from vo_crf.entry.record_values import InstanceKey, RecordValues
from vo_crf.entry.study_index import StudyIndex, study_index
from vo_crf.study.model import Study

RECALCULATED = "recalculated"


@dataclass(frozen=True)
class CalcChange:
    """One calculated value that changes (``old``/``new`` '' when blank)."""

    key: InstanceKey
    field: str
    old: str
    new: str


@dataclass
class CalcTracker:
    """Which instances of one record need recomputing (None until the first full pass)."""

    stale: set[InstanceKey] | None = None
    _readers: dict[str, frozenset[str]] = field(default_factory=dict)

    def form_changed(self, index: StudyIndex, record: RecordValues, form: str,
                     except_key: InstanceKey | None = None) -> None:
        """Note that values of ``form`` changed: instances whose logic reads it are stale."""
        if self.stale is None:
            return
        for key in record.forms:
            if key != except_key and key.form in index.calc_forms \
                    and form in index.form(key.form).reads_forms:
                self.stale.add(key)


def reusable(index: StudyIndex, key: InstanceKey, assessment: Assessment) -> bool:
    """True when resolving instance ``key`` again, once the save its ``assessment`` planned is
    applied, gives the same calculated values (if no other instance changed meanwhile).

    The save stores the assessment's values, and resolving them again sees the same record
    (the lookups of the instance's own form read the values given, not the record) unless
    the first resolution ended otherwise than on its values: when it cleared hidden values
    (its branching passes may have stopped before settling) or computed @CALCTEXT/@CALCDATE
    fields after the calculations (a calculation may read them).
    """
    return not assessment.cleared_hidden and not index.form(key.form).calculated_tags


def plan_calcs(study: Study, record: RecordValues, today: dt.date,
               tracker: CalcTracker | None = None,
               saved: tuple[InstanceKey, Assessment] | None = None) -> list[CalcChange]:
    """Recompute the calculated fields of ``record``; update it in place; return the changes.

    With a ``tracker`` (kept across the saves of one record) only instances that may differ
    are recomputed; without one, every instance is. ``saved``: the instance a save just
    wrote and the assessment that planned it (``plan_form_save``, on this record as it was
    just before, for ``today``). When that instance is the only one to recompute, its
    assessment's calculated values are taken instead of resolving it again: they are the same
    (``reusable``).
    """
    index = study_index(study)
    tracker = tracker if tracker is not None else CalcTracker()
    if tracker.stale is None:
        tracker.stale = {k for k in record.forms if k.form in index.calc_forms}
    stale = tracker.stale
    changes: list[CalcChange] = []
    if not stale:
        return changes
    known = saved[1].calc_values if saved is not None and len(stale) == 1 \
        and saved[0] in stale and reusable(index, saved[0], saved[1]) else None
    last: InstanceKey | None = None
    while True:
        pending = [k for k in stale if last is None or k > last]
        if not pending:
            break
        key = min(pending)
        stale.discard(key)
        last = key
        stored = record.forms.get(key)
        if stored is None:
            continue
        if known is not None and saved is not None and key == saved[0]:
            calc_values = known
        else:
            calc_values = resolve_form(study, record, key,
                                       entered_values(index, key.form, stored),
                                       today).calc_values
        changed = False
        for name, computed in calc_values.items():
            before = stored.get(name, "")
            if before == computed:
                continue
            changes.append(CalcChange(key, name, before, computed))
            stored[name] = computed
            changed = True
        if changed:
            tracker.form_changed(index, record, key.form, except_key=key)
    return changes
