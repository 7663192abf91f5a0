"""REDCap's project XML (CDISC ODM 1.3.1 with ``redcap:`` extensions) as a study definition.

REDCap's "Download project XML (metadata & data)" (API ``exportProjectXML``) holds the whole
project: the data dictionary spread over ``ItemDef`` attributes (``redcap:FieldType``,
``redcap:TextValidationType``, ``redcap:BranchingLogic``, ``redcap:FieldAnnotation``,
``redcap:MatrixGroupName``...), events and arms (``StudyEventDef`` with ``redcap:ArmNum``,
``redcap:DayOffset``...), the form-event mapping (``FormRef``), repeating instruments, missing-data
codes and data access groups (``GlobalVariables``), then the data (``ClinicalData``).

:func:`read_project_xml` turns the metadata into the texts of REDCap's own definition files
(data dictionary, events, mapping, repeating forms, ``project.json``), so that the one loader
(``vo_crf.study.loader``) checks and parses it as any other study. What a REDCap server does
and an offline copy cannot (surveys, alerts, user roles, reports...) is listed in
``not_carried``. The file is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from vo_crf.exchange.odm_names import ODM_NS, q
from vo_crf.exchange.redcap_layout import is_survey_item, survey_note
from vo_crf.exchange.redcap_project_features import rc, server_features
from vo_crf.study import loader
from vo_crf.study.errors import DefinitionError

DAG_ITEM = "redcap_data_access_group"
"""REDCap's reserved column (and ODM item) holding a record's data access group."""
_FIELD_TYPES = {"textarea": "notes", "select": "dropdown"}
"""REDCap's internal field type names (project XML) → the data dictionary's."""
_VALIDATIONS = {"int": "integer", "float": "number"}
"""REDCap's internal validation names (project XML) → the data dictionary's."""
_CHOICE_TYPES = ("dropdown", "radio", "checkbox")
_DICTIONARY_HEADER = (*(loader._DICTIONARY_COLUMNS), "Custom Alignment",
                      "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?",
                      "Field Annotation")
def safe_parser() -> etree.XMLParser:
    """An XML parser that expands no entity, loads no DTD and touches no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           remove_comments=True, huge_tree=False)


@dataclass
class ProjectXml:
    """A REDCap project XML read: its definition files' texts and what stays behind."""

    path: Path
    texts: dict[str, str]
    """The definition files' texts (``loader`` file names as keys)."""
    not_carried: list[str] = field(default_factory=list)
    """What the project has that cannot be carried offline, one sentence each."""
    has_data: bool = False
    """True when ``ClinicalData`` holds at least one record."""
    reserved_items: frozenset[str] = frozenset()
    """Items of the data that are no field, no data access group and no survey item (those
    follow ``redcap_layout.is_survey_item``, as in every ODM import): not imported."""
    data_access_groups: dict[str, str] = field(default_factory=dict)
    """Unique group name → group name."""


def unique_group_name(name: str) -> str:
    """REDCap's unique name of a data access group ("North Clinic" → ``north_clinic``)."""
    text = re.sub(r"\s+", "_", name.strip().lower())
    return re.sub(r"[^a-z0-9_]", "", text)[:18]


def read_project_xml(path: Path | str) -> ProjectXml:
    """Read the metadata of a REDCap project XML; DefinitionError names what is wrong."""
    path = Path(path)
    study_element, has_data = _read_study(path)
    gv = study_element.find(q("GlobalVariables"))
    mdv = study_element.find(q("MetaDataVersion"))
    if gv is None or mdv is None:
        raise DefinitionError(path.name, 0, "not a REDCap project XML: no GlobalVariables or "
                                            "MetaDataVersion in its Study")
    result = ProjectXml(path=path, texts={}, has_data=has_data)
    reserved: set[str] = set()
    dictionary = _dictionary(mdv, result, reserved)
    events, mapping = _events(mdv)
    result.reserved_items = frozenset(reserved)
    result.data_access_groups = {
        unique_group_name(g.get("group_name", "")): g.get("group_name", "")
        for g in gv.iter(rc("DataAccessGroups")) if g.get("group_name")}
    project = _project_settings(gv, mdv, result, path)
    result.texts = {loader.DICTIONARY: dictionary, loader.EVENTS: events,
                    loader.MAPPING: mapping, loader.REPEATING: _repeating(gv, mdv, bool(events),
                                                                          result),
                    loader.PROJECT: json.dumps(project, indent=2, ensure_ascii=False) + "\n"}
    for sentence in server_features(gv):
        _note(result, sentence)
    return result


