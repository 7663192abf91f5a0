"""What every CLI command shares: the database option, passwords, login, clear errors."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from vo_crf.auth.users import AuthenticationError, CurrentUser, authenticate
from vo_crf.paths import default_database_url, to_database_url
from vo_crf.project import Project, open_project

PASSWORD_ENV = "VO_CRF_PASSWORD"
NEW_PASSWORD_ENV = "VO_CRF_NEW_PASSWORD"


class CommandError(Exception):
    """A refused command: the message is printed without a traceback, exit status 1."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH_OR_URL`` (default: env VO_CRF_DB, else SQLite in the user data dir)."""
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None,
                        help="study database: a file path or an SQLAlchemy URL "
                             "(default: $VO_CRF_DB, else vo-crf.sqlite in the user data folder)")


def add_user_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--user NAME`` (the password comes from VO_CRF_PASSWORD, else a prompt)."""
    parser.add_argument("--user", required=True, metavar="NAME",
                        help=f"your user name (password from ${PASSWORD_ENV}, else a prompt)")


def database_url(args: argparse.Namespace) -> str:
    """Return the database URL the command works on."""
    return to_database_url(args.db) if args.db else default_database_url()


def read_password(prompt: str = "Password: ") -> str:
    """Return the password from VO_CRF_PASSWORD, else ask for it on the terminal."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        return from_env
    if not sys.stdin or not sys.stdin.isatty():
        raise CommandError(f"no password: set {PASSWORD_ENV} or run from a terminal")
    return getpass.getpass(prompt)


def read_new_password(username: str) -> str:
    """Return a new user's password: VO_CRF_NEW_PASSWORD, else asked twice on the terminal.

    Without a terminal and without VO_CRF_NEW_PASSWORD the command is refused: the new user
    never silently gets the password of the admin who runs it (VO_CRF_PASSWORD).
    """
    from_env = os.environ.get(NEW_PASSWORD_ENV)
    if from_env is not None:
        return from_env
    if not sys.stdin or not sys.stdin.isatty():
        raise CommandError(f"no password for the new user {username!r}: set {NEW_PASSWORD_ENV} "
                           f"or run from a terminal ({PASSWORD_ENV} is the password of the "
                           "admin running the command, never given to another user)")
    first = getpass.getpass(f"New password for {username}: ")
    if getpass.getpass("Repeat it: ") != first:
        raise CommandError("the two passwords differ")
    return first


@contextmanager
def logged_in(args: argparse.Namespace) -> Iterator[tuple[Project, CurrentUser]]:
    """Open ``--db``, log ``--user`` in, and close the database when the command is done."""
    project, user = open_and_login(args)
    try:
        yield project, user
    finally:
        project.close()


def open_and_login(args: argparse.Namespace) -> tuple[Project, CurrentUser]:
    """Open the database named by ``--db`` and log ``--user`` in."""
    project = open_project(database_url(args))
    try:
        user = authenticate(project.engine, args.user, read_password())
    except AuthenticationError as exc:
        project.close()
        raise CommandError(f"login refused: {exc}") from None
    return project, user


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang`` (the language of a report's or workbook's fixed texts)."""
    from vo_crf.reports.report_texts import LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the headings, legends, dates and page numbers: "
                             "fr or en (default: the locale's, LANG / LC_ALL; English "
                             "otherwise); the study's own labels are printed as defined")


def report_language(args: argparse.Namespace) -> str:
    """The ``--lang`` given, else the environment locale's language (English fallback)."""
    from vo_crf.reports.report_texts import environment_language

    return args.lang or environment_language()
