"""A throw-away PostgreSQL server for the test session (initdb + pg_ctl on a unix socket).

The server refuses to run as root, so when the tests run as root (CI containers) every server
command goes through ``runuser -u postgres --`` on a directory the postgres user owns. Set
``VO_CRF_POSTGRES_URL`` to use an already running server instead (its user must be allowed to
create databases), or ``VO_CRF_SKIP_POSTGRES=1`` to skip the PostgreSQL tests explicitly.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

SKIP_ENV = "VO_CRF_SKIP_POSTGRES"
URL_ENV = "VO_CRF_POSTGRES_URL"
SERVER_USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server could not be started (the message says which step failed)."""


def postgres_skipped() -> bool:
    """True when the PostgreSQL tests were switched off explicitly."""
    return os.environ.get(SKIP_ENV, "").strip() not in ("", "0")


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit()
                        else 0)
    if not candidates:
        raise PostgresUnavailable("pg_ctl not found: install PostgreSQL (Debian: apt-get "
                                  f"install postgresql) or set {SKIP_ENV}=1")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: where it listens and how to make databases on it."""

    host: str
    port: int
    user: str
    password: str = ""
    _data_dir: Path | None = None
    _bin: Path | None = None
    _as_postgres: bool = False
    _counter: int = field(default=0)

    def url(self, database: str) -> str:
        """Return the SQLAlchemy URL of ``database`` on this server."""
        auth = self.user + (f":{self.password}" if self.password else "")
        if self.host.startswith("/"):
            return f"postgresql+psycopg://{auth}@/{database}?host={self.host}&port={self.port}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{database}"

    def admin_sql(self, statement: sql.Composable | str) -> None:
        """Run one statement (CREATE/DROP DATABASE) in autocommit on the maintenance DB."""
        with psycopg.connect(host=self.host, port=self.port, user=self.user,
                             password=self.password or None, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(statement)

    def new_database(self, template: str | None = None) -> str:
        """Create an empty database (or a copy of ``template``) and return its name."""
        self._counter += 1
        name = f"vo_test_{os.getpid()}_{self._counter}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template))
        self.admin_sql(statement)
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, disconnecting whoever still uses it."""
        self.admin_sql(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))

    def stop(self) -> None:
        """Stop a server this helper started and remove its files."""
        if self._data_dir is None or self._bin is None:
            return
        _run(self._command([str(self._bin / "pg_ctl"), "-D", str(self._data_dir), "-m", "immediate",
                            "-w", "stop"]), "pg_ctl stop", check=False)
        shutil.rmtree(self._data_dir.parent, ignore_errors=True)

    def _command(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", SERVER_USER, "--", *argv] if self._as_postgres else argv


def _run(argv: list[str], step: str, check: bool = True) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    if check and done.returncode != 0:
        raise PostgresUnavailable(f"{step} failed ({done.returncode}): {done.stderr.strip()} "
                                  f"{done.stdout.strip()}"[:2000])


def start_server() -> PostgresServer:
    """Start a private server (or connect to ``VO_CRF_POSTGRES_URL``); raise if impossible."""
    existing = os.environ.get(URL_ENV)
    if existing:
        from sqlalchemy import make_url

        parsed = make_url(existing)
        host = parsed.host or parsed.query.get("host") or "localhost"
        return PostgresServer(host=str(host), port=int(parsed.port or 5432),
                              user=parsed.username or SERVER_USER,
                              password=parsed.password or "")
    bin_dir = _bin_dir()
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="vo-pg-"))
    data_dir, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    if as_postgres:
        try:
            account = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise PostgresUnavailable(f"running as root but there is no {SERVER_USER!r} user "
                                      "to run the server") from None
        for path in (root, socket_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
    user = SERVER_USER if as_postgres else pwd.getpwuid(os.geteuid()).pw_name
    server = PostgresServer(host=str(socket_dir), port=_free_port(), user=user,
                            _data_dir=data_dir, _bin=bin_dir, _as_postgres=as_postgres)
    _run(server._command([str(bin_dir / "initdb"), "-D", str(data_dir), "-U", user,
                          "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]), "initdb")
    options = (f"-k {socket_dir} -p {server.port} -c listen_addresses='' -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    try:
        _run(server._command([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options,
                              "-l", str(root / "server.log"), "-w", "-t", "60", "start"]),
             "pg_ctl start")
    except PostgresUnavailable as exc:
        log = root / "server.log"
        tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"{exc}\n{tail}") from None
    return server
