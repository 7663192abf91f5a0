"""A first sync's memory does not grow with the number of patients (issue 15 item 7: the
10,000-patient first push and pull peaked at 2.4 GB): the change set is read, sent and applied
a few records at a time, audit rows a few thousand at a time, in the same one transaction.

Measured with ``tracemalloc`` (Python's own allocations) for a site of few and of many
patients, with parts of 2 records (and 40 audit rows) so that small cohorts need many parts.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import sync_helpers
from random_cohort import cohort_csv
from test_sync_speed import new_central  # noqa: F401  (fixture)

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.sync import changeset
from vo_crf.sync.run import synchronise


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changeset, "RECORDS_PER_PART", 2, raising=False)
    monkeypatch.setattr(changeset, "AUDIT_ROWS_PER_PART", 40, raising=False)


def _peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _first_sync_peaks(patients: int, template: Path, folder: Path, central_url: str,
                      admin: CurrentUser) -> tuple[int, int]:
    """Peak memory of a site's first sync (its push) and of a new site's first pull."""
    site = sync_helpers.make_site(template, folder / "a", "1", admin)
    other = sync_helpers.make_site(template, folder / "b", "2", admin)
    try:
        import_redcap_text(site, admin, cohort_csv(site.study, patients, seed=3), "c.csv")
        pushed = _peak(lambda: synchronise(site, admin, central_url))
        pulled = _peak(lambda: synchronise(other, admin, central_url))
        central: Project = open_project(central_url)
        try:
            assert sync_helpers.data_of(other) == sync_helpers.data_of(central) \
                == sync_helpers.data_of(site)
        finally:
            central.close()
        return pushed, pulled
    finally:
        site.close()
        other.close()


def test_a_first_push_and_pull_of_24_patients_peak_as_for_6(
        template_db: Path, tmp_path: Path, new_central: Callable[[], str],  # noqa: F811
        users: dict[str, CurrentUser]) -> None:
    admin = users["admin"]
    _first_sync_peaks(1, template_db, tmp_path / "warm", new_central(), admin)
    small = _first_sync_peaks(6, template_db, tmp_path / "small", new_central(), admin)
    large = _first_sync_peaks(24, template_db, tmp_path / "large", new_central(), admin)
    for name, few, many in (("push", small[0], large[0]), ("pull", small[1], large[1])):
        assert many < few * 1.3, (f"first {name}: peak {few / 1e6:.2f} MB for 6 patients, "
                                  f"{many / 1e6:.2f} MB for 24")
