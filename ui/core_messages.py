"""What the core says, in the interface's language: its message templates and check names.

The core (``vo_crf.entry.message_templates``) keeps each message's English template and its
arguments, fields named by label. ``message_text`` translates the template here; a message
without a template shows its text, its own field's variable name left out. ``TEMPLATES`` lists
the core's templates again for pyside6-lupdate (a test keeps both lists equal).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.labels import file_size_text, local_decimal, role_label
from ui.queries.labels import status_text
from ui.refusal_words import action_text
from vo_crf import wording as refusals
from vo_crf.auth.permissions import Action, Role
from vo_crf.dde import DoubleEntryStatus
from vo_crf.entry import Message
from vo_crf.entry import message_templates as wording
from vo_crf.quality import QualityIssue
from vo_crf.queries import QueryStatus
from vo_crf.study.model import Study

CONTEXT = "CoreMessages"

TEMPLATES = (
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not one of the choices ({allowed})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: option(s) {codes} not in the choice list"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not a whole number"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not a number (use a point as decimal "
                                      "separator, e.g. 38.5)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not a valid date (YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not a valid date and time "
                                      "(YYYY-MM-DD HH:MM)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not an e-mail address"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not {phrase}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is not a whole number from {low} to "
                                      "{high}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: contains the control character {char} at "
                                      "position {position}; only tabs and line breaks are "
                                      "allowed"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is below the minimum {bound}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is above the maximum {bound}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is below the minimum today ({bound})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {value} is above the maximum today ({bound})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is required: enter a value or a missing-data code"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is required: enter a value or a missing-data code "
                                      "before marking the form Complete"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is hidden by its branching logic ({logic}): its "
                                      "value {value} will be cleared"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is not calculated: {why}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{later} ({later_value}) must not precede {earlier} "
                                      "({earlier_value})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} {value} is day {day} after diagnosis, outside the "
                                      "{event} window (day {first} to {last}): a protocol "
                                      "deviation"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} {value} is before the {earlier_event} visit "
                                      "({earlier_value}): day {day} after diagnosis, outside the "
                                      "{event} window (day {first} to {last}): a protocol "
                                      "deviation"),
    QT_TRANSLATE_NOOP("CoreMessages", "{later} ({later_value}) is before {earlier} "
                                      "({earlier_value}): impossible{because} {rule}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} = {value} is impossible: it must be between {low} "
                                      "and {high}{because} {rule}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} = {value} is impossible: it must be at least "
                                      "{low}{because} {rule}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} = {value} is impossible: it must be at most "
                                      "{high}{because} {rule}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {count} characters, at most {limit} allowed "
                                      "(@CHARLIMIT)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {count} options checked, at most {limit} "
                                      "allowed (@MAXCHECKED)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {none} cannot be checked with other options "
                                      "(@NONEOFTHEABOVE)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is read-only (@READONLY): its value {value} "
                                      "cannot be entered or changed"),
)

CHECK_NAMES = (
    QT_TRANSLATE_NOOP("CoreMessages", "Missing required value"),
    QT_TRANSLATE_NOOP("CoreMessages", "Out of range"),
    QT_TRANSLATE_NOOP("CoreMessages", "Visit outside window"),
    QT_TRANSLATE_NOOP("CoreMessages", "Visits out of order"),
    QT_TRANSLATE_NOOP("CoreMessages", "Dates out of order"),
    QT_TRANSLATE_NOOP("CoreMessages", "Calculation not computed"),
    QT_TRANSLATE_NOOP("CoreMessages", "Study rule"),
    QT_TRANSLATE_NOOP("CoreMessages", "Impossible value"),
    QT_TRANSLATE_NOOP("CoreMessages", "Invalid value"),
)
"""The data-quality checks' titles (``vo_crf.quality.CHECK_NAMES``)."""

FINDINGS = (
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is required"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: study day {day} is outside the {event} window "
                                      "(days {low} to {high})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} {value} ({event}) is before the {earlier_event} "
                                      "visit ({earlier_value})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} cannot be computed: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is left blank: {why}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} is blank although it computes to {value}: save "
                                      "the form again to recalculate it"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} cannot be computed from the values entered "
                                      "({entered})"),
)
"""The data-quality findings' own wordings (``vo_crf.quality.wording.TEMPLATES``); the others
are data entry's (``TEMPLATES``)."""

