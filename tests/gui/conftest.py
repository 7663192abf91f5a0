"""GUI test fixtures: isolated settings and drafts, strict Qt hygiene, modal dialog helpers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool, QTimer, QtMsgType
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ui.i18n import install_translation
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import tasks_running
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project

_IGNORED_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints",  # offscreen platform limitation
    "This plugin does not support raise()",
    "QFont::setPointSizeF",
    "This plugin does not support grabbing the keyboard",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: QApplication) -> Iterator[Settings]:
    """QSettings in a temporary INI folder, so tests never see the user's preferences."""
    QCoreApplication.setOrganizationName("vo-crf-tests")
    QCoreApplication.setApplicationName("vo-crf-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    QSettings().clear()
    settings = Settings()
    settings.check_quality_on_dashboard = False  # no background run unless a test asks for it
    yield settings


STUCK_AFTER_S = 60
"""How long a modal dialog or menu may wait in a GUI test before the watchdog closes it."""


@pytest.fixture(autouse=True)
def qt_hygiene(qapp: QApplication, qtlog) -> Iterator[None]:  # noqa: ANN001
    """Fail a test that logs a Qt warning or leaves windows or background tasks behind.

    A watchdog closes a modal dialog or menu still waiting after ``STUCK_AFTER_S`` seconds
    (a test whose handler never came) so the test fails instead of hanging the whole run.
    """
    stuck: list[str] = []
    started = time.monotonic()

    def close_if_stuck() -> None:
        if time.monotonic() - started < STUCK_AFTER_S:
            return
        widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if widget is None:
            return
        stuck.append(f"{type(widget).__name__} {widget.objectName()!r}")
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
        else:
            widget.close()

    _test_generation[0] += 1  # handlers scheduled by an earlier test stop polling (see _when_open)
    watchdog = QTimer()
    watchdog.setInterval(1000)
    watchdog.timeout.connect(close_if_stuck)
    watchdog.start()
    yield
    watchdog.stop()
    _test_generation[0] += 1  # this test's handlers that never ran must not fire in the next one
    assert not stuck, f"left waiting for {STUCK_AFTER_S} s, closed by the watchdog: {stuck}"
    QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.processEvents()
    assert tasks_running() == 0, "a background task did not report back"
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()
    warnings = [r.message for r in qtlog.records
                if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg,
                              QtMsgType.QtFatalMsg)
                and not any(text in r.message for text in _IGNORED_QT_MESSAGES)]
    assert not warnings, f"Qt warnings: {warnings}"
    assert not left, f"windows left open: {[type(w).__name__ for w in left]}"


@pytest.fixture
def french(qapp: QApplication, isolated_settings: Settings) -> Iterator[Settings]:
    """The GUI in French for one test (the interface language set back to English after)."""
    isolated_settings.language = "fr"
    assert install_translation(qapp, "fr") == "fr"
    yield isolated_settings
    install_translation(qapp, "en")


@pytest.fixture
def make_session(project: Project, tmp_path: Path, isolated_settings: Settings
                 ) -> Callable[[CurrentUser], AppSession]:
    """Build the app session of a user on the test database, with drafts in tmp_path."""

    def build(user: CurrentUser) -> AppSession:
        return AppSession(project, user, isolated_settings, tmp_path / "drafts.sqlite")

    return build


_test_generation = [0]
"""Bumped at each GUI test's start and end: a handler only runs in the test that scheduled it."""


def _when_open(find: Callable[[], QWidget | None]) -> Callable[..., None]:
    """Return ``schedule(handler)``: run ``handler(widget)`` once ``find()`` gives a widget.

    A handler whose widget never opened stops polling when its test ends: otherwise its timer
    would fire in a later test and run on that test's dialog (a users-dialog handler typing into
    an antibiotic course window).
    """

    def schedule(handler: Callable[[QWidget], None], tries: int = 200) -> None:
        generation = _test_generation[0]

        def poll() -> None:
            if generation != _test_generation[0]:
                return
            widget = find()
            if widget is not None:
                try:
                    handler(widget)
                except BaseException:
                    widget.close()  # never leave a test hanging in a modal loop or menu
                    raise
            elif poll.remaining > 0:
                poll.remaining -= 1
                QTimer.singleShot(10, poll)

        poll.remaining = tries
        QTimer.singleShot(0, poll)

    return schedule


@pytest.fixture
def on_named_modal(qtbot) -> Callable[..., None]:  # noqa: ANN001
    """Run ``handler(dialog)`` once the modal dialog called ``name`` is open (up to 30 s).

    For a dialog shown when background work ends: a progress dialog may be the active modal
    one meanwhile, which ``on_modal`` would take for it.
    """

    def schedule(name: str, handler: Callable[[QWidget], None]) -> None:
        _when_open(lambda: _named_modal(name))(handler, tries=3000)

    return schedule


def _named_modal(name: str) -> QWidget | None:
    dialog = _open_modal()
    return dialog if dialog is not None and dialog.objectName() == name else None


def _open_modal() -> QWidget | None:
    dialog = QApplication.activeModalWidget()
    if dialog is not None and dialog.isVisible() and QApplication.activeWindow() is dialog:
        return dialog
    return None


def _open_popup() -> QWidget | None:
    popup = QApplication.activePopupWidget()
    return popup if popup is not None and popup.isVisible() else None


@pytest.fixture
def on_modal(qtbot) -> Callable[[Callable[[QWidget], None]], None]:  # noqa: ANN001
    """Run ``handler(dialog)`` as soon as a modal dialog is open (before calling what opens it)."""
    return _when_open(_open_modal)


@pytest.fixture
def on_popup(qtbot) -> Callable[[Callable[[QWidget], None]], None]:  # noqa: ANN001
    """Run ``handler(menu)`` as soon as a popup menu is open."""
    return _when_open(_open_popup)

