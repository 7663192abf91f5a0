"""User preferences stored with QSettings, read with a type and a default (never study data)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

DATE_FORMATS = ("iso", "dmy")
"""``iso``: 2024-03-05; ``dmy``: 05/03/2024 (both are accepted when typing)."""

LANGUAGES = ("system", "en", "fr")


class Settings:
    """Typed access to the application's preferences."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    def _str(self, key: str, default: str) -> str:
        value = self._store.value(key, default, type=str)
        return value if isinstance(value, str) else default

    def _int(self, key: str, default: int) -> int:
        try:
            value = self._store.value(key, default, type=int)
            return int(value) if isinstance(value, int | float | str) else default
        except (TypeError, ValueError):
            return default

    @property
    def database_url(self) -> str:
        """The study database opened at start ('' = the default location)."""
        return self._str("database/url", "")

    @database_url.setter
    def database_url(self, value: str) -> None:
        self._store.setValue("database/url", value)

    @property
    def date_format(self) -> str:
        """How dates are shown: ``iso`` or ``dmy``; unset, day first for a French interface."""
        value = self._str("entry/date_format", "")
        if value in DATE_FORMATS:
            return value
        from ui.i18n import wanted_language

        return "dmy" if wanted_language(self.language) == "fr" else "iso"

    @date_format.setter
    def date_format(self, value: str) -> None:
        self._store.setValue("entry/date_format", value if value in DATE_FORMATS else "iso")

    @property
    def idle_minutes(self) -> int:
        """Minutes without keyboard or mouse activity before the screen locks (0 = never)."""
        return max(0, min(240, self._int("security/idle_minutes", 10)))

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        self._store.setValue("security/idle_minutes", int(value))

    @property
    def language(self) -> str:
        """User interface language: ``system``, ``en`` or ``fr``."""
        value = self._str("ui/language", "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("ui/language", value if value in LANGUAGES else "system")

    @property
    def central_url(self) -> str:
        """The central database this site synchronises with ('' = not set yet)."""
        return self._str("sync/central_url", "")

    @central_url.setter
    def central_url(self, value: str) -> None:
        self._store.setValue("sync/central_url", value.strip())

    @property
    def last_username(self) -> str:
        """The user name typed at the last successful login (pre-filled)."""
        return self._str("login/last_username", "")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._store.setValue("login/last_username", value)

    @property
    def remember_last_user(self) -> bool:
        """Pre-fill the login with the last user name (off by default: a shared laptop)."""
        return bool(self._store.value("login/remember_last_user", False, type=bool))

    @remember_last_user.setter
    def remember_last_user(self, value: bool) -> None:
        self._store.setValue("login/remember_last_user", bool(value))

    def login_name(self) -> str:
        """The user name the login starts with: the last one only when chosen in Settings."""
        return self.last_username if self.remember_last_user else ""

    @property
    def check_quality_on_dashboard(self) -> bool:
        """Run the data-quality checks in the background when the dashboard opens (and F5)."""
        value = self._store.value("quality/check_on_dashboard", True, type=bool)
        return value if isinstance(value, bool) else True

    @check_quality_on_dashboard.setter
    def check_quality_on_dashboard(self, value: bool) -> None:
        self._store.setValue("quality/check_on_dashboard", bool(value))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()
