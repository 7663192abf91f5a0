"""The study definition as plain, immutable data: fields, forms, events, repeating forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from vo_crf.study.index import StudyIndex

from vo_crf.study.action_tags import ActionTags, parse_action_tags

T = TypeVar("T")
_MISSING = object()


class FieldType(StrEnum):
    """REDCap field types supported by the application."""

    TEXT = "text"
    NOTES = "notes"
    DROPDOWN = "dropdown"
    RADIO = "radio"
    CHECKBOX = "checkbox"
    YESNO = "yesno"
    TRUEFALSE = "truefalse"
    CALC = "calc"
    DESCRIPTIVE = "descriptive"
    SLIDER = "slider"
    SQL = "sql"
    FILE = "file"


class ValidationType(StrEnum):
    """REDCap text validation types supported by the application."""

    DATE_YMD = "date_ymd"
    DATE_MDY = "date_mdy"
    DATE_DMY = "date_dmy"
    DATETIME_YMD = "datetime_ymd"
    DATETIME_MDY = "datetime_mdy"
    DATETIME_DMY = "datetime_dmy"
    DATETIME_SECONDS_YMD = "datetime_seconds_ymd"
    DATETIME_SECONDS_MDY = "datetime_seconds_mdy"
    DATETIME_SECONDS_DMY = "datetime_seconds_dmy"
    TIME = "time"
    TIME_HH_MM_SS = "time_hh_mm_ss"
    TIME_MM_SS = "time_mm_ss"
    INTEGER = "integer"
    NUMBER = "number"
    NUMBER_1DP = "number_1dp"
    NUMBER_2DP = "number_2dp"
    NUMBER_3DP = "number_3dp"
    NUMBER_4DP = "number_4dp"
    NUMBER_COMMA_DECIMAL = "number_comma_decimal"
    NUMBER_1DP_COMMA_DECIMAL = "number_1dp_comma_decimal"
    NUMBER_2DP_COMMA_DECIMAL = "number_2dp_comma_decimal"
    NUMBER_3DP_COMMA_DECIMAL = "number_3dp_comma_decimal"
    NUMBER_4DP_COMMA_DECIMAL = "number_4dp_comma_decimal"
    EMAIL = "email"
    PHONE = "phone"
    PHONE_AUSTRALIA = "phone_australia"
    ZIPCODE = "zipcode"
    POSTALCODE_AUSTRALIA = "postalcode_australia"
    POSTALCODE_CANADA = "postalcode_canada"
    POSTALCODE_FRENCH = "postalcode_french"
    POSTALCODE_GERMANY = "postalcode_germany"
    SSN = "ssn"
    MRN_10D = "mrn_10d"
    MRN_GENERIC = "mrn_generic"
    VMRN = "vmrn"
    ALPHA_ONLY = "alpha_only"


CODED_TYPES = frozenset({FieldType.DROPDOWN, FieldType.RADIO, FieldType.CHECKBOX,
                         FieldType.YESNO, FieldType.TRUEFALSE})
"""Field types whose value is one (or, for checkboxes, several) code(s) of a choice list."""

NO_DATA_TYPES = frozenset({FieldType.DESCRIPTIVE})
"""Field types that hold no value."""

READ_ONLY_TYPES = frozenset({FieldType.SQL})
"""Field types kept as given by imports and shown read-only: ``sql`` (computed by the REDCap
server). ``file`` fields hold attachments (``vo_crf.attachments``)."""

SIGNATURE = "signature"
"""REDCap's validation of a ``file`` field drawn as a signature."""

_DATE_VALIDATIONS = frozenset({ValidationType.DATE_YMD, ValidationType.DATE_MDY,
                               ValidationType.DATE_DMY})
_DATETIME_VALIDATIONS = frozenset(v for v in ValidationType if v.value.startswith("datetime_"))
_NUMBER_VALIDATIONS = frozenset(v for v in ValidationType
                                if (v.value.startswith("number") or v is ValidationType.INTEGER)
                                and not v.value.endswith("comma_decimal"))

