"""The README's command-line block runs as written, line by line, on a fresh demo database.

Each line of the ```bash block under "## Command line" is one test, run in order by bash in one
scratch folder (as a user pastes them from the project folder after ``bash scripts/run.sh``).
``source``/``export``/``cd`` lines are kept and replayed before every later line, as a shell
would remember them. A line holding the comment ``# (example: not run)`` is skipped, visibly.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
NOT_RUN = "# (example: not run)"
STATE_LINE = re.compile(r"^(source|export|cd|\.)\s")


@dataclass(frozen=True)
class Line:
    number: int
    text: str

    @property
    def skipped(self) -> bool:
        return NOT_RUN in self.text


def command_block(readme: str) -> list[Line]:
    """Return the lines of the first ```bash block after '## Command line' (README numbering)."""
    lines = readme.splitlines()
    heading = lines.index("## Command line")
    start = next(i for i in range(heading, len(lines)) if lines[i].strip() == "```bash")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "```")
    return [Line(i + 1, lines[i]) for i in range(start + 1, end)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")]


BLOCK = command_block(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project-like folder: resources/ of this checkout and a .venv whose vo-crf is this code."""
    folder = tmp_path_factory.mktemp("walkthrough")
    (folder / "resources").symlink_to(ROOT / "resources")
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    wrapper = bin_dir / "vo-crf"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m vo_crf "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    (bin_dir / "activate").write_text(f'export PATH="{bin_dir}:$PATH"\n', encoding="utf-8")
    return folder


def _environment(workspace: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VO_CRF_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["HOME"] = str(workspace / "home")
    env["XDG_DATA_HOME"] = str(workspace / "home" / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    # vo-crf is not on PATH until the block's own `source .venv/bin/activate`.
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not Path(p, "vo-crf").exists())
    return env


def test_the_block_is_a_walkthrough() -> None:
    texts = [line.text for line in BLOCK]
    assert texts[0].startswith("source .venv/bin/activate")
    assert any(t.startswith("vo-crf demo") for t in texts)
    assert not any("[" in t.split("#")[0] for t in texts), "optional [parts] cannot run as written"
    assert sum(not line.skipped for line in BLOCK) >= 20


@pytest.mark.parametrize("line", BLOCK, ids=[f"README:{line.number}" for line in BLOCK])
def test_readme_line_runs(line: Line, workspace: Path) -> None:
    if line.skipped:
        pytest.skip(f"README line {line.number} is marked not run: {line.text.strip()}")
    previous = [b.text for b in BLOCK if b.number < line.number and not b.skipped
                and STATE_LINE.match(b.text)]
    script = "\n".join(["set -eo pipefail", *previous, line.text])
    done = subprocess.run(["bash", "-c", script], cwd=workspace, env=_environment(workspace),
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, (
        f"README line {line.number} failed with status {done.returncode}:\n{line.text}\n"
        f"stdout:\n{done.stdout[-2000:]}\nstderr:\n{done.stderr[-2000:]}")
