"""Benchmark of the reports (not a test): PDF per patient and xlsx export against bare floors.

Usage: .venv/bin/python -m bench.bench_reports [--copies 35 | --database DB] [--pdf-patients 100]

Without ``--database`` the demo cohort is replicated (through the importer) ``--copies`` times
(29 patients each) into a database cached under the system temp folder, so later runs skip the
import; every run works on a copy. Floors:

- PDF: a bare reportlab canvas drawing the same texts (one page per patient, same font);
- xlsx: a bare openpyxl write-only dump of the same cells (headers, values with the same types,
  table titles and notes) into the same sheets, without styles, widths or frozen panes. The
  cells are computed before the clock starts; the export's time includes reading the database,
  the checks, the tables, the workbook and the audit row. The export's full audit-trail
  verification runs in a second process meanwhile (on a trail of 50,000 rows or more): the
  note gives the CPU seconds of the export's process, of that process, and of the floor.

Budgets: PDF <= 150 ms per patient; export <= 1.3 x the floor. Each xlsx timing is the best of
``--repeats`` runs, ours and the floor alternating (the machine is shared; noise only slows).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.common import Result, print_table
from vo_crf.analysis.dataset import load_patients
from vo_crf.analysis.descriptive_tables import paper_tables
from vo_crf.analysis.imaging_evolution import imaging_evolution
from vo_crf.analysis.plan import load_analysis_plan
from vo_crf.auth.permissions import Role
from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.deidentify import DateMode, export_transform
from vo_crf.project import Project, open_project
from vo_crf.reports.data_quality import QUALITY_HEADERS, quality_issues
from vo_crf.reports.fonts import REGULAR, register_fonts
from vo_crf.reports.form_status_sheet import FORM_STATUS_HEADERS, form_status_rows
from vo_crf.reports.patient_reports import report_context
from vo_crf.reports.pdf_timeline import render_timelines
from vo_crf.reports.timeline_data import PatientTimeline, timeline_of
from vo_crf.reports.workbook import about_rows, export_workbook
from vo_crf.reports.workbook_data import (
    ANTIBIOTIC_HEADERS,
    CODEBOOK_HEADERS,
    antibiotic_rows,
    codebook_rows,
    long_columns,
    long_rows,
    wide_columns,
    wide_rows,
)

ADMIN = CurrentUser("admin", Role.ADMIN)
CACHE = Path(tempfile.gettempdir()) / "vo-crf-bench-cache"
"""Where benchmark databases are kept between runs."""


def demo_database(copies: int) -> Path:
    """Return a database holding ``copies`` copies of the demo cohort (built once, cached)."""
    path = CACHE / f"demo-x{copies}.sqlite"
    if path.exists():
        return path
    from vo_crf.demo.cohort import load_demo
    from vo_crf.project import init_project

    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    start = time.perf_counter()
    project = init_project(str(partial), "admin", "admin-pass-bench-1")
    load_demo(project, ADMIN, copies=copies)
    with project.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    partial.rename(path)
    print(f"built {path} ({29 * copies} patients) in {time.perf_counter() - start:.0f} s")
    return path


def working_copy(database: Path, folder: Path) -> Path:
    """Checkpoint ``database`` (nothing left in its WAL), copy it into ``folder``; return it."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    copy = folder / "bench.sqlite"
    shutil.copy(database, copy)
    return copy


def timeline_texts(timeline: PatientTimeline) -> list[str]:
    """Every text of a patient's timeline page (what the bare canvas draws)."""
    head = timeline.header
    texts = [head.record_id, head.study_name, head.site, head.age, head.sex, head.organism]
    texts += [f"{v.label} {v.study_day}" for v in timeline.visits]
    texts += [f"{c.drug} {c.route} {c.start_day} {c.stop_day}" for c in timeline.courses]
    texts += [f"{s.short_label} {p.visit} {p.value}" for s in timeline.markers for p in s.points]
    texts += [f"{f} {v} {timeline.imaging.cell(f, v)}" for f in timeline.imaging.findings
              for v in timeline.imaging.visits]
    texts += [" ".join(r.cells) for r in timeline.clinical]
    texts += [text for _, text in timeline.imaging_comments]
    texts += [f"{v.label} {v.date}" for v in timeline.visits]
    texts += [" ".join(r.cells) for r in timeline.biology]
    texts += [f"{m.event} {m.form} {m.status} {m.verified} {m.locked} {m.signed}"
              for m in timeline.review]
    texts += [", ".join(timeline.header.comorbidities)]
    return texts


