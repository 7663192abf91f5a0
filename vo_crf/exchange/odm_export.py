"""Export as CDISC ODM 1.3.2 XML (``--format odm``), streamed record batch by record batch.

The file validates against the ODM 1.3.2 schema and follows REDCap's naming (see odm_names), so
REDCap and this application can both read it. It holds the study metadata, AdminData, one
SubjectData per record (SubjectKey = record id or pseudonym) and, in identified exports, the
audit trail (see odm_audit). De-identified exports leave the audit trail out: it holds real
record ids, identifier values and real dates.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from sqlalchemy import select

from vo_crf import __version__
from vo_crf.attachments.reference import parse_reference
from vo_crf.attachments.store import load_content
from vo_crf.audit.trail import AuditAction, write_audit
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.models import ItemValue
from vo_crf.exchange.deidentify import DateMode, ExportTransform, export_transform
from vo_crf.exchange.odm_audit import (
    Change,
    ChangeKey,
    add_audit_record,
    admin_data,
    iter_history,
    last_changes,
    site_location_oid,
)
from vo_crf.exchange.odm_import import REDCAP_NS
from vo_crf.exchange.odm_metadata import Element, root_element, study_element, sub
from vo_crf.exchange.odm_names import (
    ODM_NS,
    event_oid,
    form_oid,
    item_groups,
    metadata_oid,
    q,
    study_oid,
    value_to_odm,
)
from vo_crf.exchange.redcap_export import record_sites
from vo_crf.exchange.redcap_layout import DATA_ACCESS_GROUP
from vo_crf.exchange.snapshot import DataSnapshot, StoredForm, iter_snapshots
from vo_crf.keys import StoredFormKey
from vo_crf.output_files import atomic_output, check_output
from vo_crf.project import Project, require_intact_audit
from vo_crf.study.model import FieldType, Study, ValidationType

ContentReader = Callable[[str], bytes | None]
"""Returns the stored bytes of a file by its SHA-256 (None when not held)."""

CHAIN_HEAD_LABEL = "Audit trail chain head:"
"""Ends the ODM root's Description: the audit chain head (POSITION:SHA256) at export time."""


def export_odm(project: Project, user: CurrentUser, path: Path, deidentified: bool = False,
               date_mode: DateMode | str = DateMode.SHIFT, include_audit: bool = True,
               force: bool = False, keep_free_text: bool = False) -> int:
    """Write the study as an ODM 1.3.2 Snapshot file; return the number of subjects written.

    ``path`` may not exist unless ``force`` (see vo_crf.output_files).
    De-identified: see vo_crf.exchange.deidentify (free text left out unless
    ``keep_free_text``, for users allowed identified data).
    """
    user.require(Action.EXPORT_DEIDENTIFIED if deidentified else Action.EXPORT_IDENTIFIED)
    path = check_output(Path(path), project, force)
    head = require_intact_audit(project.engine, "export refused").head
    study = project.study
    transform = export_transform(project, deidentified, date_mode, keep_free_text, user)
    with_audit = include_audit and not deidentified
    study_id = study_oid(study)
    mdv_id = metadata_oid(study, project.definition_version)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()
    subjects = 0
    groups = record_sites(project) if study.data_access_groups else {}

    def content_of(sha256: str) -> bytes | None:
        with read_session(project.engine) as session:
            return load_content(session, sha256)

    with atomic_output(path, project, force) as partial, \
            etree.xmlfile(str(partial), encoding="utf-8") as xf:
        xf.write_declaration()
        attrs = {"FileType": "Snapshot", "FileOID": f"vo-crf.{uuid.uuid4()}",
                 "CreationDateTime": now, "AsOfDateTime": now, "ODMVersion": "1.3.2",
                 "Granularity": "All", "SourceSystem": "vo-crf",
                 "SourceSystemVersion": __version__,
                 "Description": f"{study.name}. {transform.description()} "
                                f"{CHAIN_HEAD_LABEL} {head}"}
        with xf.element(q("ODM"), attrs, nsmap={None: ODM_NS}):
            xf.write("\n")
            xf.write(study_element(study, project.definition_version, transform,
                                   _decimals(project)), pretty_print=True)
            xf.write(admin_data(project, study_id, mdv_id, with_audit), pretty_print=True)
            with xf.element(q("ClinicalData"), {"StudyOID": study_id,
                                                "MetaDataVersionOID": mdv_id}):
                xf.write("\n")
                order = transform.record_id if deidentified else None
                for snapshot in iter_snapshots(project, order=order):
                    changes = _changes(project, snapshot) if with_audit else {}
                    for record_pk, record_id in snapshot.records:
                        subject = _subject(study, snapshot, record_pk, record_id, transform,
                                           changes, content_of)
                        _group_item(subject, groups.get(record_id, ""), study.record_id_field)
                        xf.write(subject, pretty_print=True)
                        subjects += 1
                if with_audit:
                    with xf.element(q("AuditRecords")):
                        xf.write("\n")
                        for record in iter_history(project):
                            xf.write(record, pretty_print=True)
            xf.write("\n")
    with write_transaction(project.engine) as session:
        write_audit(session, user.username, AuditAction.EXPORT, new_value=path.name,
                    reason=f"CDISC ODM, {subjects} subjects"
                    + (f", de-identified (dates: {DateMode(date_mode).value})"
                       if deidentified else ""))
    return subjects


