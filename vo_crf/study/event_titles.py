"""How outputs name an event: its label, with its arm when the study has several arms (two
arms may both have a "Baseline")."""

from __future__ import annotations

from vo_crf.study.model import EventDef, Study


def has_several_arms(study: Study) -> bool:
    """True when the study's events belong to more than one arm."""
    return len({event.arm for event in study.events}) > 1


def event_title(study: Study, event: EventDef) -> str:
    """The event's label, followed by "(arm N)" when the study has several arms."""
    return f"{event.label} (arm {event.arm})" if has_several_arms(study) else event.label
