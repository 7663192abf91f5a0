"""Study definitions: REDCap data dictionary, events, form-event mapping, repeating forms."""

from vo_crf.study.errors import DefinitionError
from vo_crf.study.loader import load_study, study_from_texts
from vo_crf.study.model import (
    Choice,
    EventDef,
    FieldDef,
    FieldType,
    FormDef,
    RepeatingForm,
    Study,
    ValidationType,
)

__all__ = [
    "Choice", "DefinitionError", "EventDef", "FieldDef", "FieldType", "FormDef", "RepeatingForm",
    "Study", "ValidationType", "load_study", "study_from_texts",
]
