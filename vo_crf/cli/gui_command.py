"""``vo-crf gui``: start the desktop application (the default command)."""

from __future__ import annotations

import argparse
import importlib

from vo_crf.cli.common import add_db_option


def register(commands: argparse._SubParsersAction) -> None:
    """Add the gui command."""
    gui = commands.add_parser("gui", help="start the desktop application (default)")
    add_db_option(gui)
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    """Start the GUI; the core never imports Qt, so the GUI package is loaded by name here."""
    app = importlib.import_module("ui.app")
    return int(app.run(args.db))
