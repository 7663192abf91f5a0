"""Time of the first and of an incremental sync, beside the import and a raw-SQL floor.

Usage: python -m bench.bench_sync [PATIENTS] [--central sqlite|postgresql ...] [--pg-url URL]

Site 1 imports ``PATIENTS`` synthetic patients (``bench/synthetic.py``; the import is timed),
then syncs with an empty central database: its **first push** sends everything (and the pull
that follows acknowledges it). Site 2, empty, then syncs: its **first pull** receives
everything. Then site 1 changes a few forms and both sync again (**incremental**).

Beside them (issue 15 item 7: first push and first pull each at most 2x the import):

- the **import** of the same patients at site 1 (``import_redcap_text``);
- the **floor**: the rows the sync wrote into the receiver (records, form instances, values,
  audit rows, value versions) copied by raw SQL (sqlite3 ``executemany``; psycopg ``COPY``; one
  transaction) into the receiver as it was before the sync: same schema, indexes and triggers.

Each first sync runs alone in a fresh process (``bench.sync_rss``) that also reports its peak
resident set size: it must stay flat in the number of patients (a few hundred MB at 10,000
patients, like the exports' 400 MB budget), as the sync reads and applies a few hundred
records at a time.

The central database is an SQLite file and/or a PostgreSQL database: a private server is
started for the run (``tests/db/postgres_server.py``: initdb + pg_ctl, or
``VO_CRF_POSTGRES_URL``), or ``--pg-url`` names a server whose user may create databases.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import Result, print_table
from bench.sync_rss import sync_in_process

ROOT = Path(__file__).resolve().parent.parent
CENTRALS = ("sqlite", "postgresql")
COPIED_TABLES = ("records", "form_instances", "item_values", "audit_log", "value_versions")
"""What a sync writes into the receiver, parents before children."""
_KEEP_IDS = ("records", "form_instances")
_INCREMENTAL_FORMS = 20


@dataclass
class SyncTimes:
    """Seconds of each measured step of one run."""

    patients: int
    central: str
    import_s: float = 0.0
    first_push_s: float = 0.0
    first_ack_s: float = 0.0
    first_pull_s: float = 0.0
    push_floor_s: float = 0.0
    pull_floor_s: float = 0.0
    incremental_push_s: float = 0.0
    incremental_pull_s: float = 0.0
    first_push_rss_mb: float = 0.0
    """Peak RSS of the process syncing site 1 the first time (push and acknowledging pull)."""
    first_pull_rss_mb: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@contextmanager
def postgres_databases(url: str | None) -> Iterator[Callable[[], str]]:
    """Yield a maker of new empty PostgreSQL databases (URLs), all dropped at the end."""
    sys.path.insert(0, str(ROOT / "tests"))
    from db.postgres_server import PostgresServer, start_server  # type: ignore[import-not-found]

    if url:
        from sqlalchemy import make_url

        parsed = make_url(url)
        server = PostgresServer(host=str(parsed.host or parsed.query.get("host") or "localhost"),
                                port=int(parsed.port or 5432), user=parsed.username or "postgres",
                                password=parsed.password or "")
    else:
        server = start_server()
    made: list[str] = []

    def make() -> str:
        name = server.new_database()
        made.append(name)
        return server.url(name)

    try:
        yield make
    finally:
        for name in made:
            server.drop_database(name)
        server.stop()


def _raw(url: str) -> Any:
    """A DB-API connection to the database at ``url`` (sqlite3 or psycopg), autocommit off."""
    if url.startswith("postgresql"):
        import psycopg
        from sqlalchemy import make_url

        parsed = make_url(url)
        host = parsed.query.get("host") or parsed.host
        port = parsed.port or parsed.query.get("port") or 5432
        return psycopg.connect(host=str(host) if host else None,
                               port=int(str(port)), user=parsed.username,
                               password=parsed.password or None, dbname=parsed.database)
    import sqlite3

    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def snapshot(url: str) -> dict[str, int]:
    """The largest id of each copied table (the rows after it are what a sync wrote)."""
    connection = _raw(url)
    try:
        return {table: int(connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
                           .fetchone()[0]) for table in COPIED_TABLES}
    finally:
        connection.close()


def _columns(connection: Any, table: str) -> list[str]:
    cursor = connection.execute(f"SELECT * FROM {table} WHERE 1 = 0")
    return [column[0] for column in cursor.description]


def copy_floor(source_url: str, before: dict[str, int], target_url: str) -> tuple[float, int]:
    """Copy the rows written after ``before`` from ``source_url`` into ``target_url`` (a copy
    of the receiver as it was before) by raw SQL; return (seconds, rows).

    Only the inserts and the commit are timed. Ids are kept where children refer to them.
    """
    source, target = _raw(source_url), _raw(target_url)
    mark = "%s" if target_url.startswith("postgresql") else "?"
    elapsed, rows = 0.0, 0
    try:
        for table in COPIED_TABLES:
            columns = _columns(source, table)
            if table not in _KEEP_IDS:
                columns.remove("id")
            names = ", ".join(columns)
            data = source.execute(f"SELECT {names} FROM {table} WHERE id > {before[table]} "
                                  "ORDER BY id").fetchall()
            statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})"
            start = time.perf_counter()
            if mark == "%s":  # PostgreSQL: COPY, its fastest way in
                with target.cursor() as cursor, cursor.copy(
                        f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            else:
                target.cursor().executemany(statement, data)
            elapsed += time.perf_counter() - start
            rows += len(data)
        start = time.perf_counter()
        target.commit()
        elapsed += time.perf_counter() - start
    finally:
        source.close()
        target.close()
    return elapsed, rows


def _change_forms(project: Any, count: int) -> None:
    """Change one value in ``count`` clinical forms of site 1 (ordinary audited saves)."""
    from sqlalchemy import select

    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.db.engine import read_session
    from vo_crf.db.models import Record
    from vo_crf.entry import EntryService, FormKey

    service = EntryService(project, CurrentUser("nurse", Role.NURSE))
    with read_session(project.engine) as session:
        records = list(session.scalars(select(Record.record_id).order_by(Record.id)
                                       .limit(count)))
    for record_id in records:
        key = FormKey(record_id, "m3_arm_1", "clinical")
        state = service.open_form(key)
        pain = str((int(state.values.get("clin_pain_vas") or "0") + 1) % 6)
        service.save_form(key, {"clin_pain_vas": pain}, 2, reason="benchmark correction",
                          expected_version=state.version)


def _new_site(path: Path, code: str) -> Any:
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.project import init_project
    from vo_crf.sync.node import set_site_code

    project = init_project(str(path), "admin", "admin-pass-1")
    set_site_code(project, CurrentUser("admin", Role.ADMIN), code)
    return project


def measure(patients: int, central: str, folder: Path,
            new_postgres: Callable[[], str] | None = None) -> SyncTimes:
    """Import, first sync of two sites and an incremental sync against one central kind."""
    from bench.synthetic import synthetic_csv
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.exchange.redcap_import import import_redcap_text
    from vo_crf.project import init_project, open_project
    from vo_crf.sync.run import synchronise

    admin = CurrentUser("admin", Role.ADMIN)
    times = SyncTimes(patients, central)
    site_a = _new_site(folder / "site1.sqlite", "1")
    site_b = _new_site(folder / "site2.sqlite", "2")
    text = synthetic_csv(site_a.study, patients)
    start = time.perf_counter()
    import_redcap_text(site_a, admin, text, "synthetic.csv")
    times.import_s = time.perf_counter() - start

    def new_central(name: str) -> str:
        if central == "postgresql":
            assert new_postgres is not None
            url = new_postgres()
        else:
            url = str(folder / f"{name}.sqlite")
        project = init_project(url, "admin", "admin-pass-1")
        found = project.url
        project.close()
        return found

    central_url, floor_central = new_central("central"), new_central("central-floor")
    site_a.close()
    site_b.close()
    before = snapshot(central_url)
    first = sync_in_process(str(folder / "site1.sqlite"), central_url)
    times.first_push_s, times.first_ack_s = first["push_s"], first["pull_s"]
    times.first_push_rss_mb = first["rss_mb"]
    times.push_floor_s, times.counts["push rows"] = copy_floor(central_url, before, floor_central)

    floor_site = _new_site(folder / "site2-floor.sqlite", "2")
    floor_site.close()
    before = snapshot(f"sqlite:///{folder / 'site2.sqlite'}")
    first = sync_in_process(str(folder / "site2.sqlite"), central_url)
    times.first_pull_s, times.first_pull_rss_mb = first["pull_s"], first["rss_mb"]
    times.pull_floor_s, times.counts["pull rows"] = copy_floor(
        f"sqlite:///{folder / 'site2.sqlite'}", before,
        f"sqlite:///{folder / 'site2-floor.sqlite'}")
    site_a = open_project(str(folder / "site1.sqlite"))
    site_b = open_project(str(folder / "site2.sqlite"))

    _change_forms(site_a, _INCREMENTAL_FORMS)
    start = time.perf_counter()
    synchronise(site_a, admin, central_url)
    times.incremental_push_s = time.perf_counter() - start
    start = time.perf_counter()
    synchronise(site_b, admin, central_url)
    times.incremental_pull_s = time.perf_counter() - start
    site_a.close()
    site_b.close()
    return times


def results(times: SyncTimes) -> list[Result]:
    """The result rows of one run."""
    label = f"{times.patients:,} patients, {times.central} central"
    target = f"≤ 2× import ({times.import_s:.1f} s)"
    return [
        Result(f"sync first push, {label}", times.first_push_s, "s", target,
               times.push_floor_s,
               f"{times.first_push_s / times.import_s:.1f}× import; floor: raw SQL copy of the "
               f"{times.counts['push rows']:,} rows it wrote; then the acknowledging pull "
               f"{times.first_ack_s:.1f} s; peak RSS {times.first_push_rss_mb:.0f} MB"),
        Result(f"sync first pull, {label}", times.first_pull_s, "s", target,
               times.pull_floor_s,
               f"{times.first_pull_s / times.import_s:.1f}× import; floor: raw SQL copy of the "
               f"{times.counts['pull rows']:,} rows it wrote; peak RSS "
               f"{times.first_pull_rss_mb:.0f} MB"),
        Result(f"sync incremental, {label}", times.incremental_push_s, "s", "",
               note=f"site 1 sends {_INCREMENTAL_FORMS} changed forms (push + pull); site 2 "
                    f"then receives them in {times.incremental_pull_s:.2f} s"),
    ]


def run(patients: int = 1000, centrals: tuple[str, ...] = CENTRALS,
        pg_url: str | None = None) -> list[Result]:
    """Measure each central kind; return the result rows."""
    rows: list[Result] = []
    for central in centrals:
        with tempfile.TemporaryDirectory(prefix="vo-crf-bench-sync-") as name:
            if central == "postgresql":
                with postgres_databases(pg_url) as make:
                    rows += results(measure(patients, central, Path(name), make))
            else:
                rows += results(measure(patients, central, Path(name)))
        print(f"[bench] sync, {central} central: done", file=sys.stderr, flush=True)
        for row in rows[-3:]:
            print(f"[bench]   {row.name}: {row.value:.2f} {row.unit} ({row.note})",
                  file=sys.stderr, flush=True)
    return rows


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("patients", nargs="?", type=int, default=1000)
    parser.add_argument("--central", action="append", choices=CENTRALS,
                        help="central database kind (repeat; default both)")
    parser.add_argument("--pg-url", help="a PostgreSQL server to use (default: start one)")
    args = parser.parse_args()
    print_table(run(args.patients, tuple(args.central or CENTRALS), args.pg_url))


if __name__ == "__main__":
    main()
