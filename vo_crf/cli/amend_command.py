"""``vo-crf amend``: load a new version of the study definition into a database holding data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vo_crf.cli.common import CommandError, add_db_option, add_user_option, logged_in


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``amend`` to the CLI."""
    amend = commands.add_parser(
        "amend", help="load a protocol amendment (new REDCap definition files): print the "
                      "diff, refuse changes that would orphan stored data unless mapped")
    add_db_option(amend)
    add_user_option(amend)
    amend.add_argument("--study", type=Path, required=True, metavar="DIR",
                       help="folder of the new definition (data_dictionary.csv, events.csv, "
                            "instrument_event_mapping.csv, repeating_forms.csv, project.json)")
    amend.add_argument("--mapping", type=Path, default=None, metavar="FILE.json",
                       help='how stored data follow: {"fields": {"old": "new" | null}, '
                            '"choices": {"field": {"old_code": "new_code" | null}}, '
                            '"forms": {"form" | "event/form": null}} (null deletes, audited)')
    amend.add_argument("--dry-run", action="store_true",
                       help="only print the diff and what blocks it; change nothing")
    amend.set_defaults(handler=run_amend)


def run_amend(args: argparse.Namespace) -> int:
    """Print the diff; unless --dry-run, apply it (exit 2 listing the unmapped blockers)."""
    from vo_crf.amend import (
        AmendmentError,
        AmendmentMapping,
        AmendmentRefused,
        apply_amendment,
        prepare_amendment,
    )

    mapping = AmendmentMapping.from_file(args.mapping) if args.mapping else AmendmentMapping()
    with logged_in(args) as (project, user):
        amendment = prepare_amendment(project, user, args.study)
        mapping.check(amendment.old, amendment.new)
        print(amendment.report(mapping))
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return 0
        try:
            result = apply_amendment(project, user, amendment, mapping)
        except AmendmentRefused as exc:
            print(f"vo-crf: {exc}", file=sys.stderr)
            return 2
        except AmendmentError as exc:
            raise CommandError(str(exc)) from None
    if result.backup is not None:
        print(f"Backed up the database first to {result.backup}")
    print(f"Applied the amendment: {result.summary}")
    return 0
