"""The patient timeline page: facts, the chart, imaging findings by visit, clinical course."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.core_messages import refusal_text
from ui.patient.timeline_chart import TimelineChart
from ui.session import AppSession
from vo_crf.analysis.plan import AnalysisPlanError
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.reports.timeline_data import (
    ABSENT,
    NOT_ASSESSABLE,
    PRESENT,
    PatientTimeline,
    build_patient_timeline,
)

_READING_COLOURS = {PRESENT: "#f4c7c3", ABSENT: "#d9ead3", NOT_ASSESSABLE: "#eeeeee"}


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = header.sizeHint().height() + sum(table.rowHeight(r) for r in range(len(rows))) + 4
    table.setFixedHeight(height)
    return table


class TimelinePage(QWidget):
    """Everything the PDF timeline shows, for the patient on screen."""

    def __init__(self, session: AppSession, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(16, 10, 16, 16)
        scroll.setWidget(body)
        try:
            self.timeline: PatientTimeline | None = build_patient_timeline(
                session.project, session.user, record_id)
        except (PermissionDenied, LookupError, AnalysisPlanError) as exc:
            self.timeline = None
            self.column.addWidget(QLabel(refusal_text(exc)))
            return
        self._build(self.timeline)

    def _heading(self, text: str) -> None:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 600; font-size: 11pt; color: #1f4e79; "
                            "border-bottom: 1px solid #c5d3e3; padding-top: 12px;")
        self.column.addWidget(label)

    def _build(self, timeline: PatientTimeline) -> None:
        header = timeline.header
        heading = self.tr("Patient timeline")
        title = QLabel(f"<span style='font-size:15pt; font-weight:600'>"
                       f"{heading}</span>&nbsp;&nbsp;"
                       f"<span style='color:gray'>{header.record_id}</span>")
        self.column.addWidget(title)
        facts = QGridLayout()
        facts.setHorizontalSpacing(24)
        pairs = [(self.tr("Site"), header.site), (self.tr("Age"), header.age),
                 (self.tr("Sex"), header.sex), (self.tr("Organism"), header.organism),
                 (self.tr("Spinal segment"), ", ".join(header.spinal_levels)),
                 (self.tr("Levels"), header.n_levels),
                 (self.tr("Diagnosis"), str(header.diagnosis_date or "")),
                 (self.tr("Last follow-up"), str(header.last_followup_date or ""))]
        for index, (name, value) in enumerate(pairs):
            label = QLabel(f"<span style='color:gray'>{name}</span><br><b>{value or '—'}</b>")
            facts.addWidget(label, index // 4, index % 4)
        self.column.addLayout(facts)
        self._heading(self.tr("Antibiotics and inflammation markers"))
        self.chart = TimelineChart(timeline)
        self.column.addWidget(self.chart)
        self._imaging(timeline)
        if timeline.clinical:
            self._heading(self.tr("Clinical course"))
            rows = [[row.visit, "" if row.study_day is None else str(row.study_day),
                     *row.cells] for row in timeline.clinical]
            self.column.addWidget(_table([self.tr("Visit"), self.tr("Day"),
                                          *timeline.clinical_columns], rows))
        self._outcome(timeline)
        self.column.addStretch(1)

    def _imaging(self, timeline: PatientTimeline) -> None:
        grid = timeline.imaging
        if not grid.visits:
            return
        self._heading(self.tr("Imaging findings by visit"))
        headers = [self.tr("Finding")] + [
            f"{v}\n{grid.modalities.get(v, '')}".strip() for v in grid.visits]
        rows = [[finding] + [grid.cells.get((finding, v), "") for v in grid.visits]
                for finding in grid.findings]
        table = _table(headers, rows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.horizontalHeader().resizeSection(0, 260)
        for column in range(1, len(headers)):
            table.horizontalHeader().resizeSection(column, 130)
        table.horizontalHeader().setStretchLastSection(False)
        for r in range(len(rows)):
            for c in range(1, len(headers)):
                item = table.item(r, c)
                if item is None:
                    continue
                colour = _READING_COLOURS.get(item.text())
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if colour:
                    item.setBackground(QColor(colour))
        self.column.addWidget(table)
        for visit, comment in timeline.imaging_comments:
            note = QLabel(f"<i>{visit}:</i> {comment}")
            note.setWordWrap(True)
            self.column.addWidget(note)

    def _outcome(self, timeline: PatientTimeline) -> None:
        outcome = timeline.outcome
        if not any((outcome.cured, outcome.relapse, outcome.sequelae)):
            return
        self._heading(self.tr("Outcome"))
        parts = [(self.tr("Cured"), outcome.cured), (self.tr("Relapse"), outcome.relapse),
                 (self.tr("Sequelae"), outcome.sequelae + (
                     f" ({', '.join(outcome.sequelae_details)})"
                     if outcome.sequelae_details else "")),
                 (self.tr("Antibiotic days"), "" if outcome.antibiotic_days is None
                  else str(outcome.antibiotic_days)),
                 (self.tr("Follow-up (months)"), "" if outcome.followup_months is None
                  else f"{outcome.followup_months:g}")]
        text = " &nbsp;·&nbsp; ".join(f"<span style='color:gray'>{k}</span> <b>{v or '—'}</b>"
                                      for k, v in parts)
        label = QLabel(text)
        label.setWordWrap(True)
        self.column.addWidget(label)
