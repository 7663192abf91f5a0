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

from vo_crf.entry.assessment import resolve_form
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


def plan_calcs(study: Study, record: RecordValues, today: dt.date,
               tracker: CalcTracker | None = None) -> list[CalcChange]:
    """Recompute the calculated fields of ``record``; update it in place; return the changes.

    With a ``tracker`` (kept across the saves of one record) only instances that may differ
    are recomputed; without one, every instance is.
    """
    index = study_index(study)
    tracker = tracker if tracker is not None else CalcTracker()
    if tracker.stale is None:
        tracker.stale = {k for k in record.forms if k.form in index.calc_forms}
    stale = tracker.stale
    changes: list[CalcChange] = []
    if not stale:
        return changes
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
        resolved = resolve_form(study, record, key, entered_values(index, key.form, stored),
                                today)
        changed = False
        for name, computed in resolved.calc_values.items():
            before = stored.get(name, "")
            if before == computed:
                continue
            changes.append(CalcChange(key, name, before, computed))
            stored[name] = computed
            changed = True
        if changed:
            tracker.form_changed(index, record, key.form, except_key=key)
    return changes
