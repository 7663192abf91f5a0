"""The words a core refusal carries raw and the interface says in its own language: what a
role may not do (``vo_crf.auth.permissions.Action``), as "{user} ({role}) is not allowed to
{action}" ends."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vo_crf.auth.permissions import Action

CONTEXT = "CoreMessages"

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
