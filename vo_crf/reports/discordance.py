"""The discordance report of double data entry: how often the two entries differ.

Counted over adjudicated form instances (the counts are fixed when the adjudicator compares the
entries). Per form, one row for all users, then one row per user. A discordant field is
attributed to BOTH entrants: the comparison cannot tell which entry was wrong (the adjudicator
may even have chosen a third value), so a user's rate is the discordance of the forms they
entered, not a count of their own mistakes.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import DoubleEntry, DoubleEntryAdjudication
from vo_crf.project import Project

ALL = "(all)"
"""The ``form`` or ``user`` of a row counting everything."""

CSV_COLUMNS = ("form", "user", "forms_double_entered", "fields_compared", "fields_discordant",
               "discordance_rate")


@dataclass(frozen=True)
class DiscordanceRow:
    """Discordance of one form (or all forms) for one user (or all users)."""

    form: str
    user: str
    forms_double_entered: int
    fields_compared: int
    fields_discordant: int

    @property
    def rate(self) -> float | None:
        """Discordant fields / compared fields (None when nothing was compared)."""
        if not self.fields_compared:
            return None
        return self.fields_discordant / self.fields_compared


@dataclass
class _Tally:
    forms: int = 0
    compared: int = 0
    discordant: int = 0

    def add(self, compared: int, discordant: int) -> None:
        self.forms += 1
        self.compared += compared
        self.discordant += discordant


def discordance_report(project: Project, user: CurrentUser) -> list[DiscordanceRow]:
    """Return the discordance rows: per form (all users, then each user), then all forms."""
    user.require(Action.REPORT)
    with read_session(project.engine) as session:
        adjudications = session.scalars(select(DoubleEntryAdjudication)).all()
        entrants: dict[tuple[str, str, str, int], list[str]] = defaultdict(list)
        for entry in session.scalars(select(DoubleEntry).order_by(DoubleEntry.entry_number)):
            entrants[(entry.record_id, entry.event, entry.form, entry.instance)].append(
                entry.username)
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for row in adjudications:
        counts = (row.fields_compared, row.fields_discordant)
        tallies[(row.form, ALL)].add(*counts)
        tallies[(ALL, ALL)].add(*counts)
        for username in entrants[(row.record_id, row.event, row.form, row.instance)]:
            tallies[(row.form, username)].add(*counts)
    form_order = {name: i for i, name in enumerate(project.study.protocol.double_entry_forms)}

    def order(key: tuple[str, str]) -> tuple[int, str, int, str]:
        form, username = key
        return (len(form_order) + 1 if form == ALL else form_order.get(form, len(form_order)),
                form, 0 if username == ALL else 1, username)

    return [DiscordanceRow(form, username, t.forms, t.compared, t.discordant)
            for (form, username), t in sorted(tallies.items(), key=lambda i: order(i[0]))]


def discordance_csv(rows: list[DiscordanceRow]) -> str:
    """Return the report as CSV text (rate with 4 decimals, blank when nothing was compared)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row.form, row.user, row.forms_double_entered, row.fields_compared,
                         row.fields_discordant, "" if row.rate is None else f"{row.rate:.4f}"])
    return out.getvalue()