REFUSALS = (
    QT_TRANSLATE_NOOP("CoreMessages", "{form} is not Complete: only Complete forms can be "
                                      "verified"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} of {record} is already verified by {user}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} of {record} is already verified by {user} on "
                                      "{when}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} of {record} is already locked by {user}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} of {record} is already locked by {user} on {when}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} of {record} is not locked"),
    QT_TRANSLATE_NOOP("CoreMessages", "unlocking needs a reason"),
    QT_TRANSLATE_NOOP("CoreMessages", "locking the whole database needs a reason"),
    QT_TRANSLATE_NOOP("CoreMessages", "e-signature refused: the password is wrong"),
)
"""The refusals of review actions (``vo_crf.entry.message_templates.REFUSALS``)."""


IMPORT_FRAMES = (
    QT_TRANSLATE_NOOP("CoreMessages", "import refused, nothing was stored:"),
    QT_TRANSLATE_NOOP("CoreMessages", "line {line}, column {number} ({column}): {message}"),
    QT_TRANSLATE_NOOP("CoreMessages", "line {line}, field {column}: {message}"),
    QT_TRANSLATE_NOOP("CoreMessages", "line {line}: {message}"),
    QT_TRANSLATE_NOOP("CoreMessages", "... and {count} more"),
)
"""How an import's refusal frames its problems (``vo_crf.wording.IMPORT_FRAMES``)."""

_SHORT_YEAR = re.compile(r"^'?\d{1,2}[/.-]\d{1,2}[/.-]\d{2}'?$")


def check_name(title: str) -> str:
    """The title of a data-quality check in the interface's language."""
    return QCoreApplication.translate(CONTEXT, title)


def message_text(message: Message, date_format: str = "iso") -> str:
    """The message in the interface's language, fields named by label.

    A date typed with a two-digit year (5/3/24) gets a hint with the four-digit form instead of
    "not a valid date"; a date is asked for in the format shown (``date_format``).
    """
    args = dict(message.args)
    if message.template in (wording.NOT_DATE, wording.NOT_DATETIME):
        return _date_hint(args, date_format)
    if message.template:
        try:
            return QCoreApplication.translate(CONTEXT, message.template).format(**args)
        except (KeyError, IndexError, ValueError):
            pass
    return message.text.replace(f" ({message.field})", "") if message.field else message.text


def finding_text(issue: QualityIssue) -> str:
    """A data-quality finding's message in the interface's language, fields named by label
    (a study rule's own message as the study words it)."""
    if issue.template:
        args = {name: local_decimal(value) if isinstance(value, str) else value
                for name, value in issue.args}  # decimals as the form writes them
        with suppress(KeyError, IndexError, ValueError):  # a wording that does not fit: English
            return QCoreApplication.translate(CONTEXT, issue.template).format(**args)
    return issue.message


class _Problem(Protocol):
    """An import's problem (``vo_crf.exchange.import_common.ImportProblem``)."""

    message: str
    template: str
    words: tuple[tuple[str, object], ...]

    def framed(self) -> tuple[str, dict[str, object]]: ...  # noqa: D102


def refusal_text(error: BaseException, study: Study | None = None) -> str:
    """Why the core refused, in the interface's language: a worded refusal (``template`` and
    ``words``, ``vo_crf.wording``) translated, sizes in the interface's units, an import's
    refusal with its problems, forms and events named by label (when ``study`` is given);
    anything else as the core says it."""
    problems: Sequence[_Problem] | None = getattr(error, "listed", None)
    if problems is not None and hasattr(error, "more"):
        text = _import_refusal(problems, int(getattr(error, "more", 0)),
                               str(getattr(error, "note", "")))
    else:
        first = error.args[0] if len(error.args) == 1 else None
        worded = first if isinstance(first, refusals.Phrase) else error  # a refusal in a phrase
        words: Iterable[tuple[str, object]] = getattr(worded, "words", ())
        text = worded_text(getattr(worded, "template", ""),
                           _labelled(words, study) if study is not None else words,
                           str(error) or type(error).__name__)
    return with_labels(text, study) if study is not None else text


