"""A new patient that exists only once something is saved.

"New patient" proposes a study number (``propose_record``) without writing anything; the forms
of that patient open empty (``open_new_form``, ``assess_new_form``, the site already chosen) and
the first form saved creates the record in the same transaction (``save_first_form``). A patient
left without a save leaves nothing behind; a refused first save creates nothing either.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select

from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import Record
from vo_crf.entry.assessment import assess_form, resolve_form
from vo_crf.entry.errors import DoubleEntryRefused, SaveRefused
from vo_crf.entry.messages import Message, Rule, Severity
from vo_crf.entry.record_values import RecordValues
from vo_crf.entry.records import add_record, check_site, next_record_id
from vo_crf.entry.service import EntryService, FormKey, FormState, SaveResult, check_form_key
from vo_crf.keys import InstanceKey
from vo_crf.project import Project
from vo_crf.study.form_status import FormStatus


@dataclass(frozen=True)
class NewRecord:
    """A patient being entered and not saved yet: its site and the study number proposed."""

    site: str
    record_id: str


def propose_record(project: Project, user: CurrentUser, site: str) -> NewRecord:
    """Return the next study number of ``site`` for a new patient; nothing is written."""
    user.require(Action.CREATE_RECORD)
    site = check_site(project, site)
    with read_session(project.engine) as session:
        return NewRecord(site, next_record_id(session, site,
                                              project.study.protocol.record_id_scheme))


class _SitePlace(NamedTuple):
    """Where the study keeps a patient's site."""

    event: str
    form: str
    field: str


def _site_form(service: EntryService) -> _SitePlace | None:
    """Where the study keeps the site, None when it has no site field."""
    site_field = service.study.protocol.site_field
    if not site_field:
        return None
    form = service.study.field(site_field).form
    return _SitePlace(service.study.events_of_form(form)[0].unique_name, form, site_field)


def _values(service: EntryService, new: NewRecord) -> RecordValues:
    """The new patient's values as they will be once it is created: only its site."""
    values = RecordValues(new.record_id)
    site = _site_form(service)
    if site is not None:
        values.forms[InstanceKey(site.event, site.form)] = {site.field: new.site}
    return values


def open_new_form(service: EntryService, new: NewRecord, key: FormKey) -> FormState:
    """Return a form of the new patient as it opens: empty but for the site."""
    service.user.require(Action.VIEW_DATA)
    check_form_key(service.study, key)
    values = _values(service, new)
    ikey = key.instance_key
    resolved = resolve_form(service.study, values, ikey, dict(values.forms.get(ikey, {})),
                            service._today())
    return service._state(key, None, resolved)


def assess_new_form(service: EntryService, new: NewRecord, key: FormKey,
                    values: dict[str, str], status: int) -> FormState:
    """Check proposed values of a form of the new patient without saving (as ``assess``)."""
    service.user.require(Action.VIEW_DATA)
    check_form_key(service.study, key)
    stored_values = _values(service, new)
    ikey = key.instance_key
    proposed, changed = service._merge(key.form, stored_values.forms.get(ikey, {}), values)
    assessment = assess_form(service.study, stored_values, ikey, proposed, status, changed,
                             service._today())
    state = service._state(key, None, assessment)
    state.messages = assessment.messages
    return state


def save_first_form(service: EntryService, new: NewRecord, key: FormKey,
                    values: dict[str, str], status: int, *, reason: str | None = None,
                    confirmations: dict[str, str] | None = None) -> SaveResult:
    """Create the new patient and save its first form in ONE transaction.

    The record gets the proposed study number, or the next free one of its site when someone
    took it meanwhile (``SaveResult.state.key`` says which). Its site is saved as
    ``create_record`` does. When the form is refused, nothing at all is written.
    """
    service.user.require(Action.CREATE_RECORD)
    service.user.require(Action.EDIT_DATA)
    check_form_key(service.study, key)
    if status not in tuple(FormStatus):
        raise SaveRefused([Message("", Severity.ERROR, Rule.TYPE,
                                   f"form status {status} is not 0, 1 or 2")])
    if key.form in service.study.protocol.double_entry_forms:
        raise DoubleEntryRefused(
            f"{key.form} is entered twice (double data entry): save another form of the new "
            "patient first (its enrolment), then make your entry")
    confirmations = {k: v.strip() for k, v in (confirmations or {}).items() if v.strip()}
    with write_transaction(service.project.engine) as session:
        taken = session.scalar(select(Record.id).where(Record.record_id == new.record_id))
        record_id = new.record_id if taken is None else next_record_id(
            session, new.site, service.project.study.protocol.record_id_scheme)
        record = add_record(session, service.user, record_id, new.site)
        key = dataclasses.replace(key, record_id=record_id)
        site = _site_form(service)
        if site is not None:
            if InstanceKey(site.event, site.form) == key.instance_key:
                values = {site.field: new.site} | values
            else:
                service.save_in_session(session, record,
                                        FormKey(record_id, site.event, site.form),
                                        {site.field: new.site}, FormStatus.INCOMPLETE)
        return service.save_in_session(session, record, key, values, status, reason=reason,
                                       confirmations=confirmations, expected_version=None)
