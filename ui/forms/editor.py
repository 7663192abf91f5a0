"""The form editor: one form instance, generated from the study definition.

The core is the record of truth: the editor opens, assesses (branching, calculations, messages
while the user types) and saves its form through its entry mode (``ui.forms.entry_mode``:
ordinary entry through ``EntryService``, or the user's own entry of a double-entered form).
Unsaved edits are written to the draft store every few seconds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import message_text, refusal_text, with_labels
from ui.database_failure import DATABASE_ERRORS, report_database_failure
from ui.dde.entry_bar import DoubleEntryBar
from ui.dialogs.history import show_field_history
from ui.forms.attachments import FileFieldEditor
from ui.forms.banner import Banner
from ui.forms.dates import moment_text
from ui.forms.entry_mode import EntryMode, OrdinaryEntry, entry_mode_for
from ui.forms.footer import FormFooter
from ui.forms.matrix import MatrixHeader, in_matrix, link_matrix_rows
from ui.forms.row import LABEL_WIDTH, FieldRow
from ui.forms.saving import confirm_discard, stale_save_text
from ui.forms.tagging import FormTags
from ui.labels import place_label, signature_text
from ui.queries.form_marks import FormQueries
from ui.session import AppSession
from ui.signals import emit, notify_changes
from vo_crf.auth.permissions import Action
from vo_crf.db.file_guard import database_unusable
from vo_crf.drafts import Draft
from vo_crf.entry import EntryError, FormKey, FormState, Message
from vo_crf.entry.message_templates import field_label
from vo_crf.entry.messages import Rule
from vo_crf.entry.new_record import NewRecord
from vo_crf.study.form_status import FormStatus
from vo_crf.study.model import FieldDef, FieldType
from vo_crf.write.changes import ChangeKind, Changes

DISCARD_KEYS = "Ctrl+Shift+R"
"""Discard the unsaved changes (after asking)."""
DRAFT_INTERVAL_MS = 3000
TYPING_ASSESS_DELAY_MS = 600
"""While a line is being typed, messages follow after this pause (Tab applies them at once)."""


class FormEditor(QWidget):
    """Edit one form instance; Ctrl+S saves, Ctrl+Return saves and goes to the next form."""

    saved = Signal()
    next_requested = Signal()
    dirty_changed = Signal(bool)
    record_created = Signal(str)
    """The first save of a new patient created it (its study number)."""

    def __init__(self, session: AppSession, key: FormKey, parent: QWidget | None = None,
                 new_record: NewRecord | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formEditor")
        self.session = session
        self.key = key
        self.new_record = new_record
        """A patient not saved yet: this form opens empty and its first save creates it."""
        self.study = session.study
        self.form = self.study.form(key.form)
        self.state: FormState | None = None
        self.mode: EntryMode = OrdinaryEntry(session, key, new_record)
        """How the form is entered: ordinary entry or the user's own double entry (chosen
        again by ``reload``)."""
        self._dirty = False
        self._loading = False
        self._last_draft: tuple | None = None
        self._assessed: tuple | None = None
        self.rows: dict[str, FieldRow] = {}
        self._reached: set[str] = set()
        """Fields the user has left: their "required" warnings are shown (see show_messages)."""
        self._save_pressed = False
        self._messages: list[Message] = []
        self._build()
        self.tagging = FormTags(self)  # action tags and piping (ui.forms.tagging)
        self.queries = FormQueries(self)  # field marks and query actions (ui.queries)
        self._assess_timer = QTimer(self, singleShot=True, interval=TYPING_ASSESS_DELAY_MS)
        self._assess_timer.timeout.connect(self.assess_now)
        self._draft_timer = QTimer(self, interval=DRAFT_INTERVAL_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self._draft_timer.start()
        self.reload()
        draft = session.drafts.load(key) if new_record is None else None
        if draft is not None and not self.read_only:
            self.restore_draft(draft)

    # ----- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.title = QLabel()
        self._show_title()
        self.title.setContentsMargins(16, 10, 16, 6)
        layout.addWidget(self.title)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.double_entry = DoubleEntryBar(self.session, self.key, self)  # hidden unless DDE
        self.double_entry.adjudicated.connect(self._adjudicated)
        layout.addWidget(self.double_entry)
        body = QWidget()
        body.setObjectName("formBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(16, 4, 24, 16)
        column.setSpacing(2)
        date_format = self.session.settings.date_format
        missing = self.study.missing_codes
        previous: FieldDef | None = None
        for field in self.form.fields:
            if field.section_header:
                header = QLabel(field.section_header)
                header.setStyleSheet("font-weight: 600; font-size: 11pt; color: #1f4e79; "
                                     "border-bottom: 1px solid #c5d3e3; padding-top: 10px;")
                column.addWidget(header)
            if in_matrix(field) and (previous is None or previous.matrix_group
                                     != field.matrix_group):
                column.addWidget(MatrixHeader(field, LABEL_WIDTH + 12 + 5))  # row spacing, margins
            previous = field
            row = FieldRow(field, missing, date_format)
            if isinstance(row.editor, FileFieldEditor):
                row.editor.bind_engine(self.session.service.project.engine)
            row.edited.connect(self._edited)
            row.committed.connect(self._committed)
            row.history_requested.connect(self.show_history)
            if (widget := row.editor.focus_widget()) is not None:
                widget.installEventFilter(self)
            column.addWidget(row)
            self.rows[field.name] = row
        column.addStretch(1)
        link_matrix_rows(self.rows.values())
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self._footer())
        self._set_tab_order()

    def form_title(self) -> str:
        """The form as its heading names it: "Biology — M0" (with "#2" for an instance)."""
        title = place_label(self.study, self.key.event, self.form.name)
        if self.study.is_repeating(self.key.event, self.key.form):
            title += f" #{self.key.instance}"
        return title

    def _show_title(self) -> None:
        title = self.form_title()
        patient = self.key.record_id
        if self.new_record is not None:
            patient += " " + self.tr("(new patient: created when a form is saved)")
        self.title.setText(f"<span style='font-size:15pt; font-weight:600'>{title}</span>"
                           f"&nbsp;&nbsp;<span style='color:gray'>{patient}</span>")

    def _footer(self) -> QWidget:
        footer = FormFooter(self)
        self.status, self.marks = footer.status, footer.marks
        self.discard_button, self.save_button = footer.discard_button, footer.save_button
        self.next_button = footer.next_button
        self.status.currentIndexChanged.connect(self._status_changed)
        self.discard_button.clicked.connect(self.discard_changes)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.save_and_next)
        for text, keys, slot in ((self.tr("Save"), QKeySequence.StandardKey.Save, self.save),
                                 (self.tr("Save and next form"), QKeySequence("Ctrl+Return"),
                                  self.save_and_next),
                                 (self.tr("Discard changes"), QKeySequence(DISCARD_KEYS),
                                  self.discard_changes)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        return footer

    def _set_tab_order(self) -> None:
        chain = [w for row in self.rows.values() if (w := row.editor.focus_widget())]
        chain += [self.status, self.discard_button, self.save_button, self.next_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def first_focus(self) -> QWidget | None:
        """Return the first visible, editable input of the form."""
        for row in self.rows.values():
            widget = row.editor.focus_widget()
            if widget is not None and row.isVisibleTo(self) and widget.isEnabled() \
                    and row.field.name != self.study.record_id_field:
                return widget
        return self.status

    # ----- state ---------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """True when the form cannot be changed (locked, or the role cannot edit)."""
        return bool(self.state and self.state.locked) or not self.session.user.can(
            Action.EDIT_DATA) or self.mode.blocks_editing

    @property
    def dirty(self) -> bool:
        """True when there are unsaved changes."""
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            emit(self.dirty_changed, dirty)

    def reload(self) -> None:
        """Open the stored form (dropping unsaved edits); the entry mode is chosen again (an
        adjudicated form is entered as an ordinary one)."""
        self.mode = entry_mode_for(self.session, self.key, self.new_record)
        self.double_entry.show_mode(self.mode)
        self.show_state(self.mode.open())

    def _adjudicated(self) -> None:
        self.reload()
        self.show_banner(self.tr("Double entries adjudicated: these are the final values."),
                         "success")
        emit(self.saved)
        self._tell([ChangeKind.VALUES, ChangeKind.STATUS])

    def _tell(self, kinds: list[ChangeKind], changes: Changes | None = None) -> None:
        """Tell every screen what this form wrote (the app-wide signal)."""
        key = self.key
        notify_changes(changes if changes is not None else Changes.of(
            kinds, key.record_id, (key.event, key.form, key.instance)), self)

    def show_state(self, state: FormState) -> None:
        """Show a form state from the core (after opening or saving)."""
        self.state = state
        self._loading = True
        for name, row in self.rows.items():
            if name == self.study.record_id_field:
                row.set_value(self.key.record_id)
                row.set_read_only(True)
                continue
            row.set_value(state.value(name))
            row.set_read_only(self.read_only or row.field.field_type is FieldType.CALC
                              or row.field.is_read_only or self.tagging.read_only(name))
            row.show_messages([])
        self.tagging.state_shown(state)
        self.status.setCurrentIndex(self.status.findData(state.status))
        self.status.setEnabled(not self.read_only)
        self._loading = False
        self._apply_visibility(state.visible)
        for button in (self.save_button, self.next_button, self.discard_button):
            button.setEnabled(not self.read_only)
        self._show_marks(state)
        self.queries.refresh()
        self._set_dirty(False)
        self._last_draft = None
        self._assessed = None
        self._reached.clear()
        self._save_pressed = False
        self._messages = []
        self.banner.hide()
        if state.locked:
            signed = signature_text(state.signed_by, state.signed_at,
                                    self.session.settings.date_format)
            self.show_banner(self.tr("Locked by {0} on {1}: read-only. An investigator can "
                                     "unlock it with a reason.").format(
                state.locked_by, moment_text(state.locked_at, self.session.settings.date_format)
                if state.locked_at else "") + (
                " " + self.tr("E-signature: {0}.").format(signed) if signed else ""), "info")

    def _show_marks(self, state: FormState) -> None:
        parts = []
        if state.verified_by:
            parts.append(self.tr("Verified by {0}").format(state.verified_by))
        if state.locked_by:
            parts.append(self.tr("Locked by {0}").format(state.locked_by))
        signed = signature_text(state.signed_by, state.signed_at,
                                    self.session.settings.date_format)
        if signed:
            parts.append(signed[0].upper() + signed[1:])
        self.marks.setText(" · ".join(parts))

    def _apply_visibility(self, visible: frozenset[str]) -> None:
        for name, row in self.rows.items():
            row.setVisible(name in visible and not self.tagging.hidden(name))

    def current_values(self) -> dict[str, str]:
        """Return the value of every data-entry field as shown."""
        return {name: row.value() for name, row in self.rows.items()
                if row.holds_data and name != self.study.record_id_field}

    def changed_values(self) -> dict[str, str]:
        """Return the fields whose shown value differs from the stored one."""
        stored = self.state.values if self.state else {}
        return {name: value for name, value in self.current_values().items()
                if value != stored.get(name, "")}

    def current_status(self) -> int:
        """Return the form status chosen in the footer."""
        return FormStatus(self.status.currentData() or FormStatus.INCOMPLETE)

    def _edited(self) -> None:
        if not self._loading:
            self._set_dirty(True)
            self._assess_timer.start(TYPING_ASSESS_DELAY_MS)

    def _status_changed(self) -> None:
        if not self._loading:
            self._set_dirty(True)
            self._committed()

    def _committed(self) -> None:
        """A change is finished (a choice made, a field left): assess it before the next key."""
        if not self._loading:
            self._assess_timer.stop()
            self.assess_now()

    def flush_assessment(self) -> None:
        """Apply what is still pending from typing (branching first) at once."""
        if self._assess_timer.isActive():
            self._assess_timer.stop()
            self.assess_now()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        """Tab and Shift+Tab: branching of what was typed decides where the focus goes.

        Keys typed faster than the typing delay would otherwise reach a field that branching
        is about to show or hide, shifting every later answer by one field.
        """
        self.flush_assessment()
        return super().focusNextPrevChild(next)

    def assess_now(self) -> None:
        """Ask the core about the values shown: branching, calculations, messages."""
        if self.read_only:
            return
        snapshot = (tuple(sorted(self.current_values().items())), self.current_status())
        if snapshot == self._assessed:
            return
        try:
            state = self.mode.assess(self.current_values(), self.current_status())
        except EntryError as exc:
            self.show_banner(refusal_text(exc, self.study), "error")
            return
        except DATABASE_ERRORS as exc:
            # Assessing runs at every committed change, also while a save reports its own
            # failure: a database the user can wait out (busy, disk full) is assessed again
            # at the next change or save; one that cannot be used goes to the one dialog.
            if database_unusable(exc):
                report_database_failure(self, exc)
            return
        self._assessed = snapshot
        self._apply_visibility(state.visible)
        for name, value in state.calc_values.items():
            self.rows[name].set_value(value)
        self.tagging.assessed(state)
        self.show_messages(state.messages)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A field left (focus out): from now on its "required" warning may show."""
        if event.type() == QEvent.Type.FocusOut:
            for name, row in self.rows.items():
                if row.editor.focus_widget() is watched and name not in self._reached:
                    self._reached.add(name)
                    self.flush_assessment()
                    self.show_messages(self._messages)
                    break
        return super().eventFilter(watched, event)

    def _nags_too_early(self, message: Message) -> bool:
        """A "required" warning about a field the user has not reached yet (nor pressed Save)."""
        return (message.rule is Rule.REQUIRED and not message.is_error
                and not self._save_pressed and message.field not in self._reached)

    def show_messages(self, messages: list[Message]) -> None:
        """Put each message next to its field; the others (hidden fields) go to the banner.

        "Required" warnings wait until the user has left the field or pressed Save.
        """
        self._messages = list(messages)
        by_field: dict[str, list[Message]] = {}
        for message in messages:
            if self._nags_too_early(message):
                continue
            by_field.setdefault(message.field, []).append(message)
        elsewhere: list[Message] = []
        for name, row in self.rows.items():
            found = by_field.pop(name, [])
            if row.isHidden():
                elsewhere += found
                found = []
            row.show_messages(found)
        for rest in by_field.values():
            elsewhere += rest
        if elsewhere:
            date_format = self.session.settings.date_format
            self.show_banner("\n".join(message_text(m, date_format) for m in elsewhere),
                             "error" if any(m.is_error for m in elsewhere) else "warning")
        elif self.banner.kind in ("error", "warning"):
            self.banner.hide()

    def show_banner(self, text: str, kind: str) -> None:
        """Show a form-level message (kind: info, success, warning, error)."""
        self.banner.show_message(text, kind)

    # ----- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Save through the core; return True when the form is saved (or had nothing to save)."""
        if self.read_only or self.state is None:
            return not self._dirty
        self._assess_timer.stop()
        self._save_pressed = True
        titles = {name: field_label(row.field) for name, row in self.rows.items()}
        outcome = self.mode.save(self, self.current_values(), self.changed_values(),
                                 self.current_status(), self.state, titles)
        if outcome.unchanged:
            self._set_dirty(False)
            return True
        if outcome.result is None:
            if outcome.errors:
                self.show_messages(outcome.messages)
                self.show_banner(self.tr("Not saved: correct the fields marked in red."),
                                 "error")
                self._focus_field(outcome.errors[0].field)
            elif outcome.stale:
                self._offer_reload(stale_save_text(outcome.problem, self.form_title()))
            elif outcome.problem:
                QMessageBox.warning(self, self.tr("Not saved"),
                                    with_labels(outcome.problem, self.study))
            elif outcome.failure is not None:
                self.show_banner(self.tr("Not saved: the study database failed."), "error")
                report_database_failure(self, outcome.failure)
            return False
        self.session.drafts.discard(self.key)
        result = outcome.result
        if self.new_record is not None:  # this save created the patient
            self.new_record = None
            self.key = result.state.key  # its study number, should another have taken ours
            self.mode.record_created(self.key)
            self._show_title()
            emit(self.record_created, self.key.record_id)
        self.double_entry.show_mode(self.mode)  # a double entry's new status
        self.show_state(result.state)
        notes = [outcome.note or self.tr("Saved.")]
        notes += [self.tr("Protocol deviation recorded: {0}").format(d) for d in result.deviations]
        notes += [message_text(w, self.session.settings.date_format) for w in result.warnings]
        self.show_banner("\n".join(notes), "warning" if len(notes) > 1 else "success")
        emit(self.saved)
        self._tell([], result.changes)
        return True

    def _offer_reload(self, problem: str) -> None:
        """Someone else saved the form meanwhile: offer to show their version (F5 does too)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), problem,
                          parent=self)
        box.setInformativeText(self.tr("Reload shows the form as it is now stored; your "
                                       "unsaved values are then dropped. Keep my values "
                                       "leaves them in the form (note them first)."))
        reload_button = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep my values"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        chosen = box.clickedButton()
        box.deleteLater()
        if chosen is reload_button:
            self.drop_changes()
            self.show_banner(self.tr("Reloaded: the form as it is stored now."), "info")

    def save_and_next(self) -> None:
        """Save, then ask for the next form."""
        if self.save():
            emit(self.next_requested)

    def _focus_field(self, name: str) -> None:
        row = self.rows.get(name)
        widget = row.editor.focus_widget() if row else None
        if row is not None and widget is not None and row.isVisibleTo(self):
            self.scroll_area.ensureWidgetVisible(row)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def discard_changes(self) -> None:
        """Ask, then drop unsaved edits (and their draft) and show the stored form again."""
        if not self._dirty or confirm_discard(self, self.form.label):
            self.drop_changes()

    def drop_changes(self) -> None:
        """Drop unsaved edits and their draft without asking (the user already chose to)."""
        self.session.drafts.discard(self.key)
        self.reload()

    def maybe_leave(self) -> bool:
        """Unsaved-changes guard: return True when it is fine to close or move away."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("{0} has unsaved changes. Save them?").format(self.form.label),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.drop_changes()
            return True
        return False

    # ----- drafts --------------------------------------------------------------------------
    def write_draft(self) -> None:
        """Write unsaved edits to the draft store (only when they changed since last time).

        A new patient's forms have no draft: its study number is not its own until saved.
        """
        if not self._dirty or self.state is None or self.read_only or self.new_record:
            return
        changed = self.changed_values()
        snapshot = (tuple(sorted(changed.items())), self.current_status())
        if snapshot == self._last_draft:
            return
        self.session.drafts.save(self.key, changed, self.current_status(), self.state.version)
        self._last_draft = snapshot

    def restore_draft(self, draft: Draft) -> None:
        """Put a draft's values back into the form (unsaved, so the user reviews and saves)."""
        for name, value in draft.values.items():
            if name in self.rows:
                self.rows[name].set_value(value)
        self.status.setCurrentIndex(max(0, self.status.findData(draft.status)))
        self._set_dirty(True)
        text = self.tr("Restored unsaved changes from {0}. Check them and save.").format(
            draft.saved_at.strftime("%Y-%m-%d %H:%M"))
        if self.state is not None and draft.base_version != self.state.version:
            text += " " + self.tr("The form was saved by someone else since then.")
        self.assess_now()
        self.show_banner(text, "info")

    # ----- history -------------------------------------------------------------------------
    def show_history(self, name: str) -> None:
        """Show the audit trail of one field."""
        show_field_history(self, self.session.service, self.key, self.study.field(name),
                           self.session.settings.date_format)

    def stop(self) -> None:
        """Stop the timers (before the editor is thrown away); write a last draft."""
        self.write_draft()
        self._draft_timer.stop()
        self._assess_timer.stop()
