"""The Form menu: the open form's actions with their keys shown, as every other menu shows its.

The keys stay the form's own (the editor's actions, the patient page's shortcuts): each entry
shows them after a tab in its text and registers no shortcut of its own, so a key never has
two owners (Qt would then run neither). The entries act on the patient page shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.forms.editor import DISCARD_KEYS, FormEditor

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.patient.view import PatientView


class FormMenu(QObject):
    """Save, save and next, discard, next/previous form and read again, for the form shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("F&orm"), window)
        self.menu.setObjectName("formMenu")
        self._editor_actions: list[QAction] = []
        entries: list[tuple[str, QKeySequence, Callable[[], object], bool]] = [
            (self.tr("&Save"), QKeySequence(QKeySequence.StandardKey.Save),
             lambda: self._on_editor(FormEditor.save), True),
            (self.tr("Save and &next form"), QKeySequence("Ctrl+Return"),
             lambda: self._on_editor(FormEditor.save_and_next), True),
            (self.tr("&Discard changes…"), QKeySequence(DISCARD_KEYS),
             lambda: self._on_editor(FormEditor.discard_changes), True),
            (self.tr("Ne&xt form"), QKeySequence("Ctrl+PgDown"),
             lambda: self._on_patient(lambda view: view.step_form(1)), False),
            (self.tr("&Previous form"), QKeySequence("Ctrl+PgUp"),
             lambda: self._on_patient(lambda view: view.step_form(-1)), False),
            (self.tr("&Read again from the database"),
             QKeySequence(QKeySequence.StandardKey.Refresh),
             lambda: self._on_patient(lambda view: view.read_again()), False),
        ]
        for number, (text, keys, slot, on_editor) in enumerate(entries):
            if number == 3:
                self.menu.addSeparator()
            shown = keys.toString(QKeySequence.SequenceFormat.NativeText)
            action = self.menu.addAction(f"{text}\t{shown}")
            action.triggered.connect(slot)
            if on_editor:
                self._editor_actions.append(action)
        self.menu.aboutToShow.connect(self.update_enabled)
        window.stack.currentChanged.connect(self.update_enabled)
        self.update_enabled()

    def _patient(self) -> PatientView | None:
        patient = self.window.patient
        return patient if patient is not None and \
            self.window.stack.currentWidget() is patient else None

    def update_enabled(self, *_args: object) -> None:
        """Enable the menu while a patient is shown, its form entries while a form is."""
        patient = self._patient()
        self.menu.setEnabled(patient is not None)
        editor = patient.editor if patient is not None else None
        for action in self._editor_actions:
            action.setEnabled(editor is not None and not editor.read_only)

    def _on_editor(self, act: Callable[[FormEditor], object]) -> None:
        patient = self._patient()
        editor = patient.editor if patient is not None else None
        if editor is not None and not editor.read_only:
            act(editor)

    def _on_patient(self, act: Callable[[PatientView], object]) -> None:
        patient = self._patient()
        if patient is not None:
            act(patient)