def phrase_text(text: str) -> str:
    """A core text in the interface's language when it is a ``Phrase`` (``vo_crf.wording``);
    any other text as it is."""
    if isinstance(text, refusals.Phrase):
        return worded_text(text.template, text.words, text)
    return text


def _labelled(words: Iterable[tuple[str, object]], study: Study
              ) -> list[tuple[str, object]]:
    """A refusal's words with its form and event (by name) named by label."""
    forms = {f.name: f.label for f in study.forms}
    events = {e.unique_name: e.label for e in study.events}
    labels = {"form": forms, "event": events}
    return [(name, labels[name].get(value, value) if name in labels and isinstance(value, str)
             else value) for name, value in words]


def worded_text(template: str, words: Iterable[tuple[str, object]], english: str) -> str:
    """``template`` translated and filled with ``words`` (a byte count in the interface's
    units); ``english`` when there is no template or the translation does not fit it."""
    if template:
        local = {name: _said(value) for name, value in words}
        with suppress(KeyError, IndexError, ValueError):  # a wording that does not fit: English
            return QCoreApplication.translate(CONTEXT, template).format(**local)
    return english


def _said(word: object) -> object:
    """A refusal's argument as the interface says it: a size in its units, a field's message
    as the form says it, a role, an action or a query's status in its words."""
    if isinstance(word, refusals.ByteSize):
        return file_size_text(word)
    if isinstance(word, refusals.Phrase):  # a part of the refusal, worded in its turn
        return phrase_text(word)
    if isinstance(word, Role):
        return role_label(word)
    if isinstance(word, Action):
        return action_text(word)
    if isinstance(word, QueryStatus):
        return status_text(word)
    if isinstance(word, DoubleEntryStatus):  # as the double-entry bar says it
        return QCoreApplication.translate("DoubleEntryBar", word.value)
    if isinstance(word, Message):
        return message_text(word)
    return word


def _import_refusal(problems: Sequence[_Problem], more: int, note: str) -> str:
    translate = QCoreApplication.translate
    lines = [translate(CONTEXT, refusals.IMPORT_REFUSED)]
    for problem in problems:
        frame, words = problem.framed()
        words["message"] = worded_text(problem.template, problem.words, problem.message)
        lines.append(translate(CONTEXT, frame).format(**words))
    if more > 0:
        lines.append(translate(CONTEXT, refusals.IMPORT_MORE_PROBLEMS).format(count=more))
    if note:
        lines.append(note)
    return "\n".join(lines)


def _date_hint(args: dict[str, str], date_format: str) -> str:
    typed, field = args.get("value", ""), args.get("field", "")
    translate = QCoreApplication.translate
    shown = translate(CONTEXT, "DD/MM/YYYY") if date_format == "dmy" else "YYYY-MM-DD"
    if _SHORT_YEAR.match(typed):
        return translate(CONTEXT, "{field}: {value} has a two-digit year: type the year in "
                         "full, e.g. 05/03/2024 or 2024-03-05").format(field=field, value=typed)
    return translate(CONTEXT, "{field}: {value} is not a date: type {format} (or "
                     "YYYY-MM-DD; t = today)").format(field=field, value=typed, format=shown)


_PLACE = re.compile(r"\b([A-Za-z_][\w]*)( #\d+)? at ([A-Za-z_][\w]*)\b")


def with_labels(text: str, study: Study) -> str:
    """A core message with its "form at event" places named by label ("Clinical at M0"),
    as a form names them, never ``clinical at m0_arm_1``."""
    forms = {f.name: f.label for f in study.forms}
    events = {e.unique_name: e.label for e in study.events}

    def label(match: re.Match[str]) -> str:
        form, number, event = match.group(1), match.group(2) or "", match.group(3)
        if form in forms and event in events and study.classic:  # its event is named nowhere
            return forms[form] + number
        if form in forms and event in events:
            return QCoreApplication.translate(CONTEXT, "{form} at {event}").format(
                form=forms[form] + number, event=events[event])
        return match.group(0)

    return _PLACE.sub(label, text)
