"""Action tags and piping on the form editor (the core parses the tags and enforces the rules).

``@HIDDEN`` rows stay hidden, ``@READONLY`` and computed (``@CALCTEXT``, ``@CALCDATE``) rows are
read-only, a new form starts with ``@DEFAULT``, ``@TODAY`` and ``@NOW`` values, ``@PLACEHOLDER``
and ``@CHARLIMIT`` shape the input, ``@HIDECHOICE`` hides options (a stored one stays shown),
``@NONEOFTHEABOVE`` unticks the other options and ``@MAXCHECKED`` greys the rest once reached.
Labels, notes and choice labels pipe ``[field]`` and ``[event][field]``, again at every
assessment, so they follow what is typed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QListView, QPlainTextEdit

from ui.forms.fields import ChoiceFieldEditor, DropdownFieldEditor
from vo_crf.entry.piping_values import stored_record_values
from vo_crf.entry.record_values import RecordValues
from vo_crf.study.model import FieldType
from vo_crf.study.piping import has_piping, pipe

if TYPE_CHECKING:
    from ui.forms.editor import FormEditor
    from ui.forms.row import FieldRow
    from vo_crf.entry import FormState


class FormTags:
    """The action tags and piping of one form editor's rows."""

    def __init__(self, editor: FormEditor) -> None:
        self.editor = editor
        self.study = editor.study
        self.piped: list[str] = []
        self._record: RecordValues | None = None
        self._last: dict[str, str] = {}
        for name, row in editor.rows.items():
            fdef = row.field
            _shape_input(row)
            if fdef.tags.none_of_the_above or fdef.tags.max_checked is not None:
                row.editor.edited.connect(lambda row=row: self._checkbox_rules(row))
            if has_piping(fdef.label) or has_piping(fdef.note) or any(
                    has_piping(c.label) for c in fdef.choices):
                self.piped.append(name)

    def hidden(self, name: str) -> bool:
        """True for a row the form never shows (@HIDDEN, @HIDDEN-FORM)."""
        return self.editor.rows[name].field.tags.hidden

    def read_only(self, name: str) -> bool:
        """True for a row the user cannot change (@READONLY, computed by a tag)."""
        tags = self.editor.rows[name].field.tags
        return tags.readonly or tags.is_calculated

    def state_shown(self, state: FormState) -> None:
        """A stored form is shown: defaults of a new one, choices, piping."""
        self._record = None
        if not state.exists and not self.editor.read_only:
            for row in self.editor.rows.values():
                if not row.value() and row.field.tags.has_default:
                    row.set_value(_default(row))
        for name, row in self.editor.rows.items():
            self._last[name] = row.value()
            _show_hidden_choices(row)
            if row.field.field_type is FieldType.CHECKBOX:
                self._limit_checked(row)
        self.refresh_piping()

    def assessed(self, state: FormState) -> None:
        """The core assessed the values: show the tag-computed ones, pipe again."""
        for name, row in self.editor.rows.items():
            if row.field.tags.is_calculated:
                row.set_value(state.values.get(name, ""))
        self.refresh_piping()

    # ----- piping --------------------------------------------------------------------------
    def refresh_piping(self) -> None:
        """Pipe the current values into labels, notes and choice labels."""
        for name in self.piped:
            row = self.editor.rows[name]
            fdef = row.field
            row.show_label(pipe(self.study, fdef.label, self._value_of))
            if fdef.note:
                row.note.setText(pipe(self.study, fdef.note, self._value_of))
            labels = [pipe(self.study, c.label, self._value_of) for c in fdef.choices]
            if isinstance(row.editor, ChoiceFieldEditor):
                for button, label in zip(row.editor.group.buttons, labels, strict=False):
                    button.setText(label)
            elif isinstance(row.editor, DropdownFieldEditor):
                for index, label in enumerate(labels, start=1):
                    row.editor.combo.setItemText(index, label)

    def _value_of(self, event: str | None, name: str) -> str:
        key = self.editor.key
        rows = self.editor.rows
        if (event is None or event == key.event) and name in rows:
            return rows[name].value()
        if self._record is None:
            self._record = stored_record_values(self.editor.session.project.engine,
                                                key.record_id) \
                if self.editor.new_record is None else RecordValues(key.record_id)
        form = self.study.field(name).form
        instance = key.instance if form == key.form else 1
        return self._record.get(event or key.event, form, instance, name)

    # ----- check boxes ---------------------------------------------------------------------
    def _checkbox_rules(self, row: FieldRow) -> None:
        tags = row.field.tags
        before = set(filter(None, self._last.get(row.field.name, "").split(",")))
        now = [c for c in row.value().split(",") if c]
        added = [c for c in now if c not in before]
        if any(c in tags.none_of_the_above for c in added):
            row.editor.set_value(",".join(c for c in now if c in added))
        elif added and any(c in tags.none_of_the_above for c in now):
            row.editor.set_value(",".join(c for c in now if c not in tags.none_of_the_above))
        self._last[row.field.name] = row.value()
        self._limit_checked(row)

    def _limit_checked(self, row: FieldRow) -> None:
        """@MAXCHECKED reached: grey the options not ticked (none-of-the-above excepted)."""
        tags = row.field.tags
        if tags.max_checked is None or not isinstance(row.editor, ChoiceFieldEditor) \
                or self.editor.read_only:
            return
        chosen = set(filter(None, row.value().split(",")))
        full = len(chosen) >= tags.max_checked
        for choice, button in zip(row.field.choices, row.editor.group.buttons, strict=False):
            button.setEnabled(not full or choice.code in chosen
                              or choice.code in tags.none_of_the_above)


def _default(row: FieldRow) -> str:
    tags = row.field.tags
    if tags.default is not None:
        return tags.default
    now = dt.datetime.now()
    if tags.now:
        if row.field.is_datetime:
            seconds = row.field.validation is not None and "seconds" in row.field.validation
            return now.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
        return now.strftime("%H:%M") if row.field.validation is not None \
            and row.field.validation.value.startswith("time") else now.strftime("%Y-%m-%d %H:%M")
    return now.strftime("%Y-%m-%d %H:%M") if row.field.is_datetime else now.date().isoformat()


def _shape_input(row: FieldRow) -> None:
    """@PLACEHOLDER and @CHARLIMIT on the input box."""
    tags = row.field.tags
    widget = row.editor.focus_widget()
    if isinstance(widget, QLineEdit):
        if tags.placeholder:
            widget.setPlaceholderText(tags.placeholder)
        if tags.char_limit is not None:
            widget.setMaxLength(tags.char_limit)
    elif isinstance(widget, QPlainTextEdit) and tags.placeholder:
        widget.setPlaceholderText(tags.placeholder)


def _show_hidden_choices(row: FieldRow) -> None:
    """@HIDECHOICE: hide those options unless the stored value holds them."""
    hidden = row.field.tags.hidden_choices
    if not hidden:
        return
    chosen = set(row.value().split(","))
    if isinstance(row.editor, ChoiceFieldEditor):
        for choice, button in zip(row.field.choices, row.editor.group.buttons, strict=False):
            button.setVisible(choice.code not in hidden or choice.code in chosen)
    elif isinstance(row.editor, DropdownFieldEditor):
        view = row.editor.combo.view()
        if not isinstance(view, QListView):
            return
        for index, choice in enumerate(row.field.choices, start=1):
            view.setRowHidden(index, choice.code in hidden and choice.code not in chosen)
