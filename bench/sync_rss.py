"""One sync of a site in a fresh process: its time (push, then pull) and peak memory.

Usage: python -m bench.sync_rss SITE_DB CENTRAL_URL (prints one JSON line)

``bench.bench_sync`` runs each first sync this way, so that the peak resident set size
(``bench.bench_memory.peak_rss_mb``) is the sync's own, not the import's before it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_memory import peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent


def sync_in_process(site: str, central_url: str) -> dict[str, float]:
    """Sync the site database ``site`` with ``central_url`` in a fresh process; return the
    seconds of its push (``push_s``) and pull (``pull_s``), and its peak RSS (``rss_mb``)."""
    done = subprocess.run([sys.executable, "-m", "bench.sync_rss", site, central_url],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"the sync of {site} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Sync once (as the admin) and print the JSON line."""
    from vo_crf.auth.permissions import Role
    from vo_crf.auth.users import CurrentUser
    from vo_crf.project import open_project
    from vo_crf.sync.run import synchronise

    site_db, central_url = sys.argv[1], sys.argv[2]
    project = open_project(site_db)
    baseline = peak_rss_mb()
    marks = {"start": time.perf_counter()}
    try:
        synchronise(project, CurrentUser("admin", Role.ADMIN), central_url,
                    hook=lambda step: marks.__setitem__(step, time.perf_counter()))
    finally:
        project.close()
    print(json.dumps({"push_s": marks["pushed"] - marks["start"],
                      "pull_s": marks["pulled"] - marks["pushed"],
                      "rss_mb": peak_rss_mb(), "baseline_mb": baseline}))


if __name__ == "__main__":
    main()
