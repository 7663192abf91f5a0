"""A refusal's wording kept beside its English text, so that a user interface can say it in its
own language while the core and its command line stay English.

A refusal built by ``worded`` is an ordinary exception whose ``str()`` is the English text; it
also keeps its ``template`` (one of ``TEMPLATES``, its stable key) and its arguments
(``words``), raw: a ``ByteSize`` stays a number of bytes, so the interface writes it in its own
units (25,0 Mo). ``ui.core_messages.refusal_text`` is the GUI's side; it lists the same
templates for translation, and a test keeps both lists equal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

E = TypeVar("E", bound=Exception)

Words = tuple[tuple[str, object], ...]
"""A wording's arguments by name, in order."""


class ByteSize(int):
    """A count of bytes, said for people: ``512 bytes``, ``47.1 kB``, ``3.2 MB`` (decimal)."""

    def __str__(self) -> str:
        """The size in English, decimal units."""
        size = int(self)
        if size < 1000:
            return f"{size} byte{'' if size == 1 else 's'}"
        if size < 1_000_000:
            return f"{size / 1000:.1f} kB"
        return f"{size / 1_000_000:.1f} MB"


def say(template: str, words: Words) -> str:
    """The English text of ``template`` filled with ``words``."""
    return template.format(**dict(words))


class Phrase(str):
    """An English text that keeps its ``template`` and ``words`` (a part of a refusal, such as
    why a drive cannot be written, said inside another)."""

    template: str
    words: Words

    def __new__(cls, template: str, /, **args: object) -> Phrase:
        """The text of ``template`` filled with ``args``, both kept."""
        words: Words = tuple(args.items())
        text = super().__new__(cls, say(template, words))
        text.template, text.words = template, words
        return text


def worded(kind: Callable[[str], E], template: str, /, **args: object) -> E:
    """The exception ``kind(text)`` refusing with ``template`` filled with ``args``; the
    template and the arguments are kept on it (``template``, ``words``) for translation."""
    words: Words = tuple(args.items())
    error = kind(say(template, words))
    error.template = template  # type: ignore[attr-defined]
    error.words = words  # type: ignore[attr-defined]
    return error


# ----- the refusals worded so ---------------------------------------------------------------

FILE_TOO_LARGE = ("{field}: {name} is {size}; a file field takes files of at most {limit} "
                  "[rule: file size]")

OUTPUT_IS_DATABASE = ("{target} is the study database itself: writing there would destroy the "
                      "study. Choose another file name.")
OUTPUT_IS_JOURNAL = ("{target} is the study database's {suffix} file (SQLite's journal, part of "
                     "the study database): writing there would damage it. Choose another file "
                     "name.")
OUTPUT_IN_BACKUPS = ("{target} is in the study's backups folder {backups}: vo-crf keeps that "
                     "folder for its backups only. Choose another folder.")
OUTPUT_IS_FOLDER = "{target} is a folder: give a file name"
OUTPUT_IS_DATABASE_FILE = ("{target} is an SQLite database (perhaps a study database): an "
                           "export never replaces a database. Choose another file name.")
OUTPUT_EXISTS = ("{target} already exists: choose another name, or confirm replacing it "
                 "(--force on the command line)")

RECORD_EXISTS = "record {record} already exists"

LOGIN_WRONG = "wrong user name or password"
LOGIN_DEACTIVATED = "the account {username} is deactivated"
LOGIN_LOCKED_FOR = ("too many failed logins: the account is locked for {minutes} more "
                    "minute(s)")
LOGIN_LOCKED = "too many failed logins: the account is locked"

IMPORT_NOT_UTF8 = "the file is not UTF-8 text"
IMPORT_EMPTY = "the file is empty"
IMPORT_FILE_CHANGED = "the file changed while it was being imported: import it again"
IMPORT_NOT_ODM = ("not a CDISC ODM file (root element {element}; expected ODM in namespace "
                  "{namespace})")
