"""Queries travel with sync: raised centrally, answered at a site, closed; steps merge by uid."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import sync_helpers
from accounts import PASSWORDS
from alembic import command
from random_cohort import cohort_csv
from sqlalchemy import func, select, text
from sync_helpers import data_of, save

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session, write_transaction
from vo_crf.db.migrate import alembic_config, upgrade_to_head
from vo_crf.db.models import QueryStep
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.queries import (
    FieldKey,
    QueryRequest,
    QueryService,
    list_queries,
    open_query_fields,
)
from vo_crf.sync import query_threads
from vo_crf.sync.run import synchronise

site_a, site_b, central_url = sync_helpers.site_a, sync_helpers.site_b, sync_helpers.central_url

TEMPERATURE = FieldKey("01-001", "m0_arm_1", "clinical", "clin_temp")


@pytest.fixture
def central(central_url: str) -> Iterator[Project]:
    project = open_project(central_url)
    yield project
    project.close()


@pytest.fixture
def patient(site_a: Project, central: Project, users: dict[str, CurrentUser]) -> str:
    """Patient 01-001 entered at site 1 (temperature 41.2, a typo) and synced to central."""
    record_id = create_record(site_a, users["nurse"], "1")
    save(site_a, users["nurse"], record_id, "clinical",
         {"clin_date": "2007-06-14", "clin_temp": "41.2"}, 1)
    synchronise(site_a, users["nurse"], central.url)
    return record_id


def _threads(project: Project, viewer: CurrentUser) -> list[tuple[object, ...]]:
    """Every query with its state and thread, without the node's local ids."""
    return [(row.record_id, row.field, row.text, row.status, row.opened_by, row.updated_by,
             row.updated_at, row.latest_answer,
             tuple((s.at, s.username, s.action, s.text, s.new_value) for s in row.steps))
            for row in list_queries(project, viewer)]


def _only_query_id(project: Project, viewer: CurrentUser) -> int:
    rows = list_queries(project, viewer)
    assert len(rows) == 1
    return rows[0].id


def _step_count(project: Project) -> int:
    with read_session(project.engine) as session:
        return int(session.scalar(select(func.count(QueryStep.id))) or 0)


def test_query_raised_centrally_is_answered_at_the_site_and_closed(
        site_a: Project, central: Project, patient: str,
        users: dict[str, CurrentUser]) -> None:
    nurse, monitor = users["nurse"], users["mon"]
    QueryService(central, monitor).open_query(TEMPERATURE, "41.2 °C without a mention of sepsis?",
                                              suggested_value="38.5")
    report = synchronise(site_a, nurse, central.url)
    assert report.pulled.query_steps == 1
    assert "query steps: 0 sent, 1 received" in report.summary()
    [row] = list_queries(site_a, nurse)
    assert (row.status, row.text, row.opened_by, row.suggested_value, row.value_at_open) == (
        "open", "41.2 °C without a mention of sepsis?", "mon", "38.5", "41.2")
    assert open_query_fields(site_a, patient, "m0_arm_1", "clinical") == {"clin_temp": "open"}

    QueryService(site_a, nurse).answer_with_correction(
        row.id, "Typo in the paper CRF", "38.5", "transcription error")
    assert synchronise(site_a, nurse, central.url).pushed.query_steps == 1
    [at_central] = list_queries(central, monitor)
    assert (at_central.status, at_central.latest_answer, at_central.updated_by) == (
        "answered", "Typo in the paper CRF", "nurse")
    assert data_of(central)[(patient, "m0_arm_1", "clinical", 1, "clin_temp")] == "38.5"
    assert open_query_fields(central, patient, "m0_arm_1", "clinical") == {
        "clin_temp": "answered"}

    QueryService(central, monitor).close(at_central.id, "Thanks")
    synchronise(site_a, nurse, central.url)
    [closed] = list_queries(site_a, nurse)
    assert (closed.status, [s.action for s in closed.steps]) == (
        "closed", ["open", "answer", "close"])
    assert open_query_fields(site_a, patient, "m0_arm_1", "clinical") == {}
    assert _threads(site_a, nurse) == _threads(central, monitor)


