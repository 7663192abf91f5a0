"""The statistics files of the demo read back by the software statisticians use.

GNU PSPP (Debian ``pspp``) reads the .sav as SPSS does; R (``r-base-core``) with haven
(``r-cran-haven``) reads the .dta. Both must give the paper's denominators in their default
analysis: M3 discal abscess present in 11 of 26 assessable patients (42.3 %), the 3 "not
assessable" (code 9) being missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vo_crf.auth.users import CurrentUser
from vo_crf.exchange.stats_export import export_spss, export_stata
from vo_crf.project import Project

ADMIN_NAME = "admin"


def _run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _need(binary: str, package: str) -> None:
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed (Debian package {package})")


def test_pspp_frequencies_give_the_papers_m3_discal_abscess(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    _need("pspp", "pspp")
    export_spss(demo_project, users["inv"], tmp_path / "vo.sav")
    (tmp_path / "f.sps").write_text(
        "GET FILE='vo.sav'.\n"
        "FREQUENCIES VARIABLES=m3_img_disc_abscess.\n"
        "DISPLAY DICTIONARY /VARIABLES=m3_img_disc_abscess sex age m0_clin_temp"
        " m0_clin_frankel.\n", encoding="utf-8")
    out = _run(["pspp", "-O", "format=txt", "f.sps"], tmp_path)
    assert re.search(r"\|\s*Present\s*\|\s*11\|\s*37\.9%\|\s*42\.3%\|", out), out
    assert re.search(r"N Valid\s*\|\s*26\|", out), out
    assert re.search(r"Missing Not assessable\s*\|\s*3\|", out), out
    levels = dict(re.findall(r"^\|(\w+)\s*\|\s*\d+\|[^|]*\|(Nominal|Ordinal|Scale)", out, re.M))
    assert levels == {"m3_img_disc_abscess": "Nominal", "sex": "Nominal", "age": "Scale",
                      "m0_clin_temp": "Scale", "m0_clin_frankel": "Ordinal"}, out
    formats = dict(re.findall(r"^\|(\w+)\s*\|(F\d+\.\d+|A\d+)\s*\|", out, re.M))
    assert formats["m3_img_disc_abscess"] == "F1.0" and formats["sex"] == "F1.0"
    assert formats["age"] == "F2.0" and formats["m0_clin_temp"] == "F4.1", out


def test_r_haven_reads_stata_118_with_the_papers_denominators(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    _need("Rscript", "r-base-core and r-cran-haven")
    export_stata(demo_project, users["inv"], tmp_path / "vo.dta")
    assert (tmp_path / "vo.dta").read_bytes()[:60].startswith(
        b"<stata_dta><header><release>118</release>")
    script = (
        'd <- haven::read_dta("vo.dta")\n'
        "x <- d$m3_img_disc_abscess\n"
        'cat("table", names(table(x)), "=", table(x), "\\n")\n'
        'cat("tags", sort(unique(na.omit(haven::na_tag(x)))), "\\n")\n'
        'labels <- attr(x, "labels")\n'
        'cat("label_f", names(labels)[which(haven::na_tag(labels) == "f")], "\\n")\n'
        'for (v in grep("^m[036]_img_", names(d), value = TRUE)) {\n'
        '  t <- table(d[[v]]); if ("1" %in% names(t)) cat(v, t[["1"]], sum(t), "\\n") }\n')
    (tmp_path / "t.R").write_text(script, encoding="utf-8")
    out = _run(["Rscript", "t.R"], tmp_path)
    assert "table 0 1 = 15 11" in out, out  # 11/26 present, as in the paper
    assert "tags f" in out and "label_f Not assessable" in out, out
    found = {name: f"{n}/{total}" for name, n, total in
             re.findall(r"^(m\d_img_\w+) (\d+) (\d+) $", out, re.M)}
    assert {k: found[k] for k in README_DENOMINATORS} == README_DENOMINATORS


README_DENOMINATORS = {  # the README's "Demo cohort" table, which follows the paper
    "m0_img_vert_oedema": "26/26", "m3_img_vert_oedema": "18/27", "m6_img_vert_oedema": "3/20",
    "m0_img_disc_abscess": "17/26", "m3_img_disc_abscess": "11/26",
    "m6_img_disc_abscess": "4/22", "m0_img_paravert_abscess": "11/28",
    "m3_img_paravert_abscess": "2/23", "m6_img_paravert_abscess": "1/22",
    "m0_img_epidural_abscess": "8/27", "m0_img_disc_height": "24/29",
    "m6_img_bone_destruction": "9/22"}


def test_every_format_names_the_wide_variables_alike(
        demo_project: Project, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    import csv

    import openpyxl
    import pyreadstat

    from vo_crf.exchange.stats_export import export_csv
    from vo_crf.reports.workbook import export_workbook

    inv = users["inv"]
    export_workbook(demo_project, inv, tmp_path / "vo.xlsx")
    export_csv(demo_project, inv, tmp_path / "c.csv")
    export_spss(demo_project, inv, tmp_path / "s.sav")
    export_stata(demo_project, inv, tmp_path / "d.dta")
    book = openpyxl.load_workbook(tmp_path / "vo.xlsx", read_only=True)
    sheet = [str(h) for h in next(book["Data"].iter_rows(max_row=1, values_only=True))]
    book.close()
    with (tmp_path / "c.csv").open(encoding="utf-8") as handle:
        in_csv = next(csv.reader(handle))
    _, sav = pyreadstat.read_sav(str(tmp_path / "s.sav"), metadataonly=True)
    _, dta = pyreadstat.read_dta(str(tmp_path / "d.dta"), metadataonly=True)
    assert "m0_clin_temp" in sheet and "sex" in sheet and "sex_label" in sheet
    assert [h for h in sheet if not h.endswith("_label")] == in_csv == sav.column_names \
        == dta.column_names
