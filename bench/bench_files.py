"""Benchmark of a study with ``file`` fields (issue 13): attachments of realistic sizes.

Usage: python -m bench.bench_files [RECORDS] (default 50); also part of ``python -m bench.run``
(``--file-records N``, ``--no-files``).

A small classic study (consent form: date, scanned consent, drawn signature; imaging form: MRI
report) gets RECORDS records, each with a scanned consent and an MRI report of 100 kB-2 MB
(random bytes: scans and PDFs do not compress) and a signature of 5-20 kB. Measured, each
beside its floor:

- entry: per record, the three files attached from disk and the two forms saved through the
  entry service (what the GUI does); floors: raw sqlite3 inserting the same blobs (one
  transaction per record) and a bare copy of the files (read, write, fsync);
- form open and form save (the consent form, holding a file; median / p95); floors: raw
  sqlite3 reading the form's values / writing one value;
- exports, each in a fresh process on a copy of the database, time and peak RSS: REDCap CSV,
  CDISC ODM carrying the files (base64) and the Excel workbook; floor: the process that has
  imported vo_crf and opened the database, doing nothing (and, for time, the bare copy);
- import of that ODM file into a new database of the same study, time and peak RSS in a fresh
  process; floor: raw sqlite3 inserting the same blobs in one transaction.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from bench.bench_core import ADMIN, copy_database
from bench.bench_memory import BUDGET_MB, measure, peak_rss_mb
from bench.common import Result, median_p95, print_table, timed
from vo_crf.attachments.store import attach_file
from vo_crf.entry import EntryService, FormKey
from vo_crf.entry.records import create_record
from vo_crf.exchange.odm_import import import_odm
from vo_crf.project import Project, init_project

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RECORDS = 50
EVENT = "event_1_arm_1"
DEFINITION = {
    "data_dictionary.csv":
        "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
        "\"Choices, Calculations, OR Slider Labels\",Field Note,"
        "Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,"
        "Identifier?,Branching Logic (Show field only if...),Required Field?,"
        "Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,"
        "Field Annotation\n"
        "pid,consent,,text,Participant,,,,,,,,,,,,,\n"
        "consent_date,consent,,text,Consent date,,,date_ymd,,,,,,,,,,\n"
        "consent_scan,consent,,file,Scanned consent,,,,,,,,,,,,,\n"
        "consent_sign,consent,,file,Signature,,,signature,,,,,,,,,,\n"
        "mri_date,imaging,,text,MRI date,,,date_ymd,,,,,,,,,,\n"
        "mri_report,imaging,,file,MRI report,,,,,,,,,,,,,\n",
    "project.json": '{"name": "Consent and imaging (benchmark)"}\n',
}
"""The benchmark study: two forms, three file fields (one a signature)."""

SCAN_BYTES = (100_000, 2_000_000)
SIGNATURE_BYTES = (5_000, 20_000)


def make_files(folder: Path, records: int, seed: int = 13) -> list[dict[str, Path]]:
    """Write each record's scan, signature and MRI report into ``folder``; return them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made: list[dict[str, Path]] = []
    for number in range(1, records + 1):
        files = {}
        for field, name, sizes in (("consent_scan", f"consent-{number}.pdf", SCAN_BYTES),
                                   ("consent_sign", f"signature-{number}.png", SIGNATURE_BYTES),
                                   ("mri_report", f"mri-{number}.pdf", SCAN_BYTES)):
            path = folder / name
            path.write_bytes(rng.randbytes(rng.randint(*sizes)))
            files[field] = path
        made.append(files)
    return made


def record_id(number: int) -> str:
    """The record id of the ``number``-th record (1-based)."""
    return f"F-{number:04d}"


def enter_records(project: Project, files: list[dict[str, Path]]) -> list[float]:
    """Attach each record's files and save its two forms; return the ms per record."""
    service = EntryService(project, ADMIN)
    engine = project.engine
    per_record: list[float] = []
    for number, record_files in enumerate(files, start=1):
        start = time.perf_counter()
        record = create_record(project, ADMIN, "1", record_id(number))
        refs = {field: attach_file(engine, path).value for field, path in record_files.items()}
        service.save_form(FormKey(record, EVENT, "consent"),
                          {"consent_date": "2024-03-01", "consent_scan": refs["consent_scan"],
                           "consent_sign": refs["consent_sign"]}, 2)
        service.save_form(FormKey(record, EVENT, "imaging"),
                          {"mri_date": "2024-03-02", "mri_report": refs["mri_report"]}, 2)
        per_record.append((time.perf_counter() - start) * 1000)
    return per_record


