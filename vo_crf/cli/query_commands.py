"""CLI commands for data clarification queries: ``vo-crf queries`` (list, raise, answer, close)."""

from __future__ import annotations

import argparse
import csv
import sys

from vo_crf.cli.common import CommandError, add_db_option, add_user_option, logged_in
from vo_crf.exchange.spreadsheet_text import safe_row
from vo_crf.queries import FieldKey, QueryService, QueryStatus, list_queries

CSV_COLUMNS = ("id", "site", "record_id", "event", "form", "instance", "field", "field_label",
               "status", "text", "suggested_value", "value_at_open", "latest_answer",
               "opened_by", "opened_at", "age_days", "updated_by", "updated_at")
"""The columns of ``vo-crf queries`` output, in order."""


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``queries`` (list as CSV) with ``raise``, ``answer``, ``close``, ``reopen``."""
    queries = commands.add_parser(
        "queries", help="data clarification queries: list them as CSV, or raise/answer/close one")
    add_db_option(queries)
    add_user_option(queries)
    queries.add_argument("--status", choices=[s.value for s in QueryStatus],
                         help="only queries in this state")
    queries.add_argument("--site", metavar="S", help="only patients of this site (code)")
    queries.add_argument("--min-age", type=int, metavar="DAYS",
                         help="only queries open for at least DAYS days")
    queries.add_argument("--by", metavar="NAME", dest="user_name",
                         help="only queries NAME opened or took a step in")
    queries.set_defaults(handler=run_list)
    steps = queries.add_subparsers(dest="step", metavar="STEP")

    raise_query = steps.add_parser("raise", help="open a query on one field value")
    raise_query.add_argument("record_id", metavar="RECORD")
    raise_query.add_argument("event", metavar="EVENT")
    raise_query.add_argument("field", metavar="FIELD")
    raise_query.add_argument("text", metavar="TEXT")
    raise_query.add_argument("--instance", type=int, default=1)
    raise_query.add_argument("--suggest", metavar="VALUE", help="a suggested value")
    raise_query.set_defaults(handler=run_raise)

    answer = steps.add_parser("answer", help="answer a query, optionally correcting the value")
    answer.add_argument("query_id", type=int, metavar="ID")
    answer.add_argument("text", metavar="TEXT")
    answer.add_argument("--value", metavar="VALUE", help="the corrected value")
    answer.add_argument("--reason", metavar="WHY", default="",
                        help="reason of the correction (required with --value)")
    answer.set_defaults(handler=run_answer)

    for name, helptext in (("close", "close a query you opened"),
                           ("reopen", "re-open a query you opened")):
        step = steps.add_parser(name, help=helptext)
        step.add_argument("query_id", type=int, metavar="ID")
        step.add_argument("text", metavar="TEXT", nargs="?" if name == "close" else None,
                          default="")
        step.set_defaults(handler=run_close if name == "close" else run_reopen)


def run_list(args: argparse.Namespace) -> int:
    """``vo-crf queries``: the filtered queries as CSV on stdout."""
    with logged_in(args) as (project, user):
        rows = list_queries(project, user, status=args.status, site=args.site,
                            min_age_days=args.min_age, user_name=args.user_name)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = {name: getattr(row, name) for name in CSV_COLUMNS}
        for stamp in ("opened_at", "updated_at"):
            values[stamp] = values[stamp].isoformat(sep=" ", timespec="seconds")
        writer.writerow(safe_row(["" if values[name] is None else values[name]
                                  for name in CSV_COLUMNS]))
    return 0


def run_raise(args: argparse.Namespace) -> int:
    """``vo-crf queries raise``: open a query; print its id."""
    with logged_in(args) as (project, user):
        if not project.study.has_field(args.field):
            raise CommandError(f"the study has no field {args.field!r}")
        form = project.study.field(args.field).form
        query_id = QueryService(project, user).open_query(
            FieldKey(args.record_id, args.event, form, args.field, args.instance), args.text,
            suggested_value=args.suggest)
    print(f"Opened query #{query_id}")
    return 0


def run_answer(args: argparse.Namespace) -> int:
    """``vo-crf queries answer``: answer (and with --value correct) a query."""
    with logged_in(args) as (project, user):
        service = QueryService(project, user)
        if args.value is not None:
            service.answer_with_correction(args.query_id, args.text, args.value, args.reason)
        else:
            service.answer(args.query_id, args.text)
    print(f"Answered query #{args.query_id}")
    return 0


def run_close(args: argparse.Namespace) -> int:
    """``vo-crf queries close``: close a query."""
    with logged_in(args) as (project, user):
        QueryService(project, user).close(args.query_id, args.text or "")
    print(f"Closed query #{args.query_id}")
    return 0


def run_reopen(args: argparse.Namespace) -> int:
    """``vo-crf queries reopen``: re-open a query, saying why."""
    with logged_in(args) as (project, user):
        QueryService(project, user).reopen(args.query_id, args.text)
    print(f"Re-opened query #{args.query_id}")
    return 0