def _read_study(path: Path) -> tuple[etree._Element, bool]:
    """Return the ``Study`` element and whether ``ClinicalData`` holds a record (streamed:
    the data are not kept in memory)."""
    study: etree._Element | None = None
    has_data = False
    in_clinical = False
    try:
        for event, element in etree.iterparse(
                str(path), events=("start", "end"), resolve_entities=False, no_network=True,
                load_dtd=False, remove_comments=True, huge_tree=False):
            tag = element.tag
            if event == "start":
                if study is None and tag not in (q("ODM"), q("Study")) and \
                        element.getparent() is None:
                    break
                if tag == q("ClinicalData"):
                    in_clinical = True
                elif in_clinical and tag == q("SubjectData"):
                    has_data = True
                    break
            elif tag == q("Study"):
                study = element
            elif tag == q("ClinicalData"):
                break
    except etree.XMLSyntaxError as exc:
        raise DefinitionError(path.name, exc.lineno or 0, f"malformed XML: {exc.msg}") from None
    except OSError as exc:
        raise DefinitionError(path.name, 0, f"cannot read the file: {exc}") from None
    if study is None:
        raise DefinitionError(path.name, 0, "not a REDCap project XML: no CDISC ODM Study "
                                            f"element (namespace {ODM_NS})")
    return study, has_data


def _text(element: etree._Element | None) -> str:
    """The element's own text (entity references are not expanded, so never included)."""
    return "" if element is None else (element.text or "").strip()


def _label(item_def: etree._Element) -> str:
    """The field label: REDCap's formatted (HTML) text when given, else the plain text."""
    question = item_def.find(q("Question"))
    if question is None:
        return ""
    formatted = question.find(rc("FormattedTranslatedText"))
    if formatted is not None and formatted.text:
        return formatted.text
    return _text(question.find(q("TranslatedText")))


def _dictionary(mdv: etree._Element, result: ProjectXml, reserved: set[str]) -> str:
    """Return the data dictionary CSV text of the MetaDataVersion."""
    item_defs = {d.get("OID", ""): d for d in mdv.iter(q("ItemDef"))}
    groups = {g.get("OID", ""): g for g in mdv.iter(q("ItemGroupDef"))}
    code_lists = {c.get("OID", ""): c for c in mdv.iter(q("CodeList"))}
    labels: dict[str, str] = {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_DICTIONARY_HEADER)
    seen: set[str] = set()
    survey: list[str] = []
    for form_def in mdv.iter(q("FormDef")):
        form = form_def.get(rc("FormName")) or (form_def.get("OID") or "").removeprefix("Form.")
        labels[form] = form_def.get("Name") or form
        for ref in form_def.iter(q("ItemGroupRef")):
            group = groups.get(ref.get("ItemGroupOID", ""))
            for item_ref in group.iter(q("ItemRef")) if group is not None else ():
                oid = item_ref.get("ItemOID", "")
                variable = item_ref.get(rc("Variable")) or oid
                item_def = item_defs.get(oid)
                if variable in seen or variable == f"{form}_complete" or item_def is None:
                    continue
                seen.add(variable)
                if item_def.get(rc("FieldType")) is None:
                    if is_survey_item(variable, form):  # passed over by the data's reader
                        survey.append(variable)
                    elif variable != DAG_ITEM:  # the data access group gives the site
                        reserved.add(oid)
                        _note(result, f"REDCap's reserved item {variable!r}: not kept offline")
                    continue
                writer.writerow(_field_row(item_def, variable, form, code_lists, result))
    result.texts["form_labels"] = json.dumps(labels)
    if survey:
        _note(result, survey_note(survey))
    return out.getvalue()