IMPORT_FIRST_COLUMN = "the first column must be {name}"
IMPORT_COLUMN_TWICE = "column appears twice"
IMPORT_UNKNOWN_COLUMN = "unknown column"
IMPORT_UNKNOWN_CHECKBOX_COLUMN = "unknown column (checkbox columns are {name}___<code>)"
IMPORT_EVENT_COLUMN_REQUIRED = "the study has several events: the column is required"
IMPORT_CELL_COUNT = "{values} values for {columns} columns"
IMPORT_BLANK_RECORD_ID = "the record id is blank"
IMPORT_UNKNOWN_EVENT = "unknown event {event}"
IMPORT_UNKNOWN_GROUP = "unknown data access group {group} (known: {known})"
IMPORT_NOT_REPEATING = "{form} is not a repeating form of {event}"
IMPORT_NOT_INSTANCE = "{instance} is not a repeat instance number (1, 2…)"
IMPORT_INSTANCE_WITHOUT_FORM = "a repeat instance needs redcap_repeat_instrument"
IMPORT_FORM_NOT_IN_ROW = "form {form} is not part of this row ({row})"
IMPORT_CHECKBOX_OPTION = "checkbox option must be 0 or 1, not {value}"
IMPORT_FORM_STATUS = "form status must be 0, 1 or 2, not {value}"
IMPORT_VALUE_REFUSED = "{message} [rule: {rule}]"
"""A value its field refuses: ``message`` is the form's ``Message`` (a GUI says it as the form
does), ``rule`` its rule."""

RECORD_ID_INVALID = ("record id {record}: use letters, digits, '-', '_' or '.' only, at most "
                     "100 characters")
UNKNOWN_SITE = "unknown site {site} (known: {known})"

PERMISSION_DENIED = "{username} ({role}) is not allowed to {action}"
"""``role`` a ``Role``, ``action`` an ``Action`` (said with spaces: ``edit data``)."""

QUERY_NEEDS_TEXT = "a query on {field} needs a text saying what to check"
QUERY_CORRECTION_REASON = "correcting a value needs a reason for the change"
QUERY_ALREADY_HOLDS = "{field} already holds {value}: answer without a correction"
QUERY_NOT_ANSWERABLE = "query #{query} is {status}: only a query that is open can be answered"
QUERY_NOT_CLOSABLE = ("query #{query} is {status}: only a query that is open or answered can be "
                      "closed")
QUERY_NOT_REOPENABLE = ("query #{query} is {status}: only a query that is answered or closed "
                        "can be re-opened")
"""``status`` a ``QueryStatus``."""
QUERY_EMPTY_ANSWER = "the text is empty: write an answer"
QUERY_EMPTY_REOPEN = "the text is empty: write a reason to re-open"
QUERY_UNKNOWN = "no query #{query}"

DDE_NOT_DOUBLE = ("form {form} is not entered twice in this study (project.json "
                  "double_data_entry_forms)")
DDE_ORDINARY_FORM = "{form} at {event} of {record} is {status}: edit it as an ordinary form"
DDE_BOTH_MADE = ("both entries of {form} at {event} of {record} are already made (by {first} and "
                 "{second}): a third user cannot enter it")
DDE_SAME_USER = ("{user} made entry {own} of {form} at {event} of {record}: the same user cannot "
                 "make entry {wanted} too (it must be another user)")
DDE_NOT_FREE = ("entry {wanted} of {form} at {event} of {record} is not free: the next entry is "
                "entry {free}")
DDE_ENTRANT = ("{user} made entry {own} of {form} at {event} of {record}: an entrant can neither "
               "see the other entry nor adjudicate")
DDE_NOT_READY = ("{form} at {event} of {record} is {status}: both entries must be Complete before "
                 "adjudication")
DDE_NOT_COMPARED = "{fields}: not compared fields of {form} at {event} of {record}"
DDE_AGREED = "{fields}: both entries agree; change the value after adjudication, with a reason"
DDE_UNRESOLVED_ONE = "resolve every difference first: {fields} has no final value"
DDE_UNRESOLVED = "resolve every difference first: {fields} have no final value"
DDE_REASON = "give a reason for the adjudication (e.g. 'checked against the source document')"
"""Double-entry refusals: ``status`` a ``DoubleEntryStatus``; form and event by name (an
interface says them by label)."""

RESTORE_OTHER_STUDY = ("{backup} is a backup of another study database, not of {database}: "
                       "nothing was changed")