def _changes(project: Project, snapshot: DataSnapshot) -> dict[ChangeKey, Change]:
    with read_session(project.engine) as session:
        return last_changes(session, [record_id for _pk, record_id in snapshot.records])


def _subject(study: Study, snapshot: DataSnapshot, record_pk: int, real_id: str,
             transform: ExportTransform, changes: dict[ChangeKey, Change],
             content_of: ContentReader) -> Element:
    subject = root_element("SubjectData", SubjectKey=transform.record_id(real_id))
    site = _site(study, snapshot, record_pk)
    if site:
        sub(subject, "SiteRef", LocationOID=site_location_oid(site))
    for event in study.events:
        name = event.unique_name
        present = [(form, number) for form in event.forms
                   for number in snapshot.repeat_numbers.get((record_pk, name, form), [])]
        if not present:
            continue
        event_el = sub(subject, "StudyEventData", StudyEventOID=event_oid(name),
                       StudyEventRepeatKey="1")
        for form, number in present:
            stored = snapshot.forms[StoredFormKey(record_pk, name, form, number)]

            def change_of(field: str | None, k: tuple[str, str, str, int] = (
                    real_id, name, form, number)) -> Change | None:
                return changes.get((*k, field))

            _form_data(event_el, study, form, number, stored, real_id, transform, change_of,
                       content_of)
    return subject


def _form_data(parent: Element, study: Study, form: str, number: int, stored: StoredForm,
               real_id: str, transform: ExportTransform,
               change_of: Callable[[str | None], Change | None],
               content_of: ContentReader) -> None:
    form_el = sub(parent, "FormData", FormOID=form_oid(form), FormRepeatKey=str(number))
    status_change = change_of(None)
    if status_change:
        add_audit_record(form_el, status_change)
    for group in item_groups(study.form(form)):
        group_el = None
        files: list[tuple[str, str, Change | None]] = []
        for column in group.items:
            fdef = column.field
            if fdef is not None and not transform.keeps(fdef):
                continue
            change = None
            if fdef is None:
                value = str(stored.status)
            elif column.checkbox_code is not None:
                chosen = stored.values.get(fdef.name, "").split(",")
                value = "1" if column.checkbox_code in chosen else "0"
                change = change_of(fdef.name)
            elif fdef.name == study.record_id_field:
                value = transform.record_id(real_id)
            elif fdef.is_file:
                files.append((column.name, stored.values.get(fdef.name, ""),
                              change_of(fdef.name)))
                continue
            else:
                value = stored.values.get(fdef.name, "")
                if value:
                    value = value_to_odm(column, transform.value(fdef, value, real_id))
                change = change_of(fdef.name)
            if value == "":
                continue
            if group_el is None:
                group_el = sub(form_el, "ItemGroupData", ItemGroupOID=group.oid,
                               ItemGroupRepeatKey="1")
            item = sub(group_el, "ItemData", ItemOID=column.name, Value=_clean(value))
            if change is not None:
                add_audit_record(item, change)
        if files:
            _file_items(form_el, group.oid, files, content_of)


