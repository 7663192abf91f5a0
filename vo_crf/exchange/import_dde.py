"""Imports and double data entry: a form whose two entries are under way is not imported into.

An instance of a double-entered form (``double_data_entry_forms``) holds no clinical values
until an adjudicator has compared its two entries (``vo_crf.dde``). Writing into it from a file
would make it an ordinary form holding values that match neither entry, and the entries would
never be compared: the import is refused, naming the record, event and form, as the ordinary
save refuses it. A double-entered form nobody has started is imported as an ordinary form
("entered without double entry"), and so is one already adjudicated.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.db.models import DoubleEntry
from vo_crf.entry.service import FormKey
from vo_crf.study.model import Study


class DoubleEntryGuard:
    """Knows the form instances of an import's study that have double entries."""

    def __init__(self, session: Session, study: Study) -> None:
        self._entrants: dict[FormKey, list[tuple[int, str]]] = defaultdict(list)
        forms = list(study.protocol.double_entry_forms)
        if not forms:
            return
        rows = session.execute(select(DoubleEntry.record_id, DoubleEntry.event,
                                      DoubleEntry.form, DoubleEntry.instance,
                                      DoubleEntry.entry_number, DoubleEntry.username)
                               .where(DoubleEntry.form.in_(forms)))
        for record_id, event, form, instance, number, username in rows:
            self._entrants[FormKey(record_id, event, form, instance)].append((number, username))

    def refusal(self, key: FormKey, instance_exists: bool) -> str:
        """Why the import may not write ``key`` ('' when it may).

        ``instance_exists``: the form instance holds clinical values already (adjudicated, or
        entered without double entry), so it is an ordinary form.
        """
        entrants = self._entrants.get(key)
        if instance_exists or not entrants:
            return ""
        instance = f" #{key.instance}" if key.instance > 1 else ""
        made = ", ".join(f"entry {number} by {user}" for number, user in sorted(entrants))
        return (f"{key.form}{instance} at {key.event} of {key.record_id} is in double data "
                f"entry ({made}): an import cannot write into it; finish both entries and "
                "their adjudication first, or leave this form out of the file")
