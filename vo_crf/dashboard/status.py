"""The record status dashboard: patients × (event, form) cells, as REDCap shows them.

Two kinds of query, so that a view of 10,000 patients stays fast:

* ``list_records`` returns the ordered, filtered list of patients (ids only, one light query; the
  overdue filter and date sorts add one query for baseline dates and started visits);
* ``load_rows`` builds the full rows of a small batch of patients (two queries: form statuses and
  baseline dates), which a lazy Qt model asks for only when rows are shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from vo_crf.auth.record_view import IDENTIFIED, RecordView
from vo_crf.dashboard.visits import VisitDue, VisitState, next_visit, visit_schedule
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.dde.progress import DoubleEntryProgress, double_entry_progress
from vo_crf.project import Project
from vo_crf.queries.listing import open_query_counts
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import EventDef, FormDef, Study


class CellState(IntEnum):
    """The status of one form of one visit, in REDCap's order (worst first)."""

    EMPTY = 0
    INCOMPLETE = 1
    UNVERIFIED = 2
    COMPLETE = 3
    VERIFIED = 4
    LOCKED = 5
    SIGNED = 6
    """Locked and e-signed (the signature is withdrawn when the form is unlocked)."""


class SortKey(StrEnum):
    """Columns the patient list can be sorted by (status columns sort by their cell state)."""

    RECORD = "record"
    SITE = "site"
    BASELINE = "baseline"
    NEXT_VISIT = "next_visit"
    OPEN_QUERIES = "open_queries"


@dataclass(frozen=True)
class FormCell:
    """The status of one form of one visit (for a repeating form, of all its instances)."""

    state: CellState = CellState.EMPTY
    instances: int = 0
    double_entry: DoubleEntryProgress | None = None
    """Instances entered once or twice and not adjudicated yet (no values of their own)."""
    signed_by: str | None = None
    signed_at: dt.datetime | None = None
    """The newest e-signature among the instances (shown apart from the lock)."""


@dataclass(frozen=True)
class RecordHeader:
    """One patient of the dashboard list: database key, study number and site."""

    pk: int
    record_id: str
    site: str


@dataclass
class DashboardRow:
    """Everything one dashboard row shows about one patient."""

    record_id: str
    site: str
    baseline: dt.date | None
    cells: dict[tuple[str, str], FormCell] = field(default_factory=dict)
    schedule: list[VisitDue] = field(default_factory=list)
    open_queries: int = 0
    """Data clarification queries not closed yet (open or answered)."""
    visit_dates: dict[str, dt.date] = field(default_factory=dict)
    """Each event's visit date (the earliest of the protocol's visit date fields saved there)."""
    visits_before: dict[str, tuple[str, dt.date]] = field(default_factory=dict)
    """Events dated before a visit of an earlier event: event -> (that event, its date)."""

    @property
    def next_visit(self) -> VisitDue | None:
        """The most pressing visit still to do."""
        return next_visit(self.schedule)

    @property
    def follow_up_over(self) -> bool:
        """True when the last visit (end of follow-up) is done: nothing is due any more."""
        return bool(self.schedule) and self.schedule[-1].state is VisitState.DONE

    def visit(self, event: str) -> VisitDue | None:
        """Return the planned visit of ``event`` (None for the first event or no day 0)."""
        return next((v for v in self.schedule if v.event == event), None)

    @property
    def overdue(self) -> bool:
        """True when a visit is past its window and has no saved form."""
        return any(v.state is VisitState.OVERDUE for v in self.schedule)

    def cell(self, event: str, form: str) -> FormCell:
        """Return the status of one form of one visit (EMPTY when nothing was saved)."""
        return self.cells.get((event, form), FormCell())


@dataclass(frozen=True)
class DashboardFilter:
    """What the user narrowed the list to; empty values mean "all"."""

    text: str = ""
    site: str = ""
    state: CellState | None = None
    overdue_only: bool = False


def dashboard_columns(study: Study) -> list[tuple[EventDef, FormDef]]:
    """Return the (event, form) pairs shown as status columns, in protocol order."""
    return [(event, study.form(name)) for event in study.events for name in event.forms]


