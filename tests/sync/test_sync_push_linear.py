"""A first push to a PostgreSQL central database costs what it sends (issue 15 item 7).

A first push fills the empty central database in one transaction, a few hundred records at
a time. The planner cannot know how large the tables have grown inside that transaction, so a
read that joins them, done for every part, scans everything the earlier parts wrote: the push
of 10,000 patients took 2.3 times the import of the same data when 2,000 took 1.8 times.

Measured here as the rows of ``records``, ``form_instances`` and ``item_values`` the central
database reads during the push (``pg_stat_xact_user_tables``: the transaction's own counts,
foreign-key checks included), per row it wrote, for a small and a three times larger site
pushed in parts of two records: the larger one must not read more per row written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sync_helpers
from random_cohort import cohort_csv
from sqlalchemy import text
from test_sync_speed import new_central  # noqa: F401  (fixture)

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import open_project
from vo_crf.sync import apply, changeset, run
from vo_crf.sync.run import synchronise

pytestmark = pytest.mark.postgres
"""(SQLite reads by its indexes without statistics: the PostgreSQL central only.)"""

_TABLES = ("records", "form_instances", "item_values")
_COUNTS = text("SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0), "
               "coalesce(sum(n_tup_ins), 0) FROM pg_stat_xact_user_tables "
               "WHERE relname IN ('records', 'form_instances', 'item_values')")


def _push_reads(patients: int, template: Path, folder: Path, central: str,
                admin: CurrentUser, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """(rows read, rows written) in ``_TABLES`` by the central database's push transaction,
    as counted at the end of its last part."""
    site = sync_helpers.make_site(template, folder, "1", admin)
    counts: dict[str, tuple[int, int]] = {}
    applying = apply.apply_at_central

    def counted(session: Any, *args: Any, **kwargs: Any) -> Any:
        report = applying(session, *args, **kwargs)
        read, written = session.execute(_COUNTS).one()
        counts["push"] = (int(read), int(written))
        return report

    monkeypatch.setattr(changeset, "RECORDS_PER_PART", 2)
    monkeypatch.setattr(run, "apply_at_central", counted)
    try:
        import_redcap_text(site, admin, cohort_csv(site.study, patients, seed=5), "cohort.csv")
        report = synchronise(site, admin, central)
        assert report.pushed.records_created == patients
        hub = open_project(central)
        try:
            assert sync_helpers.data_of(hub) == sync_helpers.data_of(site)
        finally:
            hub.close()
    finally:
        site.close()
    return counts["push"]


@pytest.mark.parametrize("new_central", ["postgresql"], indirect=True)
def test_a_first_push_reads_no_more_per_row_written_for_12_patients_than_for_4(
        template_db: Path, tmp_path: Path, new_central: Callable[[], str],  # noqa: F811
        users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch) -> None:
    small = _push_reads(4, template_db, tmp_path / "small", new_central(), users["admin"],
                        monkeypatch)
    large = _push_reads(12, template_db, tmp_path / "large", new_central(), users["admin"],
                        monkeypatch)
    per_row = [read / written for read, written in (small, large)]
    assert per_row[1] <= per_row[0] * 1.1, (
        f"rows of {', '.join(_TABLES)} read per row written: {per_row[0]:.2f} for 4 patients "
        f"({small[0]} read, {small[1]} written), {per_row[1]:.2f} for 12 ({large[0]}, "
        f"{large[1]}): each part reads what the earlier ones wrote")
