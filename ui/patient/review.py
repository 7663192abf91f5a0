"""Investigator actions on a form or a whole record: verify, lock, unlock, e-signature.

Each action is a thin wrapper around one core operation (``vo_crf.entry.review``); the actions a
role may not perform are not created at all (a nurse never sees lock actions), and the others are
enabled only while they apply to the form shown and the patient (``update_enabled``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ui.core_messages import refusal_text
from ui.dialogs.reason import ReasonDialog
from ui.session import AppSession
from ui.signals import emit
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.entry import EntryError, FormKey, FormState
from vo_crf.entry.review import Signed, lock, review_counts, sign, unlock, verify
from vo_crf.queries import form_queries
from vo_crf.study.form_status import FormStatus
from vo_crf.write import Changes

FORM_ACTIONS = ("verify", "lock_form", "sign_form", "unlock_form")
"""The review actions on the form shown (the others apply to the whole patient)."""


class ReviewActions(QObject):
    """Creates the review QActions allowed for the user and runs them on the current form."""

    changed = Signal()

    def __init__(self, session: AppSession, parent: QWidget,
                 current_key: Callable[[], FormKey | None], record_id: str) -> None:
        super().__init__(parent)
        self.session = session
        self._parent = parent
        self._current_key = current_key
        self.record_id = record_id
        self.last_changes: Changes | None = None
        """What the last review action changed (the core's summary), sent on the app signal."""
        self.actions: dict[str, QAction] = {}
        user = session.user
        specs = [
            ("verify", Action.VERIFY, self.tr("Verify form"), self.verify_form),
            ("lock_form", Action.LOCK, self.tr("Lock form"), self.lock_form),
            ("sign_form", Action.ESIGN, self.tr("Sign form…"), self.sign_form),
            ("unlock_form", Action.UNLOCK, self.tr("Unlock form…"), self.unlock_form),
            ("lock_record", Action.LOCK, self.tr("Lock patient"), self.lock_record),
            ("sign_record", Action.ESIGN, self.tr("Sign patient…"), self.sign_record),
            ("unlock_record", Action.UNLOCK, self.tr("Unlock patient…"), self.unlock_record),
        ]
        for name, permission, text, slot in specs:
            if not user.can(permission):
                continue
            action = QAction(text, parent)
            action.setObjectName(f"action_{name}")
            action.triggered.connect(slot)
            self.actions[name] = action

    def update_enabled(self, form: FormState | None) -> None:
        """Enable the actions that apply to ``form`` (the form shown, None: no single form)
        and to the patient's saved forms."""
        saved, locked = review_counts(self.session.project, self.record_id)
        shown = form if form is not None and form.exists else None
        applies = {
            "verify": shown is not None and shown.status == FormStatus.COMPLETE
            and not shown.verified_by and not shown.locked,
            "lock_form": shown is not None and not shown.locked,
            "sign_form": shown is not None,
            "unlock_form": shown is not None and shown.locked,
            "lock_record": saved > locked,
            "sign_record": saved > 0,
            "unlock_record": locked > 0,
        }
        for name, action in self.actions.items():
            action.setEnabled(bool(applies.get(name)))
        verify = self.actions.get("verify")
        if verify is not None:  # the button shows that the form is verified
            verified_by = shown.verified_by if shown is not None else None
            verified = bool(verified_by)
            verify.setCheckable(True)
            verify.setChecked(verified)
            verify.setText(self.tr("Verified ✓") if verified else self.tr("Verify form"))
            verify.setToolTip(self.tr("Verified by {0}").format(verified_by) if verified
                              else self.tr("Mark the form as verified against the source"))

    def show_form_actions(self, shown: bool) -> None:
        """Show the actions on one form only where one form is shown (not on the timeline)."""
        for name, action in self.actions.items():
            if name in FORM_ACTIONS:
                action.setVisible(shown)

    def _run(self, work: Callable[[], object], done: str | Callable[[object], str]) -> None:
        self.last_changes = None
        try:
            result = work()
        except (EntryError, PermissionDenied) as exc:
            QMessageBox.warning(self._parent, self.tr("Not done"),
                                refusal_text(exc, self.session.study))
            emit(self.changed)  # what the user saw may be stale: show the state again
            return
        if isinstance(result, Changes):
            self.last_changes = result
        if callable(done):
            done = done(result)
        emit(self.changed)
        window = self._parent.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(done, 5000)

    def _key(self) -> FormKey | None:
        key = self._current_key()
        if key is None:
            QMessageBox.information(self._parent, self.tr("No form"),
                                    self.tr("Open a form first."))
        return key

    def _ask(self, title: str, text: str, password: bool, prefill: str = "") -> \
            tuple[str, str] | None:
        name = self.session.user.full_name or self.session.user.username
        dialog = ReasonDialog(title, text, self._parent, password_for=name if password else None)
        if prefill:
            dialog.reason.setPlainText(prefill)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.value(), dialog.password.text() if dialog.password else ""
        finally:
            dialog.deleteLater()

    def verify_form(self) -> None:
        """Mark the current (Complete) form as verified."""
        key = self._key()
        if key is None or not self._verify_despite_queries(key):
            emit(self.changed)  # the button shows the form's state again
            return
        self._run(lambda: verify(self.session.project, self.session.user, key),
                  self.tr("Form verified"))

    def _verify_despite_queries(self, key: FormKey) -> bool:
        """Warn first when the form has queries not closed; True when the user goes on."""
        live = [q for q in form_queries(self.session.project, self.session.user, key.record_id,
                                        key.event, key.form, key.instance) if not q.is_closed]
        if not live:
            return True
        answer = QMessageBox.warning(
            self._parent, self.tr("Verify form"),
            self.tr("This form has {0} query(ies) not closed. Verify it anyway?").format(
                len(live)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def lock_form(self) -> None:
        """Lock the current form."""
        key = self._key()
        if key:
            self._run(lambda: lock(self.session.project, self.session.user, key.record_id, key),
                      self.tr("Form locked"))

    def sign_form(self) -> None:
        """Lock and e-sign the current form (password re-entered)."""
        key = self._key()
        if key:
            self._sign(key)

    def unlock_form(self) -> None:
        """Unlock the current form (a reason is required)."""
        key = self._key()
        if key:
            self._unlock(key)

    def lock_record(self) -> None:
        """Lock every saved form of the patient."""
        self._run(lambda: lock(self.session.project, self.session.user, self.record_id),
                  lambda changes: self.tr("Patient locked: {0} form(s) newly locked").format(
                      _form_count(changes)))

    def sign_record(self) -> None:
        """Lock and e-sign every saved form of the patient."""
        self._sign(None)

    def unlock_record(self) -> None:
        """Unlock every form of the patient (a reason is required)."""
        self._unlock(None)

    def _sign(self, key: FormKey | None) -> None:
        what = self.tr("this form") if key else self.tr("every form of {0}").format(
            self.record_id)
        answer = self._ask(self.tr("Electronic signature"),
                           self.tr("You are signing {0}. The forms are locked and your "
                                   "signature is kept in the audit trail. Re-enter your "
                                   "password to sign.").format(what), True,
                           self.tr("I have reviewed these data and confirm they are accurate."))
        if answer:
            reason, password = answer
            done: list[Signed] = []

            def signed() -> Changes:
                done.append(sign(self.session.project, self.session.user, self.record_id, key,
                                 password=password, reason=reason))
                return done[0].changes

            self._run(signed,
                      lambda _result: self.tr("Signed {0} form(s) as {1}; {2} newly locked").format(
                          done[0].signed, self.session.user.username, done[0].newly_locked))

    def _unlock(self, key: FormKey | None) -> None:
        answer = self._ask(self.tr("Unlock"), self.tr("Why must these data be unlocked?"),
                           False)
        if answer:
            self._run(lambda: unlock(self.session.project, self.session.user, self.record_id,
                                     answer[0], key),
                      lambda changes: self.tr("Unlocked") if key else self.tr(
                          "Patient unlocked: {0} form(s) unlocked").format(_form_count(changes)))


def _form_count(changes: object) -> int:
    """How many forms a review action marked (its ``Changes`` summary)."""
    return len(changes.forms) if isinstance(changes, Changes) else 0