@dataclass(frozen=True)
class Choice:
    """One coded answer: the stored ``code`` and the ``label`` shown to users."""

    code: str
    label: str


YESNO_CHOICES = (Choice("1", "Yes"), Choice("0", "No"))
TRUEFALSE_CHOICES = (Choice("1", "True"), Choice("0", "False"))


@dataclass(frozen=True)
class FieldDef:
    """One variable of the data dictionary."""

    name: str
    form: str
    field_type: FieldType
    label: str
    section_header: str = ""
    choices: tuple[Choice, ...] = ()
    calculation: str = ""
    note: str = ""
    validation: ValidationType | None = None
    min_value: str = ""
    max_value: str = ""
    identifier: bool = False
    branching_logic: str = ""
    required: bool = False
    annotation: str = ""
    row: int = 0
    validation_text: str = ""
    """The text validation as written in the file (kept for an unknown one)."""
    slider_labels: tuple[str, ...] = ()
    """A slider's left, middle and right labels."""
    slider_shows_number: bool = False
    """A slider whose chosen number is shown (REDCap's ``NUMBER`` flag)."""
    matrix_group: str = ""
    """The matrix group the field belongs to ('' none): shown as one grid with its group."""
    custom_alignment: str = ""
    """REDCap's custom alignment (``LV``, ``LH``, ``RV``, ``RH``; '' the default)."""
    question_number: str = ""
    """REDCap's question number (surveys only; kept)."""

    @property
    def tags(self) -> ActionTags:
        """The action tags of the field annotation (``@HIDDEN``, ``@CHARLIMIT=40``...)."""
        return parse_action_tags(self.annotation)

    @property
    def is_read_only(self) -> bool:
        """True for fields kept as imported and never entered offline (sql)."""
        return self.field_type in READ_ONLY_TYPES

    @property
    def is_file(self) -> bool:
        """True for a ``file`` field (an attachment, or a drawn signature)."""
        return self.field_type is FieldType.FILE

    @property
    def is_signature(self) -> bool:
        """True for a ``file`` field with REDCap's ``signature`` validation (a drawn signature)."""
        return self.field_type is FieldType.FILE and self.validation_text.lower() == SIGNATURE

    @property
    def is_datetime(self) -> bool:
        """True for datetime text fields (with or without seconds, any display order)."""
        return self.validation in _DATETIME_VALIDATIONS

    @property
    def is_coded(self) -> bool:
        """True when the value is a code of the choice list."""
        return self.field_type in CODED_TYPES

    @property
    def holds_data(self) -> bool:
        """True when the field stores a value (everything but descriptive text)."""
        return self.field_type not in NO_DATA_TYPES

    @property
    def is_date(self) -> bool:
        """True for date and datetime text fields."""
        return self.validation in _DATE_VALIDATIONS or self.validation in _DATETIME_VALIDATIONS

    @property
    def is_numeric(self) -> bool:
        """True for integer and number text fields (point decimal), sliders and calculations.

        Comma-decimal numbers are stored as typed (``38,5``, as REDCap does): not numeric here.
        """
        return (self.validation in _NUMBER_VALIDATIONS
                or self.field_type in (FieldType.CALC, FieldType.SLIDER))

    @property
    def is_comma_decimal(self) -> bool:
        """True for numbers stored with a comma decimal (``number_comma_decimal``,
        ``number_Ndp_comma_decimal``): numbers in statistics files and ODM, text in REDCap CSV."""
        return self.validation is not None and self.validation.value.endswith("comma_decimal")

    def choice_label(self, code: str) -> str:
        """Return the label of ``code``, or ``code`` itself when it is not in the list."""
        for choice in self.choices:
            if choice.code == code:
                return choice.label
        return code

    def checkbox_column(self, code: str) -> str:
        """Return REDCap's export column name of one checkbox option (``field___code``)."""
        return f"{self.name}___{code.lower()}"


