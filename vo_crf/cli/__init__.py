"""The ``vo-crf`` command line: a thin layer over the core services."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from vo_crf import __version__
from vo_crf.auth.permissions import PermissionDenied
from vo_crf.cli import (
    amend_command,
    audit_command,
    data_commands,
    dde_commands,
    gui_command,
    maintenance_commands,
    quality_command,
    query_commands,
    report_commands,
    review_commands,
)
from vo_crf.cli.common import CommandError
from vo_crf.db.failures import describe_database_error
from vo_crf.entry.errors import EntryError
from vo_crf.exchange.redcap_import import ImportFailed
from vo_crf.project import ProjectError
from vo_crf.storage import StorageUnavailable
from vo_crf.study.errors import DefinitionError

COMMAND_MODULES = [data_commands, gui_command, report_commands, maintenance_commands,
                   query_commands, dde_commands, quality_command, amend_command,
                   review_commands, audit_command]
"""Each module has ``register(subparsers)``; add new command modules here."""


class OneLineParser(argparse.ArgumentParser):
    """A parser whose refusals are one line on stderr and exit status 1, like every command's."""

    def error(self, message: str) -> NoReturn:
        """Print ``vo-crf: error: …`` (naming the command and where help is) and exit 1."""
        command = self.prog.removeprefix("vo-crf").strip()
        where = f"{command}: " if command else ""
        help_hint = f"vo-crf {command} --help" if command else "vo-crf --help"
        self.exit(1, f"vo-crf: error: {where}{message} (see {help_hint})\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of every command."""
    parser = OneLineParser(
        prog="vo-crf",
        description="Offline case-report forms for the VO study (REDCap-compatible).")
    parser.add_argument("--version", action="version", version=f"vo-crf {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; with no command, start the GUI. Return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or (args_list[0].startswith("--db") and "gui" not in args_list):
        args_list = ["gui", *args_list]
    args = parser.parse_args(args_list)
    try:
        return int(args.handler(args))
    except ImportFailed as exc:
        print(f"vo-crf: {exc}", file=sys.stderr)
        return 1
    except (CommandError, EntryError, ProjectError, DefinitionError, PermissionDenied,
            StorageUnavailable, ValueError) as exc:
        print(f"vo-crf: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"vo-crf: error: {describe_database_error(exc)}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"vo-crf: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vo-crf: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("vo-crf: error: out of memory: the command stopped and nothing was stored "
              "(close other programs and try again)", file=sys.stderr)
        return 1
    except Exception as exc:  # one clear line, never a traceback (VO_CRF_DEBUG=1 shows it)
        if os.environ.get("VO_CRF_DEBUG"):
            raise
        print(f"vo-crf: error: unexpected error ({type(exc).__name__}: {shown_text(exc)}); "
              "nothing was stored. Please report it (VO_CRF_DEBUG=1 shows the details)",
              file=sys.stderr)
        return 1


def shown_text(exc: BaseException) -> str:
    """The first line of an exception's message, cut to 200 characters."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else ""
    return text if len(text) <= 200 else text[:200] + "…"
