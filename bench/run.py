"""Run every benchmark and print the README table: python -m bench.run [PATIENTS]."""

from __future__ import annotations

import sys

from bench import bench_core
from bench.common import print_table


def main() -> None:
    """Run the benchmarks."""
    patients = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    results, _database = bench_core.run(patients)
    print_table(results)


if __name__ == "__main__":
    main()