RESTORE_UNKNOWN_STUDY = ("cannot tell whether {backup} belongs to the study database {database}: "
                         "restore a backup from {folder}; nothing was changed")
RESTORE_NO_FILE = "no backup file at {backup}"
RESTORE_FAILS_CHECK = "{backup} fails the integrity check ({problem}): choose another backup"
RESTORE_NOT_STUDY = "{backup} is not a vo-crf study database"
RESTORE_REFUSED = "{backup} is refused: {problem}; nothing was restored or changed"
RESTORE_SAME_FILE = "the backup and the database are the same file"
RESTORE_IN_USE_BECAUSE = ("{database} is open in vo-crf or another program ({problem}): close it "
                          "everywhere, then restore again; nothing was changed")
RESTORE_IN_USE = ("{database} is open in vo-crf or another program: close it everywhere, then "
                  "restore again; nothing was changed")
"""Restore refusals: ``problem`` is SQLite's or the audit check's own (English) words."""

SYNC_SAME_DATABASE = "the site and the central database are the same database"
SYNC_CENTRAL_UNOPENED = "cannot open the central database: {problem}"
SYNC_NO_SITE_CODE = ("this database has no site code yet: an admin sets it once with 'vo-crf sync "
                     "setup --db DB --user NAME --site CODE'")
SYNC_CENTRAL_IS_SITE = ("the central database is itself site {site}: give the URL of the central "
                        "database")
SYNC_OTHER_DEFINITION = ("the site and the central database hold different study definitions: "
                         "load the same definition on both first")
SYNC_SITE_CODE_INVALID = "site code {code}: use letters and digits (e.g. 1 or 01)"
SYNC_ALREADY_SITE = "this database is already site {site}; a site code cannot be changed"
SYNC_RECORD_TWICE = ("record {record} was created separately at two sites (by {here} and by "
                     "{there}): each site must create only its own site's study numbers; nothing "
                     "was synced")
SYNC_RECORD_NOT_SENT = "record {record} is unknown here and was not sent"
CONFLICT_REASON = "a reason is required to resolve a conflict"
CONFLICT_UNKNOWN = "no sync conflict #{conflict}"
CONFLICT_RESOLVED = "sync conflict #{conflict} is already resolved"
CONFLICT_VALUE_GONE = "the value of conflict #{conflict} no longer exists"
CONFLICT_RECORD_GONE = "record {record} no longer exists"
CONFLICT_FORM_DELETED = ("the form was deleted at the other site: delete it here (with a reason) "
                         "or keep the local form")
"""Sync refusals: ``problem`` is the opening's own (English) words."""

AMEND_VERSION_CHANGED = ("the database's definition is now version {latest}, not {version}: load "
                         "the amendment again")
AMEND_TARGET_HOLDS = ("{record} {event}: {target} already holds {held}, so the value {value} of "
                      "{field} cannot move there; map {field} to another field or to null")
AMEND_FORM_HOLDS_VALUES = ("{record} {event} {form} #{instance} still holds values: map its fields "
                           "first")

DRIVE_READ_ONLY = "the drive holding {folder} is read-only (mounted read-only)"
FOLDER_NOT_WRITABLE = "{user} has no permission to write in the folder {folder}"
FILE_NOT_WRITABLE = "{user} has no permission to write to {path} (the file is read-only)"
DISK_FULL = "the disk holding {folder} is full ({free} free)"
DATABASE_STORAGE = ("cannot use the study database {database}: {problem}. vo-crf needs to write "
                    "beside the database (its journal), even to read it. This is not damage to "
                    "the database and nothing was changed: free some space, make the drive "
                    "writable or copy the database to a writable folder, then try again.")
"""A drive that cannot be written (``vo_crf.storage``): ``problem`` one of the others."""