@dataclass(frozen=True)
class FormDef:
    """One instrument: its name, label and fields in dictionary order."""

    name: str
    label: str
    fields: tuple[FieldDef, ...]

    @property
    def complete_field(self) -> str:
        """Return REDCap's status column name for this form (``<form>_complete``)."""
        return f"{self.name}_complete"


@dataclass(frozen=True)
class EventDef:
    """One visit: unique name, label, day offset from M0 and the allowed window around it."""

    unique_name: str
    label: str
    arm: int
    day_offset: int
    offset_min: int
    offset_max: int
    forms: tuple[str, ...] = ()

    @property
    def window(self) -> tuple[int, int]:
        """Return the first and last study day (days since M0) allowed for this visit."""
        return self.day_offset - self.offset_min, self.day_offset + self.offset_max


@dataclass(frozen=True)
class RepeatingForm:
    """A form that may be entered several times in one event (e.g. antibiotic courses)."""

    event: str
    form: str
    custom_label: str = ""


DEFAULT_MISSING_CODES: tuple[Choice, ...] = (
    Choice("NA", "Not applicable"),
    Choice("UNK", "Unknown"),
    Choice("NASK", "Not asked"),
    Choice("ASKU", "Asked but unknown"),
    Choice("ND", "Not done"),
)
"""REDCap's standard missing-data codes, used unless the project defines its own."""


@dataclass(frozen=True)
class DateOrderRule:
    """``field`` must not be earlier than ``not_before`` (looked up in the same record)."""

    field: str
    not_before: str


@dataclass(frozen=True)
class QualityRule:
    """A study-specific data-quality rule: REDCap logic that is true when data look wrong.

    ``field`` (and ``event``) name where a finding is shown and linked to; when empty, the
    first field the logic names is used.
    """

    name: str
    logic: str
    message: str
    field: str = ""
    event: str = ""


@dataclass(frozen=True)
class HardRule:
    """An impossible fact, refused at every save and import (``hard_rules`` of project.json).

    ``kind`` "date_order": none of the dates in ``fields`` may be earlier than ``not_before``,
    wherever they are in the record (same instance when both fields share a form, else every
    event and instance). ``kind`` "range": the number in ``fields[0]`` (entered or calculated)
    must lie within ``minimum``..``maximum``; for a date field the bounds are dates or
    ``"today"``. ``severity`` "error" refuses the save and leaves
    calculations from such inputs blank; "warning" only shows the message.
    """

    name: str
    kind: str
    fields: tuple[str, ...]
    not_before: str = ""
    minimum: Decimal | dt.date | str | None = None
    maximum: Decimal | dt.date | str | None = None
    severity: str = "error"
    message: str = ""

    @property
    def is_error(self) -> bool:
        """True when a violation refuses the save."""
        return self.severity == "error"

    @property
    def field_names(self) -> tuple[str, ...]:
        """Every field the rule reads."""
        return self.fields + ((self.not_before,) if self.not_before else ())


@dataclass(frozen=True)
class RecordIdScheme:
    """How new patients are numbered (``record_id_scheme`` in ``project.json``).

    An id is ``prefix`` + (the site as two digits and ``-`` when ``site_prefix``) + the next
    number of that prefix, zero-padded to ``digits``: ``01-007`` by default, ``VO-030`` with
    ``{"prefix": "VO-", "digits": 3, "site_prefix": false}``.
    """

    prefix: str = ""
    digits: int = 3
    site_prefix: bool = True


@dataclass(frozen=True)
class ProtocolRules:
    """Protocol rules and study settings from ``project.json``.

    Baseline date, site field, date order rules, visit dates, forms entered twice (double data
    entry), study-specific data-quality rules and the hard rules (impossible facts).
    """

    baseline_date_field: str | None = None
    site_field: str | None = None
    date_order_rules: tuple[DateOrderRule, ...] = ()
    visit_date_fields: tuple[str, ...] = ()
    double_entry_forms: tuple[str, ...] = ()
    quality_rules: tuple[QualityRule, ...] = ()
    hard_rules: tuple[HardRule, ...] = ()
    record_id_scheme: RecordIdScheme = RecordIdScheme()


