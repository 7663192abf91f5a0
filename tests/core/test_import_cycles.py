"""Modules that must not import each other back, not even for type hints (issue 15).

A cycle, even one hidden under ``TYPE_CHECKING``, ties two modules so that neither can change
or be tested alone. grimp (import-linter's graph) counts type-only imports too.
"""

from __future__ import annotations

import grimp
import pytest

PAIRS = [
    ("ui.forms.editor", "ui.dde.entry_bar"),
    ("ui.main_window", "ui.quality.controller"),
    ("vo_crf.db.backup", "vo_crf.project"),
    ("vo_crf.db.backup", "vo_crf.db.restore"),
    ("vo_crf.project", "vo_crf.db.restore"),
]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("vo_crf", "ui", cache_dir=None)


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_no_import_cycle(graph: grimp.ImportGraph, first: str, second: str) -> None:
    there = graph.find_shortest_chain(importer=first, imported=second)
    back = graph.find_shortest_chain(importer=second, imported=first)
    assert not (there and back), f"import cycle: {there} and back {back}"
