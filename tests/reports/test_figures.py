"""Study-wide figures (issue 14, item 3): the n/N of each imaging finding by visit and the
medians of the markers, checked against an independent recount of the demo cohort."""

from __future__ import annotations

import statistics
from pathlib import Path

from pypdf import PdfReader
from test_pdf_timeline import FIXED

from vo_crf.analysis.dataset import load_patients
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.deidentify import Deidentifier
from vo_crf.project import Project
from vo_crf.reports.figures import write_figures


def test_figures_show_the_recounted_n_over_n_and_medians(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = write_figures(demo_project, users["inv"], tmp_path / "figures", generated_at=FIXED)
    assert path.name == "figures.pdf"
    reader = PdfReader(str(path))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    assert len(pages) == 4
    assert all("All patients (n = 29)" in p and f"page {i} of 4" in p
               for i, p in enumerate(pages, start=1))
    assert "Figure 1. Antibiotic courses and visits" in pages[0] and "VO-029" in pages[0]
    study = demo_project.study
    patients = load_patients(demo_project)
    # recount with the raw stored codes: present '1', absent '0' ('9' not assessable)
    rows = {}
    for p in patients:
        for key, data in p.forms.items():
            if key[1] == "imaging":
                rows.setdefault(key[0], []).append(data.values.get("img_disc_abscess", ""))
    for event in ("m0_arm_1", "m3_arm_1", "m6_arm_1"):
        codes = rows[event]
        present, absent = codes.count("1"), codes.count("0")
        assert f"{present}/{present + absent}" in pages[1], event
    crp = {}
    for p in patients:
        for key, data in p.forms.items():
            if key[1] == "biology" and data.values.get("bio_crp", "") not in ("", "ND", "UNK"):
                crp.setdefault(key[0], []).append(float(data.values["bio_crp"]))
    for event in ("m0_arm_1", "m3_arm_1", "m6_arm_1"):
        assert f"{statistics.median(crp[event]):g}" in pages[2], event
        assert f"n = {len(crp[event])}" in pages[2]
    flow = sum(p.has_event("m6_arm_1") for p in patients)
    assert f"M6 n = {flow}" in pages[3] and f"no data: {len(patients) - flow}" in pages[3]
    assert study.name in pages[3]
    assert [item.title for item in reader.outline] == ["Figures"]


def test_figures_of_a_role_without_identified_access_use_pseudonyms(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    path = write_figures(demo_project, users["stat"], tmp_path / "stat.pdf")
    text = " ".join((p.extract_text() or "") for p in PdfReader(str(path)).pages)
    assert "VO-0" not in text and Deidentifier(demo_project).record_id("VO-004") in text
