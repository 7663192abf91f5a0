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
echo "bundle size: $(du -sh "$work/dist/vo-crf" | cut -f1)"
ls -l "$work"/demo.csv "$work"/demo.xlsx "$work"/patient.pdf
echo "frozen smoke test passed ($work)"
