"""Import of CDISC ODM 1.3.x clinical data (ours or REDCap's "CDISC ODM" export): all or nothing.

Only ``ClinicalData`` is read; the metadata, AdminData and audit records of the file are ignored
(the import writes its own audit trail, as the CSV import does) and so are vendor extension
attributes such as ``redcap:UniqueEventName`` (used only as a fallback for the event name), but
for REDCap's files: ``ItemDataBase64Binary`` with ``redcap:DocName`` and ``redcap:MimeType``
carries a ``file`` field's bytes, stored with the value naming them. Every
value goes through the checks of the CSV import and of data entry; problems are reported with
the line of the element in the file, and nothing is stored unless the whole file is valid.

An item absent from a FormData leaves the stored value alone, and so does an empty one
(``Value=""`` or ``IsNull="Yes"``) unless the import overwrites blanks; a form without its
``<form>_complete`` item keeps its status (``vo_crf.exchange.import_options``). An item given
twice for the same form instance (twice in one ItemGroupData, or in a repeated ItemGroupData)
is refused with both lines, as a FormData given twice is: the file would otherwise say two
things about one value.
"""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

from lxml import etree

from vo_crf.attachments.reference import MAX_ATTACHMENT_BYTES, reference_of, too_large_words
from vo_crf.attachments.spool import FileContent, FileSpool
from vo_crf.auth.permissions import Action
from vo_crf.auth.users import CurrentUser
from vo_crf.entry.errors import EntryError
from vo_crf.entry.records import check_record_id
from vo_crf.entry.service import FormKey
from vo_crf.entry.values import check_value, field_title, normalize_input, shown
from vo_crf.exchange.import_common import (
    ImportFailed,
    ImportProblem,
    ImportSummary,
    ParsedForm,
    apply_parsed_forms,
    check_duplicates,
    is_instance_number,
    value_problem,
    worded_problem,
)
from vo_crf.exchange.import_options import ImportOptions, keepable
from vo_crf.exchange.odm_names import ODM_NS, form_items, q, strip_prefix, value_from_odm
from vo_crf.exchange.redcap_layout import (
    DATA_ACCESS_GROUP,
    Column,
    is_survey_item,
    survey_note,
)
from vo_crf.project import Project
from vo_crf.study.form_status import STATUS_CODES
from vo_crf.study.model import FieldType, Study
from vo_crf.wording import FILE_TOO_LARGE, IMPORT_NOT_ODM, Words, say

REDCAP_NS = "https://projectredcap.org"


def looks_like_odm(path: Path) -> bool:
    """True when the file is XML (by extension or by its first non-blank character)."""
    if Path(path).suffix.lower() == ".xml":
        return True
    with Path(path).open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<")


def import_odm(project: Project, user: CurrentUser, path: Path,
               options: ImportOptions | None = None) -> ImportSummary:
    """Import an ODM file in one transaction; ImportFailed leaves the database unchanged."""
    user.require(Action.IMPORT)
    user.require(Action.EDIT_DATA)
    survey: set[str] = set()
    with FileSpool() as spool:  # the files carried wait on disk, not in memory
        parsed = parse_odm(project.study, Path(path), options, survey_items=survey, spool=spool)
        return _noted(apply_parsed_forms(project, user, parsed, Path(path).name, options),
                      survey)


def import_odm_bytes(project: Project, user: CurrentUser, data: bytes, source: str,
                     options: ImportOptions | None = None) -> ImportSummary:
    """Import ODM XML given as bytes (see import_odm)."""
    user.require(Action.IMPORT)
    user.require(Action.EDIT_DATA)
    survey: set[str] = set()
    parsed = parse_odm(project.study, io.BytesIO(data), options, survey_items=survey)
    return _noted(apply_parsed_forms(project, user, parsed, source, options), survey)


def _noted(summary: ImportSummary, survey_items: set[str]) -> ImportSummary:
    """The summary with the survey items passed over listed as not carried."""
    if survey_items:
        summary.not_carried.append(survey_note(survey_items))
    return summary