def test_concurrent_steps_on_three_nodes_converge_to_one_thread(
        site_a: Project, site_b: Project, central: Project, patient: str,
        users: dict[str, CurrentUser]) -> None:
    nurse, monitor = users["nurse"], users["mon"]
    QueryService(central, monitor).open_query(TEMPERATURE, "Check the temperature")
    for site in (site_a, site_b):
        synchronise(site, nurse, central.url)
    # meanwhile, offline: closed centrally, answered at site 1, then answered at site 2
    QueryService(central, monitor).close(_only_query_id(central, monitor), "Looks fine")
    QueryService(site_a, nurse).answer(_only_query_id(site_a, nurse), "Measured twice")
    QueryService(site_b, users["inv"]).answer(_only_query_id(site_b, nurse), "Confirmed")
    for site in (site_b, site_a, site_b):
        synchronise(site, nurse, central.url)
    threads = _threads(central, monitor)
    assert _threads(site_a, nurse) == _threads(site_b, nurse) == threads
    [(*_, status, _opener, updated_by, _at, latest_answer, steps)] = threads
    assert [(s[1], s[2]) for s in steps] == [
        ("mon", "open"), ("mon", "close"), ("nurse", "answer"), ("inv", "answer")]
    assert (status, updated_by, latest_answer) == ("answered", "inv", "Confirmed")
    # the derived state is the one every node acts on: the opener closes it for good
    QueryService(central, monitor).close(_only_query_id(central, monitor), "Fine now")
    for site in (site_a, site_b):
        synchronise(site, nurse, central.url)
    assert {row.status for p in (site_a, site_b, central)
            for row in list_queries(p, nurse)} == {"closed"}


def test_resyncing_is_idempotent(site_a: Project, central: Project, patient: str,
                                 users: dict[str, CurrentUser]) -> None:
    nurse, monitor = users["nurse"], users["mon"]
    QueryService(central, monitor).open_query(TEMPERATURE, "Check the temperature")
    synchronise(site_a, nurse, central.url)
    QueryService(site_a, nurse).answer(_only_query_id(site_a, nurse), "Done")
    synchronise(site_a, nurse, central.url)
    before = (_threads(site_a, nurse), _step_count(site_a), _step_count(central))
    for _ in range(2):
        report = synchronise(site_a, nurse, central.url)
        assert (report.pushed.query_steps, report.pulled.query_steps) == (0, 0)
    assert (_threads(site_a, nurse), _step_count(site_a), _step_count(central)) == before
    assert before[1:] == (2, 2)
    # the same change set applied twice (a lost acknowledgement) adds nothing either
    with read_session(central.engine) as session:
        queries, steps = query_threads.read_query_changes(session, 0, 10**9)
    with write_transaction(site_a.engine) as session:
        assert query_threads.apply_query_changes(session, queries, steps, "central") == 0
    assert _threads(site_a, nurse) == before[0]


