"""The core package never imports Qt: every module imports with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"):
            raise ImportError(f"core imported {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import vo_crf
for module in pkgutil.walk_packages(vo_crf.__path__, "vo_crf."):
    if ".migrations" in module.name or module.name == "vo_crf.__main__":
        continue
    importlib.import_module(module.name)
print("ok", len(sys.modules))
"""


def test_every_core_module_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
