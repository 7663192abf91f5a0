"""A long session never aborts the application: with PySide6 6.12 on Python 3.11, every call of
a void Qt method from Python dropped a reference to ``None`` and every ``Signal.emit()`` one to
``True``/``False``; after a nurse's few dozen forms Python stopped with "Fatal Python error:
none_dealloc" (typed values not yet saved lost but for the draft). Python 3.12 made these objects
immortal; ``ui`` makes them so on 3.11 as well.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SESSION = textwrap.dedent("""
    import ui  # the application's Qt layer, as every entry point imports it
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Emitter(QObject):
        changed = Signal()

    app = QApplication([])
    label, emitter = QLabel(), Emitter()
    emitter.changed.connect(lambda: None)
    for number in range(200_000):  # a long day's calls into Qt, as the screens make them
        label.setText(str(number))
        label.setEnabled(True)
        emitter.changed.emit()
    print("session ended normally")
""")


def test_two_hundred_thousand_qt_calls_do_not_abort_python(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                   "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    finished = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                              cwd=tmp_path, env=environment, timeout=300)
    assert "Fatal Python error" not in finished.stderr, finished.stderr[-600:]
    assert finished.returncode == 0 and "session ended normally" in finished.stdout