@dataclass(frozen=True)
class Study:
    """A complete study definition."""

    name: str
    fields: tuple[FieldDef, ...]
    forms: tuple[FormDef, ...]
    events: tuple[EventDef, ...]
    repeating: tuple[RepeatingForm, ...] = ()
    missing_codes: tuple[Choice, ...] = DEFAULT_MISSING_CODES
    protocol: ProtocolRules = ProtocolRules()
    classic: bool = False
    """A classic (not longitudinal) project: one implicit event, none in exports."""
    warnings: tuple[str, ...] = ()
    """What was loaded in a reduced way (unknown validations, file fields), said at init."""
    analysis_plan: dict | None = None
    data_access_groups: tuple[Choice, ...] = ()
    """REDCap's data access groups (unique name, name): a record's group is its site."""
    """The study's own analysis plan (``analysis_plan.json``), None when it has none."""
    _field_index: dict[str, FieldDef] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Index fields by name."""
        self._field_index.update({f.name: f for f in self.fields})

    @property
    def record_id_field(self) -> str:
        """Return the name of the record identifier field (the first field, as in REDCap)."""
        return self.fields[0].name

    def field(self, name: str) -> FieldDef:
        """Return the field called ``name``; raise KeyError when unknown."""
        return self._field_index[name]

    def has_field(self, name: str) -> bool:
        """True when the study has a field called ``name``."""
        return name in self._field_index

    def form(self, name: str) -> FormDef:
        """Return the form called ``name``; raise KeyError when unknown."""
        return self._forms_by_name[name]

    def event(self, unique_name: str) -> EventDef:
        """Return the event with this unique name; raise KeyError when unknown."""
        return self._events_by_name[unique_name]

    def has_event(self, unique_name: str) -> bool:
        """True when the study has an event with this unique name."""
        return unique_name in self._events_by_name

    def is_repeating(self, event: str, form: str) -> bool:
        """True when ``form`` repeats within ``event``."""
        return any(r.event == event and r.form == form for r in self.repeating)

    def events_of_form(self, form: str) -> tuple[EventDef, ...]:
        """Return the events where ``form`` is collected, in event order."""
        return tuple(e for e in self.events if form in e.forms)

    @property
    def first_event(self) -> EventDef:
        """Return the baseline event (M0): the one with the smallest day offset."""
        return min(self.events, key=lambda e: e.day_offset)

    @cached_property
    def missing_code_values(self) -> frozenset[str]:
        """Return the set of missing-data codes."""
        return frozenset(c.code for c in self.missing_codes)

    # ----- derived data, owned by the study ------------------------------------------------
    # The study is frozen: what is derived from it is computed once, on first use, and kept
    # in the instance (``cached_property`` writes to ``__dict__``, which a frozen dataclass
    # without slots has). It lives and dies with the study: no cache keyed by ``id()``.

    @cached_property
    def _forms_by_name(self) -> dict[str, FormDef]:
        return {form.name: form for form in self.forms}

    @cached_property
    def _events_by_name(self) -> dict[str, EventDef]:
        return {event.unique_name: event for event in self.events}

    @cached_property
    def index(self) -> StudyIndex:
        """Lookups the planners ask millions of times (``vo_crf.study.index``)."""
        from vo_crf.study.index import build_index  # the index module builds on this one

        return build_index(self)

    @cached_property
    def _derived(self) -> dict[Hashable, Any]:
        return {}

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """Return what ``make()`` derives from this study, made once per ``key`` and kept with
        the study (for packages the study may not import: entry's value checks, the analysis
        plan)."""
        found = self._derived.get(key, _MISSING)
        if found is _MISSING:
            found = self._derived.setdefault(key, make())
        return cast(T, found)
