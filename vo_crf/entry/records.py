"""Creating patients (records) with the next study number of their site, and listing them."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from vo_crf.audit.trail import AuditAction, Where, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import Record
from vo_crf.entry.errors import EntryError
from vo_crf.entry.values import shown
from vo_crf.project import Project
from vo_crf.study.model import RecordIdScheme, Study
from vo_crf.wording import RECORD_EXISTS, RECORD_ID_INVALID, UNKNOWN_SITE, worded

_RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}")


def site_prefix(site: str) -> str:
    """Return the study-number prefix of a site code: numeric codes as two digits ("01")."""
    return f"{int(site):02d}" if site.isdigit() else site


def site_code_of(study: Study, text: str) -> str:
    """Return the site code meant by ``text``: the code itself, ``01`` for code ``1``, or a label.

    Studies without a site field (or without choices) take the text as it is; an unknown site
    raises EntryError naming the known ones.
    """
    text = text.strip()
    name = study.protocol.site_field
    choices = study.field(name).choices if name and study.has_field(name) else ()
    if not choices:
        return text
    for choice in choices:
        if text == choice.code:
            return choice.code
    for choice in choices:
        if text.isdigit() and choice.code.isdigit() and int(text) == int(choice.code):
            return choice.code
        if text.casefold() == choice.label.strip().casefold():
            return choice.code
    known = ", ".join(f"{c.code} ({c.label})" for c in choices)
    raise worded(EntryError, UNKNOWN_SITE, site=repr(text), known=known)


def next_record_id(session: Session, site: str, scheme: RecordIdScheme | None = None) -> str:
    """Return the next free study number of ``site`` in the study's scheme (``01-007``)."""
    scheme = scheme or RecordIdScheme()
    prefix = scheme.prefix + (site_prefix(site) + "-" if scheme.site_prefix else "")
    existing = session.scalars(
        select(Record.record_id).where(Record.record_id.startswith(prefix))).all()
    numbers = [int(r[len(prefix):]) for r in existing if r[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:0{scheme.digits}d}"


def check_record_id(record_id: str) -> None:
    """Refuse a record id REDCap would not accept."""
    if not _RECORD_ID.fullmatch(record_id):
        raise worded(EntryError, RECORD_ID_INVALID, record=shown(record_id))


def check_site(project: Project, site: str) -> str:
    """Return the site code ``site`` means (``1``, ``01`` or its label); refuse an unknown one."""
    if project.study.protocol.site_field:
        return site_code_of(project.study, site)
    return site


def add_record(session: Session, user: CurrentUser, record_id: str, site: str = "") -> Record:
    """Insert a record inside the caller's transaction, with its audit row."""
    check_record_id(record_id)
    if session.scalar(select(Record.id).where(Record.record_id == record_id)) is not None:
        raise worded(EntryError, RECORD_EXISTS, record=repr(record_id))
    record = Record(record_id=record_id, site=site, created_by=user.username)
    session.add(record)
    session.flush()
    write_audit(session, user.username, AuditAction.RECORD_CREATE, Where(record_id),
                new_value=record_id, reason=f"site {site}" if site else None)
    return record


def create_record(project: Project, user: CurrentUser, site: str,
                  record_id: str | None = None) -> str:
    """Create a patient record (next study number of the site unless given); return its id.

    The site is also stored in the study's site field (if the study has one) at the first event.
    """
    user.require(Action.CREATE_RECORD)
    study = project.study
    site_field = study.protocol.site_field
    site = check_site(project, site)
    with write_transaction(project.engine) as session:
        new_id = record_id or next_record_id(session, site, study.protocol.record_id_scheme)
        record = add_record(session, user, new_id, site)
        if site_field:
            from vo_crf.entry.service import EntryService, FormKey

            form = study.field(site_field).form
            event = study.events_of_form(form)[0].unique_name
            EntryService(project, user).save_in_session(
                session, record, FormKey(new_id, event, form), {site_field: site}, 0)
    return new_id


def list_record_ids(project: Project) -> list[str]:
    """Return every record id in creation order."""
    with read_session(project.engine) as session:
        return list(session.scalars(select(Record.record_id).order_by(Record.id)))
