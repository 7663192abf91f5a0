"""Reading queries: the filtered list, open counts per patient and the marks of one form."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from vo_crf.auth.permissions import Action
from vo_crf.auth.record_view import IDENTIFIED, RecordView, record_view
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import Query, QueryStep, Record, utcnow
from vo_crf.entry.records import site_code_of
from vo_crf.project import Project
from vo_crf.queries.service import QueryStatus

ANSWER_ACTIONS = ("answer",)
"""Step actions that carry an answer (the latest one is shown in the list)."""


@dataclass(frozen=True)
class QueryStepRow:
    """One step of a query's thread, as shown to the user."""

    at: dt.datetime
    username: str
    action: str
    text: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class QueryRow:
    """One query as the list shows it."""

    id: int
    site: str
    record_id: str
    event: str
    form: str
    instance: int
    field: str
    field_label: str
    status: str
    text: str
    suggested_value: str | None
    value_at_open: str | None
    source: str
    latest_answer: str
    opened_by: str
    opened_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime
    age_days: int
    steps: tuple[QueryStepRow, ...] = ()

    @property
    def is_closed(self) -> bool:
        """True when the query is closed."""
        return self.status == QueryStatus.CLOSED.value


def list_queries(project: Project, user: CurrentUser, *, status: str | None = None,
                 site: str | None = None, min_age_days: int | None = None,
                 user_name: str | None = None, record_id: str | None = None,
                 now: dt.datetime | None = None) -> list[QueryRow]:
    """Return the queries matching the filters, oldest first (needs VIEW_DATA).

    ``min_age_days`` keeps queries open for at least that many days (a closed query's age runs
    until it was closed); ``user_name`` matches the opener or anyone who took a step.
    A user without VIEW_IDENTIFIERS gets the de-identified view (``record_id`` is then a
    pseudonym; values and dates shown as in the de-identified exports, query texts removed).
    """
    user.require(Action.VIEW_DATA)
    view = record_view(project, user)
    if record_id is not None:
        record_id = view.real_id(record_id)
        if record_id is None:
            return []
    if status is not None and status not in {s.value for s in QueryStatus}:
        raise ValueError(f"query status {status!r} is not one of open, answered, closed")
    now = now or utcnow()
    statement = (select(Query, Record.site)
                 .join(Record, Record.record_id == Query.record_id, isouter=True)
                 .order_by(Query.opened_at, Query.id))
    if status:
        statement = statement.where(Query.status == status)
    if site:
        statement = statement.where(Record.site == site_code_of(project.study, site))
    if record_id:
        statement = statement.where(Query.record_id == record_id)
    if user_name:
        statement = statement.where(exists().where(QueryStep.query_id == Query.id,
                                                   QueryStep.username == user_name))
    study = project.study
    rows: list[QueryRow] = []
    with read_session(project.engine) as session:
        found = session.execute(statement).all()
        steps = _steps(session, [query.id for query, _ in found])
    for query, record_site in found:
        age = ((query.closed_at or now) - query.opened_at).days
        if min_age_days is not None and age < min_age_days:
            continue
        thread = steps.get(query.id, ())
        answers = [s.text for s in thread if s.action in ANSWER_ACTIONS]
        label = study.field(query.field).label if study.has_field(query.field) else query.field
        rows.append(QueryRow(
            id=query.id, site=record_site or "", record_id=query.record_id, event=query.event,
            form=query.form, instance=query.instance, field=query.field, field_label=label,
            status=query.status, text=query.text, suggested_value=query.suggested_value,
            value_at_open=query.value_at_open, source=query.source,
            latest_answer=answers[-1] if answers else "", opened_by=query.opened_by,
            opened_at=query.opened_at, updated_by=query.updated_by, updated_at=query.updated_at,
            age_days=max(0, age), steps=tuple(thread)))
    return rows if not view.deidentified else [_shown_query(view, row) for row in rows]


