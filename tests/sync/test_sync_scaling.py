"""A sync costs what it carries, not what the databases hold (issue 15 item 7, 10,000 patients).

- The pull acknowledging a site's push does not bring back the versions the site just sent
  (the central database had to read, send and the site to compare every one of them: as long
  as the push itself at 10,000 patients); the site still learns that the central database
  holds them (``synced_uid``), so its next push leaves them out.
- An incremental sync reads the versions that changed, not every version of the site.

Measured as rows of value versions read on either side (the sender's change set and what the
receiver loads to compare), for the same sync of a small and a larger site.
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
from vo_crf.db.engine import read_session
from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.sync import changeset
from vo_crf.sync.run import synchronise
from vo_crf.write.synced_batch import SyncedBatch

central_url = sync_helpers.central_url


class VersionsRead:
    """Counts the value versions a sync reads: into a change set, and loaded to compare."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        value_change, load = changeset._value_change, SyncedBatch.load

        def counted_change(row: Any) -> Any:
            self.count += 1
            return value_change(row)

        def counted_load(batch: SyncedBatch, record_ids: Any) -> None:
            load(batch, record_ids)
            self.count += len(batch.versions.rows)

        monkeypatch.setattr(changeset, "_value_change", counted_change)
        monkeypatch.setattr(SyncedBatch, "load", counted_load)

    def during(self, work: Callable[[], Any]) -> int:
        """Run ``work``; return how many versions it read."""
        before = self.count
        work()
        return self.count - before


@pytest.fixture
def versions_read(monkeypatch: pytest.MonkeyPatch) -> VersionsRead:
    return VersionsRead(monkeypatch)


def _site_with(patients: int, template: Path, folder: Path, admin: CurrentUser) -> Project:
    site = sync_helpers.make_site(template, folder, "1", admin)
    import_redcap_text(site, admin, cohort_csv(site.study, patients, seed=5), "cohort.csv")
    return site


def _unacknowledged(project: Project) -> int:
    """The site's own versions not marked as held by the central database."""
    with read_session(project.engine) as session:
        return sum(int(session.scalar(text(
            f"SELECT count(*) FROM {table} WHERE origin_site = '1' AND uid IS NOT NULL "
            "AND (synced_uid IS NULL OR synced_uid != uid)")) or 0)
            for table in ("item_values", "value_versions"))


def _steps(patients: int, template: Path, folder: Path, central: str, admin: CurrentUser,
           versions_read: VersionsRead) -> tuple[int, int]:
    """Versions read by the pull acknowledging a first push, and by the next sync of one
    changed form."""
    site = _site_with(patients, template, folder, admin)
    read: dict[str, int] = {}
    marks = {"start": versions_read.count}

    def step(name: str) -> None:
        marks[name] = versions_read.count

    try:
        first = synchronise(site, admin, central, hook=step)
        assert first.pushed.records_created == patients and first.pulled.conflicts == 0
        read["ack"] = marks["pulled"] - marks["pushed"]
        assert _unacknowledged(site) == 0, "the site knows the central database holds its data"
        service = EntryService(site, admin)
        key = FormKey("01-001", "m3_arm_1", "clinical")
        state = service.open_form(key)
        pain = str((int(state.values.get("clin_pain_vas") or "0") + 1) % 6)
        service.save_form(key, {"clin_pain_vas": pain}, 2, reason="correction",
                          expected_version=state.version)
        report = None

        def sync() -> None:
            nonlocal report
            report = synchronise(site, admin, central)

        read["incremental"] = versions_read.during(sync)
        assert report is not None and report.pushed.applied >= 1
        again = synchronise(site, admin, central)
        assert again.pushed.applied == 0 and again.pulled.applied == 0
        hub = open_project(central)
        try:
            assert sync_helpers.data_of(hub) == sync_helpers.data_of(site)
        finally:
            hub.close()
        return read["ack"], read["incremental"]
    finally:
        site.close()


def test_acknowledging_a_push_and_an_incremental_sync_read_as_much_for_8_patients_as_for_2(
        template_db: Path, tmp_path: Path, new_central: Callable[[], str],  # noqa: F811
        users: dict[str, CurrentUser], versions_read: VersionsRead) -> None:
    small = _steps(2, template_db, tmp_path / "small", new_central(), users["admin"],
                   versions_read)
    large = _steps(8, template_db, tmp_path / "large", new_central(), users["admin"],
                   versions_read)
    assert large[0] == small[0], f"acknowledging pull: {small[0]} versions read for 2 " \
                                 f"patients, {large[0]} for 8"
    assert large[1] == small[1], f"incremental sync: {small[1]} versions read for 2 patients, " \
                                 f"{large[1]} for 8"


def test_a_value_changed_between_push_and_pull_is_still_sent_at_the_next_sync(
        template_db: Path, tmp_path: Path, central_url: str,
        users: dict[str, CurrentUser]) -> None:
    """The acknowledgement marks only what the push sent: an edit made meanwhile (the GUI is
    open during a sync) keeps its own version and reaches the central database next time."""
    admin = users["admin"]
    site = _site_with(2, template_db, tmp_path / "a", admin)
    key = FormKey("01-001", "m3_arm_1", "clinical")

    def edit_meanwhile(step: str) -> None:
        if step == "pushed":
            sync_helpers.save(site, admin, key.record_id, key.form, {"clin_pain_vas": "5"},
                              2, event=key.event, reason="late correction")

    try:
        synchronise(site, admin, central_url, hook=edit_meanwhile)
        assert _unacknowledged(site) >= 1, "the edit made meanwhile is not held centrally yet"
        again = synchronise(site, admin, central_url)
        assert again.pushed.applied >= 1 and again.pulled.conflicts == 0
        assert _unacknowledged(site) == 0
        central = open_project(central_url)
        try:
            assert EntryService(central, admin).open_form(key).values["clin_pain_vas"] == "5"
            assert sync_helpers.data_of(central) == sync_helpers.data_of(site)
        finally:
            central.close()
    finally:
        site.close()
