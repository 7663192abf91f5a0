"""The column layout of REDCap's flat "CSV raw" record export, derived from the study."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vo_crf.study.model import FieldDef, FieldType, FormDef, Study

RECORD_EVENT = "redcap_event_name"
REPEAT_INSTRUMENT = "redcap_repeat_instrument"
REPEAT_INSTANCE = "redcap_repeat_instance"
SPECIAL_COLUMNS = (RECORD_EVENT, REPEAT_INSTRUMENT, REPEAT_INSTANCE)
DATA_ACCESS_GROUP = "redcap_data_access_group"
"""REDCap's column (and ODM item) of a record's data access group: its site offline."""
SURVEY_IDENTIFIER = "redcap_survey_identifier"
"""REDCap's column (and ODM item) naming the survey participant of a record."""
_LISTED_SURVEY_ITEMS = 6


def is_survey_item(name: str, form: str) -> bool:
    """True for REDCap's survey data of ``form``: its ``<form>_timestamp`` item or the
    ``redcap_survey_identifier``.

    The one rule of ``init --from-redcap`` and of every ODM import: surveys do not run offline,
    so these items are passed over and listed as not carried (``survey_note``), never stored
    and never a reason to refuse the file.
    """
    return name == SURVEY_IDENTIFIER or name == f"{form}_timestamp"


def is_survey_column(study: Study, name: str) -> bool:
    """True for a column of REDCap's CSV holding survey data of one of the study's forms
    (``is_survey_item``: the CSV import follows the same rule as the ODM import)."""
    return not study.has_field(name) and any(is_survey_item(name, f.name) for f in study.forms)


def survey_note(items: Iterable[str]) -> str:
    """The sentence listing the survey items passed over (see ``is_survey_item``)."""
    names = sorted(set(items))
    shown = ", ".join(names[:_LISTED_SURVEY_ITEMS])
    if len(names) > _LISTED_SURVEY_ITEMS:
        shown += f" and {len(names) - _LISTED_SURVEY_ITEMS} more"
    return f"survey timestamps and survey identifiers ({shown}): surveys do not run offline, " \
           "so they are not kept"


@dataclass(frozen=True)
class Column:
    """One CSV column: a field, one checkbox option of a field, or a form's status."""

    name: str
    form: str
    field: FieldDef | None = None
    checkbox_code: str | None = None

    @property
    def is_status(self) -> bool:
        """True for a ``<form>_complete`` column."""
        return self.field is None


def form_columns(form: FormDef, leave_out: str = "") -> list[Column]:
    """Return one form's columns: fields (checkboxes as one 0/1 column per option), status."""
    columns: list[Column] = []
    for fdef in form.fields:
        if fdef.name == leave_out or not fdef.holds_data:
            continue
        if fdef.field_type is FieldType.CHECKBOX:
            columns.extend(Column(fdef.checkbox_column(c.code), form.name, fdef, c.code)
                           for c in fdef.choices)
        else:
            columns.append(Column(fdef.name, form.name, fdef))
    columns.append(Column(form.complete_field, form.name))
    return columns


def export_columns(study: Study) -> list[Column]:
    """Return the data columns (after record id and the three redcap_* ones), dictionary order."""
    return [column for form in study.forms
            for column in form_columns(form, leave_out=study.record_id_field)]


def special_columns(study: Study) -> tuple[str, ...]:
    """Return the ``redcap_*`` columns of the study's export, as REDCap writes them.

    A classic project (no events) has no ``redcap_event_name``; its repeat columns appear only
    when it has repeating forms. A longitudinal study always has all three.
    """
    if not study.classic:
        return SPECIAL_COLUMNS
    return (REPEAT_INSTRUMENT, REPEAT_INSTANCE) if study.repeating else ()


def special_positions(study: Study) -> list[int]:
    """The positions, in a line of ``redcap_rows`` (record id, then the three ``redcap_*``
    cells, then the data), of the ``redcap_*`` cells the study's export has
    (``special_columns``)."""
    special = special_columns(study)
    return [i + 1 for i, name in enumerate(SPECIAL_COLUMNS) if name in special]


def group_columns(study: Study) -> tuple[str, ...]:
    """Return ``redcap_data_access_group`` for a study with data access groups, else ()."""
    return (DATA_ACCESS_GROUP,) if study.data_access_groups else ()


def header(study: Study) -> list[str]:
    """Return the full header row of an export."""
    return [study.record_id_field, *special_columns(study), *group_columns(study),
            *(c.name for c in export_columns(study))]