def _field_row(item_def: etree._Element, variable: str, form: str,
               code_lists: dict[str, etree._Element], result: ProjectXml) -> list[str]:
    """One data dictionary row from an ItemDef."""
    kind_text = item_def.get(rc("FieldType"), "text")
    kind = _FIELD_TYPES.get(kind_text, kind_text)
    validation = item_def.get(rc("TextValidationType"), "")
    validation = _VALIDATIONS.get(validation, validation)
    if kind not in ("text", "slider") and validation:
        if validation == "autocomplete":
            _note(result, f"auto-complete of drop-down {variable!r}: shown as a plain list")
        validation = ""
    choices = ""
    if kind == "calc":
        choices = item_def.get(rc("Calculation"), "")
    elif kind in _CHOICE_TYPES:
        ref = item_def.find(q("CodeListRef"))
        code_list = code_lists.get(ref.get("CodeListOID", "")) if ref is not None else None
        choices = _choices(code_list)
    elif kind == "slider":  # left | middle | right, as the dictionary's choices column
        choices = item_def.get(rc("SliderLabels"), "")
    elif kind == "sql":
        _note(result, f"the SQL query of field {variable!r} (it needs the REDCap server): its "
                      "values are kept read-only")
    if item_def.get(rc("OntologySearch")):
        _note(result, f"the ontology look-up of field {variable!r}: plain text offline")
    if item_def.find(rc("Attachment")) is not None or item_def.get(rc("VideoUrl")):
        _note(result, f"the image, attachment or video of descriptive field {variable!r}")
    low, high = _range(item_def)
    return [variable, form, item_def.get(rc("SectionHeader"), ""), kind, _label(item_def),
            choices, item_def.get(rc("FieldNote"), ""), validation, low, high,
            item_def.get(rc("Identifier"), ""), item_def.get(rc("BranchingLogic"), ""),
            item_def.get(rc("RequiredField"), ""), item_def.get(rc("CustomAlignment"), ""),
            item_def.get(rc("QuestionNumber"), ""), item_def.get(rc("MatrixGroupName"), ""),
            item_def.get(rc("MatrixRanking"), ""), item_def.get(rc("FieldAnnotation"), "")]


def _choices(code_list: etree._Element | None) -> str:
    """REDCap's choice text (``1, Yes | 0, No``) of a code list (checkboxes: the redcap
    attribute listing every option)."""
    if code_list is None:
        return ""
    given = code_list.get(rc("CheckboxChoices"))
    if given:
        return given
    parts = []
    for item in code_list.iter(q("CodeListItem")):
        decode = item.find(q("Decode"))
        label = ""
        if decode is not None:
            formatted = decode.find(rc("FormattedTranslatedText"))
            label = formatted.text or "" if formatted is not None else \
                _text(decode.find(q("TranslatedText")))
        parts.append(f"{item.get('CodedValue', '')}, {label}")
    return " | ".join(parts)


def _range(item_def: etree._Element) -> tuple[str, str]:
    """Text validation min and max from the ItemDef's RangeChecks."""
    low = high = ""
    for check in item_def.iter(q("RangeCheck")):
        value = _text(check.find(q("CheckValue")))
        if check.get("Comparator") in ("GE", "GT"):
            low = value
        elif check.get("Comparator") in ("LE", "LT"):
            high = value
    return low, high


def _whole(text: str | None) -> str:
    """A day offset as a whole number ("30.0" → "30"; other text is left to the loader)."""
    try:
        number = float(text or "0")
    except ValueError:
        return text or ""
    return str(int(number)) if number.is_integer() else text or ""


