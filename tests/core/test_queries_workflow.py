"""Queries: every state transition and permission, audit rows, corrections in one transaction."""

from __future__ import annotations

import pytest
from trail_entries import trail_entries

from vo_crf.audit.trail import AuditAction, TrailEntry
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.db.engine import read_session
from vo_crf.db.models import Query
from vo_crf.entry import EntryService, FormKey, FormLockedError, NotFoundError
from vo_crf.entry.records import create_record
from vo_crf.entry.review import lock
from vo_crf.queries import (
    FieldKey,
    NotQueryOpener,
    QueryError,
    QueryRequest,
    QueryService,
    form_queries,
    open_query_counts,
    open_query_fields,
)

BIOLOGY = FormKey("01-001", "m0_arm_1", "biology")
CRP = FieldKey("01-001", "m0_arm_1", "biology", "bio_crp")


@pytest.fixture
def seeded(project, users):
    """Patient 01-001 with a CRP of 120 mg/L at M0 (biology form Complete)."""
    create_record(project, users["nurse"], "1")
    EntryService(project, users["nurse"]).save_form(
        BIOLOGY, {"bio_date": "2024-01-02", "bio_crp": "120"}, 2)
    return project


def _query(project, query_id: int) -> Query:
    with read_session(project.engine) as session:
        query = session.get(Query, query_id)
        assert query is not None
        query.steps  # noqa: B018 - load the thread before the session closes
        return query


def _audit(project, action: AuditAction) -> list[TrailEntry]:
    return trail_entries(project, action=str(action))


def _crp(project, users) -> str:
    return EntryService(project, users["inv"]).open_form(BIOLOGY).value("bio_crp")


def test_monitor_opens_nurse_answers_monitor_closes(seeded, users) -> None:
    query_id = QueryService(seeded, users["mon"]).open_query(
        CRP, "CRP 120 at M0: please check the lab report", suggested_value="12")
    opened = _query(seeded, query_id)
    assert (opened.status, opened.value_at_open, opened.suggested_value, opened.opened_by) == \
        ("open", "120", "12", "mon")
    assert open_query_fields(seeded, "01-001", "m0_arm_1", "biology") == {"bio_crp": "open"}
    assert open_query_counts(seeded) == {"01-001": 1}

    QueryService(seeded, users["nurse"]).answer(query_id, "Lab report says 120, value is right")
    assert _query(seeded, query_id).status == "answered"
    assert open_query_counts(seeded) == {"01-001": 1}

    QueryService(seeded, users["mon"]).close(query_id, "Thanks")
    closed = _query(seeded, query_id)
    assert (closed.status, closed.closed_by) == ("closed", "mon")
    assert [s.action for s in closed.steps] == ["open", "answer", "close"]
    assert [s.username for s in closed.steps] == ["mon", "nurse", "mon"]
    assert open_query_counts(seeded) == {}
    assert open_query_fields(seeded, "01-001", "m0_arm_1", "biology") == {}

    trail = [(a.action, a.username, a.old_value, a.new_value, a.reason, a.field)
             for a in _audit(seeded, AuditAction.QUERY_OPEN) + _audit(
                 seeded, AuditAction.QUERY_ANSWER) + _audit(seeded, AuditAction.QUERY_CLOSE)]
    assert trail == [
        ("query_open", "mon", None, "open", "CRP 120 at M0: please check the lab report",
         "bio_crp"),
        ("query_answer", "nurse", "open", "answered", "Lab report says 120, value is right",
         "bio_crp"),
        ("query_close", "mon", "answered", "closed", "Thanks", "bio_crp")]


def test_reopen_from_answered_and_from_closed(seeded, users) -> None:
    investigator = QueryService(seeded, users["inv"])
    query_id = investigator.open_query(CRP, "Units mg/L?")
    QueryService(seeded, users["nurse"]).answer(query_id, "yes")
    investigator.reopen(query_id, "Please attach the report")
    assert _query(seeded, query_id).status == "open"
    investigator.close(query_id)
    investigator.reopen(query_id, "Closed by mistake")
    reopened = _query(seeded, query_id)
    assert (reopened.status, reopened.closed_by, reopened.closed_at) == ("open", None, None)
    reasons = [a.reason for a in _audit(seeded, AuditAction.QUERY_REOPEN)]
    assert reasons == ["Please attach the report", "Closed by mistake"]


