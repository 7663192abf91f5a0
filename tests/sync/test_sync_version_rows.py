"""A value's sync version is held in its value row (issue 15 item 6): one row per value.

``value_versions`` keeps only what has no value row: form statuses, review marks and blanked
values (tombstones, so that a deletion still travels). Sync behaves as before: a blanked value
reaches the other nodes, a value entered again after being blanked too, and a value changed
on two sides is a conflict of that value only.
"""

from __future__ import annotations

import sync_helpers
from random_cohort import cohort_csv
from sqlalchemy import func, select
from sync_helpers import data_of, save

from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, ValueVersion
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.redcap_import import import_redcap_text
from vo_crf.project import Project, open_project
from vo_crf.study.model import FieldType
from vo_crf.sync.conflicts import list_conflicts
from vo_crf.sync.run import synchronise

site_a, site_b, central_url = sync_helpers.site_a, sync_helpers.site_b, sync_helpers.central_url

CLINICAL = {"clin_date": "2007-06-14", "clin_temp": "38.5", "clin_pain_vas": "7"}


def _counts(project: Project) -> tuple[int, int, int, int]:
    """(values, values holding a version, version rows, form instances)."""
    with read_session(project.engine) as session:
        return (session.scalar(select(func.count()).select_from(ItemValue)) or 0,
                session.scalar(select(func.count()).select_from(ItemValue)
                               .where(ItemValue.uid.is_not(None))) or 0,
                session.scalar(select(func.count()).select_from(ValueVersion)) or 0,
                session.scalar(select(func.count()).select_from(FormInstance)) or 0)


def _value(project: Project, record_id: str, field: str) -> str:
    return EntryService(project, CurrentUser("x", "admin")).open_form(
        FormKey(record_id, "m0_arm_1", "clinical")).value(field)


def test_an_import_stores_one_row_per_value_and_versions_only_the_statuses_apart(
        site_a: Project, site_b: Project, central_url: str,
        users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    import_redcap_text(site_a, nurse, cohort_csv(site_a.study, 6, seed=3), "a.csv")
    values, versioned, versions, forms = _counts(site_a)
    calculated = {f.name for f in site_a.study.fields if f.field_type is FieldType.CALC}
    with read_session(site_a.engine) as session:
        calc_rows = session.scalar(select(func.count()).select_from(ItemValue)
                                   .where(ItemValue.field.in_(calculated))) or 0
    assert values > 100
    assert versioned == values - calc_rows  # every entered value carries its version
    assert versions == forms  # apart: one form status each, nothing per value
    for site in (site_a, site_b):
        synchronise(site, nurse, central_url)
    assert data_of(site_b) == data_of(site_a)
    assert _counts(site_b)[1:3] == (versioned, versions)


def test_a_blanked_value_and_a_value_entered_again_reach_the_other_site(
        site_a: Project, site_b: Project, central_url: str,
        users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    record_id = create_record(site_a, nurse, "1")
    save(site_a, nurse, record_id, "clinical", CLINICAL, 1)
    for site in (site_a, site_b):
        synchronise(site, nurse, central_url)
    assert _value(site_b, record_id, "clin_temp") == "38.5"
    save(site_a, nurse, record_id, "clinical", {"clin_temp": ""}, 1, reason="not measured")
    _, _, versions, forms = _counts(site_a)
    assert versions == forms + 1  # the blanked value's tombstone
    for site in (site_a, site_b):
        synchronise(site, nurse, central_url)
    assert _value(site_b, record_id, "clin_temp") == ""
    save(site_b, nurse, record_id, "clinical", {"clin_temp": "37.9"}, 1, reason="found it")
    assert _counts(site_b)[2] == _counts(site_b)[3]  # the tombstone became the value's
    for site in (site_b, site_a):
        synchronise(site, nurse, central_url)
    assert _value(site_a, record_id, "clin_temp") == "37.9"
    central = open_project(central_url)
    try:
        assert data_of(site_a) == data_of(site_b) == data_of(central)
    finally:
        central.close()


def test_a_value_changed_on_both_sides_is_a_conflict_of_that_value_only(
        site_a: Project, site_b: Project, central_url: str,
        users: dict[str, CurrentUser]) -> None:
    nurse = users["nurse"]
    record_id = create_record(site_a, nurse, "1")
    save(site_a, nurse, record_id, "clinical", CLINICAL, 1)
    for site in (site_a, site_b):
        synchronise(site, nurse, central_url)
    save(site_a, nurse, record_id, "clinical", {"clin_temp": "39.0", "clin_pain_vas": "5"}, 1,
         reason="re-measured")
    save(site_b, users["inv"], record_id, "clinical", {"clin_temp": "38.0"}, 1,
         reason="re-measured")
    for site in (site_a, site_b):
        synchronise(site, nurse, central_url)
    conflicts = list_conflicts(site_b, users["admin"])
    assert [(c.field, c.local_value, c.remote_value) for c in conflicts] == [
        ("clin_temp", "38.0", "39.0")]
    assert _value(site_b, record_id, "clin_pain_vas") == "5"
    assert _value(site_b, record_id, "clin_temp") == "38.0"