def _events(mdv: etree._Element) -> tuple[str, str]:
    """The events and form-event mapping CSV texts ('' both for a classic project)."""
    definitions = list(mdv.iter(q("StudyEventDef")))
    if not definitions:
        return "", ""
    events, mapping = io.StringIO(), io.StringIO()
    event_writer = csv.writer(events, lineterminator="\n")
    map_writer = csv.writer(mapping, lineterminator="\n")
    event_writer.writerow(["event_name", "arm_num", "day_offset", "offset_min", "offset_max",
                           "unique_event_name", "custom_event_label"])
    map_writer.writerow(["arm_num", "unique_event_name", "form"])
    for definition in definitions:
        unique = definition.get(rc("UniqueEventName")) or \
            (definition.get("OID") or "").removeprefix("Event.")
        arm = definition.get(rc("ArmNum"), "1")
        event_writer.writerow([definition.get(rc("EventName")) or definition.get("Name", ""),
                               arm, _whole(definition.get(rc("DayOffset"))),
                               _whole(definition.get(rc("OffsetMin"))),
                               _whole(definition.get(rc("OffsetMax"))), unique,
                               definition.get(rc("CustomEventLabel"), "")])
        for ref in definition.iter(q("FormRef")):
            form = ref.get(rc("FormName")) or (ref.get("FormOID") or "").removeprefix("Form.")
            map_writer.writerow([arm, unique, form])
    return events.getvalue(), mapping.getvalue()


def _repeating(gv: etree._Element, mdv: etree._Element, longitudinal: bool,
               result: ProjectXml) -> str:
    """The repeating forms CSV text ('' when nothing repeats).

    A repeating event (every form of the event repeats together) becomes a repeating form for
    each form of that event: the instances of the event are the instances of its forms.
    """
    rows = [(r.get(rc("UniqueEventName"), ""), r.get(rc("RepeatInstrument"), ""),
             r.get(rc("CustomLabel"), "")) for r in gv.iter(rc("RepeatingInstrument"))]
    forms_of = {d.get(rc("UniqueEventName")) or (d.get("OID") or "").removeprefix("Event."):
                [f.get(rc("FormName")) or (f.get("FormOID") or "").removeprefix("Form.")
                 for f in d.iter(q("FormRef"))] for d in mdv.iter(q("StudyEventDef"))}
    for repeating_event in gv.iter(rc("RepeatingEvent")):
        name = repeating_event.get(rc("UniqueEventName"), "")
        rows += [(name, form, "") for form in forms_of.get(name, [])
                 if (name, form, "") not in rows]
        _note(result, f"the repeating event {name!r} as a whole: offline each of its forms "
                      "repeats (exports give one row per form instance)")
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["event_name", "form_name", "custom_form_label"] if longitudinal
                    else ["form_name", "custom_form_label"])
    for event_name, form, label in rows:
        writer.writerow([event_name, form, label] if longitudinal else [form, label])
    return out.getvalue()


def _project_settings(gv: etree._Element, mdv: etree._Element, result: ProjectXml,
                      path: Path) -> dict[str, object]:
    """The ``project.json`` settings: name, form labels, arms, missing codes, groups."""
    name = _text(gv.find(q("StudyName"))) or mdv.get("Name") or path.stem
    project: dict[str, object] = {"name": name,
                                  "form_labels": json.loads(result.texts.pop("form_labels"))}
    arms = {d.get(rc("ArmNum"), "1"): d.get(rc("ArmName"), "")
            for d in mdv.iter(q("StudyEventDef")) if d.get(rc("ArmName"))}
    if arms:
        project["arms"] = arms
    missing = _text(gv.find(rc("MissingDataCodes")))
    if missing:
        project["missing_data_codes"] = " | ".join(
            line.strip() for line in re.split(r"\s*(?:\||\n)\s*", missing) if line.strip())
    if result.data_access_groups:
        project["data_access_groups"] = [{"unique_name": u, "name": n}
                                         for u, n in result.data_access_groups.items()]
        _note(result, "the data access groups' users: each record keeps its group as its "
                      "site; give users their sites offline")
    return project


def _note(result: ProjectXml, sentence: str) -> None:
    if sentence not in result.not_carried:
        result.not_carried.append(sentence)
