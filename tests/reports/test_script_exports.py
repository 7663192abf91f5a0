"""``vo-crf export --format r|sas``: the data beside a program that reads it, as REDCap makes.

The R script is sourced by R (Debian ``r-base-core``); SAS does not run here, so the SAS program
is checked for what SAS would read: the formats, the informats and the data file it names.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vo_crf.cli import main
from vo_crf.paths import default_study_dir
from vo_crf.study.loader import load_study
from vo_crf.study.model import Study

DEMO_PASSWORD = "demo-admin-pass-1"
STAN_PASSWORD = "statistician-pass-7"


def _demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("VO_CRF_PASSWORD", DEMO_PASSWORD)
    db = str(tmp_path / "demo.sqlite")
    assert main(["demo", "--db", db, "--user", "boss"]) == 0
    return db


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_r_export_sourced_creates_data_with_factors_and_dates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("Rscript") is None:
        pytest.skip("Rscript is not installed (Debian package r-base-core)")
    db = _demo(tmp_path, monkeypatch)
    out = tmp_path / "out" / "vo.R"
    out.parent.mkdir()
    assert main(["export", "--db", db, "--user", "boss", "--format", "r", str(out)]) == 0
    assert (tmp_path / "out" / "vo_data.csv").exists()
    script = (
        'source("out/vo.R")\n'  # sourced from another folder: finds the CSV beside it
        'cat("class", class(data$diagnosis_date), class(data$sex.factor), "\\n")\n'
        'cat("levels", levels(data$sex.factor), "\\n")\n'
        'm3 <- data[data$redcap_event_name == "m3_arm_1", ]\n'
        'x <- table(m3$img_disc_abscess.factor)\n'
        'cat("m3", names(x), "=", x, "\\n")\n'
        'cat("temp", class(data$clin_temp), "\\n")\n'
        'cat("label", attr(data$img_disc_abscess, "label"), "\\n")\n'
        'cat("events", levels(data$redcap_event_name.factor), "\\n")\n')
    (tmp_path / "check.R").write_text(script, encoding="utf-8")
    done = subprocess.run(["Rscript", "check.R"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out_text = done.stdout
    assert "class Date factor" in out_text
    assert "levels Male Female" in out_text
    assert "m3 Present Absent = 11 15" in out_text  # 11/26: not assessable is NA
    assert "temp numeric" in out_text and "label Discal abscess" in out_text
    assert "events M0 M3 M6 End of follow-up" in out_text


def _sas_formats(program: str) -> dict[str, dict[str, str]]:
    formats: dict[str, dict[str, str]] = {}
    for name, body in re.findall(r"^  value (\$?\w+) (.*);$", program, re.M):
        formats[name] = dict(re.findall(r"('(?:[^']|'')*'|[.\w]+)='((?:[^']|'')*)'", body))
    return formats


def test_sas_program_reads_its_data_file_with_the_codebooks_formats(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _demo(tmp_path, monkeypatch)
    out = tmp_path / "vo.sas"
    assert main(["export", "--db", db, "--user", "boss", "--format", "sas", str(out)]) == 0
    program = out.read_text(encoding="utf-8")
    assert "%let csv_file = 'vo_data.csv';" in program
    assert re.search(r"infile &csv_file delimiter=',' MISSOVER DSD .*firstobs=2", program)
    assert "  missing A B C D E F;" in program
    data = tmp_path / "vo_data.csv"
    with data.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    inputs = re.search(r"  input\n(.*?)\n  ;", program, re.S)
    assert inputs is not None
    assert [line.split()[0] for line in inputs.group(1).splitlines()] == header
    study: Study = load_study(default_study_dir())
    formats = _sas_formats(program)
    for name in ("sex", "micro_organism", "abx_route", "img_disc_abscess"):
        fdef = study.field(name)
        expected = {c.code: c.label for c in fdef.choices if c.label != "Not assessable"}
        numbers = {k: v for k, v in formats[f"{name}_"].items() if not k.startswith(".")}
        assert numbers == expected
        assert f"  format {name} {name}_.;" in program
    assert formats["img_disc_abscess_"][".F"] == "Not assessable"
    assert formats["sex_"][".B"] == "UNK: Unknown"
    assert formats["$clin_frankel_"]["'A'"] == "A - complete"
    assert "  informat diagnosis_date yymmdd10.;" in program
    m3 = [r["img_disc_abscess"] for r in _rows(data) if r["redcap_event_name"] == "m3_arm_1"]
    assert (m3.count("1"), m3.count("0"), m3.count("F")) == (11, 15, 3)


def test_statistician_gets_r_and_sas_deidentified_and_no_overwrite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = _demo(tmp_path, monkeypatch)
    monkeypatch.setenv("VO_CRF_NEW_PASSWORD", STAN_PASSWORD)
    assert main(["user", "add", "--db", db, "--user", "boss", "stan", "--role",
                 "statistician"]) == 0
    monkeypatch.setenv("VO_CRF_PASSWORD", STAN_PASSWORD)
    for kind, name in (("r", "r_out.R"), ("sas", "sas_out.sas")):
        out = tmp_path / name
        assert main(["export", "--db", db, "--user", "stan", "--format", kind, str(out)]) == 0
        assert "(de-identified)" in capsys.readouterr().out
        rows = _rows(tmp_path / f"{out.stem}_data.csv")
        assert "initials" not in rows[0] and "birth_date" not in rows[0]
        assert not any(r["record_id"].startswith("VO-") for r in rows)
        program = out.read_text(encoding="utf-8")
        assert '"initials"' not in program and "informat initials" not in program
        assert "removed (initials, birth_date)" in program  # says what was done
        before = out.read_bytes()
        assert main(["export", "--db", db, "--user", "stan", "--format", kind,
                     str(out)]) != 0
        assert "--force" in capsys.readouterr().err
        assert out.read_bytes() == before
        assert main(["export", "--db", db, "--user", "stan", "--format", kind, "--force",
                     str(out)]) == 0
