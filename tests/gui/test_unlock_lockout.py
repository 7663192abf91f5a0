"""The idle-unlock password counts toward the lockout, as logins and e-signatures do."""

from __future__ import annotations

from accounts import PASSWORDS
from gui_helpers import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from sqlalchemy import select

from ui.main_window import MainWindow
from vo_crf.auth.users import MAX_FAILED_LOGINS
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry


def test_wrong_unlock_passwords_lock_the_account(project, nurse, make_session, qtbot,
                                                 on_modal) -> None:  # noqa: ANN001
    window = MainWindow(make_session(nurse))
    qtbot.addWidget(window)
    show_active(qtbot, window)
    messages: list[str] = []

    def unlock(dialog) -> None:  # noqa: ANN001
        password = dialog.findChild(QLineEdit, "password")
        for _ in range(MAX_FAILED_LOGINS):
            qtbot.keyClicks(password, "not-the-password")
            qtbot.keyClick(password, Qt.Key.Key_Return)
        qtbot.keyClicks(password, PASSWORDS["nurse"])
        qtbot.keyClick(password, Qt.Key.Key_Return)
        assert dialog.isVisible()  # locked out: even the right password does not unlock
        messages.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.done(0)

    on_modal(unlock)
    window.idle.set_timeout(100)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    window.idle.set_timeout(0)
    assert any("locked for" in text for text in messages)
    with read_session(project.engine) as session:
        failed = session.scalars(select(AuditEntry.reason)
                                 .where(AuditEntry.action == "login_failed")).all()
    assert len(failed) == MAX_FAILED_LOGINS + 1 and "locked" in failed[MAX_FAILED_LOGINS - 1]
    window.close()