def test_invalid_transitions_name_the_state(seeded, users) -> None:
    monitor = QueryService(seeded, users["mon"])
    nurse = QueryService(seeded, users["nurse"])
    query_id = monitor.open_query(CRP, "check")
    with pytest.raises(QueryError, match="is open: only a query that is answered or closed"):
        monitor.reopen(query_id, "why")
    nurse.answer(query_id, "ok")
    with pytest.raises(QueryError, match="is answered: only a query that is open can be answ"):
        nurse.answer(query_id, "again")
    monitor.close(query_id)
    with pytest.raises(QueryError, match="is closed: only a query that is open or answered"):
        monitor.close(query_id)
    with pytest.raises(QueryError, match="no query #999"):
        nurse.answer(999, "x")
    assert [s.action for s in _query(seeded, query_id).steps] == ["open", "answer", "close"]


def test_empty_texts_are_refused(seeded, users) -> None:
    monitor = QueryService(seeded, users["mon"])
    with pytest.raises(QueryError, match="bio_crp needs a text"):
        monitor.open_query(CRP, "   ")
    query_id = monitor.open_query(CRP, "check")
    with pytest.raises(QueryError, match="write an answer"):
        QueryService(seeded, users["nurse"]).answer(query_id, " ")
    monitor.close(query_id)
    with pytest.raises(QueryError, match="write a reason to re-open"):
        monitor.reopen(query_id, "")


def test_query_place_must_exist(seeded, users) -> None:
    monitor = QueryService(seeded, users["mon"])
    with pytest.raises(NotFoundError, match="no such record: 09-999"):
        monitor.open_query(FieldKey("09-999", "m0_arm_1", "biology", "bio_crp"), "x")
    with pytest.raises(NotFoundError, match="field 'clin_temp' is not on form 'biology'"):
        monitor.open_query(FieldKey("01-001", "m0_arm_1", "biology", "clin_temp"), "x")
    with pytest.raises(NotFoundError, match="unknown event"):
        monitor.open_query(FieldKey("01-001", "m9_arm_1", "biology", "bio_crp"), "x")
    with pytest.raises(NotFoundError, match="does not repeat"):
        monitor.open_query(FieldKey("01-001", "m0_arm_1", "biology", "bio_crp", 2), "x")
    assert open_query_counts(seeded) == {}


@pytest.mark.parametrize("role_user", ["nurse", "stat"])
def test_who_cannot_raise_or_close(seeded, users, role_user) -> None:
    query_id = QueryService(seeded, users["inv"]).open_query(CRP, "check")
    service = QueryService(seeded, users[role_user])
    with pytest.raises(PermissionDenied, match="raise query"):
        service.open_query(CRP, "mine")
    with pytest.raises(PermissionDenied, match="close query"):
        service.close(query_id)
    with pytest.raises(PermissionDenied, match="raise query"):
        service.open_many([QueryRequest("01-001", "m0_arm_1", "biology", 1, "bio_crp", "x")])


def test_monitor_and_statistician_cannot_answer(seeded, users) -> None:
    query_id = QueryService(seeded, users["inv"]).open_query(CRP, "check")
    with pytest.raises(PermissionDenied, match="answer query"):
        QueryService(seeded, users["stat"]).answer(query_id, "x")
    with pytest.raises(PermissionDenied, match="answer query"):
        QueryService(seeded, users["mon"]).answer_with_correction(query_id, "x", "12", "typo")
    assert _query(seeded, query_id).status == "open"


