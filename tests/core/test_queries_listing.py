"""The queries list (filters by site, status, age, user), dashboard counts and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from accounts import PASSWORDS

from vo_crf.cli import main
from vo_crf.dashboard import list_records, load_rows
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.queries import FieldKey, QueryService, list_queries

NOW = dt.datetime(2024, 6, 30, 12, 0)


def _clock(days_ago: int):
    return lambda: NOW - dt.timedelta(days=days_ago)


@pytest.fixture
def two_sites(project, users):
    """01-001 (site 1) and 02-001 (site 2) with queries of different ages, states and people.

    #1 on 01-001, opened by inv 20 days ago, answered by nurse;
    #2 on 02-001, opened by mon 10 days ago, open;
    #3 on 02-001, opened by inv 2 days ago, closed 1 day ago.
    """
    nurse = users["nurse"]
    for site in ("1", "2"):
        create_record(project, nurse, site)
    EntryService(project, nurse).save_form(FormKey("01-001", "m0_arm_1", "clinical"),
                                           {"clin_temp": "39.5"}, 0)
    first = QueryService(project, users["inv"], _clock(20)).open_query(
        FieldKey("01-001", "m0_arm_1", "clinical", "clin_temp"), "Fever confirmed?")
    QueryService(project, nurse, _clock(19)).answer(first, "Yes, 39.5 at admission")
    QueryService(project, users["mon"], _clock(10)).open_query(
        FieldKey("02-001", "m0_arm_1", "biology", "bio_crp"), "CRP missing")
    third = QueryService(project, users["inv"], _clock(2)).open_query(
        FieldKey("02-001", "m0_arm_1", "clinical", "clin_date"), "Date?")
    QueryService(project, users["inv"], _clock(1)).close(third, "Found it")
    return project


def _ids(rows) -> list[int]:
    return [row.id for row in rows]


def test_filters_by_status_site_age_and_user(two_sites, users) -> None:
    viewer = users["mon"]  # statisticians get the de-identified view (test_role_matrix)
    every = list_queries(two_sites, viewer, now=NOW)
    assert _ids(every) == [1, 2, 3]
    first = every[0]
    assert (first.site, first.record_id, first.field, first.field_label, first.status,
            first.latest_answer, first.opened_by, first.age_days, first.updated_by) == (
        "1", "01-001", "clin_temp", "Body temperature", "answered", "Yes, 39.5 at admission",
        "inv", 20, "nurse")
    assert every[1].value_at_open is None and every[0].value_at_open == "39.5"
    assert every[2].age_days == 1  # a closed query ages until it was closed
    assert _ids(list_queries(two_sites, viewer, status="open", now=NOW)) == [2]
    assert _ids(list_queries(two_sites, viewer, status="closed", now=NOW)) == [3]
    assert _ids(list_queries(two_sites, viewer, site="2", now=NOW)) == [2, 3]
    assert _ids(list_queries(two_sites, viewer, min_age_days=10, now=NOW)) == [1, 2]
    assert _ids(list_queries(two_sites, viewer, min_age_days=11, now=NOW)) == [1]
    assert _ids(list_queries(two_sites, viewer, user_name="nurse", now=NOW)) == [1]
    assert _ids(list_queries(two_sites, viewer, user_name="inv", now=NOW)) == [1, 3]
    assert _ids(list_queries(two_sites, viewer, site="2", status="open", user_name="mon",
                             min_age_days=5, now=NOW)) == [2]


def test_unknown_status_is_refused(two_sites, users) -> None:
    with pytest.raises(ValueError, match="'pending' is not one of open, answered, closed"):
        list_queries(two_sites, users["inv"], status="pending")


def test_dashboard_rows_count_queries_not_closed(two_sites) -> None:
    headers = list_records(two_sites)
    rows = load_rows(two_sites, headers)
    assert [(rows[h.pk].record_id, rows[h.pk].open_queries) for h in headers] == [
        ("01-001", 1), ("02-001", 1)]


def _cli(monkeypatch, capsys, user: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("VO_CRF_PASSWORD", PASSWORDS[user])
    code = main(list(args[:1]) + ["--db", args[1], "--user", user, *args[2:]])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lists_queries_as_csv(two_sites, db_path, monkeypatch, capsys) -> None:
    code, out, err = _cli(monkeypatch, capsys, "inv", "queries", str(db_path), "--status", "open")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["id"], r["site"], r["record_id"], r["field"], r["status"], r["text"],
             r["opened_by"]) for r in rows] == [
        ("2", "2", "02-001", "bio_crp", "open", "CRP missing", "mon")]
    code, out, _ = _cli(monkeypatch, capsys, "stat", "queries", str(db_path), "--site", "1")
    rows = list(csv.DictReader(io.StringIO(out)))  # de-identified: pseudonym, no free text
    pseudonym = Deidentifier(two_sites).record_id("01-001")
    assert [(r["id"], r["record_id"], r["latest_answer"]) for r in rows] == [
        ("1", pseudonym, "")]


def test_cli_raise_answer_close(two_sites, users, db_path, monkeypatch, capsys) -> None:
    code, out, err = _cli(monkeypatch, capsys, "inv", "queries", str(db_path), "raise",
                          "01-001", "m0_arm_1", "clin_temp", "Rectal or axillary?")
    assert (code, out.strip()) == (0, "Opened query #4"), err
    code, _, err = _cli(monkeypatch, capsys, "nurse", "queries", str(db_path), "close", "4")
    assert code == 1 and "not allowed to close query" in err
    code, out, err = _cli(monkeypatch, capsys, "nurse", "queries", str(db_path), "answer", "4",
                          "Axillary; corrected", "--value", "39.2", "--reason", "misread")
    assert code == 0, err
    code, out, err = _cli(monkeypatch, capsys, "inv", "queries", str(db_path), "close", "4")
    assert code == 0, err
    assert EntryService(two_sites, users["inv"]).open_form(
        FormKey("01-001", "m0_arm_1", "clinical")).value("clin_temp") == "39.2"
    code, out, _ = _cli(monkeypatch, capsys, "inv", "queries", str(db_path), "--status",
                        "closed")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["3", "4"]
