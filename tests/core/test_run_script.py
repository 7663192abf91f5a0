"""scripts/run.sh: pip only when pyproject.toml changed; missing Qt libraries named in one line."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALL_XCB = ("\tlibxcb-cursor.so.0 (libc6,x86-64) => /usr/lib/libxcb-cursor.so.0\n"
           "\tlibxcb-icccm.so.4 (libc6,x86-64) => /usr/lib/libxcb-icccm.so.4\n"
           "\tlibxcb-keysyms.so.1 (libc6,x86-64) => /usr/lib/libxcb-keysyms.so.1\n")


def _executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A project folder with run.sh and a .venv whose python and vo-crf only log their calls."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "run.sh", tmp_path / "scripts" / "run.sh")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    log = tmp_path / "calls.log"
    _executable(tmp_path / ".venv" / "bin" / "python",
                f'#!/bin/sh\necho "python $*" >> "{log}"\n'
                f'case "$*" in *"install --quiet -e ."*) printf "#!/bin/sh\\n'
                f'echo \\"vo-crf \\$*\\" >> {log}\\n" > "{tmp_path}/.venv/bin/vo-crf"; '
                f'chmod +x "{tmp_path}/.venv/bin/vo-crf";; esac\n')
    return tmp_path


def _run(checkout: Path, *args: str, ldconfig: str = ALL_XCB,
         installed: bool = True) -> subprocess.CompletedProcess[str]:
    fake_bin = checkout / "fake-bin"
    _executable(fake_bin / "ldconfig", f"#!/bin/sh\nprintf '%s' '{ldconfig}'\n")
    status = "install ok installed" if installed else "unknown ok not-installed"
    _executable(fake_bin / "dpkg-query", f"#!/bin/sh\nprintf '{status}'\n")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PATH"] = f"{fake_bin}{os.pathsep}{env['PATH']}"
    return subprocess.run(["bash", str(checkout / "scripts" / "run.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def _pip_installs(checkout: Path) -> int:
    return (checkout / "calls.log").read_text(encoding="utf-8").count("install --quiet -e .")


def test_pip_runs_only_when_pyproject_changed(checkout: Path) -> None:
    assert _run(checkout, "demo").returncode == 0
    assert _pip_installs(checkout) == 1
    assert _run(checkout, "demo").returncode == 0
    assert _run(checkout).returncode == 0
    assert _pip_installs(checkout) == 1
    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write('version = "2"\n')
    assert _run(checkout, "demo").returncode == 0
    assert _pip_installs(checkout) == 2
    assert "vo-crf demo" in (checkout / "calls.log").read_text(encoding="utf-8")


def test_missing_xcb_libraries_print_the_one_apt_line(checkout: Path) -> None:
    only_cursor = ALL_XCB.splitlines()[0] + "\n"
    done = _run(checkout, ldconfig=only_cursor, installed=False)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "  sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    assert "vo-crf " not in (checkout / "calls.log").read_text(encoding="utf-8").replace(
        "python", "")


def test_command_line_use_needs_no_window_libraries(checkout: Path) -> None:
    done = _run(checkout, "export", "--help", ldconfig="", installed=False)
    assert done.returncode == 0, done.stderr


def test_pyproject_license_is_an_spdx_string_setuptools_understands() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert "setuptools>=77" in project["build-system"]["requires"]
