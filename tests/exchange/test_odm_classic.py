"""The ODM file of a classic study (no events). REDCap's own export of a classic project
(e.g. REDCap 14.7.3's, in REDCapR's test data) has no Protocol nor StudyEventDef and puts each
FormData straight under SubjectData, which ODM 1.3.2 does not allow. vo-crf keeps the file
valid: one StudyEventData per subject, named after the one event REDCap gives a classic
project (``event_1_arm_1``, "Event 1"), described as such rather than as a visit; both layouts
import into a classic study."""

from __future__ import annotations

from pathlib import Path

import pytest
from inline_seeds import seed_classic
from lxml import etree
from redcap_studies import ADMIN, CLASSIC, init_study

from vo_crf.entry import EntryService, FormKey
from vo_crf.exchange.odm_export import export_odm
from vo_crf.exchange.odm_import import import_odm
from vo_crf.exchange.odm_names import ODM_NS

XSD = Path("/work/shared/spec/odm1-3-2/ODM1-3-2.xsd")
NS = {"odm": ODM_NS}


def _values(folder: Path, name: str, odm: Path) -> dict[str, dict[str, str]]:
    project = init_study(folder, CLASSIC, name)
    import_odm(project, ADMIN, odm)
    service = EntryService(project, ADMIN)
    found = {record: {**service.open_form(FormKey(record, "event_1_arm_1", "screening")).values,
                      **service.open_form(FormKey(record, "event_1_arm_1", "labs")).values}
             for record in ("P-001", "P-002")}
    project.close()
    return found


def test_a_classic_study_exports_valid_odm_with_its_one_event_and_imports_back(
        tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    source = init_study(tmp_path, CLASSIC, "source")
    seed_classic(source, tmp_path)
    out = tmp_path / "classic.xml"
    export_odm(source, ADMIN, out, include_audit=False)
    source.close()
    if XSD.exists():
        errors = list(xmlschema.XMLSchema(str(XSD)).iter_errors(str(out)))
        assert not errors, errors[0]
    tree = etree.parse(str(out))
    find = lambda path: tree.xpath(path, namespaces=NS)  # noqa: E731
    assert [s.xpath("odm:StudyEventData/@StudyEventOID", namespaces=NS)
            for s in find("//odm:SubjectData")] == [["Event.event_1_arm_1"]] * 2
    assert find("//odm:StudyEventDef/@Name") == ["Event 1"]
    described = " ".join(find("//odm:StudyEventDef/odm:Description//text()"))
    # not a visit of a schedule (no "study day 0 after M0", no window)
    assert "M0" not in described and "window" not in described, described
    assert "classic" in described
    imported = _values(tmp_path, "back", out)
    assert imported["P-001"]["hb"] == "12.5" and imported["P-002"]["arm_choice"] == "2"
    # REDCap's layout: the same forms straight under SubjectData import alike
    for event in find("//odm:StudyEventData"):
        parent = event.getparent()
        for form in list(event):
            parent.append(form)
        parent.remove(event)
    redcap_layout = tmp_path / "redcap.xml"
    tree.write(str(redcap_layout))
    assert _values(tmp_path, "redcap", redcap_layout) == imported
