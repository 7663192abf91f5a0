"""Allow ``python -m vo_crf``."""

import multiprocessing

from vo_crf.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen app's own processes (audit verification)
    raise SystemExit(main())
