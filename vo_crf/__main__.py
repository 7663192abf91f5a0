"""Allow ``python -m vo_crf``."""

from vo_crf.cli import main

raise SystemExit(main())
