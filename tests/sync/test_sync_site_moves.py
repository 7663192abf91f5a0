"""A record moved to another site (its REDCap data access group) by a later import travels with
sync: the central database and every other site end with the record at its new site, the move's
audit row included. Two nodes moving the same record differently settle as review marks do: the
later move wins on every node.

The study is a small inline classic REDCap project with three data access groups (not the VO
study); sites are SQLite copies, the central database SQLite or PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from redcap_studies import ADMIN, dictionary
from sqlalchemy import select
from sync_helpers import CENTRALS, make_site

from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry, Record
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, init_project, open_project
from vo_crf.sync.run import synchronise

PASSWORD = "admin-pass-1"
CLINIC = {
    "data_dictionary.csv": dictionary([
        ("pid", "visit", "text", "Patient"),
        ("pain_score", "visit", "text", "Pain now", "", "integer"),
    ]),
    "project.json": json.dumps({"name": "Three clinics", "data_access_groups": [
        {"unique_name": "lyon", "name": "Lyon"}, {"unique_name": "nantes", "name": "Nantes"},
        {"unique_name": "paris", "name": "Paris"}]}) + "\n",
}


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.sqlite"
    init_project(str(path), "admin", PASSWORD, study_texts=CLINIC).close()
    return path


def _site(template: Path, tmp_path: Path, code: str) -> Project:
    return make_site(template, tmp_path, code, ADMIN)


@pytest.fixture
def sites(template: Path, tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    one, two = _site(template, tmp_path, "1"), _site(template, tmp_path, "2")
    yield one, two
    one.close()
    two.close()


@pytest.fixture(params=CENTRALS)
def central(request: pytest.FixtureRequest, template: Path, tmp_path: Path) -> str:
    """URL of the central database (same study, no data): SQLite or PostgreSQL."""
    if request.param == "postgresql":
        url = str(request.getfixturevalue("empty_postgres_url"))
        init_project(url, "admin", PASSWORD, study_texts=CLINIC).close()
        return url
    path = tmp_path / "central.sqlite"
    shutil.copy(template, path)
    return str(path)


def _sites_of(url: str) -> dict[str, str]:
    project = open_project(url)
    try:
        with read_session(project.engine) as session:
            return dict(session.execute(select(Record.record_id, Record.site)).tuples().all())
    finally:
        project.close()


def _moves(url: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    project = open_project(url)
    try:
        with read_session(project.engine) as session:
            rows = session.execute(select(AuditEntry.record_id, AuditEntry.old_value,
                                          AuditEntry.new_value, AuditEntry.site)
                                   .where(AuditEntry.action == "record_site_change")
                                   .order_by(AuditEntry.at))
            return [tuple(row) for row in rows]
    finally:
        project.close()


def _import(project: Project, text: str, name: str) -> int:
    return import_redcap_text(project, ADMIN, "pid,redcap_data_access_group,pain_score\n" + text,
                              name).records_moved


def test_a_move_made_at_a_site_reaches_the_central_database_and_the_other_site(
        sites: tuple[Project, Project], central: str) -> None:
    one, two = sites
    _import(one, "P1,lyon,3\nP2,lyon,4\n", "first.csv")
    for site in (one, two):
        synchronise(site, ADMIN, central)
    assert _sites_of(two.url) == {"P1": "lyon", "P2": "lyon"}
    assert _import(one, "P1,nantes,5\n", "moved.csv") == 1
    first = synchronise(one, ADMIN, central)
    assert _sites_of(central) == {"P1": "nantes", "P2": "lyon"}
    second = synchronise(two, ADMIN, central)
    assert _sites_of(two.url) == {"P1": "nantes", "P2": "lyon"}
    assert (first.pushed.site_moves, second.pulled.site_moves) == (1, 1)
    assert "record site moves: 1 sent, 0 received" in first.summary()
    assert "record site moves: 0 sent, 1 received" in second.summary()
    for url in (central, two.url):  # the move's audit row travelled with it
        assert _moves(url) == [("P1", "lyon", "nantes", "1")]
    # nothing more travels at the next syncs: every node holds the same move
    again = [synchronise(site, ADMIN, central) for site in (one, two)]
    assert [(r.pushed.site_moves, r.pulled.site_moves) for r in again] == [(0, 0), (0, 0)]
    assert _sites_of(one.url) == _sites_of(two.url) == _sites_of(central)


def test_a_move_made_centrally_reaches_the_sites(sites: tuple[Project, Project],
                                                 central: str) -> None:
    one, two = sites
    _import(one, "P1,lyon,3\n", "first.csv")
    for site in (one, two):
        synchronise(site, ADMIN, central)
    hub = open_project(central)
    try:
        assert _import(hub, "P1,paris,6\n", "central.csv") == 1
    finally:
        hub.close()
    for site in (one, two):
        synchronise(site, ADMIN, central)
        assert _sites_of(site.url) == {"P1": "paris"}, site.url


def test_two_sites_moving_one_record_differently_end_with_the_later_move_everywhere(
        sites: tuple[Project, Project], central: str) -> None:
    """As review marks: no conflict, the later move wins on every node (whichever syncs
    first); both moves stay in the audit trail."""
    one, two = sites
    _import(one, "P1,lyon,3\n", "first.csv")
    for site in (one, two):
        synchronise(site, ADMIN, central)
    _import(one, "P1,paris,6\n", "at-one.csv")  # earlier
    _import(two, "P1,nantes,6\n", "at-two.csv")  # later (the same score)
    report = synchronise(two, ADMIN, central)  # the later move reaches central first
    assert _sites_of(central) == {"P1": "nantes"}
    report = synchronise(one, ADMIN, central)  # the earlier one arrives after it: not taken
    assert report.pulled.conflicts == 0
    assert _sites_of(central) == {"P1": "nantes"}
    assert _sites_of(one.url) == {"P1": "nantes"}
    synchronise(two, ADMIN, central)
    assert _sites_of(two.url) == {"P1": "nantes"}
    for url in (central, one.url, two.url):
        assert sorted(_moves(url)) == [("P1", "lyon", "nantes", "2"),
                                       ("P1", "lyon", "paris", "1")], url


def test_a_later_move_at_a_site_wins_over_an_earlier_central_one(
        sites: tuple[Project, Project], central: str) -> None:
    one, _two = sites
    _import(one, "P1,lyon,3\n", "first.csv")
    synchronise(one, ADMIN, central)
    hub = open_project(central)
    try:
        _import(hub, "P1,paris,6\n", "central.csv")  # earlier, not pulled by site 1 yet
    finally:
        hub.close()
    _import(one, "P1,nantes,6\n", "at-one.csv")  # later (the same score)
    synchronise(one, ADMIN, central)
    assert _sites_of(central) == _sites_of(one.url) == {"P1": "nantes"}
