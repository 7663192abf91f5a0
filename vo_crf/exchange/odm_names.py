"""How the study maps onto CDISC ODM 1.3.2: OIDs, item groups and data types (REDCap's scheme).

REDCap's "CDISC ODM" export names things this way, and so do we, so either file imports here:
``Event.<unique_event_name>``, ``Form.<form>``, item groups ``<form>.<first field of the
section>`` (a new group at every section header, the form status in ``<form>.<form>_complete``),
items by variable name (checkbox options ``<field>___<code>``) and code lists ``<item>.choices``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vo_crf.exchange.redcap_layout import Column, form_columns
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldDef, FormDef, Study, ValidationType

ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_CHOICES = tuple((status.code, status.label) for status in FormStatus)
CHECKBOX_CHOICES = (("1", "Checked"), ("0", "Unchecked"))
TEXT_LENGTH = 999


def q(tag: str) -> str:
    """Return the namespace-qualified name of an ODM element."""
    return f"{{{ODM_NS}}}{tag}"


def study_oid(study: Study) -> str:
    """Return ``Project.<name without spaces or punctuation>`` (REDCap's Study OID)."""
    return "Project." + (re.sub(r"[^A-Za-z0-9]", "", study.name) or "Study")


def metadata_oid(study: Study, definition_version: int) -> str:
    """Return the MetaDataVersion OID of a definition version."""
    return f"Metadata.{study_oid(study).removeprefix('Project.')}_v{definition_version}"


def event_oid(unique_name: str) -> str:
    """Return ``Event.<unique event name>``."""
    return f"Event.{unique_name}"


def form_oid(form: str) -> str:
    """Return ``Form.<form name>``."""
    return f"Form.{form}"


def codelist_oid(item_oid: str) -> str:
    """Return ``<item OID>.choices``."""
    return f"{item_oid}.choices"


def strip_prefix(oid: str, prefix: str) -> str:
    """Return an OID without its ``Event.``/``Form.`` prefix (plain names are accepted too)."""
    return oid.removeprefix(prefix)


@dataclass(frozen=True)
class ItemGroup:
    """One ItemGroupDef: a section of a form (REDCap) with its items."""

    oid: str
    name: str
    items: tuple[Column, ...]


def form_items(form: FormDef) -> list[Column]:
    """Return the ODM items of a form: the record id (on its form), fields, options, status."""
    return form_columns(form)


def item_groups(form: FormDef) -> list[ItemGroup]:
    """Split a form's items into REDCap's item groups (one per section, one for the status)."""
    groups: list[ItemGroup] = []
    current: list[Column] = []
    name = form.label
    for column in form_items(form):
        if column.is_status:
            break
        fdef = column.field
        assert fdef is not None
        starts_section = bool(fdef.section_header) and (
            column.checkbox_code is None or column.checkbox_code == fdef.choices[0].code)
        if current and starts_section:
            groups.append(ItemGroup(_group_oid(form, current), name, tuple(current)))
            current = []
        if not current:
            name = fdef.section_header or form.label
        current.append(column)
    if current:
        groups.append(ItemGroup(_group_oid(form, current), name, tuple(current)))
    status = Column(form.complete_field, form.name)
    groups.append(ItemGroup(f"{form.name}.{form.complete_field}", "Form Status", (status,)))
    return groups


def _group_oid(form: FormDef, items: list[Column]) -> str:
    """Return ``<form>.<first variable of the group>`` (a checkbox by its field name)."""
    first = items[0].field
    return f"{form.name}.{first.name if first is not None else items[0].name}"


def codes_are_integers(fdef: FieldDef) -> bool:
    """True when every code of a coded field is a whole number."""
    return bool(fdef.choices) and all(re.fullmatch(r"-?\d+", c.code) for c in fdef.choices)


def data_type(column: Column, dates_as_days: bool = False) -> str:
    """Return the ODM DataType of an item."""
    fdef = column.field
    if fdef is None or column.checkbox_code is not None:
        return "integer"
    if fdef.is_coded:
        return "integer" if codes_are_integers(fdef) else "text"
    if fdef.is_date:
        if dates_as_days:
            return "integer"
        return "datetime" if fdef.is_datetime else "date"
    if fdef.validation is ValidationType.INTEGER:
        return "integer"
    if fdef.is_numeric or fdef.is_comma_decimal:
        return "float"
    return "text"


def item_length(column: Column, kind: str, decimals: int) -> int | None:
    """Return the ODM Length of an item (None for dates)."""
    fdef = column.field
    if fdef is None or column.checkbox_code is not None:
        return 1
    if fdef.is_coded:
        return max(len(c.code) for c in fdef.choices)
    if kind == "integer":
        bounds = [b for b in (fdef.min_value, fdef.max_value) if re.fullmatch(r"-?\d+", b)]
        return max((len(b) for b in bounds), default=10) if bounds else 10
    if kind == "float":
        return 12 + decimals
    if kind == "text":
        return TEXT_LENGTH
    return None


def value_to_odm(column: Column, value: str) -> str:
    """Return the ODM form of a stored value (datetimes get the ISO 'T', as REDCap writes)."""
    fdef = column.field
    if fdef is not None and fdef.is_datetime and " " in value:
        return value.replace(" ", "T", 1)
    if fdef is not None and fdef.is_comma_decimal and _COMMA_NUMBER.fullmatch(value):
        return value.replace(",", ".")  # ODM's float: 38,5 is written 38.5
    return value


def value_from_odm(fdef: FieldDef, value: str) -> str:
    """Return the stored form of an ODM value (``2001-02-03T10:00`` → ``2001-02-03 10:00``)."""
    if fdef.is_datetime and "T" in value:
        value = value.replace("T", " ", 1)
        return value[:16] if len(value) > 16 and value.endswith(":00") else value
    if fdef.is_comma_decimal and _POINT_NUMBER.fullmatch(value):
        return value.replace(".", ",")  # stored as REDCap stores it: 38,5
    return value


_COMMA_NUMBER = re.compile(r"[+-]?(\d+(,\d*)?|,\d+)", re.ASCII)
_POINT_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
