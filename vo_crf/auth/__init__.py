"""Users, roles, passwords and permissions."""

from vo_crf.auth.permissions import Action, PermissionDenied, Role, allowed
from vo_crf.auth.users import (
    SYSTEM_USER,
    AuthenticationError,
    CurrentUser,
    authenticate,
    confirm_password,
    create_user,
)

__all__ = [
    "SYSTEM_USER", "Action", "AuthenticationError", "CurrentUser", "PermissionDenied", "Role",
    "allowed", "authenticate", "confirm_password", "create_user",
]
