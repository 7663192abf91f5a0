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
    source = amend.add_mutually_exclusive_group(required=True)
    source.add_argument("--study", type=Path, metavar="DIR",
                        help="folder of the new definition (data_dictionary.csv, events.csv, "
                             "instrument_event_mapping.csv, repeating_forms.csv, project.json)")
    source.add_argument("--export-current", type=Path, metavar="DIR",
                        help="write the definition in force (as stored in the database, with "
                             "the settings changed in the application) into DIR, a new or "
                             "empty folder, to start the next amendment from; changes nothing")
    amend.add_argument("--force", action="store_true",
                       help="with --export-current: replace the definition files of a "
                            "non-empty DIR")
    amend.add_argument("--mapping", type=Path, default=None, metavar="FILE.json",
                       help='how stored data follow: {"fields": {"old": "new" | null}, '
                            '"choices": {"field": {"old_code": "new_code" | null}}, '
                            '"forms": {"form" | "event/form": null}, '
                            '"accept_setting_changes": ["double_data_entry_forms", ...]} '
                            "(null deletes, audited)")
    amend.add_argument("--accept-setting-change", action="append", default=[], metavar="NAME",
                       help="accept that the amendment switches off or weakens this safeguard "
                            "(a project.json key such as double_data_entry_forms, "
                            "quality_rules, hard_rules, or range:FIELD, required:FIELD); "
                            "repeat for each")
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

    if args.export_current is not None:
        return _export_current(args)
    if args.force:
        raise CommandError("--force only applies to --export-current")
    mapping = AmendmentMapping.from_file(args.mapping) if args.mapping else AmendmentMapping()
    for name in args.accept_setting_change:
        if name not in mapping.accept_setting_changes:
            mapping.accept_setting_changes.append(name)
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


def _export_current(args: argparse.Namespace) -> int:
    """Write the definition in force into the folder of --export-current."""
    from vo_crf.amend.export_current import export_current_definition

    if args.mapping or args.accept_setting_change or args.dry_run:
        raise CommandError("--export-current takes no --mapping, --accept-setting-change or "
                           "--dry-run")
    with logged_in(args) as (project, user):
        written = export_current_definition(project, user, args.export_current, args.force)
        version = project.definition_version
    print(f"Wrote definition version {version} in force to {args.export_current}: "
          f"{', '.join(path.name for path in written)}")
    print(f"Edit these files, then: vo-crf amend --study {args.export_current}")
    return 0
