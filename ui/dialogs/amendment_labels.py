"""Readable, translated names and descriptions of the changes a protocol amendment makes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vo_crf.amend import Change, ChangeKind

CHANGE_TEMPLATES = (
    QT_TRANSLATE_NOOP("AmendmentChanges", "field {field} removed (was on form {form})"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "field {field} ({kind}) added to form {form}: {label}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "field {field} ({kind}, range [{low}, {high}]) added "
                                          "to form {form}: {label}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "field {field} ({kind}, unit {unit}) added to form "
                                          "{form}: {label}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "field {field} ({kind}, range [{low}, {high}], unit "
                                          "{unit}) added to form {form}: {label}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: moved from form {old} to form {new}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: type {old} -> {new}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: label {old} -> {new}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: branching logic {old} -> {new}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: calculation {old} -> {new}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: now required"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: no longer required"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: range [{old_low}, {old_high}] -> [{low}, "
                                          "{high}]"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: now an identifier"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: no longer an identifier"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: choice {code} label {old} -> {new}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: choice {label} recoded {code} -> {new_code}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: choice {code} ({label}) removed"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "{field}: choice {code} ({label}) added"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "form {form} ({label}) removed"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "form {form} ({label}) added"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "event {event} ({label}) removed"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "event {event}: {old} day {old_day} "
                                          "-{old_before}/+{old_after} -> {new} day {day} "
                                          "-{before}/+{after}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "form {form} no longer collected at event {event}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "form {form} now collected at event {event}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "event {event} ({label}) added, forms: {forms}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "event {event} ({label}) added, no forms"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "form {form} no longer repeats at event {event}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "form {form} now repeats at event {event}"),
    QT_TRANSLATE_NOOP("AmendmentChanges", "project.json {setting}: {old} -> {new}"),
)
"""The core's wordings of a change (``vo_crf.amend.diff.TEMPLATES``), for pyside6-lupdate."""


def change_text(change: Change) -> str:
    """The change in the interface's language (its English text when it has no wording)."""
    if not change.template:
        return change.text
    try:
        return QCoreApplication.translate("AmendmentChanges", change.template).format(
            **dict(change.args))
    except (KeyError, IndexError, ValueError):
        return change.text


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