def cell_state(status: int, verified_by: str | None, locked_by: str | None,
               signed_by: str | None = None) -> CellState:
    """Return the dashboard state of one saved form instance."""
    if locked_by:
        return CellState.SIGNED if signed_by else CellState.LOCKED
    if verified_by:
        return CellState.VERIFIED
    return (CellState.INCOMPLETE, CellState.UNVERIFIED, CellState.COMPLETE)[
        max(FormStatus.INCOMPLETE, min(FormStatus.COMPLETE, status))]


def _state_condition(state: CellState) -> ColumnElement[bool]:
    if state is CellState.SIGNED:
        return and_(FormInstance.locked_by.is_not(None), FormInstance.signed_by.is_not(None))
    if state is CellState.LOCKED:
        return and_(FormInstance.locked_by.is_not(None), FormInstance.signed_by.is_(None))
    not_locked = FormInstance.locked_by.is_(None)
    if state is CellState.VERIFIED:
        return and_(not_locked, FormInstance.verified_by.is_not(None))
    status = {CellState.INCOMPLETE: FormStatus.INCOMPLETE,
              CellState.UNVERIFIED: FormStatus.UNVERIFIED,
              CellState.COMPLETE: FormStatus.COMPLETE}[state]
    return and_(not_locked, FormInstance.verified_by.is_(None), FormInstance.status == status)


def list_records(project: Project, where: DashboardFilter = DashboardFilter(),
                 sort: SortKey | tuple[str, str] = SortKey.RECORD, descending: bool = False,
                 today: dt.date | None = None, view: RecordView = IDENTIFIED
                 ) -> list[RecordHeader]:
    """Return the patients matching ``where``, sorted by a key or an (event, form) column.

    With a de-identified ``view`` (see ``vo_crf.auth.record_view``) the headers carry the
    pseudonyms, and the text filter and the record sort work on them.
    """
    today = today or dt.date.today()
    statement = select(Record.id, Record.record_id, Record.site)
    if where.text.strip() and not view.deidentified:
        statement = statement.where(Record.record_id.contains(where.text.strip()))
    if where.site:
        statement = statement.where(Record.site == where.site)
    if where.state is CellState.EMPTY:
        statement = statement.where(~exists().where(FormInstance.record_pk == Record.id))
    elif where.state is not None:
        statement = statement.where(exists().where(FormInstance.record_pk == Record.id,
                                                   _state_condition(where.state)))
    statement = statement.order_by(Record.site if sort == SortKey.SITE else Record.record_id,
                                   Record.record_id)
    with read_session(project.engine) as session:
        headers = [RecordHeader(pk, view.shown_id(rid), site)
                   for pk, rid, site in session.execute(statement)]
        needs_dates = where.overdue_only or sort in (SortKey.BASELINE, SortKey.NEXT_VISIT)
        if needs_dates:
            baselines = _baselines(session, project.study, None)
            started = _started_events(session, None)
        if isinstance(sort, tuple):
            states = _column_states(session, *sort)
    study = project.study
    if view.deidentified:
        headers = _shown_order(headers, where.text.strip(), sort)
    if where.overdue_only:
        headers = [h for h in headers if any(
            v.state is VisitState.OVERDUE for v in visit_schedule(
                study, baselines.get(h.pk), started.get(h.pk, set()), today))]
    if sort == SortKey.BASELINE:
        far = dt.date.max
        headers.sort(key=lambda h: baselines.get(h.pk) or far)
    elif sort == SortKey.NEXT_VISIT:
        headers.sort(key=lambda h: _next_visit_key(study, baselines.get(h.pk),
                                                   started.get(h.pk, set()), today))
    elif sort == SortKey.OPEN_QUERIES:
        counts = open_query_counts(project)
        headers.sort(key=lambda h: counts.get(view.real_id(h.record_id) or "", 0))
    elif isinstance(sort, tuple):
        headers.sort(key=lambda h: states.get(h.pk, CellState.EMPTY))
    if descending:
        headers.reverse()
    return headers


