"""The dialogs of one query step: raise, answer (optionally correcting the value), close, re-open.

Each dialog calls the core when OK is pressed; a refusal is shown inside the dialog, which stays
open so that nothing typed is lost.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.queries.events import notify_queries_changed
from ui.queries.labels import status_text, step_text
from ui.session import AppSession
from vo_crf.auth.permissions import Action, PermissionDenied
from vo_crf.entry import EntryError
from vo_crf.queries import FieldKey, QueryRow
from vo_crf.write.changes import Changes


class QueryStepDialog(QDialog):
    """Ask for the text of one query step (and for an answer, an optional corrected value)."""

    def __init__(self, title: str, intro: str, ok_text: str, *, text_required: bool = True,
                 placeholder: str = "", value_label: str = "", reason_field: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queryStepDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._text_required = text_required
        self.attempt: Callable[[], object] = lambda: None
        """Called on OK; raising EntryError/PermissionDenied keeps the dialog open."""
        layout = QVBoxLayout(self)
        about = QLabel(intro)
        about.setObjectName("queryIntro")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(about)
        self.text = QPlainTextEdit()
        self.text.setObjectName("queryText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(76)
        self.text.setPlaceholderText(placeholder)
        layout.addWidget(self.text)
        form = QFormLayout()
        self.value: QLineEdit | None = None
        self.reason: QLineEdit | None = None
        if value_label:
            self.value = QLineEdit()
            self.value.setObjectName("queryValue")
            form.addRow(value_label, self.value)
            self.value.textChanged.connect(self._update)
        if reason_field:
            self.reason = QLineEdit()
            self.reason.setObjectName("queryReason")
            self.reason.setPlaceholderText(self.tr("Required when the value is corrected"))
            form.addRow(self.tr("Reason for the change:"), self.reason)
            self.reason.textChanged.connect(self._update)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("queryError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._try)
        self.text.textChanged.connect(self._update)
        self._update()

    def text_value(self) -> str:
        """The text typed (trimmed)."""
        return self.text.toPlainText().strip()

    def corrected_value(self) -> str | None:
        """The corrected value, None when the value field is blank or absent."""
        return self.value.text().strip() or None if self.value is not None else None

    def reason_value(self) -> str:
        """The reason of the correction (trimmed)."""
        return self.reason.text().strip() if self.reason is not None else ""

    def _update(self) -> None:
        ready = bool(self.text_value()) or not self._text_required
        if self.reason is not None and self.corrected_value() is not None \
                and not self.reason_value():
            ready = False
        self.ok_button.setEnabled(ready)

    def _try(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            self.attempt()
        except (EntryError, PermissionDenied, ValueError) as exc:
            self.error.setText(refusal_text(exc))
            self.error.show()
            return
        self.accept()


def _thread_html(row: QueryRow) -> str:
    lines = [f"<b>{html.escape(row.field_label)}</b> ({html.escape(row.field)}) · "
             f"{html.escape(row.record_id)} · {status_text(row.status)}"]
    for step in row.steps:
        lines.append(f"<span style='color:gray'>{step.at:%Y-%m-%d %H:%M} "
                     f"{html.escape(step.username)}</span> {step_text(step)}")
    return "<br>".join(lines)


def _run(dialog: QueryStepDialog, changes: list[Changes] | None = None) -> bool:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if accepted:  # the queries list, field marks, patient tree and dashboard follow
        notify_queries_changed(changes[-1] if changes else None)
    return accepted


def raise_query_dialog(parent: QWidget, session: AppSession, where: FieldKey,
                       current_value: str) -> bool:
    """Ask for a query's text (and a suggested value) and open it; True when opened."""
    field = session.study.field(where.field)
    shown = html.escape(current_value) or QCoreApplication.translate("QueryDialogs", "blank")
    intro = QCoreApplication.translate(
        "QueryDialogs", "Raise a query on <b>{0}</b> ({1}) of {2}; stored value: <b>{3}</b>"
    ).format(html.escape(field.label), where.field, html.escape(where.record_id), shown)
    dialog = QueryStepDialog(
        QCoreApplication.translate("QueryDialogs", "Raise query"), intro,
        QCoreApplication.translate("QueryDialogs", "Raise query"),
        placeholder=QCoreApplication.translate("QueryDialogs", "What should be checked?"),
        value_label=QCoreApplication.translate("QueryDialogs", "Suggested value (optional):"),
        parent=parent)
    dialog.attempt = lambda: session.queries.open_query(
        where, dialog.text_value(), suggested_value=dialog.corrected_value())
    return _run(dialog)


def answer_query_dialog(parent: QWidget, session: AppSession, row: QueryRow) -> bool:
    """Answer a query, optionally correcting the value (with a reason); True when answered."""
    may_correct = session.user.can(Action.EDIT_DATA)
    value_label = QCoreApplication.translate("QueryDialogs", "Corrected value (optional):")
    dialog = QueryStepDialog(
        QCoreApplication.translate("QueryDialogs", "Answer query"), _thread_html(row),
        QCoreApplication.translate("QueryDialogs", "Answer"),
        placeholder=QCoreApplication.translate("QueryDialogs", "Your answer"),
        value_label=value_label if may_correct else "", reason_field=may_correct,
        parent=parent)
    if dialog.value is not None and row.suggested_value:
        dialog.value.setPlaceholderText(QCoreApplication.translate(
            "QueryDialogs", "suggested: {0}").format(row.suggested_value))

    written: list[Changes] = []

    def answer() -> None:
        service = session.queries
        corrected = dialog.corrected_value()
        if corrected is None:
            service.answer(row.id, dialog.text_value())
        else:
            written.append(service.answer_with_correction(
                row.id, dialog.text_value(), corrected, dialog.reason_value()))

    dialog.attempt = answer
    return _run(dialog, written)


def close_query_dialog(parent: QWidget, session: AppSession, row: QueryRow) -> bool:
    """Close a query (an optional closing note); True when closed."""
    dialog = QueryStepDialog(
        QCoreApplication.translate("QueryDialogs", "Close query"), _thread_html(row),
        QCoreApplication.translate("QueryDialogs", "Close query"), text_required=False,
        placeholder=QCoreApplication.translate("QueryDialogs", "Closing note (optional)"),
        parent=parent)
    dialog.attempt = lambda: session.queries.close(
        row.id, dialog.text_value())
    return _run(dialog)


def reopen_query_dialog(parent: QWidget, session: AppSession, row: QueryRow) -> bool:
    """Re-open a query, saying why; True when re-opened."""
    dialog = QueryStepDialog(
        QCoreApplication.translate("QueryDialogs", "Re-open query"), _thread_html(row),
        QCoreApplication.translate("QueryDialogs", "Re-open"),
        placeholder=QCoreApplication.translate("QueryDialogs", "Why is it re-opened?"),
        parent=parent)
    dialog.attempt = lambda: session.queries.reopen(
        row.id, dialog.text_value())
    return _run(dialog)
