"""The study-wide figures (``vo-crf report --figures``): what each page shows, read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from accounts import PASSWORDS
from pypdf import PdfReader
from redcap_studies import CLASSIC, init_study
from sqlalchemy import select

from vo_crf.analysis.dataset import load_patients
from vo_crf.analysis.imaging_tables import table2
from vo_crf.analysis.plan import AnalysisPlanError, require_plan
from vo_crf.audit.trail import AuditAction
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.db.engine import read_session
from vo_crf.db.models import AuditEntry
from vo_crf.project import Project, open_project
from vo_crf.reports.figures import write_figures

ADMIN = CurrentUser("admin", Role.ADMIN)
STAT = CurrentUser("stan", Role.STATISTICIAN)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Project:
    shutil.copy(demo_template, tmp_path / "demo.sqlite")
    project = open_project(str(tmp_path / "demo.sqlite"))
    yield project
    project.close()


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_four_figures_each_page_naming_the_study_and_its_number(demo: Project,
                                                                 tmp_path: Path) -> None:
    written = write_figures(demo, ADMIN, tmp_path / "figures")
    assert written.name == "figures.pdf"
    pages = _pages(written)
    assert len(pages) == 4
    with read_session(demo.engine) as session:
        audited = session.scalars(select(AuditEntry).where(
            AuditEntry.action == AuditAction.EXPORT)).all()
    assert [(a.username, a.new_value) for a in audited] == [("admin", "figures.pdf")]
    for number, (text, title) in enumerate(zip(pages, (
            "swimmer plot", "Imaging findings by visit", "Biological markers by visit",
            "Flow of patients"), strict=True), start=1):
        assert f"Figure {number}." in text and title in text
        assert demo.study.name in text
        assert f"page {number} of 4" in text


def test_the_prevalence_bars_carry_table_2s_counts(demo: Project, tmp_path: Path) -> None:
    text = _pages(write_figures(demo, ADMIN, tmp_path / "f.pdf"))[1]
    table = table2(demo.study, require_plan(demo.study), load_patients(demo))
    counts = [cell for row in table.rows for cell in row if isinstance(cell, str)
              and "/" in cell]
    assert len(counts) == 18
    for cell in counts:
        assert cell.split(" ")[0] in text  # '18/27' on the M3 oedema bar
    assert "18/27" in text and "3/20" in text


def test_the_trajectories_show_table_4s_medians_and_the_flow_the_visits(
        demo: Project, tmp_path: Path) -> None:
    pages = _pages(write_figures(demo, ADMIN, tmp_path / "f.pdf"))
    assert "60.0 [41.0–103.0]" in pages[2]  # CRP at M0, as Table 4 gives it
    assert "n = 22" in pages[2]  # markers at M6
    assert "n = 29" in pages[3] and "n = 22" in pages[3] and "7 not seen" in pages[3]


def test_the_swimmer_plot_names_patients_by_pseudonym_for_a_statistician(
        demo: Project, tmp_path: Path) -> None:
    identified = _pages(write_figures(demo, ADMIN, tmp_path / "a.pdf"))[0]
    assert all(f"VO-{n:03d}" in identified for n in range(1, 30))
    shown = _pages(write_figures(demo, STAT, tmp_path / "s.pdf"))[0]
    assert "VO-0" not in shown
    assert "de-identified (pseudonyms)" in shown


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_every_font_of_the_figures_is_embedded(demo: Project, tmp_path: Path) -> None:
    listing = subprocess.run(["pdffonts", str(write_figures(demo, ADMIN, tmp_path / "f.pdf"))],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = listing[2:]
    assert fonts and all(" yes " in line for line in fonts), listing


def test_a_study_without_an_analysis_plan_is_told_why(tmp_path: Path) -> None:
    project = init_study(tmp_path, CLASSIC)  # a small classic REDCap project, no plan
    with pytest.raises(AnalysisPlanError):
        write_figures(project, ADMIN, tmp_path / "f.pdf")
    project.close()
    assert not (tmp_path / "f.pdf").exists()


def test_the_command_line_writes_the_figures_and_refuses_to_overwrite(
        demo: Project, tmp_path: Path) -> None:
    out = tmp_path / "figures.pdf"
    env = {**os.environ, "VO_CRF_PASSWORD": PASSWORDS["stat"], "PYTHONPATH": os.getcwd()}
    command = [sys.executable, "-m", "vo_crf", "report", "--db", demo.url, "--user", "stat",
               "--figures", str(out)]
    demo.close()
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert f"Wrote the study figures to {out}" in first.stdout
    assert len(PdfReader(out).pages) == 4
    again = subprocess.run(command, capture_output=True, text=True, env=env)
    assert again.returncode == 1 and "already exists" in again.stderr
