#!/usr/bin/env bash
# Build the one-folder PyInstaller application and smoke-test the frozen binary headless:
# --version, demo database, REDCap and Excel exports, one PDF report.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet -e '.[test]' pyinstaller
work="$(mktemp -d)"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "$work/dist" --workpath "$work/build" build_installer.spec
app="$work/dist/vo-crf/vo-crf"
export VO_CRF_PASSWORD=smoke-pass-1 QT_QPA_PLATFORM=offscreen
"$app" --version
"$app" demo --db "$work/demo.sqlite" --user admin
"$app" export --db "$work/demo.sqlite" --user admin --format redcap "$work/demo.csv"
"$app" export --db "$work/demo.sqlite" --user admin --format xlsx "$work/demo.xlsx"
first=$(sed -n 2p "$work/demo.csv" | cut -d, -f1)
"$app" export --db "$work/demo.sqlite" --user admin --format odm "$work/demo.xml"
"$app" report --db "$work/demo.sqlite" --user admin --record "$first" "$work/patient.pdf"
# the French interface needs Qt's own translations (OK/Cancel...) besides ours
for qm in PySide6/Qt/translations/qtbase_fr.qm PySide6/Qt/translations/qt_fr.qm \
          resources/i18n/vo_crf_fr.qm; do
  [ -f "$work/dist/vo-crf/_internal/$qm" ] || { echo "missing in the bundle: $qm" >&2; exit 1; }
done
if command -v Xvfb >/dev/null && [ -x /usr/bin/import ]; then  # the frozen French GUI, seen
  mkdir -p "$work/home/.config/vo-crf"
  printf '[ui]\nlanguage=fr\n' > "$work/home/.config/vo-crf/vo-crf.conf"
  Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
  HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" DISPLAY=:77 QT_QPA_PLATFORM=xcb \
    timeout 20 "$app" gui --db "$work/demo.sqlite" >/dev/null 2>&1 &
  sleep 10
  DISPLAY=:77 /usr/bin/import -window root "$work/frozen-login-fr.png"
  kill "$xvfb"
  echo "French login window of the frozen GUI: $work/frozen-login-fr.png"
fi
echo "bundle size: $(du -sh "$work/dist/vo-crf" | cut -f1)"
ls -l "$work"/demo.csv "$work"/demo.xlsx "$work"/patient.pdf
echo "frozen smoke test passed ($work)"
