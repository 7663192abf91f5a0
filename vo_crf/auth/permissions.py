"""Roles and what each may do; checked by the core services, not only by the GUI."""

from __future__ import annotations

from enum import StrEnum

from vo_crf.wording import PERMISSION_DENIED


class Role(StrEnum):
    """The five roles of the study team."""

    ADMIN = "admin"
    INVESTIGATOR = "investigator"
    NURSE = "nurse"
    STATISTICIAN = "statistician"
    MONITOR = "monitor"


class Action(StrEnum):
    """Everything a permission can be asked for."""

    VIEW_DATA = "view_data"
    VIEW_IDENTIFIERS = "view_identifiers"
    EDIT_DATA = "edit_data"
    CREATE_RECORD = "create_record"
    DELETE_INSTANCE = "delete_instance"
    IMPORT = "import"
    VERIFY = "verify"
    LOCK = "lock"
    ESIGN = "esign"
    UNLOCK = "unlock"
    EXPORT_DEIDENTIFIED = "export_deidentified"
    EXPORT_IDENTIFIED = "export_identified"
    REPORT = "report"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    RAISE_QUERY = "raise_query"
    ANSWER_QUERY = "answer_query"
    CLOSE_QUERY = "close_query"
    ADJUDICATE = "adjudicate"
    AMEND_STUDY = "amend_study"


_DATA_ENTRY = {Action.VIEW_DATA, Action.VIEW_IDENTIFIERS, Action.EDIT_DATA, Action.CREATE_RECORD,
               Action.DELETE_INSTANCE, Action.IMPORT, Action.REPORT, Action.VIEW_AUDIT,
               Action.EXPORT_DEIDENTIFIED, Action.ANSWER_QUERY}
_REVIEW = {Action.VERIFY, Action.LOCK, Action.ESIGN, Action.UNLOCK, Action.EXPORT_IDENTIFIED,
           Action.RAISE_QUERY, Action.CLOSE_QUERY, Action.ADJUDICATE}
_MONITORING = {Action.VIEW_DATA, Action.VIEW_IDENTIFIERS, Action.VIEW_AUDIT, Action.REPORT,
               Action.VERIFY, Action.LOCK, Action.UNLOCK, Action.RAISE_QUERY,
               Action.CLOSE_QUERY}
"""Monitors verify (SDV), lock and unlock (database close-out) but never sign: the e-signature
is the investigator's attestation (ESIGN)."""

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.INVESTIGATOR: frozenset(_DATA_ENTRY | _REVIEW),
    Role.NURSE: frozenset(_DATA_ENTRY),
    Role.STATISTICIAN: frozenset({Action.VIEW_DATA, Action.REPORT, Action.EXPORT_DEIDENTIFIED}),
    Role.MONITOR: frozenset(_MONITORING),
}
"""The role × action matrix."""


class PermissionDenied(PermissionError):
    """The user's role does not allow the action."""

    def __init__(self, username: str, role: Role, action: Action) -> None:
        self.username, self.role, self.action = username, role, action
        super().__init__(
            f"{username} ({role}) is not allowed to {action.value.replace('_', ' ')}")
        self.template = PERMISSION_DENIED
        """Its wording (``vo_crf.wording``): the role and the action kept raw in ``words``."""
        self.words: tuple[tuple[str, object], ...] = (
            ("username", username), ("role", role), ("action", action))


def allowed(role: Role | str, action: Action) -> bool:
    """True when ``role`` may perform ``action``."""
    return action in PERMISSIONS[Role(role)]


def require(username: str, role: Role | str, action: Action) -> None:
    """Raise PermissionDenied unless ``role`` may perform ``action``."""
    if not allowed(role, action):
        raise PermissionDenied(username, Role(role), action)