def bench_pdf(project: Project, count: int, folder: Path) -> tuple[float, float]:
    """Return seconds per patient of the PDF timeline and of the bare canvas floor."""
    study, plan = project.study, load_analysis_plan(project.study)
    patients = load_patients(project)[:count]
    context = report_context(project, ADMIN)
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


def floor_sheets(project: Project) -> dict[str, list[list[object]]]:
    """The cells of the workbook, sheet by sheet, as plain values (the floor's input)."""
    study, plan = project.study, load_analysis_plan(project.study)
    patients = load_patients(project)
    wide, columns = wide_columns(study, False), long_columns(study, False)
    about = about_rows(project, ADMIN, "Identified export", len(patients))
    sheets: dict[str, list[list[object]]] = {
        "About": [["Item", "Value"], *(list(row) for row in about)],
        "Codebook": [CODEBOOK_HEADERS, *codebook_rows(study)],
        "Data": [[study.record_id_field, *(c.header for _, c in wide)],
                 *wide_rows(study, patients, wide)],
        "Data long": [[study.record_id_field, "redcap_event_name", "event_label",
                       *(c.header for c in columns)], *long_rows(study, patients, columns)],
        "Antibiotics": [ANTIBIOTIC_HEADERS,
                        *antibiotic_rows(study, patients, plan.timeline.antibiotics)],
    }
    for table in [*paper_tables(study, plan, patients),
                  imaging_evolution(study, plan, patients)]:
        sheets[table.sheet] = [[table.title], table.headers, *table.rows, [],
                               *([note] for note in table.notes)]
    sheets["Data quality"] = [QUALITY_HEADERS,
                              *(i.row() for i in quality_issues(project, patients))]
    transform = export_transform(project, False, DateMode.SHIFT, False, ADMIN)
    sheets["Form status"] = [FORM_STATUS_HEADERS, *form_status_rows(project, transform)]
    return sheets


def write_floor(sheets: dict[str, list[list[object]]], path: Path) -> float:
    """Dump the cells with bare openpyxl write-only; return the seconds taken."""
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    for name, body in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in body:
            sheet.append(row)
    workbook.save(path)
    return time.perf_counter() - start


def _children_cpu() -> float:
    """CPU seconds of this process's finished child processes (the audit verification)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_xlsx(project: Project, folder: Path, repeats: int = 3
               ) -> tuple[float, float, int, str]:
    """Return the best seconds of the export and of the floor, the number of patients, and
    the best CPU seconds of the export's process, its verifying process and the floor."""
    sheets = floor_sheets(project)
    ours: list[float] = []
    floors: list[float] = []
    cpu: list[tuple[float, float]] = []
    floor_cpu: list[float] = []
    rows = 0
    for _ in range(repeats):
        start, started, children = time.perf_counter(), time.process_time(), _children_cpu()
        rows = export_workbook(project, ADMIN, folder / "ours.xlsx", force=True)
        ours.append(time.perf_counter() - start)
        cpu.append((time.process_time() - started, _children_cpu() - children))
        started = time.process_time()
        floors.append(write_floor(sheets, folder / "floor.xlsx"))
        floor_cpu.append(time.process_time() - started)
    own, verifying = min(cpu)
    return min(ours), min(floors), rows, (f"CPU {own:.1f} s + verifying process "
                                          f"{verifying:.1f} s, floor {min(floor_cpu):.1f} s")


def run(database: Path, pdf_patients: int = 100, repeats: int = 3) -> list[Result]:
    """Run the report benchmarks on a copy of ``database``; return the result rows."""
    with tempfile.TemporaryDirectory(prefix="vo-crf-bench-reports-") as name:
        folder = Path(name)
        project = open_project(str(working_copy(database, folder)))
        try:
            pdf, pdf_floor = bench_pdf(project, pdf_patients, folder)
            xlsx, xlsx_floor, patients, cpu = bench_xlsx(project, folder, repeats)
        finally:
            project.close()
    return [
        Result("PDF timeline, per patient", pdf * 1000, "ms", "≤ 150 ms", pdf_floor * 1000,
               f"{pdf_patients} patients; floor: bare reportlab canvas, same texts"),
        Result(f"Excel workbook, {patients:,} patients", xlsx, "s", "≤ 1.3× floor", xlsx_floor,
               f"best of {repeats}; floor: bare openpyxl write-only dump of the same cells; "
               f"{cpu}"),
    ]


def main() -> None:
    """Run the report benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=35, help="demo copies (29 patients each)")
    parser.add_argument("--database", type=Path, help="use this study database instead")
    parser.add_argument("--pdf-patients", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    database = args.database or demo_database(args.copies)
    print_table(run(database, args.pdf_patients, args.repeats))


if __name__ == "__main__":
    main()