def _shown_query(view: RecordView, row: QueryRow) -> QueryRow:
    """A query as a de-identified user is shown it: pseudonym, shifted dates, no free text."""
    real_id, name = row.record_id, row.field

    def value(text: str | None) -> str | None:
        return None if text is None else view.value(name, text, real_id)

    steps = tuple(QueryStepRow(view.moment(s.at, real_id) or s.at, s.username, s.action,
                               view.free_text(s.text) or "", value(s.old_value),
                               value(s.new_value)) for s in row.steps)
    return replace(row, record_id=view.shown_id(real_id), text=view.free_text(row.text) or "",
                   suggested_value=value(row.suggested_value),
                   value_at_open=value(row.value_at_open),
                   latest_answer=view.free_text(row.latest_answer) or "",
                   opened_at=view.moment(row.opened_at, real_id) or row.opened_at,
                   updated_at=view.moment(row.updated_at, real_id) or row.updated_at,
                   steps=steps)


def _steps(session: Session, query_ids: list[int]) -> dict[int, tuple[QueryStepRow, ...]]:
    threads: dict[int, list[QueryStepRow]] = defaultdict(list)
    for chunk_start in range(0, len(query_ids), 500):
        chunk = query_ids[chunk_start:chunk_start + 500]
        for step in session.scalars(select(QueryStep).where(QueryStep.query_id.in_(chunk))
                                    .order_by(QueryStep.at, QueryStep.uid)):
            threads[step.query_id].append(QueryStepRow(step.at, step.username, step.action,
                                                       step.text, step.old_value,
                                                       step.new_value))
    return {key: tuple(value) for key, value in threads.items()}


def form_queries(project: Project, user: CurrentUser, record_id: str, event: str, form: str,
                 instance: int = 1) -> list[QueryRow]:
    """Return every query (any status) on the fields of one form instance, oldest first."""
    return [row for row in list_queries(project, user, record_id=record_id)
            if (row.event, row.form, row.instance) == (event, form, instance)]


def open_query_counts(project: Project, record_ids: Sequence[str] | None = None
                      ) -> dict[str, int]:
    """Return the number of queries not closed per record id (records without: absent).

    ``record_ids`` limits the count to those records (the dashboard asks per batch).
    """
    statement = (select(Query.record_id, func.count(Query.id))
                 .where(Query.status != QueryStatus.CLOSED.value).group_by(Query.record_id))
    if record_ids is not None:
        statement = statement.where(Query.record_id.in_(list(record_ids)))
    with read_session(project.engine) as session:
        return {record_id: int(count) for record_id, count in session.execute(statement)}


def open_query_fields(project: Project, record_id: str, event: str, form: str,
                      instance: int = 1) -> dict[str, str]:
    """Return {field: status} of the fields of a form instance with a query not closed.

    A field with several queries shows the most pressing status (open before answered).
    """
    with read_session(project.engine) as session:
        result = session.execute(
            select(Query.field, Query.status)
            .where(Query.record_id == record_id, Query.event == event, Query.form == form,
                   Query.instance == instance, Query.status != QueryStatus.CLOSED.value))
        marks: dict[str, str] = {}
        for field, status in result:
            if marks.get(field) != QueryStatus.OPEN.value:
                marks[field] = status
        return marks


@dataclass(frozen=True)
class LiveQuery:
    """A query not closed yet, in brief (the dashboard's tooltip of a patient)."""

    event: str
    form: str
    instance: int
    field: str
    status: str
    text: str


def live_queries(project: Project, record_id: str, limit: int = 10,
                 view: RecordView = IDENTIFIED) -> tuple[list[LiveQuery], int]:
    """Return the first ``limit`` queries not closed of one patient (oldest first) and how many
    there are in all; one small read, for a tooltip asked for by hovering.

    ``view`` is the user's (the dashboard's): a de-identified view names the patient by its
    pseudonym and is shown no query text (free text may name the patient).
    """
    real_id = view.real_id(record_id)
    if real_id is None:
        return [], 0
    where = (Query.record_id == real_id, Query.status != QueryStatus.CLOSED.value)
    with read_session(project.engine) as session:
        total = int(session.scalar(select(func.count(Query.id)).where(*where)) or 0)
        found = session.scalars(select(Query).where(*where)
                                .order_by(Query.opened_at, Query.id).limit(limit))
        rows = [LiveQuery(q.event, q.form, q.instance, q.field, q.status,
                          view.free_text(q.text) or "") for q in found]
    return rows, total