def sqlite_blob_floor(folder: Path, files: list[dict[str, Path]],
                      one_transaction: bool = False) -> float:
    """Raw sqlite3 (WAL, synchronous FULL, as vo-crf): read, hash and insert each file's
    bytes; one transaction per record (or one for all); return the ms."""
    path = folder / "blob-floor.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, content BLOB, size INT)")

    def insert() -> None:
        if one_transaction:
            connection.execute("BEGIN")
        for record_files in files:
            if not one_transaction:
                connection.execute("BEGIN")
            for file in record_files.values():
                content = file.read_bytes()
                connection.execute("INSERT INTO blobs VALUES (?, ?, ?)",
                                   (hashlib.sha256(content).hexdigest(), content, len(content)))
            if not one_transaction:
                connection.execute("COMMIT")
        if one_transaction:
            connection.execute("COMMIT")

    elapsed = timed(insert)
    connection.close()
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return elapsed


def file_copy_floor(folder: Path, files: list[dict[str, Path]]) -> float:
    """Bare file write: read each file and write it elsewhere with fsync; return the ms."""
    target = folder / "copies"
    target.mkdir()

    def copy() -> None:
        for record_files in files:
            for file in record_files.values():
                with (target / file.name).open("wb") as handle:
                    handle.write(file.read_bytes())
                    handle.flush()
                    os.fsync(handle.fileno())

    elapsed = timed(copy)
    shutil.rmtree(target)
    return elapsed


def form_timings(project: Project, records: int, samples: int = 100,
                 seed: int = 7) -> tuple[list[float], list[float], list[float]]:
    """Open the consent form (holding two files) of random records, and save a change of its
    date (the file values checked in the save); return the ms of each open and save, and the
    CPU ms of each save (what a loaded disk does not change)."""
    rng = random.Random(seed)
    service = EntryService(project, ADMIN)
    opens: list[float] = []
    saves: list[float] = []
    save_cpu: list[float] = []
    for sample in range(samples):
        key = FormKey(record_id(rng.randint(1, records)), EVENT, "consent")
        opens.append(timed(partial(service.open_form, key)))
        date = f"2024-04-{sample % 28 + 1:02d}"
        cpu = time.process_time()
        saves.append(timed(partial(service.save_form, key, {"consent_date": date}, 2,
                                   reason="benchmark")))
        save_cpu.append((time.process_time() - cpu) * 1000)
    return opens, saves, save_cpu


def form_floor(database: Path, records: int, samples: int = 100,
               seed: int = 7) -> tuple[list[float], list[float]]:
    """Raw sqlite3 on a copy: read the consent form's values; update one value and commit."""
    rng = random.Random(seed)
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    reads: list[float] = []
    writes: list[float] = []
    query = ("SELECT v.field, v.value FROM item_values v JOIN form_instances f "
             "ON f.id = v.form_instance_id JOIN records r ON r.id = f.record_pk "
             "WHERE r.record_id = ? AND f.event = ? AND f.form = 'consent'")
    for sample in range(samples):
        rid = record_id(rng.randint(1, records))
        reads.append(timed(partial(_fetch_all, connection, query, (rid, EVENT))))

        def write(rid: str = rid, sample: int = sample) -> None:
            connection.execute("BEGIN")
            connection.execute(
                "UPDATE item_values SET value = ? WHERE field = 'consent_date' AND "
                "form_instance_id = (SELECT f.id FROM form_instances f JOIN records r ON "
                "r.id = f.record_pk WHERE r.record_id = ? AND f.form = 'consent')",
                (f"2024-05-{sample % 28 + 1:02d}", rid))
            connection.execute("COMMIT")

        writes.append(timed(write))
    connection.close()
    return reads, writes


def _fetch_all(connection: sqlite3.Connection, query: str, args: tuple[str, ...]) -> None:
    connection.execute(query, args).fetchall()


def import_child(definition: Path, xml: Path, database: Path) -> None:
    """The body of the measuring process of the ODM import: print one JSON line."""
    project = init_project(str(database), "admin", "admin-pass-1", definition)
    start = time.perf_counter()
    summary = import_odm(project, ADMIN, xml)
    seconds = time.perf_counter() - start
    project.close()
    print(json.dumps({"forms": summary.forms_saved, "seconds": seconds,
                      "rss_mb": peak_rss_mb()}))


