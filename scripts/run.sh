#!/usr/bin/env bash
# Set up the virtual environment (if needed) and start the application on its default database.
# pip runs only when pyproject.toml changed since the last install (a copy is kept in .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/vo-crf-installed-pyproject.toml
if [ ! -x .venv/bin/vo-crf ] || ! cmp -s pyproject.toml "$stamp"; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
  cp pyproject.toml "$stamp"
fi

# Qt's window (xcb platform) needs these libraries, which a bare Debian/Ubuntu desktop lacks.
missing_qt_libraries() {
  local ldconfig_bin packages=() library package
  ldconfig_bin=$(command -v ldconfig || echo /sbin/ldconfig)
  local known
  known=$("$ldconfig_bin" -p 2>/dev/null || true)
  for pair in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
              libxcb-keysyms.so.1:libxcb-keysyms1; do
    library=${pair%%:*}
    package=${pair##*:}
    if ! grep -q "$library" <<<"$known" \
       && ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
      packages+=("$package")
    fi
  done
  echo "${packages[*]}"
}

starts_window=no
case "${1:-gui}" in gui|--db|--db=*) starts_window=yes ;; esac
if [ "$starts_window" = yes ] && [ "$(uname -s)" = Linux ] && [ -z "${QT_QPA_PLATFORM:-}" ] \
   && command -v dpkg-query >/dev/null; then
  missing=$(missing_qt_libraries)
  if [ -n "$missing" ]; then
    echo "vo-crf: the window cannot open: Qt needs system libraries this machine lacks. Install them with:" >&2
    echo "  sudo apt-get install $missing" >&2
    exit 1
  fi
fi
exec .venv/bin/vo-crf "$@"