def test_a_failed_sync_of_query_steps_keeps_nothing_and_converges_on_rerun(
        site_a: Project, central: Project, patient: str, users: dict[str, CurrentUser],
        monkeypatch: pytest.MonkeyPatch) -> None:
    nurse, monitor = users["nurse"], users["mon"]
    QueryService(central, monitor).open_query(TEMPERATURE, "Check the temperature")
    real_apply = query_threads.apply_query_changes

    def failing_apply(*args: object, **kwargs: object) -> int:
        real_apply(*args, **kwargs)  # type: ignore[arg-type]
        raise OSError("disk unplugged")

    monkeypatch.setattr("vo_crf.sync.apply.apply_query_changes", failing_apply)
    with pytest.raises(OSError, match="disk unplugged"):
        synchronise(site_a, nurse, central.url)
    assert list_queries(site_a, nurse) == []
    monkeypatch.undo()

    def lost_after_push(step: str) -> None:
        if step == "pushed":
            raise RuntimeError("network lost")

    synchronise(site_a, nurse, central.url)
    QueryService(site_a, nurse).answer(_only_query_id(site_a, nurse), "Done")
    with pytest.raises(RuntimeError, match="network lost"):
        synchronise(site_a, nurse, central.url, hook=lost_after_push)
    assert list_queries(central, monitor)[0].status == "answered"
    synchronise(site_a, nurse, central.url)
    assert _threads(site_a, nurse) == _threads(central, monitor)
    assert _step_count(site_a) == _step_count(central) == 2


def test_queries_raised_before_the_upgrade_travel_at_the_next_sync(
        site_a: Project, central: Project, patient: str, users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]  # the patient was synced: the site's watermark at central is set
    engine = site_a.engine
    command.downgrade(alembic_config(engine), "0004")
    with engine.begin() as connection:  # a query raised on the old schema, never synced
        connection.execute(text(
            "INSERT INTO queries (uid, record_id, event, form, instance, field, status, text, "
            "source, opened_by, opened_at, updated_by, updated_at) VALUES ('old1', :r, "
            "'m0_arm_1', 'clinical', 1, 'clin_date', 'open', 'Old query', 'manual', 'inv', "
            "'2026-01-05 10:00:00', 'inv', '2026-01-05 10:00:00')"), {"r": patient})
        connection.execute(text(
            "INSERT INTO query_steps (query_id, at, username, action, text) SELECT id, "
            "opened_at, 'inv', 'open', 'Old query' FROM queries WHERE uid = 'old1'"))
    upgrade_to_head(engine)
    synchronise(site_a, nurse, central.url)
    texts = {row.text: row.status for row in list_queries(central, nurse)}
    assert texts == {"Old query": "open"}
    assert _threads(site_a, nurse) == _threads(central, nurse)


SYNC_DRIVER = """
import sys
from vo_crf.auth.users import authenticate
from vo_crf.project import open_project
from vo_crf.sync.run import synchronise
site = open_project(sys.argv[1])
print(synchronise(site, authenticate(site.engine, "nurse", sys.argv[3]), sys.argv[2]).summary())
"""


def test_sync_of_queries_killed_at_random_points_converges(
        site_a: Project, central_url: str, users: dict[str, CurrentUser]) -> None:
    import_redcap_text(site_a, users["nurse"], cohort_csv(site_a.study, 12, seed=3), "a.csv")
    records = sorted({key[0] for key in data_of(site_a)})
    opened = QueryService(site_a, users["inv"]).open_many(
        [QueryRequest(r, "m0_arm_1", "clinical", 1, "clin_temp", f"Check {r}") for r in records])
    assert opened == len(records) == 12
    expected = _threads(site_a, users["inv"])
    site_a.close()  # the subprocesses are the only writers of site 1 now
    rng = random.Random(20261126)
    killed = 0
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-c", SYNC_DRIVER, site_a.url, central_url, PASSWORDS["nurse"]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.0))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.communicate(timeout=60)
        central = open_project(central_url)
        try:  # the push is one transaction: every query of site 1 or none
            assert _threads(central, users["inv"]) in ([], expected)
        finally:
            central.close()
    assert killed >= 1
    finished = subprocess.run(
        [sys.executable, "-c", SYNC_DRIVER, site_a.url, central_url, PASSWORDS["nurse"]],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert finished.returncode == 0, finished.stderr
    again, central = open_project(site_a.url), open_project(central_url)
    try:
        assert _threads(again, users["inv"]) == _threads(central, users["inv"]) == expected
        assert _step_count(again) == _step_count(central) == 12
    finally:
        again.close()
        central.close()
