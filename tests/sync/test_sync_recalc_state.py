"""The receiver recalculates from what it just wrote, without reading it back (issue 15 item 7).

After each part of a change set the receiver recomputes the calculated fields of the records
the part changed. It plans from the values and form instances its sync batch holds in memory
(``vo_crf.sync.recalc.batch_states``) instead of reading them again: the two must be the same,
for records new to the receiver (a first push, a first pull) and for records it held (an
edit synced afterwards), or calculated values would differ between nodes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sync_helpers
from random_cohort import cohort_csv

from vo_crf.auth.users import CurrentUser
from vo_crf.entry.record_state import load_record_pks, load_states
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.sync import apply, recalc
from vo_crf.sync.run import synchronise

central_url = sync_helpers.central_url
site_a = sync_helpers.site_a
site_b = sync_helpers.site_b


def _compared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every recalculation after a part first compare the batch's state with the one
    stored; return the list of records compared (filled as syncs run)."""
    compared: list[str] = []
    recompute = recalc.recompute_batch

    def checked(session: Any, project: Project, loaded: Any, record_ids: set[str]) -> None:
        held = recalc.batch_states(loaded, record_ids)
        connection = session.connection()
        pks = load_record_pks(connection, record_ids)
        stored = load_states(connection, {pk: record_id for record_id, pk in pks.items()})
        for record_id in sorted(record_ids):
            mine, theirs = held[record_id], stored[pks[record_id]]
            assert mine.values.forms == theirs.values.forms, record_id
            assert mine.instances == theirs.instances, record_id
            assert list(mine.instances) == list(theirs.instances), record_id
            compared.append(record_id)
        recompute(session, project, loaded, record_ids)

    monkeypatch.setattr(apply, "recompute_batch", checked)
    return compared


def test_the_state_recalculated_after_a_part_is_the_state_stored(
        site_a: Project, site_b: Project, central_url: str, users: dict[str, CurrentUser],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    admin = users["admin"]
    import_redcap_text(site_a, admin, cohort_csv(site_a.study, 5, seed=11), "cohort.csv")
    compared = _compared(monkeypatch)
    synchronise(site_a, admin, central_url)  # first push: records new to the central database
    pushed = len(compared)
    assert pushed >= 5
    synchronise(site_b, admin, central_url)  # first pull: records new to site 2
    assert len(compared) >= pushed + 5
    record_id = sorted(sync_helpers.data_of(site_a))[0][0]
    sync_helpers.save(site_a, admin, record_id, "clinical", {"clin_pain_vas": "4"}, 2,
                      event="m3_arm_1", reason="correction")
    before = len(compared)
    synchronise(site_a, admin, central_url)  # a record the central database holds
    synchronise(site_b, admin, central_url)  # and site 2 holds
    assert compared[before:].count(record_id) >= 2
    hub = open_project(central_url)
    try:
        assert sync_helpers.data_of(hub) == sync_helpers.data_of(site_a) \
            == sync_helpers.data_of(site_b)
    finally:
        hub.close()