def test_only_the_opener_or_an_admin_closes(seeded, users) -> None:
    query_id = QueryService(seeded, users["mon"]).open_query(CRP, "check")
    with pytest.raises(NotQueryOpener, match=r"only its opener \(mon\) or an admin may close"):
        QueryService(seeded, users["inv"]).close(query_id)
    QueryService(seeded, users["admin"]).close(query_id, "admin tidy-up")
    with pytest.raises(NotQueryOpener, match="may re-open"):
        QueryService(seeded, users["inv"]).reopen(query_id, "no")
    assert _query(seeded, query_id).closed_by == "admin"


def test_answer_with_correction_changes_the_value_in_the_same_step(seeded, users) -> None:
    query_id = QueryService(seeded, users["mon"]).open_query(CRP, "120 or 12?", "12")
    QueryService(seeded, users["nurse"]).answer_with_correction(
        query_id, "Typo, lab report says 12", "12", "transcription error")
    assert _crp(seeded, users) == "12"
    query = _query(seeded, query_id)
    assert query.status == "answered"
    assert (query.steps[-1].old_value, query.steps[-1].new_value) == ("120", "12")
    changes = [(a.username, a.old_value, a.new_value, a.reason)
               for a in _audit(seeded, AuditAction.VALUE_UPDATE) if a.field == "bio_crp"]
    assert changes == [("nurse", "120", "12", "transcription error")]
    answers = _audit(seeded, AuditAction.QUERY_ANSWER)
    assert [(a.username, a.reason) for a in answers] == [("nurse", "Typo, lab report says 12")]


def test_refused_correction_leaves_query_open_and_value_unchanged(seeded, users) -> None:
    query_id = QueryService(seeded, users["mon"]).open_query(CRP, "check")
    nurse = QueryService(seeded, users["nurse"])
    with pytest.raises(QueryError, match="needs a reason"):
        nurse.answer_with_correction(query_id, "fixed", "12", " ")
    with pytest.raises(Exception, match="not a number"):
        nurse.answer_with_correction(query_id, "fixed", "twelve", "typo")
    lock(seeded, users["inv"], "01-001", BIOLOGY)
    with pytest.raises(FormLockedError, match="locked"):
        nurse.answer_with_correction(query_id, "fixed", "12", "typo")
    assert _query(seeded, query_id).status == "open"
    assert [s.action for s in _query(seeded, query_id).steps] == ["open"]
    assert _crp(seeded, users) == "120"
    assert _audit(seeded, AuditAction.QUERY_ANSWER) == []
    nurse.answer(query_id, "Locked form: the value 120 is confirmed")
    assert _query(seeded, query_id).status == "answered"


def test_open_many_skips_duplicates_of_live_queries(seeded, users) -> None:
    monitor = QueryService(seeded, users["mon"])
    first = monitor.open_query(CRP, "CRP rose at M3", source="quality")
    request = QueryRequest("01-001", "m0_arm_1", "biology", 1, "bio_crp", "CRP rose at M3")
    other = QueryRequest("01-001", "m0_arm_1", "biology", 1, "bio_crp", "CRP above 100")
    assert monitor.open_many([request, other, other]) == 1
    assert open_query_counts(seeded) == {"01-001": 2}
    monitor.close(first)
    assert monitor.open_many([request, other]) == 1
    queries = form_queries(seeded, users["mon"], "01-001", "m0_arm_1", "biology")
    assert sorted((q.text, q.status, q.source) for q in queries) == [
        ("CRP above 100", "open", "quality"), ("CRP rose at M3", "closed", "quality"),
        ("CRP rose at M3", "open", "quality")]
    assert len(_audit(seeded, AuditAction.QUERY_OPEN)) == 3


def test_open_many_is_all_or_nothing(seeded, users) -> None:
    good = QueryRequest("01-001", "m0_arm_1", "biology", 1, "bio_crp", "check")
    bad = QueryRequest("01-001", "m0_arm_1", "biology", 1, "no_such_field", "check")
    with pytest.raises(NotFoundError, match="no_such_field"):
        QueryService(seeded, users["mon"]).open_many([good, bad])
    assert open_query_counts(seeded) == {}
    assert _audit(seeded, AuditAction.QUERY_OPEN) == []
