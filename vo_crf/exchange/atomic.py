"""Writing export files so that a failed export never leaves a half-written file behind."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vo_crf.private_files import create_private


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``, else vanishes."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        create_private(partial)  # 0600 from creation: writers truncate it and keep the mode
        yield partial
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