def _shown_order(headers: list[RecordHeader], text: str,
                 sort: SortKey | tuple[str, str]) -> list[RecordHeader]:
    """Filter and order de-identified headers by what the user sees (the pseudonyms)."""
    if text:
        headers = [h for h in headers if text.upper() in h.record_id.upper()]
    if sort == SortKey.SITE:
        return sorted(headers, key=lambda h: (h.site, h.record_id))
    return sorted(headers, key=lambda h: h.record_id)


def _next_visit_key(study: Study, baseline: dt.date | None, started: set[str],
                    today: dt.date) -> tuple[int, dt.date]:
    visit = next_visit(visit_schedule(study, baseline, started, today))
    if visit is None:
        return (9, dt.date.max)
    order = {VisitState.OVERDUE: 0, VisitState.DUE: 1, VisitState.UPCOMING: 2}
    return (order.get(visit.state, 3), visit.last_day)


def load_rows(project: Project, headers: Sequence[RecordHeader],
              today: dt.date | None = None, view: RecordView = IDENTIFIED
              ) -> dict[int, DashboardRow]:
    """Build the dashboard rows of ``headers`` (keyed by record pk) with three queries.

    ``view`` is the one ``headers`` were listed with: a de-identified view shifts the dates.

    A study with double data entry adds one grouped query: the cells whose form is entered
    once or twice but not adjudicated carry that progress (``FormCell.double_entry``).
    """
    today = today or dt.date.today()
    study = project.study
    pks = [h.pk for h in headers]
    real_ids = {h.pk: view.real_id(h.record_id) or h.record_id for h in headers}
    instances: dict[int, dict[tuple[str, str], list[CellState]]] = defaultdict(
        lambda: defaultdict(list))
    signatures: dict[tuple[int, str, str], tuple[dt.datetime, str]] = {}
    with read_session(project.engine) as session:
        result = session.execute(
            select(FormInstance.record_pk, FormInstance.event, FormInstance.form,
                   FormInstance.status, FormInstance.verified_by, FormInstance.locked_by,
                   FormInstance.signed_by, FormInstance.signed_at)
            .where(FormInstance.record_pk.in_(pks)))
        for pk, event, form, status, verified_by, locked_by, signed_by, signed_at in result:
            instances[pk][(event, form)].append(cell_state(status, verified_by, locked_by,
                                                           signed_by))
            known = signatures.get((pk, event, form))
            if signed_by and signed_at and (known is None or signed_at > known[0]):
                signatures[(pk, event, form)] = (signed_at, signed_by)
        baselines = _baselines(session, study, pks)
        visit_dates = _visit_dates(session, study, pks)
        double_entries = double_entry_progress(session, list(real_ids.values())) \
            if study.protocol.double_entry_forms else {}
    queries = open_query_counts(project, list(real_ids.values()))
    rows: dict[int, DashboardRow] = {}
    for header in headers:
        found = instances.get(header.pk, {})
        cells = {key: FormCell(min(states), len(states)) for key, states in found.items()}
        real_id = real_ids[header.pk]
        for key in cells:
            signed = signatures.get((header.pk, *key))
            if signed is not None:
                cells[key] = FormCell(cells[key].state, cells[key].instances,
                                      signed_by=signed[1],
                                      signed_at=view.moment(signed[0], real_id))
        for key, progress in double_entries.get(real_id, {}).items():
            cell = cells.get(key, FormCell())
            cells[key] = FormCell(cell.state, cell.instances, progress, cell.signed_by,
                                  cell.signed_at)
        started = {event for event, _ in found}
        baseline = baselines.get(header.pk)
        schedule = visit_schedule(study, baseline, started, today)
        dates = visit_dates.get(header.pk, {})
        if view.deidentified:
            baseline = view.date(baseline, real_id)
            dates = {event: view.date(day, real_id) or day for event, day in dates.items()}
            schedule = [replace(v, first_day=view.date(v.first_day, real_id) or v.first_day,
                                last_day=view.date(v.last_day, real_id) or v.last_day)
                        for v in schedule]
        rows[header.pk] = DashboardRow(
            record_id=header.record_id, site=header.site, baseline=baseline, cells=cells,
            schedule=schedule, open_queries=queries.get(real_id, 0),
            visit_dates=dates, visits_before=visits_out_of_order(study, dates))
    return rows


