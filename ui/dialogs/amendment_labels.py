"""Readable, translated names of the kinds of change a protocol amendment makes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vo_crf.amend import ChangeKind


def change_kind_label(kind: ChangeKind) -> str:
    """Return the label of a change kind shown in the amendment dialog's diff."""
    translate = QCoreApplication.translate
    return {
        ChangeKind.FIELD_ADDED: translate("AmendmentLabels", "Field added"),
        ChangeKind.FIELD_REMOVED: translate("AmendmentLabels", "Field removed"),
        ChangeKind.FIELD_MOVED: translate("AmendmentLabels", "Field moved"),
        ChangeKind.FIELD_RETYPED: translate("AmendmentLabels", "Field retyped"),
        ChangeKind.FIELD_RELABELLED: translate("AmendmentLabels", "Field relabelled"),
        ChangeKind.CHOICE_ADDED: translate("AmendmentLabels", "Choice added"),
        ChangeKind.CHOICE_REMOVED: translate("AmendmentLabels", "Choice removed"),
        ChangeKind.CHOICE_RELABELLED: translate("AmendmentLabels", "Choice relabelled"),
        ChangeKind.CHOICE_RECODED: translate("AmendmentLabels", "Choice recoded"),
        ChangeKind.BRANCHING_CHANGED: translate("AmendmentLabels", "Branching logic"),
        ChangeKind.CALCULATION_CHANGED: translate("AmendmentLabels", "Calculation"),
        ChangeKind.REQUIRED_CHANGED: translate("AmendmentLabels", "Required"),
        ChangeKind.RANGE_CHANGED: translate("AmendmentLabels", "Range"),
        ChangeKind.IDENTIFIER_CHANGED: translate("AmendmentLabels", "Identifier"),
        ChangeKind.FORM_ADDED: translate("AmendmentLabels", "Form added"),
        ChangeKind.FORM_REMOVED: translate("AmendmentLabels", "Form removed"),
        ChangeKind.EVENT_ADDED: translate("AmendmentLabels", "Event added"),
        ChangeKind.EVENT_REMOVED: translate("AmendmentLabels", "Event removed"),
        ChangeKind.EVENT_CHANGED: translate("AmendmentLabels", "Event timing"),
        ChangeKind.EVENT_FORM_ADDED: translate("AmendmentLabels", "Form added to event"),
        ChangeKind.EVENT_FORM_REMOVED: translate("AmendmentLabels", "Form removed from event"),
        ChangeKind.REPEATING_ADDED: translate("AmendmentLabels", "Form repeats"),
        ChangeKind.REPEATING_REMOVED: translate("AmendmentLabels", "Form no longer repeats"),
        ChangeKind.SETTING_CHANGED: translate("AmendmentLabels", "Study setting"),
    }[kind]
