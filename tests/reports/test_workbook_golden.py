"""The optimised workbook export writes exactly the content of the original implementation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from workbook_golden import VARIANTS, load_golden, write_variants


@pytest.fixture(scope="module")
def dumps(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The dumps of every workbook variant of the demo cohort, exported once."""
    folder = tmp_path_factory.mktemp("golden")
    shutil.copy(demo_template, folder / "demo.sqlite")
    return write_variants(folder / "demo.sqlite", folder)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_workbook_content_matches_golden(dumps: dict, variant: str) -> None:
    golden = load_golden()[variant]
    ours = dumps[variant]
    assert list(ours) == list(golden)
    for sheet, expected in golden.items():
        got = ours[sheet]
        for key in ("freeze", "filter", "widths"):
            assert got[key] == expected[key], (sheet, key)
        assert len(got["rows"]) == len(expected["rows"]), sheet
        for number, (row, wanted) in enumerate(zip(got["rows"], expected["rows"],
                                                   strict=True), start=1):
            assert row == wanted, (sheet, number)