def _visit_dates(session: Session, study: Study, pks: list[int]) -> dict[int, dict[str, dt.date]]:
    """Return each record's visit date per event (earliest visit date field saved there)."""
    names = [n for n in study.protocol.visit_date_fields if study.has_field(n)]
    if not names or not pks:
        return {}
    found: dict[int, dict[str, dt.date]] = defaultdict(dict)
    statement = (select(FormInstance.record_pk, FormInstance.event, ItemValue.value)
                 .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)
                 .where(FormInstance.record_pk.in_(pks), ItemValue.field.in_(names)))
    for pk, event, value in session.execute(statement):
        try:
            date = dt.date.fromisoformat((value or "")[:10])
        except ValueError:
            continue
        known = found[pk].get(event)
        if known is None or date < known:
            found[pk][event] = date
    return found


def visits_out_of_order(study: Study, dates: dict[str, dt.date]) -> dict[str, tuple[str, dt.date]]:
    """Return the events dated before a visit of an earlier event (same arm, smaller offset).

    Each maps to the latest such earlier event and its date (an M3 visit before the M0 visit).
    """
    events = {e.unique_name: e for e in study.events}
    out: dict[str, tuple[str, dt.date]] = {}
    for name, date in dates.items():
        event = events.get(name)
        if event is None:
            continue
        for other_name, other_date in dates.items():
            other = events.get(other_name)
            if other is None or other.arm != event.arm or other.day_offset >= event.day_offset:
                continue
            if other_date > date and (name not in out or other_date > out[name][1]):
                out[name] = (other_name, other_date)
    return out


def _baselines(session: Session, study: Study, pks: list[int] | None) -> dict[int, dt.date]:
    """Return the baseline date of each record that has one (pks None: every record)."""
    name = study.protocol.baseline_date_field
    if not name or not study.has_field(name):
        return {}
    form = study.field(name).form
    statement = (select(FormInstance.record_pk, FormInstance.event, ItemValue.value)
                 .join(ItemValue, ItemValue.form_instance_id == FormInstance.id)
                 .where(FormInstance.form == form, FormInstance.instance == 1,
                        ItemValue.field == name))
    if pks is not None:
        statement = statement.where(FormInstance.record_pk.in_(pks))
    order = {e.unique_name: i for i, e in enumerate(study.events)}
    best: dict[int, tuple[int, dt.date]] = {}
    for pk, event, value in session.execute(statement):
        try:
            date = dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
        rank = order.get(event, len(order))
        if pk not in best or rank < best[pk][0]:
            best[pk] = (rank, date)
    return {pk: date for pk, (_, date) in best.items()}


def _started_events(session: Session, pks: list[int] | None) -> dict[int, set[str]]:
    statement = select(FormInstance.record_pk, FormInstance.event).distinct()
    if pks is not None:
        statement = statement.where(FormInstance.record_pk.in_(pks))
    started: dict[int, set[str]] = defaultdict(set)
    for pk, event in session.execute(statement):
        started[pk].add(event)
    return started


def _column_states(session: Session, event: str, form: str) -> dict[int, CellState]:
    states: dict[int, CellState] = {}
    result = session.execute(
        select(FormInstance.record_pk, FormInstance.status, FormInstance.verified_by,
               FormInstance.locked_by, FormInstance.signed_by)
        .where(FormInstance.event == event, FormInstance.form == form))
    for pk, status, verified_by, locked_by, signed_by in result:
        state = cell_state(status, verified_by, locked_by, signed_by)
        states[pk] = min(state, states.get(pk, state))
    return states


def site_choices(study: Study) -> list[tuple[str, str]]:
    """Return the (code, label) pairs of the protocol's site field (empty when none)."""
    name = study.protocol.site_field
    if not name or not study.has_field(name):
        return []
    return [(c.code, c.label) for c in study.field(name).choices]
