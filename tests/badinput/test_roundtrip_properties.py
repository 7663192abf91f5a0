"""Property tests: what vo-crf exports imports again as the same data (issue 11, item 10).

Free text full of what breaks CSV and XML writers — CR, LF, CRLF, quotes, commas, tabs,
letters of every script, very long values — is saved through the form, exported as a REDCap
CSV and as CDISC ODM, and imported into a fresh database: every value comes back exactly as
stored. The stored value is the typed one with its line breaks as LF and trimmed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import FormInstance, ItemValue, Record
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_csv
from vo_crf.project import Project, open_project

NURSE = CurrentUser("nurse", Role.NURSE)
ADMIN = CurrentUser("admin", Role.ADMIN)
TODAY = dt.date(2026, 11, 25)
SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

_PIECES = st.sampled_from(["\r", "\n", "\r\n", '"', '""', ",", ";", "\t", " ", "é", "Œdème",
                           "ß", "𝄞", "中文", "عربي", "=1+2", "'", "\\", "NA", "&<>", "\u00a0",
                           "\u2028", "\ufeff"])
_LETTERS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
NASTY = st.one_of(
    st.lists(st.one_of(_PIECES, _LETTERS), min_size=1, max_size=12).map("".join),
    st.tuples(_PIECES, st.integers(1_000, 200_000)).map(lambda p: ("a" + p[0]) * (p[1] // 2)),
)


def _values(project: Project) -> dict[tuple[str, str, str, str], str]:
    with read_session(project.engine) as session:
        rows = session.execute(
            select(Record.record_id, FormInstance.event, FormInstance.form, ItemValue.field,
                   ItemValue.value)
            .join(FormInstance, FormInstance.record_pk == Record.id)
            .join(ItemValue, ItemValue.form_instance_id == FormInstance.id))
        return {(r, e, f, name): value for r, e, f, name, value in rows}


def _round_trip(template: Path, comment: str, other: str, fmt: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="vo-crf-roundtrip-"))
    try:
        shutil.copy(template, folder / "a.sqlite")
        shutil.copy(template, folder / "b.sqlite")
        source = open_project(str(folder / "a.sqlite"))
        target = open_project(str(folder / "b.sqlite"))
        try:
            record_id = create_record(source, NURSE, "2")
            service = EntryService(source, NURSE, today=lambda: TODAY)
            service.save_form(FormKey(record_id, "m3_arm_1", "imaging"),
                              {"img_date": "1998-04-01", "img_comment": comment}, 0)
            service.save_form(FormKey(record_id, "m0_arm_1", "microbiology"),
                              {"micro_organism": "8", "micro_other": other}, 0)
            stored = _values(source)
            assert stored[(record_id, "m3_arm_1", "imaging", "img_comment")] == \
                comment.replace("\r\n", "\n").replace("\r", "\n").rstrip()
            out = folder / f"out.{fmt}"
            if fmt == "csv":
                export_redcap_csv(source, ADMIN, out)
                import_redcap_csv(target, NURSE, out)
            else:
                export_odm(source, ADMIN, out, include_audit=False)
                import_odm(target, NURSE, out)
            assert _values(target) == stored
        finally:
            source.close()
            target.close()
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("fmt", ["csv", "xml"])
@SETTINGS
@given(comment=NASTY, other=NASTY)
def test_exported_text_imports_again_unchanged(template_db: Path, fmt: str, comment: str,
                                               other: str) -> None:
    if not comment.strip() or not other.strip():
        return
    _round_trip(template_db, comment, other, fmt)


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_known_breakers_round_trip(template_db: Path, fmt: str) -> None:
    """The values that broke the CSV re-import before: a lone CR, 200,000 characters."""
    _round_trip(template_db, "first\rsecond \"quoted\", comma", "x" * 200_000, fmt)