@dataclass
class _Form:
    line: int
    record_id: str
    event: str
    form: str
    instance: int
    items: dict[str, Column]
    values: dict[str, str] = field(default_factory=dict)
    status: str = ""
    given: bool = False
    item_lines: dict[str, int] = field(default_factory=dict)
    """The line of every item given (by ItemOID)."""
    field_lines: dict[str, int] = field(default_factory=dict)
    """The line of every field's first item (by field name)."""
    unchecked: set[str] = field(default_factory=set)
    """Checkboxes with an option given as 0."""
    files: dict[str, tuple[FileContent, str, str]] = field(default_factory=dict)
    """Files carried (ItemDataBase64Binary), by field: bytes (or where the spool holds
    them), name, MIME type."""


def source_line(element: etree._Element) -> int:
    """The element's line in the file (0 when unknown)."""
    return cast("int | None", element.sourceline) or 0  # lxml-stubs type it as ``...``


class _Reader:
    """State of one pass over the file."""

    def __init__(self, study: Study, ignored: frozenset[str] = frozenset(),
                 keep_invalid: bool = False, spool: FileSpool | None = None) -> None:
        self.study = study
        self.spool = spool
        self.ignored = ignored
        self.keep_invalid = keep_invalid
        self.problems: list[ImportProblem] = []
        self.survey_items: set[str] = set()
        """REDCap's survey items passed over (``redcap_layout.is_survey_item``)."""
        self.parsed: list[ParsedForm] = []
        self.subject: str | None = None
        self.site = ""
        self.event: str | None = None
        self.event_instance = 1
        """StudyEventRepeatKey: a repeating event's instance is its forms' instance."""
        self.form: _Form | None = None
        self.owner = {c.name: f.name for f in study.forms for c in form_items(f)}

    def problem(self, line: int, column: str, message: str, template: str = "",
                words: Words = ()) -> None:
        self.problems.append(ImportProblem(line, column, 0, message, template, words))

    def start(self, element: etree._Element) -> None:
        tag, line = element.tag, source_line(element)
        if tag == q("SubjectData"):
            self.subject = (element.get("SubjectKey") or "").strip()
            self.form = None
            self.site = ""
            self.event_instance = 1
            # REDCap writes a classic project's forms straight under SubjectData
            self.event = self.study.events[0].unique_name if self.study.classic else None
            try:
                check_record_id(self.subject)
            except EntryError as exc:
                self.problem(line, "SubjectKey", str(exc), getattr(exc, "template", ""),
                             getattr(exc, "words", ()))
                self.subject = None
        elif tag == q("StudyEventData"):
            self.form = None
            repeat = (element.get("StudyEventRepeatKey") or "1").strip()
            self.event_instance = int(repeat) if is_instance_number(repeat) else 1
            oid = element.get("StudyEventOID") or ""
            name = strip_prefix(oid, "Event.")
            if not self.study.has_event(name):
                name = element.get(f"{{{REDCAP_NS}}}UniqueEventName") or name
            self.event = name if self.study.has_event(name) else None
            if self.event is None:
                self.problem(line, "StudyEventOID", f"unknown event {shown(oid)}")
        elif tag == q("FormData"):
            self.form = self._open_form(element, line)

    def _open_form(self, element: etree._Element, line: int) -> _Form | None:
        if self.subject is None or self.event is None:
            return None
        oid = element.get("FormOID") or ""
        form = strip_prefix(oid, "Form.")
        if form not in self.study.event(self.event).forms:
            self.problem(line, "FormOID", f"form {shown(oid)} is not collected at {self.event}")
            return None
        key = (element.get("FormRepeatKey") or "1").strip()
        if key == "1" and self.event_instance > 1:  # an instance of a repeating event
            key = str(self.event_instance)
        if not is_instance_number(key):
            self.problem(line, "FormRepeatKey", f"{shown(key)} is not a repeat key (1, 2…)")
            return None
        if int(key) > 1 and not self.study.is_repeating(self.event, form):
            self.problem(line, "FormRepeatKey",
                         f"{form} does not repeat at {self.event}: FormRepeatKey must be 1")
            return None
        items = {c.name: c for c in form_items(self.study.form(form))}
        return _Form(line, self.subject, self.event, form, int(key), items)

    def item(self, element: etree._Element) -> None:
        current, line = self.form, source_line(element)
        if current is None:
            return
        oid = element.get("ItemOID") or ""
        if oid in self.ignored:
            return
        if oid == DATA_ACCESS_GROUP:
            self.site = (element.get("Value") or "").strip()
            groups = sorted(g.code for g in self.study.data_access_groups)
            if self.site and groups and self.site not in groups:
                self.problem(line, oid, f"unknown data access group {shown(self.site)} "
                                        f"(known: {', '.join(groups)})")
            return
        column = current.items.get(oid)
        if column is None and is_survey_item(oid, current.form) \
                and not self.study.has_field(oid):
            self.survey_items.add(oid)
            return
        if column is None:
            owner = self.owner.get(oid)
            where = f"belongs to form {owner!r}" if owner else "is not in the data dictionary"
            self.problem(line, oid or "ItemOID",
                         f"item {shown(oid)} {where}, not to {current.form!r}")
            return
        first = current.item_lines.setdefault(oid, line)
        if first != line:
            self.problem(line, oid, f"item {oid} of {current.form} at {current.event} of "
                                    f"{current.record_id} is given twice (first on line {first})")
            return
        null = (element.get("IsNull") or "").lower() == "yes"
        raw = "" if null else element.get("Value", "")
        fdef = column.field
        if fdef is None:
            if raw.strip() and raw.strip() not in STATUS_CODES:
                self.problem(line, oid, f"form status must be 0, 1 or 2, not {shown(raw)}")
            current.status, current.given = raw.strip(), True
        elif column.checkbox_code is not None:
            current.field_lines.setdefault(fdef.name, line)
            self._checkbox(current, column, raw.strip(), line)
        elif fdef.name == self.study.record_id_field:
            if raw.strip() != current.record_id:
                self.problem(line, oid, f"record id {shown(raw)} differs from the SubjectKey "
                                        f"{shown(current.record_id)}")
        elif fdef.field_type is not FieldType.CALC:
            value = normalize_input(fdef, value_from_odm(
                fdef, raw if fdef.field_type is FieldType.NOTES else raw.strip()))
            for message in check_value(fdef, value, self.study.missing_code_values):
                if message.is_error and not (self.keep_invalid and keepable(fdef, message)):
                    self.problems.append(value_problem(line, oid, message))
            current.values[fdef.name] = value
            current.field_lines.setdefault(fdef.name, line)
            current.given = True

    def file_item(self, element: etree._Element) -> None:
        """A file as REDCap's ODM carries it: base64 bytes with ``redcap:DocName`` and
        ``redcap:MimeType``; an empty element is a blank value."""
        current, line = self.form, _line(element)
        if current is None:
            return
        oid = element.get("ItemOID") or ""
        column = current.items.get(oid)
        fdef = column.field if column is not None else None
        if fdef is None or not fdef.is_file:
            self.problem(line, oid or "ItemOID",
                         f"ItemDataBase64Binary {shown(oid)} is not a file field of "
                         f"{current.form!r}")
            return
        if current.item_lines.setdefault(oid, line) != line:
            self.problem(line, oid, f"item {oid} of {current.form} at {current.event} of "
                                    f"{current.record_id} is given twice")
            return
        text = "".join((element.text or "").split())
        element.text = None  # the tree need not keep the file's text until the subject's end
        current.field_lines.setdefault(fdef.name, line)
        current.given = True
        if not text:
            current.values[fdef.name] = ""
            return
        try:
            content = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            self.problem(line, oid, f"{field_title(fdef)}: the file is not valid base64")
            return
        name = element.get(f"{{{REDCAP_NS}}}DocName") or f"{fdef.name}.bin"
        mime = element.get(f"{{{REDCAP_NS}}}MimeType") or ""
        ref = reference_of(content, name, mime)
        if ref.size > MAX_ATTACHMENT_BYTES:
            words = too_large_words(field_title(fdef), ref.name, ref.size)
            self.problem(line, oid, say(FILE_TOO_LARGE, words), FILE_TOO_LARGE, words)
            return
        current.values[fdef.name] = ref.value
        kept = content if self.spool is None else self.spool.add(content)
        current.files[fdef.name] = (kept, ref.name, ref.mime_type)

    def _checkbox(self, current: _Form, column: Column, raw: str, line: int) -> None:
        fdef = column.field
        assert fdef is not None and column.checkbox_code is not None
        if raw not in ("", "0", "1"):
            self.problem(line, column.name, f"checkbox option must be 0 or 1, not {shown(raw)}")
            return
        chosen = current.values.get(fdef.name, "")
        if raw == "1":
            chosen = ",".join(filter(None, [chosen, column.checkbox_code]))
        elif raw == "0":
            current.unchecked.add(fdef.name)
        current.values[fdef.name] = chosen
        current.given = True

    def end_form(self) -> None:
        current = self.form
        self.form = None
        if current is None or not current.given:
            return
        if current.status and current.status not in STATUS_CODES:
            return
        key = FormKey(current.record_id, current.event, current.form, current.instance)
        cleared = frozenset(n for n in current.unchecked if not current.values.get(n))
        self.parsed.append(ParsedForm(current.line, key, current.values,
                                      int(current.status) if current.status else None,
                                      cleared, current.field_lines, files=current.files,
                                      site=self.site))


