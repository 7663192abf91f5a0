"""The findings table of the data-quality panel, and its filter (text and check)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.core_messages import check_name, finding_text
from ui.labels import event_label, form_label, local_decimal
from vo_crf.quality import QualityIssue
from vo_crf.study.model import Study

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The ``QualityIssue`` of a row."""

_Index = QModelIndex | QPersistentModelIndex


class QualityModel(QAbstractTableModel):
    """One row per finding: check, record, event, form, field, value, message."""

    def __init__(self, study: Study, parent: QSortFilterProxyModel | None = None) -> None:
        super().__init__(parent)
        self.study = study
        self.issues: list[QualityIssue] = []
        translate = QCoreApplication.translate
        self.headers = [translate("QualityModel", "Check"), translate("QualityModel", "Record"),
                        translate("QualityModel", "Event"), translate("QualityModel", "Form"),
                        translate("QualityModel", "Field"), translate("QualityModel", "Value"),
                        translate("QualityModel", "Message")]
        self.event_column = 2
        """Empty, and hidden by the panel, in a classic project (no event is named there)."""

    def set_issues(self, issues: list[QualityIssue]) -> None:
        """Show a new list of findings."""
        self.beginResetModel()
        self.issues = list(issues)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of findings (a table: no children)."""
        return 0 if parent.isValid() else len(self.issues)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, tooltips (message and reason) and the finding itself (ISSUE_ROLE)."""
        if not index.isValid() or not 0 <= index.row() < len(self.issues):
            return None
        issue = self.issues[index.row()]
        if role == ISSUE_ROLE:
            return issue
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(issue, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = finding_text(issue)
            if issue.reason:
                tip += "\n" + QCoreApplication.translate(
                    "QualityModel", "Reason: {0}").format(issue.reason)
            if issue.rule:
                tip += "\n" + QCoreApplication.translate(
                    "QualityModel", "Rule: {0}").format(issue.rule)
            return tip
        return None

    def _cell(self, issue: QualityIssue, column: int) -> str:
        if column == 0:
            return check_name(issue.check)
        if column == 1:
            return issue.record_id
        if column == self.event_column:
            return event_label(self.study, issue.event)
        if column == 3:
            return form_label(self.study, issue.form, issue.instance)
        if column == 4:
            return issue.field
        if column == 5:
            return local_decimal(issue.value)
        return finding_text(issue)


class QualityFilter(QSortFilterProxyModel):
    """Sorts the findings; keeps those of one check (or all) containing the filter text."""

    def __init__(self, source: QualityModel) -> None:
        super().__init__(source)
        self.setSourceModel(source)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._check = ""

    def set_check(self, check: str) -> None:
        """Show only findings of ``check`` ('' for every check)."""
        self.beginFilterChange()
        self._check = check
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        """A row is shown when it is of the chosen check and matches the text."""
        if self._check:
            source = self.sourceModel()
            assert isinstance(source, QualityModel)
            if source.issues[source_row].check != self._check:
                return False
        return super().filterAcceptsRow(source_row, source_parent)
