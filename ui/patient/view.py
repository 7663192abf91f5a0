"""One patient: the visits and forms on the left, the open form (or timeline) on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dde.icons import double_entry_icon
from ui.dde.labels import double_entry_text
from ui.forms.dates import format_date
from ui.forms.editor import FormEditor
from ui.forms.saving import confirm_discard
from ui.icons import status_icon
from ui.labels import signature_text, state_label
from ui.patient.repeating import RepeatingFormPage
from ui.patient.review import ReviewActions
from ui.session import AppSession
from ui.signals import app_signals, emit, notify_changes
from vo_crf.dashboard import DashboardFilter, list_records, load_rows
from vo_crf.dashboard.status import CellState, DashboardRow
from vo_crf.entry import FormKey
from vo_crf.entry.new_record import NewRecord
from vo_crf.write.changes import ChangeKind, Changes

TIMELINE = "__timeline__"
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class PatientView(QWidget):
    """Navigate the forms of one patient (Ctrl+PgDown / Ctrl+PgUp: next / previous form)."""

    back_requested = Signal()
    data_changed = Signal()

    def __init__(self, session: AppSession, record_id: str, parent: QWidget | None = None,
                 new_record: NewRecord | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientView")
        self.session = session
        self.study = session.study
        self.record_id = record_id
        self.new_record = new_record
        """A patient not saved yet (created by its first saved form), else None."""
        self.page: QWidget | None = None
        self._page_key: tuple[str, str] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("patientToolbar")
        back = self.toolbar.addAction(self.tr("◀ Dashboard"))
        back.setToolTip(self.tr("Back to the record status dashboard (Alt+Left)"))
        back.setShortcut(QKeySequence("Alt+Left"))
        back.triggered.connect(self.back_requested)
        self.heading = QLabel()
        self.heading.setContentsMargins(12, 0, 12, 0)
        self.toolbar.addWidget(self.heading)
        self.review = ReviewActions(session, self, self.current_key, record_id)
        self.review.changed.connect(self._after_review)
        if self.review.actions:
            spacer = QWidget()
            spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.toolbar.addWidget(spacer)
            for name, action in self.review.actions.items():
                if name == "lock_record":
                    self.toolbar.addSeparator()
                self.toolbar.addAction(action)
        layout.addWidget(self.toolbar)
        splitter = QSplitter()
        self.tree = QTreeWidget()
        self.tree.setObjectName("formTree")
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(200)
        self.tree.setMaximumWidth(280)
        self.tree.currentItemChanged.connect(self._item_changed)
        splitter.addWidget(self.tree)
        self.stack = QStackedWidget()
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.step_form(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.step_form(-1))
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.read_again)  # F5
        self._build_tree()
        app_signals().operation_did_execute.connect(self._changed)

    # ----- navigation tree -----------------------------------------------------------------
    def _row(self) -> DashboardRow | None:
        view = self.session.view
        headers = [h for h in list_records(self.session.project,
                                           DashboardFilter(text=self.record_id), view=view)
                   if h.record_id == self.record_id]
        return load_rows(self.session.project, headers, view=view)[headers[0].pk] \
            if headers else None

    def _build_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        timeline = QTreeWidgetItem([self.tr("Patient timeline")])
        timeline.setData(0, _KEY_ROLE, (TIMELINE, TIMELINE))
        timeline.setIcon(0, self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileDialogContentsView))
        self.tree.addTopLevelItem(timeline)
        for event in self.study.events:
            # a classic project's one implicit event is no level of its own (as in its PDFs)
            parent: QTreeWidgetItem | None = None
            if not self.study.classic:
                parent = QTreeWidgetItem([event.label])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.tree.addTopLevelItem(parent)
            for form_name in event.forms:
                item = QTreeWidgetItem([self.study.form(form_name).label])
                item.setData(0, _KEY_ROLE, (event.unique_name, form_name))
                if parent is None:
                    self.tree.addTopLevelItem(item)
                else:
                    parent.addChild(item)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.refresh_statuses()

    def refresh_statuses(self) -> None:
        """Update the status icons of the forms and the heading."""
        row = self._row()
        for item in self._form_items():
            event, form = item.data(0, _KEY_ROLE)
            if event == TIMELINE or row is None:
                continue
            cell = row.cell(event, form)
            progress = cell.double_entry
            if progress is not None and cell.state is CellState.EMPTY:  # entries, no values yet
                item.setIcon(0, double_entry_icon(progress.fewest_complete))
                item.setToolTip(0, double_entry_text(progress))
            else:
                item.setIcon(0, status_icon(cell.state))
                signed = signature_text(cell.signed_by, cell.signed_at,
                                        self.session.settings.date_format)
                item.setToolTip(0, state_label(cell.state) + (f" — {signed}" if signed else ""))
            label = self.study.form(form).label
            item.setText(0, f"{label} ({cell.instances})" if self.study.is_repeating(
                event, form) else label)
        self.review.update_enabled(self.editor.state if self.editor is not None else None)
        day_0 = self.tr("day 0")
        shown_day_0 = format_date(row.baseline.isoformat(), self.session.settings.date_format) \
            if row and row.baseline else ""
        baseline = f" · {day_0} {shown_day_0}" if shown_day_0 else ""
        if self.new_record is not None:
            baseline = " · " + self.tr("new patient, created when a form is saved")
        self.heading.setText(f"<b>{self.record_id}</b>{baseline}")

    def _form_items(self) -> list[QTreeWidgetItem]:
        items = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is None:
                continue
            if top.data(0, _KEY_ROLE):
                items.append(top)
            items += [child for i in range(top.childCount())
                      if (child := top.child(i)) is not None]
        return items

    def _item_for(self, event: str, form: str) -> QTreeWidgetItem | None:
        for item in self._form_items():
            if item.data(0, _KEY_ROLE) == (event, form):
                return item
        return None

    # ----- pages ---------------------------------------------------------------------------
    def open_form(self, event: str, form: str, instance: int = 0, field: str = "") -> bool:
        """Show a form (or the timeline with TIMELINE, TIMELINE); False if the user stayed.

        ``instance`` (of a repeating form) opens that instance from the list; ``field`` puts
        the keyboard focus in that field of the form shown.
        """
        item = self._item_for(event, form)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        if self._page_key != (event, form):
            return False
        if isinstance(self.page, RepeatingFormPage) and instance > 0:
            self.page.open_instance_later(instance, field)
        elif isinstance(self.page, FormEditor) and field:
            self.page.queries.focus_field(field)
        return True

    def _item_changed(self, current: QTreeWidgetItem | None,
                      previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, _KEY_ROLE) if current else None
        if not key or key == self._page_key:
            return
        if not self.maybe_leave():
            self.tree.blockSignals(True)
            if previous is not None:
                self.tree.setCurrentItem(previous)
            self.tree.blockSignals(False)
            return
        self._show_page(*key)

    def _show_page(self, event: str, form: str) -> None:
        if isinstance(self.page, FormEditor):
            self.page.stop()
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
        if event == TIMELINE and self.new_record is not None:
            nothing = QLabel(self.tr("Nothing is saved for this patient yet."))
            nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page: QWidget = nothing
        elif event == TIMELINE:
            from ui.patient.timeline import TimelinePage

            page = TimelinePage(self.session, self.record_id, self.stack)
        elif self.study.is_repeating(event, form):
            page = RepeatingFormPage(self.session, self.record_id, event, form, self.stack,
                                     self.new_record)
            page.record_created.connect(self._record_created)
            page.changed.connect(self._after_save)
        else:
            page = FormEditor(self.session, FormKey(self.record_id, event, form), self.stack,
                              self.new_record)
            page.record_created.connect(self._record_created)  # its saves tell app_signals()
            page.next_requested.connect(lambda: self.step_form(1))
        self.page = page
        self._page_key = (event, form)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if isinstance(page, FormEditor):
            target = page.first_focus()
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(page, RepeatingFormPage):
            page.table.setFocus()
        self.review.update_enabled(self.editor.state if self.editor is not None else None)
        self.review.show_form_actions(event != TIMELINE)

    def step_form(self, step: int) -> None:
        """Open the next (1) or previous (-1) form."""
        items = self._form_items()
        current = self.tree.currentItem()
        if current not in items:
            return
        index = items.index(current) + step
        if 0 <= index < len(items):
            self.tree.setCurrentItem(items[index])

    def current_key(self) -> FormKey | None:
        """Return the form shown (None for the timeline or a repeating form list)."""
        if isinstance(self.page, FormEditor):
            return self.page.key
        return None

    @property
    def editor(self) -> FormEditor | None:
        """The form editor shown, if any."""
        return self.page if isinstance(self.page, FormEditor) else None

    def maybe_leave(self) -> bool:
        """Unsaved-changes guard of the page shown."""
        return self.editor.maybe_leave() if self.editor is not None else True

    def _record_created(self, record_id: str) -> None:
        """The first save created the new patient: from now on it is an ordinary one."""
        self.new_record = None
        self.record_id = record_id
        self.review.record_id = record_id

    def _after_save(self) -> None:
        """A repeating form's page changed (an instance saved or deleted)."""
        notify_changes(Changes.of([ChangeKind.VALUES, ChangeKind.STATUS], self.record_id),
                       self.page)

    def _after_review(self) -> None:
        if self.editor is not None:
            self.editor.reload()
        elif isinstance(self.page, RepeatingFormPage):
            self.page.reload()
        notify_changes(self.review.last_changes
                       or Changes.of([ChangeKind.MARKS], self.record_id), self)

    def _changed(self, changes: Changes, initiator: object) -> None:
        """A write somewhere (this window, a dialog, a sync): follow it if it is ours."""
        if self.new_record is not None or not changes.touches_record(self.record_id):
            return
        editor = self.editor
        key = editor.key if editor is not None else None
        if initiator is self:  # a review action: the page shown is already read again
            pass
        elif editor is not None and key is not None and initiator is not editor \
                and not editor.dirty and (not changes.forms or changes.touches_form(
                    key.record_id, key.event, key.form, key.instance)):
            editor.reload()  # a record-wide change (no forms listed) may touch it too
        elif isinstance(self.page, RepeatingFormPage) and initiator is not self.page:
            self.page.reload()
        elif self._page_key == (TIMELINE, TIMELINE) and self.new_record is None:
            self._show_page(TIMELINE, TIMELINE)  # drawn again from the record as it is now
        self.refresh_statuses()
        emit(self.data_changed)

    def read_again(self) -> None:
        """F5: read the patient again (others' saves, locks, verifications).

        Unsaved edits of the open form are kept unless the user chooses to discard them.
        """
        editor = self.editor
        if editor is not None:
            if editor.dirty:
                if not confirm_discard(self, editor.form.label):
                    return
                editor.drop_changes()
            else:
                editor.reload()
        elif isinstance(self.page, RepeatingFormPage):
            self.page.reload()
        self.refresh_statuses()

    def stop(self) -> None:
        """Stop timers before the view is thrown away."""
        if self.editor is not None:
            self.editor.stop()

