"""CPU seconds of a REDCap CSV import beside its two floors, old and new code alternately.

Usage: python -m bench.import_cpu [PATIENTS] [--runs 3] [--other PATH]

A synthetic VO cohort of PATIENTS (default 1,000) is written as a REDCap CSV once; then, run
after run, each of these runs in a fresh Python process and reports its CPU seconds
(``time.process_time``: a loaded machine slows the clock less than the wall time):

- the import (``import_redcap_text`` into a new study database), with this tree's code and,
  with ``--other``, alternately with the code of another checkout (e.g. the main branch);
- the rows floor: raw sqlite3 ``executemany`` of exactly the rows the import stored, into the
  real schema (``bench_core.storage_floor``);
- the cell floor: raw sqlite3 ``executemany`` of the CSV's non-empty cells into one table
  without indexes (``bench_core.import_floor``).

The medians and the ratios are printed (the README's "import miss" table).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(kind: str, source: Path) -> None:
    """One measuring process: import ``source`` into a new database, then time ``kind``."""
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.exchange.redcap_import import import_redcap_text
    from vo_crf.project import init_project

    text = source.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="vo-crf-import-cpu-") as name:
        folder = Path(name)
        project = init_project(str(folder / "study.sqlite"), "admin", "admin-pass-1")
        if kind == "cell":
            project.close()
            from bench.bench_core import import_floor

            seconds = import_floor(folder, text, time.process_time) / 1000
        else:
            from bench.bench_core import copy_database

            copy_database(folder / "study.sqlite", folder / "empty.sqlite")
            started = time.process_time()
            import_redcap_text(project, CurrentUser("admin", Role.ADMIN), text, "cohort.csv")
            seconds = time.process_time() - started
            project.close()
            if kind == "rows":
                from bench.bench_core import storage_floor

                seconds = storage_floor(folder / "empty.sqlite", folder / "study.sqlite",
                                        clock=time.process_time) / 1000
    print(json.dumps({"kind": kind, "seconds": seconds}))


def _measure(kind: str, source: Path, code: Path) -> float:
    """Run one measuring process with the code of ``code`` on its path; its CPU seconds."""
    # this file run as a script (the other checkout may not have it), its imports from ``code``
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind,
                           str(source)], cwd=code, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(code)})
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed: {done.stderr[-2000:]}")
    return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    """Measure (or, with --child, be one measuring process)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("patients", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--other", type=Path,
                        help="another checkout whose import is measured alternately")
    args = parser.parse_args()
    from bench.synthetic import synthetic_csv
    from vo_crf.paths import default_study_dir
    from vo_crf.study import load_study

    with tempfile.TemporaryDirectory(prefix="vo-crf-import-cpu-") as name:
        source = Path(name) / "cohort.csv"
        source.write_text(synthetic_csv(load_study(default_study_dir()), args.patients),
                          encoding="utf-8")
        seen: dict[str, list[float]] = {}
        for _ in range(args.runs):
            plan = [("import (other)", "import", args.other)] if args.other else []
            plan += [("import", "import", ROOT), ("rows floor", "rows", ROOT),
                     ("cell floor", "cell", ROOT)]
            for label, kind, code in plan:
                seen.setdefault(label, []).append(_measure(kind, source, code))
                print(f"[import_cpu] {label}: {seen[label][-1]:.3f} s", flush=True)
    medians = {label: statistics.median(values) for label, values in seen.items()}
    cell, rows = medians["cell floor"], medians["rows floor"]
    print(f"\n{args.patients:,} patients, CPU seconds, {args.runs} runs each (median, range)")
    for label, values in seen.items():
        print(f"{label:15s} {medians[label]:6.3f}  ({min(values):.3f}-{max(values):.3f})  "
              f"{medians[label] / cell:5.1f}x the cell floor  "
              f"{medians[label] / rows:4.2f}x the rows floor")


if __name__ == "__main__":
    main()
