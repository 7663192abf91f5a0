"""The reasons beside each finding: the audit trail's latest reason for the field, and the
protocol deviations recorded at data entry (listed even when no check finds them now).

An import confirms every value it stores ("…: value accepted from the source file"): that
reason answers a range or window finding, but says nothing about a cross-field finding (study
rules, visit and date order, calculations), which then shows no reason rather than that one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from sqlalchemy import ColumnElement, or_, select

from vo_crf.audit.trail import TRAIL_COLUMNS, about_field, expand
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, ProtocolDeviation
from vo_crf.exchange.import_common import IMPORT_CONFIRMATION
from vo_crf.project import Project
from vo_crf.quality.issue import (
    INVALID,
    MISSING,
    OUT_OF_RANGE,
    OUT_OF_WINDOW,
    Key,
    QualityIssue,
)

VALUE_CHECKS = frozenset({MISSING, OUT_OF_RANGE, OUT_OF_WINDOW, INVALID})
"""The checks about one value, answered by any reason given for it (imports' included)."""


def add_reasons(project: Project, issues: list[QualityIssue], with_deviations: bool = True,
                only_records: Collection[str] | None = None) -> list[QualityIssue]:
    """Attach audit-trail and deviation reasons; append deviations recorded but not found.

    ``with_deviations`` false leaves out the recorded deviations no check found (when the
    window check was not run); ``only_records`` keeps only those of these records.
    """
    records = {i.record_id for i in issues}
    fields = {i.field for i in issues}
    wanted = {i.key for i in issues}
    places = {key[:4] for key in wanted}  # (record, event, form, instance) with a finding
    latest: dict[Key, str] = {}
    with read_session(project.engine) as session:
        if records:  # streamed row by row: a big study's trail is never held whole
            rows = session.connection().execute(
                select(*(getattr(AuditEntry, name) for name in TRAIL_COLUMNS))
                .where(AuditEntry.record_id.in_(records), about_field(fields),
                       _of_forms({place[2] for place in places}))
                .order_by(AuditEntry.id))
            for row in rows:
                # a row records changes of its own form instance only: the saves of forms
                # without a finding are not expanded (their changes list is not parsed)
                if (row.record_id, row.event or "", row.form or "", row.instance or 1) \
                        not in places:
                    continue
                for entry in expand(row):
                    if entry.field not in fields or entry.record_id is None:
                        continue
                    key = (entry.record_id, entry.event or "", entry.form or "",
                           entry.instance or 1, entry.field)
                    if key in wanted:
                        latest[key] = entry.reason or ""
        deviations = list(session.scalars(select(ProtocolDeviation)
                                          .order_by(ProtocolDeviation.id)))
    recorded = {(d.record_id, d.event, d.form, d.field): d for d in deviations}
    result: list[QualityIssue] = []
    for issue in issues:
        reason = latest.get(issue.key, "")
        if issue.check not in VALUE_CHECKS and reason.endswith(IMPORT_CONFIRMATION):
            reason = ""
        deviation = recorded.pop((issue.record_id, issue.event, issue.form, issue.field), None)
        if issue.check == OUT_OF_WINDOW and deviation is not None:
            reason = deviation.reason or reason
        result.append(dataclasses.replace(issue, reason=reason))
    if with_deviations:
        for deviation in recorded.values():
            if only_records is not None and deviation.record_id not in only_records:
                continue
            result.append(QualityIssue(OUT_OF_WINDOW, deviation.record_id, deviation.event,
                                       deviation.form, 1, deviation.field, "",
                                       deviation.message, deviation.reason, "recorded"))
    return result


def _of_forms(forms: set[str]) -> ColumnElement[bool]:
    """The SQL condition of the audit rows about a form of ``forms`` ('' also: none)."""
    named = AuditEntry.form.in_(sorted(forms - {""}))
    if "" not in forms:
        return named
    return or_(named, AuditEntry.form.is_(None), AuditEntry.form == "")