def _file_items(form_el: Element, group_oid: str, files: list[tuple[str, str, Change | None]],
                content_of: ContentReader) -> None:
    """Write the files of one item group as REDCap does: ``ItemDataBase64Binary`` with
    ``redcap:DocName`` and ``redcap:MimeType``, in an ItemGroupData of their own (ODM does not
    mix typed and untyped items in one). A value without its file (a placeholder kept from a
    REDCap CSV) is written as an ordinary ItemData, with its last change as AuditRecord."""
    group_el: Element | None = None
    plain_el: Element | None = None
    for name, value, change in files:
        if not value:
            continue
        ref = parse_reference(value)
        content = content_of(ref.sha256) if ref is not None else None
        if ref is None or content is None:
            if plain_el is None:
                plain_el = sub(form_el, "ItemGroupData", ItemGroupOID=group_oid,
                               ItemGroupRepeatKey="1")
            item = sub(plain_el, "ItemData", ItemOID=name, Value=_clean(value))
            if change is not None:
                add_audit_record(item, change)
        else:
            if group_el is None:
                group_el = sub(form_el, "ItemGroupData", ItemGroupOID=group_oid,
                               ItemGroupRepeatKey="1")
            item = etree.SubElement(group_el, q("ItemDataBase64Binary"), {"ItemOID": name},
                                    nsmap={"redcap": REDCAP_NS})
            item.set(f"{{{REDCAP_NS}}}DocName", ref.name)
            item.set(f"{{{REDCAP_NS}}}MimeType", ref.mime_type)
            item.text = base64.b64encode(content).decode("ascii")
            # a typed item has simple content: no AuditRecord inside (the file's history is
            # in the AuditRecords of the ClinicalData, as every value's)


def _group_item(subject: Element, group: str, record_id_field: str) -> None:
    """Write the record's data access group as REDCap's ODM does: the
    ``redcap_data_access_group`` item, once, in the record's first item group (after the
    record id; never in a group of files, which holds typed items only)."""
    if not group:
        return
    for group_el in subject.iter(q("ItemGroupData")):
        if group_el.find(q("ItemDataBase64Binary")) is not None:
            continue
        after_id = len(group_el) > 0 and group_el[0].get("ItemOID") == record_id_field
        item = etree.Element(q("ItemData"), {"ItemOID": DATA_ACCESS_GROUP, "Value": group})
        group_el.insert(1 if after_id else 0, item)
        return


def _site(study: Study, snapshot: DataSnapshot, record_pk: int) -> str:
    name = study.protocol.site_field
    if not name or not study.has_field(name):
        return ""
    form = study.field(name).form
    for event in study.events_of_form(form):
        stored = snapshot.forms.get(StoredFormKey(record_pk, event.unique_name, form, 1))
        if stored and stored.values.get(name):
            return stored.values[name]
    return ""


def _decimals(project: Project) -> dict[str, int]:
    """Return, per decimal field, the most digits after the point found in the data."""
    study = project.study
    names = [f.name for f in study.fields if f.validation is ValidationType.NUMBER
             or f.field_type is FieldType.CALC or f.is_comma_decimal]
    found = dict.fromkeys(names, 0)
    with read_session(project.engine) as session:
        rows = session.execute(select(ItemValue.field, ItemValue.value)
                               .where(ItemValue.field.in_(names))
                               .execution_options(yield_per=5000))
        for name, value in rows:
            point = value.replace(",", ".")
            if "." in point and re.fullmatch(r"-?\d*\.\d+", point):
                found[name] = max(found[name], len(point.split(".")[1]))
    return found


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)
