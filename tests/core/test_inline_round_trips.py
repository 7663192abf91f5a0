"""Each inline study holding data goes out and back unchanged (issue 13, item 4): its REDCap CSV
and its ODM file (files carried whole) imported into a new database of the same study give the
same file again."""

from __future__ import annotations

from pathlib import Path

import pytest
from inline_seeds import SEEDED_STUDIES
from lxml import etree
from redcap_studies import ADMIN, init_study

from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.redcap_export import export_redcap_csv
from vo_crf.exchange.redcap_import import import_redcap_csv


def _clinical_data(path: Path) -> bytes:
    """The ClinicalData element of an ODM file (the root's dates and ids differ per export)."""
    found = etree.parse(str(path)).getroot().find("{*}ClinicalData")
    assert found is not None
    return etree.tostring(found, encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SEEDED_STUDIES))
def test_redcap_csv_and_odm_of_each_inline_study_round_trip(name: str, tmp_path: Path) -> None:
    texts, seed = SEEDED_STUDIES[name]
    source = init_study(tmp_path, texts, "source")
    seed(source, tmp_path)
    csv_out, odm_out = tmp_path / "first.csv", tmp_path / "first.xml"
    export_redcap_csv(source, ADMIN, csv_out)
    export_odm(source, ADMIN, odm_out, include_audit=False)
    source.close()

    from_csv = init_study(tmp_path, texts, "from-csv")
    import_redcap_csv(from_csv, ADMIN, csv_out)
    export_redcap_csv(from_csv, ADMIN, tmp_path / "second.csv")
    from_csv.close()
    assert (tmp_path / "second.csv").read_text(encoding="utf-8") == \
        csv_out.read_text(encoding="utf-8")

    from_odm = init_study(tmp_path, texts, "from-odm")
    import_odm(from_odm, ADMIN, odm_out)
    export_odm(from_odm, ADMIN, tmp_path / "second.xml", include_audit=False)
    from_odm.close()
    assert _clinical_data(tmp_path / "second.xml") == _clinical_data(odm_out)
