"""The ODM ``Study`` element: global variables and the MetaDataVersion built from the study."""

from __future__ import annotations

import re

from lxml import etree

from vo_crf.exchange.deidentify import ExportTransform
from vo_crf.exchange.odm_names import (
    CHECKBOX_CHOICES,
    ODM_NS,
    STATUS_CHOICES,
    XML_LANG,
    codelist_oid,
    data_type,
    event_oid,
    form_oid,
    item_groups,
    item_length,
    metadata_oid,
    q,
    study_oid,
)
from vo_crf.exchange.redcap_layout import DATA_ACCESS_GROUP, Column
from vo_crf.study.model import FieldDef, FormDef, Study

Element = etree._Element


def sub(parent: Element, tag: str, text: str | None = None, **attrs: str | None) -> Element:
    """Add an ODM child element with attributes (None values left out) and optional text."""
    child = etree.SubElement(parent, q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        child.text = text
    return child


def root_element(tag: str, **attrs: str | None) -> Element:
    """Return a free-standing ODM element (written on its own by the streaming writer)."""
    return etree.Element(q(tag), {k: v for k, v in attrs.items() if v is not None},
                         nsmap={None: ODM_NS})  # type: ignore[dict-item]  # lxml allows None


def translated(parent: Element, tag: str, text: str) -> Element:
    """Add ``<tag><TranslatedText xml:lang="en">text</TranslatedText></tag>``."""
    holder = sub(parent, tag)
    sub(holder, "TranslatedText", _clean(text), **{XML_LANG: "en"})
    return holder


def study_element(study: Study, definition_version: int, transform: ExportTransform,
                  decimals: dict[str, int]) -> Element:
    """Return the complete ``Study`` element (metadata only: small, built in memory)."""
    study_el = root_element("Study", OID=study_oid(study))
    globals_el = sub(study_el, "GlobalVariables")
    sub(globals_el, "StudyName", _clean(study.name))
    missing = "; ".join(f"{c.code} = {c.label}" for c in study.missing_codes)
    sub(globals_el, "StudyDescription", _clean(
        f"{study.name}: case-report form data exported by vo-crf. {transform.description()} "
        f"Missing-data codes may stand in place of any value: {missing}."))
    sub(globals_el, "ProtocolName", _clean(study.name))
    mdv = sub(study_el, "MetaDataVersion", OID=metadata_oid(study, definition_version),
              Name=f"{_clean(study.name)} (definition version {definition_version})",
              Description=_clean(transform.description()))
    _protocol(mdv, study)
    _events(mdv, study)
    kept = study.forms
    groups = {form.name: _kept_groups(form, transform) for form in kept}
    for form in kept:
        _form_def(mdv, study, form.name, form.label, groups[form.name])
    # a study with data access groups: REDCap's redcap_data_access_group item, in the first
    # item group (the record id's), as REDCap's own ODM defines it
    group_item = DATA_ACCESS_GROUP if study.data_access_groups and kept else ""
    for form in kept:
        for oid, name, items in groups[form.name]:
            first = group_item and oid == groups[kept[0].name][0][0]
            _item_group_def(mdv, oid, name, items, group_item if first else "")
    for form in kept:
        for _oid, _name, items in groups[form.name]:
            for column in items:
                _item_def(mdv, column, transform, decimals.get(column.name, 0))
    if group_item:
        translated(sub(mdv, "ItemDef", OID=group_item, Name=group_item, DataType="text",
                       Length="18"), "Question", "Data Access Group")
    for form in kept:
        for _oid, _name, items in groups[form.name]:
            for column in items:
                _code_list(mdv, column)
    return study_el


def _kept_groups(form: FormDef, transform: ExportTransform
                 ) -> list[tuple[str, str, list[Column]]]:
    kept = []
    for group in item_groups(form):
        items = [c for c in group.items if c.field is None or transform.keeps(c.field)]
        if items:
            kept.append((group.oid, group.name, items))
    return kept


def _protocol(mdv: Element, study: Study) -> None:
    protocol = sub(mdv, "Protocol")
    for number, event in enumerate(study.events, start=1):
        sub(protocol, "StudyEventRef", StudyEventOID=event_oid(event.unique_name),
            OrderNumber=str(number), Mandatory="No")


CLASSIC_EVENT = ("the one event of a classic project (no events), named as REDCap names it; "
                 "REDCap writes a classic project's forms straight under SubjectData, which "
                 "ODM 1.3.2 does not allow")
"""How a classic study's one StudyEventDef is described."""


def _events(mdv: Element, study: Study) -> None:
    for event in study.events:
        first, last = event.window
        element = sub(mdv, "StudyEventDef", OID=event_oid(event.unique_name), Name=event.label,
                      Repeating="No", Type="Scheduled")
        translated(element, "Description",
                   CLASSIC_EVENT if study.classic else
                   f"{event.label}: study day {event.day_offset} after M0 "
                   f"(window day {first} to day {last})")
        for number, form in enumerate(event.forms, start=1):
            sub(element, "FormRef", FormOID=form_oid(form), OrderNumber=str(number),
                Mandatory="No")
        sub(element, "Alias", Context="REDCap unique_event_name", Name=event.unique_name)


def _form_def(mdv: Element, study: Study, name: str, label: str,
              groups: list[tuple[str, str, list[Column]]]) -> None:
    repeats = any(r.form == name for r in study.repeating)
    element = sub(mdv, "FormDef", OID=form_oid(name), Name=label or name,
                  Repeating="Yes" if repeats else "No")
    for number, (oid, _name, _items) in enumerate(groups, start=1):
        sub(element, "ItemGroupRef", ItemGroupOID=oid, OrderNumber=str(number), Mandatory="No")
    sub(element, "Alias", Context="REDCap instrument", Name=name)


def _item_group_def(mdv: Element, oid: str, name: str, items: list[Column],
                    group_item: str = "") -> None:
    element = sub(mdv, "ItemGroupDef", OID=oid, Name=_clean(name) or oid, Repeating="No")
    for number, column in enumerate(items, start=1):
        required = column.field is not None and column.field.required \
            and column.checkbox_code is None
        sub(element, "ItemRef", ItemOID=column.name, OrderNumber=str(number),
            Mandatory="Yes" if required else "No")
    if group_item:
        sub(element, "ItemRef", ItemOID=group_item, OrderNumber=str(len(items) + 1),
            Mandatory="No")


def _item_def(mdv: Element, column: Column, transform: ExportTransform, decimals: int) -> None:
    fdef = column.field
    kind = data_type(column, transform.dates_as_days)
    length = item_length(column, kind, decimals)
    element = sub(mdv, "ItemDef", OID=column.name, Name=column.name, DataType=kind,
                  Length=str(length) if length is not None else None,
                  SignificantDigits=str(decimals) if kind == "float" else None)
    if fdef is None:
        translated(element, "Question", "Complete?")
    else:
        description = fdef.note
        if fdef.is_date and transform.dates_as_days:
            description = "days since M0 (de-identified)" + (f"; {fdef.note}" if fdef.note
                                                             else "")
        if description:
            translated(element, "Description", description)
        question = fdef.label
        if column.checkbox_code is not None:
            question += ": " + fdef.choice_label(column.checkbox_code)
        translated(element, "Question", question or fdef.name)
        if column.checkbox_code is None and not (fdef.is_date and transform.dates_as_days):
            _range_checks(element, fdef, kind)
    if fdef is None or fdef.is_coded:
        sub(element, "CodeListRef", CodeListOID=codelist_oid(column.name))
    if fdef is not None and column.checkbox_code is not None:
        sub(element, "Alias", Context="REDCap variable", Name=fdef.name)


def _range_checks(element: Element, fdef: FieldDef, kind: str) -> None:
    """Soft range checks from the dictionary's min/max (``today`` cannot be expressed)."""
    if kind not in ("integer", "float", "date", "datetime") or fdef.is_coded:
        return
    bounds = [(b, c) for b, c in ((fdef.min_value, "GE"), (fdef.max_value, "LE"))
              if b and b.lower() not in ("today", "now")]
    for bound, comparator in bounds:
        check = sub(element, "RangeCheck", Comparator=comparator, SoftHard="Soft")
        sub(check, "CheckValue", bound.replace(",", ".") if kind == "float" else bound)
        word = "at least" if comparator == "GE" else "at most"
        translated(check, "ErrorMessage",
                   f"{fdef.label or fdef.name} is usually {word} {bound}: please verify")


def _code_list(mdv: Element, column: Column) -> None:
    fdef = column.field
    if fdef is not None and not fdef.is_coded:
        return
    choices: tuple[tuple[str, str], ...]
    if fdef is None:
        choices, kind = STATUS_CHOICES, "integer"
    elif column.checkbox_code is not None:
        choices, kind = CHECKBOX_CHOICES, "integer"
    else:
        choices = tuple((c.code, c.label) for c in fdef.choices)
        kind = data_type(column)
    element = sub(mdv, "CodeList", OID=codelist_oid(column.name), Name=column.name,
                  DataType=kind)
    for code, label in choices:
        item = sub(element, "CodeListItem", CodedValue=code)
        translated(item, "Decode", label)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    """Remove control characters XML cannot hold."""
    return _CONTROL.sub("", text)
