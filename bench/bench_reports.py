"""Benchmark of the reports (not a test): PDF per patient and xlsx export against bare floors.

Usage: .venv/bin/python bench/bench_reports.py [--copies 35] [--pdf-patients 100]

The demo cohort is replicated (through the importer) to about 1000 patients. Floors:
- PDF: a bare reportlab canvas drawing the same texts (one page per patient, same font);
- xlsx: a bare openpyxl write-only dump of the same cell values into the same sheets.
Budgets: PDF <= 150 ms per patient; export <= 1.3 x the floor.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from vo_crf.analysis.dataset import load_patients
from vo_crf.analysis.descriptive_tables import paper_tables
from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.auth.users import CurrentUser, authenticate
from vo_crf.demo.cohort import load_demo
from vo_crf.project import Project, init_project
from vo_crf.reports.data_quality import quality_issues
from vo_crf.reports.fonts import REGULAR, register_fonts
from vo_crf.reports.patient_reports import report_context
from vo_crf.reports.pdf_timeline import render_timelines
from vo_crf.reports.timeline_data import PatientTimeline, timeline_of
from vo_crf.reports.workbook import export_workbook
from vo_crf.reports.workbook_data import (
    antibiotic_rows,
    codebook_rows,
    long_columns,
    long_rows,
    wide_columns,
    wide_rows,
)


def timeline_texts(timeline: PatientTimeline) -> list[str]:
    head = timeline.header
    texts = [head.record_id, head.study_name, head.site, head.age, head.sex, head.organism]
    texts += [f"{v.label} {v.study_day}" for v in timeline.visits]
    texts += [f"{c.drug} {c.route} {c.start_day} {c.stop_day}" for c in timeline.courses]
    texts += [f"{s.short_label} {p.visit} {p.value}" for s in timeline.markers for p in s.points]
    texts += [f"{f} {v} {timeline.imaging.cell(f, v)}" for f in timeline.imaging.findings
              for v in timeline.imaging.visits]
    texts += [" ".join(r.cells) for r in timeline.clinical]
    texts += [text for _, text in timeline.imaging_comments]
    return texts


def bench_pdf(project: Project, user: CurrentUser, count: int, folder: Path) -> tuple[float,
                                                                                     float]:
    study, plan = project.study, load_analysis_plan(project.study)
    patients = load_patients(project)[:count]
    context = report_context(project, user)
    register_fonts()
    start = time.perf_counter()
    for patient in patients:
        render_timelines([timeline_of(study, plan, patient, False)],
                         folder / f"{patient.record_id}.pdf", context)
    ours = (time.perf_counter() - start) / len(patients)
    timelines = [timeline_of(study, plan, p, False) for p in patients]
    start = time.perf_counter()
    for timeline in timelines:
        canvas = Canvas(str(folder / "floor.pdf"), pagesize=A4)
        canvas.setFont(REGULAR, 8)
        for line, text in enumerate(timeline_texts(timeline)):
            canvas.drawString(40, 800 - 11 * line, text)
        canvas.showPage()
        canvas.save()
    floor = (time.perf_counter() - start) / len(timelines)
    return ours, floor


def bench_xlsx(project: Project, user: CurrentUser, folder: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    rows = export_workbook(project, user, folder / "ours.xlsx")
    ours = time.perf_counter() - start
    study, plan = project.study, load_analysis_plan(project.study)
    patients = load_patients(project)
    wide, columns = wide_columns(study, False), long_columns(study, False)
    sheets = {
        "Codebook": list(codebook_rows(study)),
        "Data": list(wide_rows(study, patients, wide)),
        "Data long": list(long_rows(study, patients, columns)),
        "Antibiotics": list(antibiotic_rows(study, patients, plan.timeline.antibiotics)),
        **{t.sheet: t.rows for t in paper_tables(study, plan, patients)},
        "Data quality": [i.row() for i in quality_issues(project, patients)],
    }
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    for name, body in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in body:
            sheet.append(row)
    workbook.save(folder / "floor.xlsx")
    floor = time.perf_counter() - start
    return ours, floor, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=35, help="demo copies (29 patients each)")
    parser.add_argument("--pdf-patients", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        project = init_project(str(folder / "bench.sqlite"), "bench", "bench-pass-12345")
        user = authenticate(project.engine, "bench", "bench-pass-12345")
        start = time.perf_counter()
        load_demo(project, user, copies=args.copies)
        print(f"import of {29 * args.copies} patients: {time.perf_counter() - start:.1f} s")
        pdf, pdf_floor = bench_pdf(project, user, args.pdf_patients, folder)
        xlsx, xlsx_floor, rows = bench_xlsx(project, user, folder)
        project.close()
    print(f"{'measure':<34}{'ours':>10}{'floor':>10}{'ratio':>8}  budget")
    print(f"{'PDF per patient (ms)':<34}{pdf * 1000:>10.1f}{pdf_floor * 1000:>10.1f}"
          f"{pdf / pdf_floor:>8.1f}  <= 150 ms")
    print(f"{f'xlsx export, {rows} patients (s)':<34}{xlsx:>10.2f}{xlsx_floor:>10.2f}"
          f"{xlsx / xlsx_floor:>8.2f}  <= 1.3x floor")


if __name__ == "__main__":
    main()
