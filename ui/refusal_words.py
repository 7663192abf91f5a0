"""The core's worded refusals listed for translation (``WORDINGS``, said by
``ui.core_messages.refusal_text``), and the words a refusal carries raw that the interface says
in its own language: what a role may not do (``vo_crf.auth.permissions.Action``), as
"{user} ({role}) is not allowed to {action}" ends."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vo_crf.auth.permissions import Action

CONTEXT = "CoreMessages"

WORDINGS = (
    QT_TRANSLATE_NOOP("CoreMessages", "{field}: {name} is {size}; a file field takes files of "
                                      "at most {limit} [rule: file size]"),
    QT_TRANSLATE_NOOP("CoreMessages", "{target} is the study database itself: writing there "
                                      "would destroy the study. Choose another file name."),
    QT_TRANSLATE_NOOP("CoreMessages", "{target} is the study database's {suffix} file "
                                      "(SQLite's journal, part of the study database): writing "
                                      "there would damage it. Choose another file name."),
    QT_TRANSLATE_NOOP("CoreMessages", "{target} is in the study's backups folder {backups}: "
                                      "vo-crf keeps that folder for its backups only. Choose "
                                      "another folder."),
    QT_TRANSLATE_NOOP("CoreMessages", "{target} is a folder: give a file name"),
    QT_TRANSLATE_NOOP("CoreMessages", "{target} is an SQLite database (perhaps a study "
                                      "database): an export never replaces a database. Choose "
                                      "another file name."),
    QT_TRANSLATE_NOOP("CoreMessages", "{target} already exists: choose another name, or "
                                      "confirm replacing it (--force on the command line)"),
    QT_TRANSLATE_NOOP("CoreMessages", "record {record} already exists"),
    QT_TRANSLATE_NOOP("CoreMessages", "wrong user name or password"),
    QT_TRANSLATE_NOOP("CoreMessages", "the account {username} is deactivated"),
    QT_TRANSLATE_NOOP("CoreMessages", "too many failed logins: the account is locked for "
                                      "{minutes} more minute(s)"),
    QT_TRANSLATE_NOOP("CoreMessages", "too many failed logins: the account is locked"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file is not UTF-8 text"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file is empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file changed while it was being imported: import it "
                                      "again"),
    QT_TRANSLATE_NOOP("CoreMessages", "not a CDISC ODM file (root element {element}; expected "
                                      "ODM in namespace {namespace})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the first column must be {name}"),
    QT_TRANSLATE_NOOP("CoreMessages", "column appears twice"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown column"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown column (checkbox columns are {name}___<code>)"),
    QT_TRANSLATE_NOOP("CoreMessages", "the study has several events: the column is required"),
    QT_TRANSLATE_NOOP("CoreMessages", "{values} values for {columns} columns"),
    QT_TRANSLATE_NOOP("CoreMessages", "the record id is blank"),
    QT_TRANSLATE_NOOP("CoreMessages", "{message} [rule: {rule}]"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown event {event}"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown data access group {group} (known: {known})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} is not a repeating form of {event}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{instance} is not a repeat instance number (1, 2…)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a repeat instance needs redcap_repeat_instrument"),
    QT_TRANSLATE_NOOP("CoreMessages", "form {form} is not part of this row ({row})"),
    QT_TRANSLATE_NOOP("CoreMessages", "checkbox option must be 0 or 1, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessages", "form status must be 0, 1 or 2, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessages", "record id {record}: use letters, digits, '-', '_' or '.' "
                                      "only, at most 100 characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown site {site} (known: {known})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{username} ({role}) is not allowed to {action}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a query on {field} needs a text saying what to check"),
    QT_TRANSLATE_NOOP("CoreMessages", "correcting a value needs a reason for the change"),
    QT_TRANSLATE_NOOP("CoreMessages", "{field} already holds {value}: answer without a "
                                      "correction"),
    QT_TRANSLATE_NOOP("CoreMessages", "query #{query} is {status}: only a query that is open "
                                      "can be answered"),
    QT_TRANSLATE_NOOP("CoreMessages", "query #{query} is {status}: only a query that is open or "
                                      "answered can be closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "query #{query} is {status}: only a query that is answered "
                                      "or closed can be re-opened"),
    QT_TRANSLATE_NOOP("CoreMessages", "the text is empty: write an answer"),
    QT_TRANSLATE_NOOP("CoreMessages", "the text is empty: write a reason to re-open"),
    QT_TRANSLATE_NOOP("CoreMessages", "no query #{query}"),
    QT_TRANSLATE_NOOP("CoreMessages", "form {form} is not entered twice in this study "
                                      "(project.json double_data_entry_forms)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} at {event} of {record} is {status}: edit it as an "
                                      "ordinary form"),
    QT_TRANSLATE_NOOP("CoreMessages", "both entries of {form} at {event} of {record} are already "
                                      "made (by {first} and {second}): a third user cannot enter "
                                      "it"),
    QT_TRANSLATE_NOOP("CoreMessages", "{user} made entry {own} of {form} at {event} of {record}: "
                                      "the same user cannot make entry {wanted} too (it must be "
                                      "another user)"),
    QT_TRANSLATE_NOOP("CoreMessages", "entry {wanted} of {form} at {event} of {record} is not "
                                      "free: the next entry is entry {free}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{user} made entry {own} of {form} at {event} of {record}: "
                                      "an entrant can neither see the other entry nor adjudicate"),
    QT_TRANSLATE_NOOP("CoreMessages", "{form} at {event} of {record} is {status}: both entries "
                                      "must be Complete before adjudication"),
    QT_TRANSLATE_NOOP("CoreMessages", "{fields}: not compared fields of {form} at {event} of "
                                      "{record}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{fields}: both entries agree; change the value after "
                                      "adjudication, with a reason"),
    QT_TRANSLATE_NOOP("CoreMessages", "resolve every difference first: {fields} has no final "
                                      "value"),
    QT_TRANSLATE_NOOP("CoreMessages", "resolve every difference first: {fields} have no final "
                                      "value"),
    QT_TRANSLATE_NOOP("CoreMessages", "give a reason for the adjudication (e.g. 'checked against "
                                      "the source document')"),
    QT_TRANSLATE_NOOP("CoreMessages", "{backup} is a backup of another study database, not of "
                                      "{database}: nothing was changed"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot tell whether {backup} belongs to the study database "
                                      "{database}: restore a backup from {folder}; nothing was "
                                      "changed"),
    QT_TRANSLATE_NOOP("CoreMessages", "no backup file at {backup}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{backup} fails the integrity check ({problem}): choose "
                                      "another backup"),
    QT_TRANSLATE_NOOP("CoreMessages", "{backup} is not a vo-crf study database"),
    QT_TRANSLATE_NOOP("CoreMessages", "{backup} is refused: {problem}; nothing was restored or "
                                      "changed"),
    QT_TRANSLATE_NOOP("CoreMessages", "the backup and the database are the same file"),
    QT_TRANSLATE_NOOP("CoreMessages", "{database} is open in vo-crf or another program "
                                      "({problem}): close it everywhere, then restore again; "
                                      "nothing was changed"),
    QT_TRANSLATE_NOOP("CoreMessages", "{database} is open in vo-crf or another program: close it "
                                      "everywhere, then restore again; nothing was changed"),
    QT_TRANSLATE_NOOP("CoreMessages", "the site and the central database are the same database"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot open the central database: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessages", "this database has no site code yet: an admin sets it once "
                                      "with 'vo-crf sync setup --db DB --user NAME --site CODE'"),
    QT_TRANSLATE_NOOP("CoreMessages", "the central database is itself site {site}: give the URL "
                                      "of the central database"),
    QT_TRANSLATE_NOOP("CoreMessages", "the site and the central database hold different study "
                                      "definitions: load the same definition on both first"),
    QT_TRANSLATE_NOOP("CoreMessages", "site code {code}: use letters and digits (e.g. 1 or 01)"),
    QT_TRANSLATE_NOOP("CoreMessages", "this database is already site {site}; a site code cannot "
                                      "be changed"),
    QT_TRANSLATE_NOOP("CoreMessages", "record {record} was created separately at two sites (by "
                                      "{here} and by {there}): each site must create only its "
                                      "own site's study numbers; nothing was synced"),
    QT_TRANSLATE_NOOP("CoreMessages", "record {record} is unknown here and was not sent"),
    QT_TRANSLATE_NOOP("CoreMessages", "a reason is required to resolve a conflict"),
    QT_TRANSLATE_NOOP("CoreMessages", "no sync conflict #{conflict}"),
    QT_TRANSLATE_NOOP("CoreMessages", "sync conflict #{conflict} is already resolved"),
    QT_TRANSLATE_NOOP("CoreMessages", "the value of conflict #{conflict} no longer exists"),
    QT_TRANSLATE_NOOP("CoreMessages", "record {record} no longer exists"),
    QT_TRANSLATE_NOOP("CoreMessages", "the form was deleted at the other site: delete it here "
                                      "(with a reason) or keep the local form"),
    QT_TRANSLATE_NOOP("CoreMessages", "the database's definition is now version {latest}, not "
                                      "{version}: load the amendment again"),
    QT_TRANSLATE_NOOP("CoreMessages", "{record} {event}: {target} already holds {held}, so the "
                                      "value {value} of {field} cannot move there; map {field} "
                                      "to another field or to null"),
    QT_TRANSLATE_NOOP("CoreMessages", "{record} {event} {form} #{instance} still holds values: "
                                      "map its fields first"),
    QT_TRANSLATE_NOOP("CoreMessages", "the drive holding {folder} is read-only (mounted "
                                      "read-only)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{user} has no permission to write in the folder {folder}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{user} has no permission to write to {path} (the file is "
                                      "read-only)"),
    QT_TRANSLATE_NOOP("CoreMessages", "the disk holding {folder} is full ({free} free)"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot use the study database {database}: {problem}. "
                                      "vo-crf needs to write beside the database (its journal), "
                                      "even to read it. This is not damage to the database and "
                                      "nothing was changed: free some space, make the drive "
                                      "writable or copy the database to a writable folder, then "
                                      "try again."),
)
"""The core's other worded refusals (``vo_crf.wording.TEMPLATES``)."""

