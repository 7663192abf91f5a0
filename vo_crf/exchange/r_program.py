"""The R script of the R export: ``source()`` it to get the data frame ``data``.

As REDCap's R export: the CSV is read, every column gets its label (attribute ``label``, which
RStudio's viewer, haven and labelled show), and each coded column ``x`` gets a labelled factor
``x.factor`` beside it. Unlike REDCap's, the script needs no package (REDCap's needs Hmisc),
numbers are numeric and dates are ``Date`` (date-times ``POSIXct``, UTC). Missing-data codes
and "not assessable" codes are NA in numeric, date and factor columns (the CSV keeps them), so
``table(data$x.factor)`` counts the paper's way.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from vo_crf.exchange.script_exports import FlatData
from vo_crf.exchange.stats_tables import Variable

HELPERS = """\
.vo_number <- function(x, missing) { x[x %in% missing] <- NA; as.numeric(x) }
.vo_date <- function(x) as.Date(x, format = "%Y-%m-%d")
.vo_datetime <- function(x) as.POSIXct(x, format = "%Y-%m-%d %H:%M", tz = "UTC")
"""


def r_string(text: str) -> str:
    """Return ``text`` as an R string literal (ASCII, escapes for everything else)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 32 <= code < 127:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{{{code:08x}}}")
    return '"' + "".join(out) + '"'


def r_vector(items: list[str]) -> str:
    """Return an R character vector ``c("a", "b")``."""
    return "c(" + ", ".join(r_string(item) for item in items) + ")"


def r_program(flat: FlatData, made: str) -> str:
    """Return the R script creating ``data`` from ``flat.csv_name``."""
    study, csv_name = flat.study, flat.csv_name
    codes = [code for code, _ in flat.scheme.codes]
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    lines = [f"# {study.name}: data exported by vo-crf on {now} {made}.".replace("\n", " "),
             f"# source() this script to create the data frame `data` from {csv_name}",
             "# (REDCap's flat layout: one row per record"
             + (" " if study.classic else ", event ") + "and repeat instance).",
             "# Coded columns keep their codes; <name>.factor is the labelled factor.",
             "# Missing-data codes (" + ", ".join(f"{c} = {label}" for c, label in
                                                 flat.scheme.codes) + ")",
             "# and 'not assessable' codes are NA in numeric, date and factor columns;",
             f"# {csv_name} keeps them.",
             *(f"# {line}" for line in textwrap.wrap(flat.transform.description(), 92)), "",
             f".vo_file <- {r_string(csv_name)}",
             "if (!file.exists(.vo_file)) {",
             "  .vo_dir <- tryCatch(dirname(sys.frame(1)$ofile), error = function(e) \".\")",
             f"  .vo_file <- file.path(.vo_dir, {r_string(csv_name)})",
             "}",
             "data <- read.csv(.vo_file, colClasses = \"character\", na.strings = \"\",",
             "                 check.names = FALSE, encoding = \"UTF-8\")",
             HELPERS, "# Factors (before the codes become numbers)"]
    for variable in flat.variables:
        if variable.kind == "coded" and variable.value_labels:
            lines.append(_factor(flat, variable))
    lines += ["", "# Numbers and dates"]
    for variable in flat.variables:
        converted = _converted(flat, variable, codes)
        if converted:
            lines.append(f"data[[{r_string(variable.name)}]] <- {converted}")
    lines += ["", "# Labels"]
    for variable in flat.variables:
        lines.append(f"attr(data[[{r_string(variable.name)}]], \"label\") <- "
                     f"{r_string(variable.label)}")
        if variable.kind == "coded" and variable.value_labels:
            lines.append(f"attr(data[[{r_string(variable.name + '.factor')}]], \"label\") <- "
                         f"{r_string(variable.label)}")
    lines += ["", "rm(.vo_file, .vo_number, .vo_date, .vo_datetime)", ""]
    return "\n".join(lines)


def _factor(flat: FlatData, variable: Variable) -> str:
    special = flat.scheme.field_code(variable)
    kept = {code: label for code, label in variable.value_labels.items()
            if not special or code != special[0]}
    name = r_string(variable.name)
    return (f"data[[{r_string(variable.name + '.factor')}]] <- factor(data[[{name}]], "
            f"levels = {r_vector(list(kept))}, labels = {r_vector(list(kept.values()))})")


def _converted(flat: FlatData, variable: Variable, codes: list[str]) -> str:
    column = f"data[[{r_string(variable.name)}]]"
    if variable.kind == "date":
        return f".vo_date({column})"
    if variable.kind == "datetime":
        return f".vo_datetime({column})"
    if variable.is_numeric:
        special = flat.scheme.field_code(variable)
        missing = codes + ([special[0]] if special else [])
        return f".vo_number({column}, {r_vector(missing)})"
    return ""