TEMPLATES: tuple[str, ...] = (
    FILE_TOO_LARGE, OUTPUT_IS_DATABASE, OUTPUT_IS_JOURNAL, OUTPUT_IN_BACKUPS, OUTPUT_IS_FOLDER,
    OUTPUT_IS_DATABASE_FILE, OUTPUT_EXISTS, RECORD_EXISTS, LOGIN_WRONG, LOGIN_DEACTIVATED,
    LOGIN_LOCKED_FOR, LOGIN_LOCKED, IMPORT_NOT_UTF8, IMPORT_EMPTY, IMPORT_FILE_CHANGED,
    IMPORT_NOT_ODM, IMPORT_FIRST_COLUMN, IMPORT_COLUMN_TWICE, IMPORT_UNKNOWN_COLUMN,
    IMPORT_UNKNOWN_CHECKBOX_COLUMN, IMPORT_EVENT_COLUMN_REQUIRED, IMPORT_CELL_COUNT,
    IMPORT_BLANK_RECORD_ID, IMPORT_VALUE_REFUSED, IMPORT_UNKNOWN_EVENT, IMPORT_UNKNOWN_GROUP,
    IMPORT_NOT_REPEATING, IMPORT_NOT_INSTANCE, IMPORT_INSTANCE_WITHOUT_FORM,
    IMPORT_FORM_NOT_IN_ROW, IMPORT_CHECKBOX_OPTION, IMPORT_FORM_STATUS, RECORD_ID_INVALID,
    UNKNOWN_SITE, PERMISSION_DENIED, QUERY_NEEDS_TEXT, QUERY_CORRECTION_REASON,
    QUERY_ALREADY_HOLDS, QUERY_NOT_ANSWERABLE, QUERY_NOT_CLOSABLE, QUERY_NOT_REOPENABLE,
    QUERY_EMPTY_ANSWER, QUERY_EMPTY_REOPEN, QUERY_UNKNOWN, DDE_NOT_DOUBLE, DDE_ORDINARY_FORM,
    DDE_BOTH_MADE, DDE_SAME_USER, DDE_NOT_FREE, DDE_ENTRANT, DDE_NOT_READY, DDE_NOT_COMPARED,
    DDE_AGREED, DDE_UNRESOLVED_ONE, DDE_UNRESOLVED, DDE_REASON, RESTORE_OTHER_STUDY,
    RESTORE_UNKNOWN_STUDY, RESTORE_NO_FILE, RESTORE_FAILS_CHECK, RESTORE_NOT_STUDY,
    RESTORE_REFUSED, RESTORE_SAME_FILE, RESTORE_IN_USE_BECAUSE, RESTORE_IN_USE,
    SYNC_SAME_DATABASE, SYNC_CENTRAL_UNOPENED, SYNC_NO_SITE_CODE, SYNC_CENTRAL_IS_SITE,
    SYNC_OTHER_DEFINITION, SYNC_SITE_CODE_INVALID, SYNC_ALREADY_SITE, CONFLICT_REASON,
    CONFLICT_UNKNOWN, CONFLICT_RESOLVED, CONFLICT_VALUE_GONE, CONFLICT_RECORD_GONE,
    CONFLICT_FORM_DELETED, SYNC_RECORD_TWICE, SYNC_RECORD_NOT_SENT, AMEND_VERSION_CHANGED,
    AMEND_TARGET_HOLDS, AMEND_FORM_HOLDS_VALUES,
    DRIVE_READ_ONLY, FOLDER_NOT_WRITABLE, FILE_NOT_WRITABLE, DISK_FULL, DATABASE_STORAGE)
"""Every refusal worded with ``worded`` (or an import problem's ``template``)."""

IMPORT_REFUSED = "import refused, nothing was stored:"
IMPORT_PROBLEM_AT_COLUMN = "line {line}, column {number} ({column}): {message}"
IMPORT_PROBLEM_AT_FIELD = "line {line}, field {column}: {message}"
IMPORT_PROBLEM_AT_LINE = "line {line}: {message}"
IMPORT_MORE_PROBLEMS = "... and {count} more"

IMPORT_FRAMES: tuple[str, ...] = (IMPORT_REFUSED, IMPORT_PROBLEM_AT_COLUMN,
                                  IMPORT_PROBLEM_AT_FIELD, IMPORT_PROBLEM_AT_LINE,
                                  IMPORT_MORE_PROBLEMS)
"""How an import's refusal frames its problems (``ImportFailed``, ``ImportProblem``)."""