ACTIONS: dict[Action, object] = {
    Action.VIEW_DATA: QT_TRANSLATE_NOOP("CoreMessages", "view data"),
    Action.VIEW_IDENTIFIERS: QT_TRANSLATE_NOOP("CoreMessages", "view identifiers"),
    Action.EDIT_DATA: QT_TRANSLATE_NOOP("CoreMessages", "edit data"),
    Action.CREATE_RECORD: QT_TRANSLATE_NOOP("CoreMessages", "create record"),
    Action.DELETE_INSTANCE: QT_TRANSLATE_NOOP("CoreMessages", "delete instance"),
    Action.IMPORT: QT_TRANSLATE_NOOP("CoreMessages", "import"),
    Action.VERIFY: QT_TRANSLATE_NOOP("CoreMessages", "verify"),
    Action.LOCK: QT_TRANSLATE_NOOP("CoreMessages", "lock"),
    Action.ESIGN: QT_TRANSLATE_NOOP("CoreMessages", "esign"),
    Action.UNLOCK: QT_TRANSLATE_NOOP("CoreMessages", "unlock"),
    Action.EXPORT_DEIDENTIFIED: QT_TRANSLATE_NOOP("CoreMessages", "export deidentified"),
    Action.EXPORT_IDENTIFIED: QT_TRANSLATE_NOOP("CoreMessages", "export identified"),
    Action.REPORT: QT_TRANSLATE_NOOP("CoreMessages", "report"),
    Action.VIEW_AUDIT: QT_TRANSLATE_NOOP("CoreMessages", "view audit"),
    Action.MANAGE_USERS: QT_TRANSLATE_NOOP("CoreMessages", "manage users"),
    Action.RAISE_QUERY: QT_TRANSLATE_NOOP("CoreMessages", "raise query"),
    Action.ANSWER_QUERY: QT_TRANSLATE_NOOP("CoreMessages", "answer query"),
    Action.CLOSE_QUERY: QT_TRANSLATE_NOOP("CoreMessages", "close query"),
    Action.ADJUDICATE: QT_TRANSLATE_NOOP("CoreMessages", "adjudicate"),
    Action.AMEND_STUDY: QT_TRANSLATE_NOOP("CoreMessages", "amend study"),
}
"""Each action as the core's English says it (its name, spaces for underscores): the key of
its translation."""


def action_text(action: Action) -> str:
    """What ``action`` is called in the interface's language ("modifier les données")."""
    return QCoreApplication.translate(CONTEXT, str(ACTIONS[action]))
