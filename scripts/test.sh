#!/usr/bin/env bash
# Set up the virtual environment (if needed) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check .
.venv/bin/mypy            # vo_crf and ui, configured in pyproject.toml (cache in .mypy_cache)
.venv/bin/lint-imports    # the import contracts in pyproject.toml (core never imports ui, ...)
.venv/bin/python -m pytest "$@"
