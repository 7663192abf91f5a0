"""The SAS program of the SAS export: ``PROC FORMAT``, then a data step reading the CSV.

As REDCap's SAS export: ``%let csv_file`` names the data file, ``PROC FORMAT`` defines one
format per coded column (``sex_``, ``$clin_frankel_``), the data step reads every column with its
informat (text ``$w.``, numbers ``best32.``, dates ``yymmdd10.``, date-times ``anydtdtm.``),
then labels and formats are attached. Missing-data codes and "not assessable" codes of numeric
and date columns are SAS special missing values (``.A`` = NA, ... ``.F`` = not assessable in
the VO study), declared with ``MISSING`` and labelled in the formats, so ``PROC FREQ`` leaves
them out of the percentages, as the paper does.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from vo_crf.exchange.script_exports import FlatData
from vo_crf.exchange.stats_meta import MissingScheme
from vo_crf.exchange.stats_tables import Variable

MAX_FORMAT_NAME = 32


def sas_cell(scheme: MissingScheme, variable: Variable, cell: str) -> str:
    """Return the cell as the SAS data file holds it (special missing letters, one line)."""
    if variable.is_numeric or variable.kind in ("date", "datetime"):
        letters = scheme.letters(variable)
        for letter, (code, _) in letters.items():
            if cell == code:
                return letter.upper()
        return cell
    return cell.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def sas_string(text: str) -> str:
    """Return ``text`` as a SAS quoted string (single quotes doubled, one line)."""
    return "'" + re.sub(r"[\r\n]+", " ", text).replace("'", "''") + "'"


def format_names(flat: FlatData) -> dict[str, str]:
    """Return the SAS format name of every coded column (``sex_``, ``$clin_frankel_``)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for variable in flat.variables:
        if variable.kind != "coded" or not variable.value_labels and not _is_numeric(variable):
            continue
        base = variable.name[:MAX_FORMAT_NAME - 2] + "_"
        name, n = base, 2
        while name.lower() in used:
            name = f"{variable.name[:MAX_FORMAT_NAME - 3 - len(str(n))]}{n}_"
            n += 1
        used.add(name.lower())
        names[variable.name] = name if _is_numeric(variable) else "$" + name
    return names


def format_values(flat: FlatData, variable: Variable) -> list[tuple[str, str]]:
    """(SAS value, label) of one coded column's format, special missing values included."""
    if not _is_numeric(variable):
        return [(sas_string(code), label) for code, label in variable.value_labels.items()]
    special = flat.scheme.field_code(variable)
    values = [(code, label) for code, label in variable.value_labels.items()
              if not special or code != special[0]]
    values += [(f".{letter.upper()}", label)
               for letter, (_, label) in sorted(flat.scheme.letters(variable).items())]
    return values


def sas_program(flat: FlatData, made: str) -> str:
    """Return the SAS program reading ``flat.csv_name`` into ``work.redcap``."""
    study = flat.study
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    formats = format_names(flat)
    letters = sorted({letter.upper() for v in flat.variables if _is_numeric(v)
                      for letter in flat.scheme.letters(v)})
    title = f"{study.name}: data exported by vo-crf on {now} {made}."
    lines = ["/* " + title.replace("\n", " ").replace("*/", "* /") + " */",
             f"/* Reads {flat.csv_name} (REDCap's flat layout: one row per record"
             + (" " if study.classic else ", event ") + "and */",
             "/* repeat instance) into work.redcap. Missing-data codes of numeric and date   */",
             "/* columns are special missing values: "
             + ", ".join(f".{letter.upper()} = {_meaning(code, label)}"
                         for letter, (code, label) in sorted(_code_letters(flat).items()))
             + ". */",
             *(f"/* {line} */" for line in textwrap.wrap(
                 flat.transform.description().replace("*/", "* /"), 92)),
             "", "/* Edit the next line if the CSV file is not in SAS's current folder. */",
             f"%let csv_file = {sas_string(flat.csv_name)};", "", "OPTIONS nofmterr;", "",
             "proc format;"]
    for variable in flat.variables:
        name = formats.get(variable.name)
        if name is None:
            continue
        values = " ".join(f"{value}={sas_string(label)}"
                          for value, label in format_values(flat, variable))
        lines.append(f"  value {name} {values};")
    lines += ["run;", "", "data work.redcap; %let _EFIERR_ = 0;",
              "  infile &csv_file delimiter=',' MISSOVER DSD lrecl=32767 firstobs=2 "
              "encoding='utf-8';"]
    if letters:
        lines.append(f"  missing {' '.join(letters)};")
    for variable in flat.variables:
        lines.append(f"  informat {variable.name} {_informat(flat, variable)};")
    for variable in flat.variables:
        shown = _shown_format(flat, variable)
        if shown:
            lines.append(f"  format {variable.name} {shown};")
    lines.append("  input")
    lines += [f"    {variable.name}{' $' if _is_text(variable) else ''}"
              for variable in flat.variables]
    lines += ["  ;", "  if _ERROR_ then call symput('_EFIERR_', '1');", "run;", "",
              "data work.redcap;", "  set work.redcap;"]
    lines += [f"  label {variable.name}={sas_string(variable.label[:256])};"
              for variable in flat.variables]
    lines += [f"  format {variable} {name}.;" for variable, name in formats.items()]
    lines += ["run;", "", "proc contents data=work.redcap; run;", ""]
    return "\n".join(lines)


def _code_letters(flat: FlatData) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for variable in flat.variables:
        if _is_numeric(variable):
            found.update(flat.scheme.letters(variable))
    return found


def _meaning(code: str, label: str) -> str:
    return code if label.startswith(f"{code}:") else f"{label} (code {code})"


def _is_numeric(variable: Variable) -> bool:
    return variable.is_numeric


def _is_text(variable: Variable) -> bool:
    return not variable.is_numeric and variable.kind not in ("date", "datetime")


def _informat(flat: FlatData, variable: Variable) -> str:
    if variable.kind == "date":
        return "yymmdd10."
    if variable.kind == "datetime":
        return "anydtdtm19."
    if variable.is_numeric:
        return "best32."
    return f"${max(flat.widths.get(variable.name, 0), 1)}."


def _shown_format(flat: FlatData, variable: Variable) -> str:
    if variable.kind == "date":
        return "yymmdd10."
    if variable.kind == "datetime":
        return "datetime16."
    if _is_text(variable):
        return f"${max(flat.widths.get(variable.name, 0), 1)}."
    return ""
