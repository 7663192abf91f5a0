"""The queries of the form shown in the editor: field marks, menu actions and Ctrl+Shift+Q.

A field with a query that is not closed gets a coloured mark (red: open, amber: answered) whose
tooltip holds the query thread; its context menu (right-click, Menu key, or Ctrl+Shift+Q for the
query actions alone) offers what the user's role allows: raise, answer, close, re-open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu

from ui.queries.dialogs import (
    answer_query_dialog,
    close_query_dialog,
    raise_query_dialog,
    reopen_query_dialog,
)
from ui.queries.labels import status_text
from ui.signals import app_signals
from vo_crf.auth.permissions import Action
from vo_crf.queries import FieldKey, QueryRow, QueryStatus, form_queries
from vo_crf.write.changes import ChangeKind, Changes

if TYPE_CHECKING:
    from ui.forms.editor import FormEditor

MenuItem = tuple[str, Callable[..., None]]


class FormQueries(QObject):
    """Connects a form editor's field rows to the queries of its form instance."""

    def __init__(self, editor: FormEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.session = editor.session
        self.queries: list[QueryRow] = []
        for row in editor.rows.values():
            if row.field.holds_data and row.field.name != editor.study.record_id_field:
                row.query_menu = self._add_actions
                row.query_requested.connect(self.show_menu)
        app_signals().operation_did_execute.connect(self._changed)  # the list, a sync

    # ----- marks ---------------------------------------------------------------------------
    def _changed(self, changes: Changes, _initiator: object) -> None:
        """A write somewhere: read the marks again when queries may have changed."""
        if changes.has(ChangeKind.QUERIES):
            self.refresh()

    def refresh(self) -> None:
        """Read the form's queries again and mark the fields with one not closed."""
        key = self.editor.key
        self.queries = form_queries(self.session.project, self.session.user, key.record_id,
                                    key.event, key.form, key.instance)
        for name, row in self.editor.rows.items():
            live = [q for q in self.queries if q.field == name and not q.is_closed]
            closed = [q for q in self.queries if q.field == name and q.is_closed]
            if not live and closed:  # a trace, as REDCap's data resolution log leaves
                row.set_query_mark("closed", "↺ " + self.tr("query closed") + (
                    f" ×{len(closed)}" if len(closed) > 1 else ""),
                    "\n".join(self._summary(q) for q in closed))
                continue
            if not live:
                row.set_query_mark("")
                continue
            status = QueryStatus.OPEN.value if any(
                q.status == QueryStatus.OPEN.value for q in live) else QueryStatus.ANSWERED.value
            text = "⚑ " + self.tr("query {0}").format(status_text(status))
            if len(live) > 1:
                text += f" ×{len(live)}"
            row.set_query_mark(status, text, "\n".join(self._summary(q) for q in live))

    def _summary(self, query: QueryRow) -> str:
        text = self.tr("#{0} {1} · {2}: {3}").format(query.id, status_text(query.status),
                                                     query.opened_by, query.text)
        if query.latest_answer:
            text += "\n    ↳ " + query.latest_answer
        return text

    # ----- actions -------------------------------------------------------------------------
    def actions_for(self, field: str) -> list[MenuItem]:
        """The query actions the user may take on a field, as (menu text, slot)."""
        user = self.session.user
        service = self.session.queries
        items: list[MenuItem] = []
        if user.can(Action.RAISE_QUERY):
            items.append((self.tr("Raise query…"), lambda: self.raise_on(field)))
        mine = [q for q in self.queries if q.field == field]
        for query in mine:
            suffix = f" #{query.id} “{_short(query.text)}”" if len(mine) > 1 else ""
            if query.status == QueryStatus.OPEN.value and user.can(Action.ANSWER_QUERY):
                items.append((self.tr("Answer query{0}…").format(suffix),
                              self._stepper(answer_query_dialog, query)))
            if service.may_close(query.opened_by):
                if not query.is_closed:
                    items.append((self.tr("Close query{0}…").format(suffix),
                                  self._stepper(close_query_dialog, query)))
                if query.status != QueryStatus.OPEN.value:
                    items.append((self.tr("Re-open query{0}…").format(suffix),
                                  self._stepper(reopen_query_dialog, query)))
        return items

    def _stepper(self, dialog: Callable[..., bool], query: QueryRow) -> Callable[..., None]:
        return lambda *_checked: self._step(dialog, query)

    def _add_actions(self, menu: QMenu, field: str) -> None:
        items = self.actions_for(field)
        if items:
            menu.addSeparator()
        for text, slot in items:
            menu.addAction(text).triggered.connect(slot)

    def show_menu(self, field: str) -> None:
        """Ctrl+Shift+Q: the field's only query action at once, else its actions in a menu."""
        row = self.editor.rows[field]
        items = self.actions_for(field)
        if len(items) == 1:  # one thing to do: do it, no one-item menu
            items[0][1]()
            return
        menu = QMenu(self.editor)
        menu.setObjectName("queryMenu")
        for text, slot in items:
            menu.addAction(text).triggered.connect(slot)
        if not items:
            menu.addAction(self.tr("No query action for your role here")).setEnabled(False)
        anchor = row.editor.focus_widget() or row.editor
        menu.exec(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        menu.deleteLater()

    def raise_on(self, field: str) -> None:
        """Ask for a new query on a field; mark it when opened."""
        key = self.editor.key
        state = self.editor.state
        value = state.value(field) if state is not None else ""
        where = FieldKey(key.record_id, key.event, key.form, field, key.instance)
        raise_query_dialog(self.editor, self.session, where, value)  # marks follow the event

    def _step(self, dialog: Callable[..., bool], query: QueryRow) -> None:
        correcting = dialog is answer_query_dialog and self.session.user.can(Action.EDIT_DATA)
        if correcting and not self.editor.maybe_leave():
            return  # a correction reloads the form: unsaved edits are saved or dropped first
        if dialog(self.editor, self.session, query) and correcting:
            self.editor.reload()  # shows a corrected value (the marks follow the event)

    def focus_field(self, field: str) -> None:
        """Scroll to a field and put the keyboard focus in it (from the queries list)."""
        row = self.editor.rows.get(field)
        widget = row.editor.focus_widget() if row is not None else None
        if row is not None and row.isVisibleTo(self.editor):
            self.editor.scroll_area.ensureWidgetVisible(row)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _short(text: str, length: int = 30) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"
