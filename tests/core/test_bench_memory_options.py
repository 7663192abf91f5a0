"""``bench.bench_memory`` offers no ``--times N``: its plain-SQL copies of a study no longer
matched the schema (definition version, audit chain, value versions) and would have held
unchained audit rows the app refuses to open. A bigger study is built by
``bench.bench_core.build_database`` (or ``bench.run N``) and given with ``--database``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from redcap_studies import CLASSIC, init_study

ROOT = Path(__file__).resolve().parents[2]


def test_bench_memory_refuses_times_instead_of_making_a_broken_copy(tmp_path: Path) -> None:
    init_study(tmp_path, CLASSIC, "tiny-bench-study").close()
    database = tmp_path / "tiny-bench-study.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bench.bench_memory", "--database",
                           str(database), "--times", "2"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "unrecognized arguments: --times 2" in done.stderr
    helped = subprocess.run([sys.executable, "-m", "bench.bench_memory", "--help"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert helped.returncode == 0 and "--database" in helped.stdout
    assert "--times" not in helped.stdout
