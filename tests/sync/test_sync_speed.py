"""A first sync costs about what an import does (issue 15 item 7): its round trips to the
database do not grow with the number of patients it carries."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sync_helpers
from random_cohort import cohort_csv
from sqlalchemy import Engine, event, select

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, Record
from vo_crf.entry.review import lock_all
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.sync.run import pull, push, synchronise

site_a, site_b, central_url = sync_helpers.site_a, sync_helpers.site_b, sync_helpers.central_url


class StatementCounter:
    """Counts the statements (an executemany counts once) sent through an engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.count = 0

    def _seen(self, *_args: Any) -> None:
        self.count += 1

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


@pytest.fixture(params=sync_helpers.CENTRALS)
def new_central(request: pytest.FixtureRequest, template_db: Path, tmp_path: Path
                ) -> Iterator[Callable[[], str]]:
    """Makes empty central databases (SQLite files or PostgreSQL databases)."""
    made: list[str] = []

    def make() -> str:
        if request.param == "postgresql":
            server = request.getfixturevalue("postgres_server")
            name = server.new_database(template=request.getfixturevalue("postgres_template"))
            made.append(name)
            return str(server.url(name))
        path = tmp_path / f"central{len(made)}.sqlite"
        made.append(str(path))
        shutil.copy(template_db, path)
        return str(path)

    yield make
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        for name in made:
            server.drop_database(name)


def _locked_forms(project: Project) -> set[tuple[str, str, str, int]]:
    with read_session(project.engine) as session:
        return {(r[0], r[1], r[2], int(r[3])) for r in session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form,
                   FormInstance.instance).join(FormInstance, FormInstance.record_pk == Record.id)
            .where(FormInstance.locked_by.is_not(None)))}


def _first_sync_statements(patients: int, template: Path, folder: Path, central_url: str,
                           admin: CurrentUser, locked: bool) -> tuple[int, int]:
    """Statements of the first push (central side) and first pull (receiving site side)."""
    site_a = sync_helpers.make_site(template, folder / "a", "1", admin)
    site_b = sync_helpers.make_site(template, folder / "b", "2", admin)
    central = open_project(central_url)
    try:
        import_redcap_text(site_a, admin, cohort_csv(site_a.study, patients, seed=11), "a.csv")
        if locked:
            lock_all(site_a, admin, "close-out")
        with StatementCounter(central.engine) as pushed:
            report = push(site_a, central, "1")
        assert report.records_created == patients
        with StatementCounter(site_b.engine) as pulled:
            received = pull(site_b, central, "2")
        assert received.records_created == patients
        assert sync_helpers.data_of(site_b) == sync_helpers.data_of(central)
        assert _locked_forms(site_b) == _locked_forms(central) == _locked_forms(site_a)
        return pushed.count, pulled.count
    finally:
        central.close()
        site_a.close()
        site_b.close()


@pytest.mark.parametrize("locked", [False, True], ids=["open", "locked"])
def test_first_push_and_pull_take_as_many_round_trips_for_4_patients_as_for_1(
        template_db: Path, tmp_path: Path, new_central: Callable[[], str],
        users: dict[str, CurrentUser], locked: bool) -> None:
    """Also when every form was locked (a closed study: each lock is a mark to merge)."""
    small = _first_sync_statements(1, template_db, tmp_path / "small", new_central(),
                                   users["admin"], locked)
    large = _first_sync_statements(4, template_db, tmp_path / "large", new_central(),
                                   users["admin"], locked)
    assert large[0] <= small[0] + 3, f"push: {small[0]} statements, 1 patient; {large[0]}, 4"
    assert large[1] <= small[1] + 3, f"pull: {small[1]} statements, 1 patient; {large[1]}, 4"


def test_a_first_sync_to_an_empty_central_database_gives_every_node_the_same_data(
        site_a: Any, site_b: Any, central_url: str, users: dict[str, CurrentUser]) -> None:
    admin = users["admin"]
    import_redcap_text(site_a, admin, cohort_csv(site_a.study, 6, seed=12), "a.csv")
    first = synchronise(site_a, admin, central_url)
    assert first.pushed.records_created == 6 and first.pulled.conflicts == 0
    received = synchronise(site_b, admin, central_url)
    assert received.pulled.records_created == 6
    central = open_project(central_url)
    try:
        assert sync_helpers.data_of(site_a) == sync_helpers.data_of(site_b) \
            == sync_helpers.data_of(central)
    finally:
        central.close()
    again = synchronise(site_a, admin, central_url)
    assert again.pushed.applied == 0 and again.pulled.applied == 0
