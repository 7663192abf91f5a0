"""The CSV import parses and checks each line once (issue 15 item 6).

The checking pass keeps the forms it parsed on disk (``FormSpool``) and the writing pass reads
them back: a line is no longer parsed and checked a second time. The file is still read again
(not parsed) to refuse one that changed meanwhile (``test_import_streaming``). Values are
normalised through a remembered ``normalize_input`` (``CheckCache.normalize``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from random_cohort import cohort_csv

from vo_crf.auth.users import CurrentUser
from vo_crf.entry.values import CheckCache, normalize_input
from vo_crf.exchange import redcap_import
from vo_crf.exchange.import_common import ParsedForm
from vo_crf.exchange.import_stream import FormSpool
from vo_crf.keys import FormKey
from vo_crf.project import Project
from vo_crf.study.model import Choice, FieldDef, FieldType, ValidationType


def test_the_import_parses_each_line_once(project: Project, nurse: CurrentUser,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = cohort_csv(project.study, patients=4, seed=3)
    calls: Counter[int] = Counter()
    parse = redcap_import._parse_line

    def counted(*args: object) -> list[ParsedForm]:
        calls[args[2]] += 1  # type: ignore[index]
        return parse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(redcap_import, "_parse_line", counted)
    summary = redcap_import.import_redcap_text(project, nurse, text, "in.csv")
    assert summary.forms_saved > 10
    assert len(calls) > 5 and set(calls.values()) == {1}


def test_spooled_forms_come_back_as_they_were_kept() -> None:
    forms = [ParsedForm(line, FormKey(f"01-{line:03d}", "m0_arm_1", "enrolment", 1 + line % 2),
                        {"sex": "1", "comorb": "1,3", "initials": f"é{line}"},
                        None if line % 3 else 2, frozenset({"comorb"} if line % 5 else ()),
                        {"sex": line + 1} if line % 7 == 0 else {}, site="A" * (line % 2))
             for line in range(2, 5_000)]
    spool = FormSpool()
    try:
        for item in forms:
            spool.add(item)
        assert list(spool.forms()) == forms
    finally:
        spool.close()


def test_remembered_normalisation_answers_as_normalize_input() -> None:
    integer = FieldDef(name="n", form="f", field_type=FieldType.TEXT, label="N",
                       validation=ValidationType.INTEGER)
    day = FieldDef(name="d", form="f", field_type=FieldType.TEXT, label="D",
                   validation=ValidationType.DATE_DMY)
    boxes = FieldDef(name="c", form="f", field_type=FieldType.CHECKBOX, label="C",
                     choices=(Choice("2", "two"), Choice("1", "one"), Choice("3", "three")))
    cache = CheckCache(frozenset(), limit=3)
    for _ in range(2):
        for fdef, raw in ((integer, "+007"), (integer, "-0"), (integer, "４２"),
                          (day, "31-12-2024"), (day, " 2024-12-31 "), (boxes, "3,1,2"),
                          (boxes, "1,9"), (integer, "a\r\nb")):
            assert cache.normalize(fdef, raw) == normalize_input(fdef, raw)
    assert cache.check(integer, "12", dt.date(2026, 1, 1)) == ()
