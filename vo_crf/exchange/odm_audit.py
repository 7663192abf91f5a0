"""The audit trail in ODM: AuditRecord elements and the AdminData (users, locations) they cite.

Placement (ODM 1.3.2 allows one AuditRecord per ItemData/FormData and any number, with IDs, in
``ClinicalData/AuditRecords``):

* each ``ItemData`` carries the AuditRecord of the change that gave it its current value, and each
  ``FormData`` the one of its last status change (who, when, why; SourceID = the audit row id,
  ``<row id>.<n>`` for the n-th change of a form save row);
* ``ClinicalData/AuditRecords`` holds the complete history of clinical data (every change that
  names a record, oldest first: an audit row, or each change of a form save row, read through
  ``vo_crf.audit.trail.expand``), ID ``AR.<row id>`` or ``AR.<row id>.<n>``; as ODM has no
  element for the old and new value, SourceID spells the change out: ``audit_log <id>:
  <action> <record> <event> <form> #<instance> <field>: '<old>' -> '<new>'``.

Administrative rows (logins, user changes, exports) are not clinical data and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, TrailEntry, expand, expand_all, with_actions
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, User
from vo_crf.exchange.odm_metadata import Element, root_element, sub
from vo_crf.project import Project
from vo_crf.study.model import Study

DATABASE_LOCATION = "LOC.vo-crf"
VALUE_ACTIONS = frozenset({AuditAction.VALUE_INSERT, AuditAction.VALUE_UPDATE,
                           AuditAction.HIDDEN_VALUE_CLEARED, AuditAction.CALC_UPDATE})
ROLE_USER_TYPE = {"investigator": "Investigator", "admin": "Sponsor", "nurse": "Investigator",
                  "statistician": "Sponsor"}

ChangeKey = tuple[str, str, str, int, str | None]
"""(record id, event, form, instance, field or None for the form status)."""


@dataclass(frozen=True)
class Change:
    """The facts of one audit row an AuditRecord shows."""

    id: str
    """The row id, ``<row id>.<n>`` for a change of a form save row."""
    at: str
    username: str
    reason: str


def user_oid(username: str) -> str:
    """Return the OID of a user (``USR.<name>``)."""
    return f"USR.{username}"


def site_location_oid(code: str) -> str:
    """Return the OID of an enrolling site (``LOC.site.<code>``)."""
    return f"LOC.site.{code}"


def timestamp(entry: AuditEntry | TrailEntry) -> str:
    """Return an audit time as an ODM DateTimeStamp (stored times are UTC)."""
    return entry.at.replace(microsecond=0).isoformat() + "Z"


def last_changes(session: Session, record_ids: list[str]) -> dict[ChangeKey, Change]:
    """Return, per value and per form status of these records, the change that set it."""
    found: dict[ChangeKey, Change] = {}
    actions = [str(a) for a in (*VALUE_ACTIONS, AuditAction.STATUS_CHANGE)]
    for start in range(0, len(record_ids), 500):
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.record_id.in_(record_ids[start:start + 500]),
                   with_actions(actions))
            .order_by(AuditEntry.id))
        for entry in expand_all(rows):
            if entry.event is None or entry.form is None or entry.action not in actions:
                continue
            field = None if entry.action == AuditAction.STATUS_CHANGE else entry.field
            key = (entry.record_id or "", entry.event, entry.form, entry.instance or 1, field)
            found[key] = Change(entry.label, timestamp(entry), entry.username,
                                entry.reason or "")
    return found


def add_audit_record(parent: Element, change: Change) -> None:
    """Add the AuditRecord of ``change`` as the first child of ItemData or FormData."""
    record = sub(parent, "AuditRecord", EditPoint="DataManagement", UsedImputationMethod="No")
    sub(record, "UserRef", UserOID=user_oid(change.username))
    sub(record, "LocationRef", LocationOID=DATABASE_LOCATION)
    sub(record, "DateTimeStamp", change.at)
    if change.reason:
        sub(record, "ReasonForChange", change.reason)
    sub(record, "SourceID", f"audit_log {change.id}")


def iter_history(project: Project) -> Iterator[Element]:
    """Yield one AuditRecord (with ID) per clinical-data change, oldest first: per audit row,
    or per change of a form save row (ID ``AR.<row>.<n>``)."""
    with read_session(project.engine) as session:
        rows = session.execute(select(AuditEntry).where(AuditEntry.record_id.is_not(None))
                               .order_by(AuditEntry.id).execution_options(yield_per=2000))
        for entry in (entry for row in rows.scalars() for entry in expand(row)):
            record = root_element("AuditRecord", EditPoint="DataManagement",
                                  UsedImputationMethod="No", ID=f"AR.{entry.label}")
            sub(record, "UserRef", UserOID=user_oid(entry.username))
            sub(record, "LocationRef", LocationOID=DATABASE_LOCATION)
            sub(record, "DateTimeStamp", timestamp(entry))
            if entry.reason:
                sub(record, "ReasonForChange", _text(entry.reason))
            sub(record, "SourceID", _describe(entry))
            yield record


def admin_data(project: Project, study_oid: str, metadata_oid: str, with_users: bool
               ) -> Element:
    """Return AdminData: every user named in the audit trail, the sites and the database."""
    admin = root_element("AdminData", StudyOID=study_oid)
    if with_users:
        with read_session(project.engine) as session:
            people = {u.username: u for u in session.scalars(select(User))}
            named = set(session.scalars(select(AuditEntry.username).distinct()))
        for username in sorted(set(people) | named):
            person = people.get(username)
            kind = ROLE_USER_TYPE.get(person.role, "Other") if person else "Other"
            element = sub(admin, "User", OID=user_oid(username), UserType=kind)
            sub(element, "LoginName", username)
            if person and person.full_name:
                sub(element, "FullName", _text(person.full_name))
    for oid, name, kind in _locations(project.study):
        location = sub(admin, "Location", OID=oid, Name=name, LocationType=kind)
        sub(location, "MetaDataVersionRef", StudyOID=study_oid, MetaDataVersionOID=metadata_oid,
            EffectiveDate=_effective_date(project))
    return admin


def _locations(study: Study) -> list[tuple[str, str, str]]:
    locations = [(DATABASE_LOCATION, "vo-crf study database", "Other")]
    site_field = study.protocol.site_field
    if site_field and study.has_field(site_field):
        locations += [(site_location_oid(c.code), c.label, "Site")
                      for c in study.field(site_field).choices]
    return locations


def _effective_date(project: Project) -> str:
    with read_session(project.engine) as session:
        first = session.scalar(select(AuditEntry.at).order_by(AuditEntry.id).limit(1))
    return (first.date() if first else dt.date.today()).isoformat()


def _describe(entry: TrailEntry) -> str:
    where = " ".join(str(p) for p in (entry.record_id, entry.event, entry.form) if p)
    if entry.instance is not None:
        where += f" #{entry.instance}"
    if entry.field:
        where += f" {entry.field}"
    text = f"audit_log {entry.label}: {entry.action} {where}"
    if entry.old_value is not None or entry.new_value is not None:
        text += f": {_quoted(entry.old_value)} -> {_quoted(entry.new_value)}"
    return _text(text)


def _quoted(value: str | None) -> str:
    return "(none)" if value is None else repr(value)


def _text(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