def _line(element: etree._Element) -> int:
    """The element's line in the file (0 when unknown)."""
    line = element.sourceline
    return line if isinstance(line, int) else 0


def parse_odm(study: Study, source: Path | IO[bytes], options: ImportOptions | None = None,
              ignored: frozenset[str] = frozenset(),
              survey_items: set[str] | None = None, spool: FileSpool | None = None
              ) -> list[ParsedForm]:
    """Read the ClinicalData of an ODM file; raise ImportFailed listing every problem.

    With ``options.keep_invalid`` values failing their text validation are no problem.
    Items named in ``ignored`` (a REDCap project's reserved items) are passed over, and so
    are REDCap's survey items (``redcap_layout.is_survey_item``), added to ``survey_items``.
    REDCap's ``redcap_data_access_group`` item gives the record's site. With a ``spool``, the
    files carried are kept there (on disk) instead of in memory; the caller closes it after
    storing them.
    """
    reader = _Reader(study, ignored, bool(options and options.keep_invalid_reason), spool)
    events = etree.iterparse(source if not isinstance(source, Path) else str(source),
                             events=("start", "end"), resolve_entities=False, no_network=True,
                             remove_comments=True, huge_tree=True)
    seen_root = False
    try:
        for event, element in events:
            if not seen_root:
                seen_root = True
                if element.tag != q("ODM"):
                    raise ImportFailed([worded_problem(
                        source_line(element) or 1, "", IMPORT_NOT_ODM,
                        element=repr(element.tag), namespace=ODM_NS)])
            if event == "start":
                reader.start(element)
                continue
            tag = element.tag
            if tag == q("ItemData"):
                reader.item(element)
            elif tag == q("ItemDataBase64Binary"):
                reader.file_item(element)
            elif isinstance(tag, str) and tag.startswith(q("ItemData")):
                reader.problem(source_line(element), element.get("ItemOID") or "",
                               f"typed {etree.QName(tag).localname} is not supported: "
                               "use ItemData with a Value")
            elif tag == q("FormData"):
                reader.end_form()
            elif tag in (q("SubjectData"), q("Study"), q("AdminData"), q("AuditRecords")):
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        reader.problems.append(ImportProblem(line, "", 0, f"malformed XML: {exc.msg}"))
    if not reader.problems and not reader.parsed:
        reader.problems.append(ImportProblem(1, "", 0, "the file holds no clinical data"))
    check_duplicates(reader.parsed, reader.problems)
    if survey_items is not None:
        survey_items |= reader.survey_items
    if reader.problems:
        raise ImportFailed(reader.problems)
    return reader.parsed
