"""The protocol amendment dialog (admin): the diff, a mapping for each blocking item, apply.

The diff lists every change with the stored values it touches; the changes that would orphan
or reinterpret stored data are highlighted and each gets a row below with a combo box (a target
field, a target code, or "delete the values"). So do the changes that switch off or weaken a
safeguard (double data entry, a rule or check, a range, a required field): their combo box
accepts the change explicitly. *Apply amendment* stays disabled until nothing blocks any more;
the core (``vo_crf.amend``) checks everything again when applying.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.dialogs.amendment_labels import change_kind_label, change_text
from ui.tables import make_list_table
from vo_crf.amend import (
    Amendment,
    AmendmentError,
    AmendmentMapping,
    AmendmentResult,
    BlockerKey,
    BlockerKind,
    Change,
    ChangeKind,
    MappingError,
    apply_amendment,
)
from vo_crf.auth.users import CurrentUser
from vo_crf.project import Project
from vo_crf.study.model import FieldType

_DELETE = "\x00delete"
"""Combo data of the "delete the values" choice (None: not chosen yet)."""
_ACCEPT = "\x00accept"
"""Combo data of the "accept this change" choice of a weakened safeguard."""
_BLOCKING = QBrush(QColor("#f8d7da"))
_RESOLVED = QBrush(QColor("#d4edda"))


class AmendmentDialog(QDialog):
    """Shows an amendment's diff, collects the mapping, applies it (see the module doc)."""

    def __init__(self, project: Project, user: CurrentUser, amendment: Amendment,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amendmentDialog")
        self.setWindowTitle(self.tr("Protocol amendment"))
        self.resize(980, 640)
        self.project, self.user, self.amendment = project, user, amendment
        self.outcome: AmendmentResult | None = None
        self.items = [blocker.key for blocker in amendment.blockers()]
        layout = QVBoxLayout(self)
        summary = QLabel(self.tr("Definition version {0} → {1} of {2}: {3} change(s), {4} "
                                 "touching stored data, {5} switching off or weakening a "
                                 "safeguard.").format(
            amendment.old_version, amendment.old_version + 1, amendment.new.name,
            len(amendment.changes), amendment.touches_data, len(amendment.weakenings)))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.changes = make_list_table(QTableWidget(0, 3))
        self.changes.setObjectName("amendmentChanges")
        self.changes.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Change"), self.tr("Stored values")])
        header = self.changes.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.changes, 3)
        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        layout.addWidget(self.mapping_label)
        self.mapping_table = make_list_table(QTableWidget(0, 2))
        self.mapping_table.setObjectName("amendmentMapping")
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Blocking item"), self.tr("Decision")])
        layout.addWidget(self.mapping_table, 2)
        self.combos: list[QComboBox] = []
        self._fill_changes()
        self._fill_mapping()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = QPushButton(self.tr("Apply amendment"))
        self.apply_button.setObjectName("applyAmendment")
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.update_state()

    # ----- building ----------------------------------------------------------------------
    def _fill_changes(self) -> None:
        table = self.changes
        table.setRowCount(len(self.amendment.changes))
        for row, change in enumerate(self.amendment.changes):
            count = self.amendment.counts.get(change, 0)
            cells = (change_kind_label(change.kind), change_text(change),
                     str(count) if count else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                blocking = self._blocking_kind(change)
                if blocking is not None:
                    item.setBackground(_BLOCKING)
                    item.setToolTip(
                        self.tr("Switches off or weakens a safeguard: decide below")
                        if blocking is BlockerKind.SETTING
                        else self.tr("Touches stored data: map it below"))
                table.setItem(row, column, item)

    def _blocking_kind(self, change: Change) -> BlockerKind | None:
        """The kind of the first blocking item that comes from ``change`` (None: none)."""
        for key in self.items:
            if key.kind is BlockerKind.SETTING:
                check = key.setting.partition(":")[0]
                hit = (change.kind is ChangeKind.SETTING_CHANGED
                       and change.setting == key.setting) or (
                    change.field == key.field != "" and (
                        (check == "range" and change.kind is ChangeKind.RANGE_CHANGED)
                        or (check == "required" and change.kind is ChangeKind.REQUIRED_CHANGED)))
            elif key.kind is BlockerKind.PLACE:
                hit = not change.field and change.form == key.form and \
                    change.event in ("", key.event)
            elif key.kind is BlockerKind.FIELD:
                hit = change.field == key.field and not change.code
            else:
                hit = change.field == key.field and (
                    change.code == key.code or change.kind is ChangeKind.FIELD_RETYPED)
            if hit:
                return key.kind
        return None

    def _fill_mapping(self) -> None:
        if not self.items:
            self.mapping_label.setText(self.tr("No change touches stored data in a way that "
                                               "needs a decision."))
            self.mapping_table.hide()
            return
        self.mapping_label.setText(self.tr(
            "These changes need a decision. For a change that would orphan or reinterpret "
            "stored data, choose what happens to the stored values (deletions are kept in the "
            "audit trail); a change that switches off or weakens a safeguard (double data "
            "entry, a rule or check) applies only once you accept it.")
            + (self.tr(" An amendment prepared from the shipped files undoes the settings "
                       "changed in the application: to keep them, start from the definition "
                       "in force, written by 'vo-crf amend --export-current DIR'.")
               if any(key.kind is BlockerKind.SETTING for key in self.items) else ""))
        self.mapping_table.setRowCount(len(self.items))
        counts = {b.key: b.count for b in self.amendment.blockers()}
        for row, key in enumerate(self.items):
            text = self.tr("{0} (safeguard)").format(key.text) \
                if key.kind is BlockerKind.SETTING else \
                self.tr("{0} ({1} stored value(s))").format(key.text, counts.get(key, 0))
            self.mapping_table.setItem(row, 0, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setObjectName(f"mapping_{row}")
            combo.setAccessibleName(key.text)
            combo.addItem(self.tr("— choose —"), None)
            self._add_options(combo, key)
            combo.currentIndexChanged.connect(self.update_state)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.mapping_table.resizeColumnsToContents()

    def _add_options(self, combo: QComboBox, key: BlockerKey) -> None:
        new = self.amendment.new
        if key.kind is BlockerKind.SETTING:
            combo.addItem(self.tr("Accept this change ({0})").format(key.setting), _ACCEPT)
            return
        if key.kind is BlockerKind.PLACE:
            combo.addItem(self.tr("Delete the data of form {0} at event {1}").format(
                key.form, key.event), _DELETE)
            return
        combo.addItem(self.tr("Delete the values"), _DELETE)
        if key.kind is BlockerKind.CODE:
            if new.has_field(key.field) and new.field(key.field).is_coded:
                for choice in new.field(key.field).choices:
                    combo.addItem(self.tr("Code {0} — {1}").format(choice.code, choice.label),
                                  choice.code)
            return
        if new.has_field(key.field):
            target = new.field(key.field)
            combo.addItem(self.tr("Keep in {0} (form {1})").format(target.name, target.form),
                          target.name)
        for field in new.fields:
            if field.name != key.field and field.holds_data and \
                    field.field_type is not FieldType.CALC and field.name != new.record_id_field:
                combo.addItem(self.tr("Move to {0} — {1} (form {2})").format(
                    field.name, field.label, field.form), field.name)

    # ----- state -------------------------------------------------------------------------
    def mapping(self) -> AmendmentMapping:
        """The mapping the combo boxes say."""
        mapping = AmendmentMapping()
        for key, combo in zip(self.items, self.combos, strict=True):
            data = combo.currentData()
            if data is None:
                continue
            target = None if data == _DELETE else str(data)
            if key.kind is BlockerKind.SETTING:
                mapping.accept_setting_changes.append(key.setting)
            elif key.kind is BlockerKind.PLACE:
                mapping.forms[f"{key.event}/{key.form}"] = None
            elif key.kind is BlockerKind.CODE:
                mapping.choices.setdefault(key.field, {})[key.code] = target
            else:
                mapping.fields[key.field] = target
        return mapping

    def update_state(self) -> None:
        """Re-check what still blocks; enable *Apply amendment* when nothing does."""
        mapping = self.mapping()
        try:
            mapping.check(self.amendment.old, self.amendment.new)
            remaining = {b.key for b in self.amendment.blockers(mapping)}
            problem = ""
        except MappingError as exc:
            remaining, problem = set(self.items), refusal_text(exc)
        for row, key in enumerate(self.items):
            item = self.mapping_table.item(row, 0)
            assert item is not None  # the table is filled with one item per blocker
            item.setBackground(_BLOCKING if key in remaining else _RESOLVED)
        others = remaining - set(self.items)
        self.apply_button.setEnabled(not remaining and not problem)
        if problem:
            self.mapping_label.setToolTip(problem)
        elif others:  # a choice led to a new problem (e.g. a code the target does not have)
            self.mapping_label.setToolTip("\n".join(key.text for key in others))
        else:
            self.mapping_label.setToolTip("")

    def apply(self) -> None:
        """Apply the amendment with the chosen mapping (one transaction); close on success."""
        try:
            self.outcome = apply_amendment(self.project, self.user, self.amendment,
                                          self.mapping())
        except (AmendmentError, MappingError) as exc:
            QMessageBox.warning(self, self.tr("Protocol amendment"),
                                self.tr("The amendment was not applied: {0}").format(
                                    refusal_text(exc)))
            return
        self.accept()


def run_amendment(parent: QWidget, project: Project, user: CurrentUser) -> bool:
    """Ask for a definition folder, show the amendment dialog; True when it was applied."""
    from ui.file_dialogs import ask_folder
    from vo_crf.amend import prepare_amendment
    from vo_crf.study.errors import DefinitionError

    folder = ask_folder(parent, QCoreApplication.translate(
        "AmendmentDialog", "Folder of the new study definition (REDCap files)"))
    if folder is None:
        return False
    title = QCoreApplication.translate("AmendmentDialog", "Protocol amendment")
    try:
        amendment = prepare_amendment(project, user, folder)
    except (DefinitionError, OSError, ValueError) as exc:
        QMessageBox.warning(parent, title, QCoreApplication.translate(
            "AmendmentDialog", "This definition cannot be loaded: {0}").format(
            refusal_text(exc)))
        return False
    dialog = AmendmentDialog(project, user, amendment, parent)
    applied = bool(dialog.exec()) and dialog.outcome is not None
    if applied and dialog.outcome is not None:
        backup = dialog.outcome.backup
        made = QCoreApplication.translate(
            "AmendmentDialog", "Backup made before the change: {0}").format(backup) \
            if backup is not None else QCoreApplication.translate(
                "AmendmentDialog", "No backup was made by vo-crf (a PostgreSQL database: back it "
                "up with the server's tools).")
        QMessageBox.information(parent, title, QCoreApplication.translate(
            "AmendmentDialog",
            "Applied: {0}.\nThe study is opened again with the new definition.").format(
            dialog.outcome.summary) + "\n" + made)
    dialog.deleteLater()
    return applied