def measure_import(definition: Path, xml: Path, database: Path) -> dict[str, float]:
    """Run the ODM import in a fresh process; return its JSON report."""
    done = subprocess.run([sys.executable, "-m", "bench.bench_files", "--child", str(definition),
                           str(xml), str(database)], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ODM import failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(records: int = DEFAULT_RECORDS) -> list[Result]:
    """Build the study with ``records`` records with files, measure; return the result rows."""
    with tempfile.TemporaryDirectory(prefix="vo-crf-bench-files-") as name:
        folder = Path(name)
        definition = folder / "definition"
        definition.mkdir()
        for file_name, text in DEFINITION.items():
            (definition / file_name).write_text(text, encoding="utf-8")
        files = make_files(folder / "files", records)
        total_mb = sum(f.stat().st_size for r in files for f in r.values()) / 1e6
        database = folder / "files.sqlite"
        project = init_project(str(database), "admin", "admin-pass-1", definition)
        try:
            entry = enter_records(project, files)
            opens, saves, save_cpu = form_timings(project, records)
        finally:
            project.close()
        blob_floor = sqlite_blob_floor(folder, files)
        copy_floor = file_copy_floor(folder, files)
        copy_database(database, folder / "floor.sqlite")
        floor_reads, floor_writes = form_floor(folder / "floor.sqlite", records)
        exports = {kind: measure(kind, database, folder) for kind in ("csv", "odm", "xlsx",
                                                                     "baseline")}
        xml = folder / "odm.out"
        imported = measure_import(definition, xml, folder / "imported.sqlite")
        import_floor = sqlite_blob_floor(folder, files, one_transaction=True)
    entry_s, blob_s, copy_s = sum(entry) / 1000, blob_floor / 1000, copy_floor / 1000
    open_median, open_p95 = median_p95(opens)
    save_median, save_p95 = median_p95(saves)
    floor_open, floor_open_p95 = median_p95(floor_reads)
    floor_save, floor_save_p95 = median_p95(floor_writes)
    baseline = exports["baseline"]["rss_mb"]
    size = f"{records} records, {total_mb:.0f} MB of files"
    rows = [
        Result(f"files: entry (attach 3 files, save 2 forms), {size}", entry_s, "s", "",
               blob_s, f"per record median {median_p95(entry)[0]:.0f} ms; floor: raw sqlite3 "
               f"blob inserts, a transaction per record; bare file copy {copy_s:.2f} s"),
        Result("files: form open (consent form with 2 files), median / p95", open_p95, "ms",
               "≤ 50 ms", floor_open_p95,
               f"median {open_median:.2f} ms (floor {floor_open:.2f}); shown: p95"),
        Result("files: form save with its files checked, median / p95", save_p95, "ms",
               "≤ 30 ms p95", floor_save_p95,
               f"median {save_median:.2f} ms (floor {floor_save:.2f}); CPU median "
               f"{median_p95(save_cpu)[0]:.2f} ms; shown: p95"),
    ]
    for kind, label in (("csv", "REDCap CSV"), ("odm", "ODM carrying the files"),
                        ("xlsx", "Excel workbook")):
        report = exports[kind]
        rows.append(Result(f"files: peak RSS, {label} ({size})", report["rss_mb"], "MB",
                           f"≤ {BUDGET_MB} MB", baseline,
                           f"{report['seconds']:.1f} s (bare file copy {copy_s:.2f} s); "
                           "floor: vo_crf imported and database opened"))
    rows += [
        Result(f"files: ODM import into a new database ({size})", imported["seconds"], "s", "",
               import_floor / 1000, "floor: raw sqlite3 blob inserts, one transaction"),
        Result("files: peak RSS, ODM import", imported["rss_mb"], "MB", f"≤ {BUDGET_MB} MB",
               baseline, "floor: vo_crf imported and database opened"),
    ]
    return rows


def main() -> None:
    """Measure (or, with --child, be the measuring process of the ODM import)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        definition, xml, database = sys.argv[2:5]
        import_child(Path(definition), Path(xml), Path(database))
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", nargs="?", type=int, default=DEFAULT_RECORDS)
    args = parser.parse_args()
    print_table(run(args.records))


if __name__ == "__main__":
    main()
