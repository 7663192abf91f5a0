"""Typed, sanitised cells for write-only openpyxl sheets.

Text safety: control characters are removed and text is cut at Excel's 32,767 characters.
Text that Excel could take for a formula (starting with = + - @) is written as an explicit
string cell (``data_type = 's'``), so it is shown exactly as entered and never evaluated; the
text itself is not altered (no apostrophe or space prefix).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from vo_crf.study.model import FieldDef, FieldType

MAX_TEXT = 32767
FORMULA_STARTS = ("=", "+", "-", "@")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FONT_NAME = "Calibri"
"""The workbook's one font (openpyxl's default style: every plain cell is Calibri 11)."""
HEADER_FONT = Font(name=FONT_NAME, bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDE6F0")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=13)
INDENTED = Alignment(horizontal="left", indent=1)
WRAPPED = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
LINE_HEIGHT = 15.0
"""The height in points of one line of 11-point text (Excel's default row height)."""
P_VALUE_FORMAT = '[<0.001]"<0.001";0.000'
"""A p value with three decimals, "<0.001" below that (the number stays in the cell)."""

Value = str | int | float | dt.date | dt.datetime | None
TEXTS_REMEMBERED = 20_000
"""How many distinct texts a sheet remembers cleaned (codes, labels and names repeat)."""


def clean_text(text: str) -> str:
    """Remove control characters Excel refuses and cut to the cell size limit."""
    if not text.isprintable():
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT]


class FormulaText(str):
    """Clean text that Excel would take for a formula (written as an explicit string cell)."""

    __slots__ = ()


def prepared_text(text: str) -> str:
    """Return text cleaned (see ``clean_text``), as ``FormulaText`` when it looks like one.

    Rows made of prepared texts, numbers, dates and blanks go to openpyxl without a per-cell
    pass (``SheetWriter.append_prepared``).
    """
    text = clean_text(text)
    return FormulaText(text) if text.startswith(FORMULA_STARTS) else text


PREPARED_TYPES = frozenset({str, int, float, dt.date, type(None)})
"""Cell types openpyxl writes as they are (plain str only once prepared)."""


def typed_value(fdef: FieldDef, text: str, missing_codes: frozenset[str]) -> Value:
    """Return a stored value as the right Excel type (codes of coded fields as numbers).

    Blank -> None; missing-data codes stay text; dates -> date/datetime; integers -> int;
    numbers (a comma decimal read as a point) and calculations -> float (int when whole);
    other text unchanged.
    """
    if text == "":
        return None
    if text in missing_codes:
        return text
    if fdef.is_date and not fdef.is_datetime:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if fdef.is_datetime:
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return text
    if fdef.is_comma_decimal:  # 38,5 is the number 38.5, as in the statistics exports
        return to_number(text.replace(",", "."))
    if fdef.is_numeric or (fdef.is_coded and fdef.field_type is not FieldType.CHECKBOX):
        return to_number(text)
    return text


def to_number(text: str) -> int | float | str:
    """Return text as int or float when it is a plain number, else unchanged."""
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer() and "." not in text and "e" not in text.lower():
        return int(number)
    return number


class SheetWriter:
    """A write-only sheet: header, frozen panes, autofilter and widths set before any row."""

    def __init__(self, workbook: Workbook, title: str, headers: Sequence[str], rows: int,
                 widths: Sequence[float] | None = None, freeze: str | None = None,
                 autofilter: bool = True, caption: str = "",
                 formats: Sequence[str | None] = (), wrap: bool = False,
                 title_columns: int | None = None) -> None:
        """Start the sheet: ``caption`` (a bold title above the column names), the headers.

        ``formats`` gives the number format of each column's numbers (None: Excel's General).
        ``wrap`` (small sheets of text): a text wider than its column wraps within it instead
        of being cut at the next cell. Every sheet prints landscape, its caption and column
        names repeated on each page: fitted to one page wide when that keeps it readable
        (``fits_one_page_wide``), else across pages at full size with its first
        ``title_columns`` columns (default: the frozen ones, at least the first) repeated on
        each page.
        """
        self.sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
        self.rows = 0
        self.formats = tuple(formats)
        self.widths = tuple(widths or default_widths(headers))
        self.wrap = wrap
        self._texts: dict[str, str] = {}  # text -> its clean plain text (repeats: labels)
        self._written = 0  # rows of the sheet so far: caption, headers, rows, notes
        sheet = self.sheet
        header_row = 2 if caption else 1
        sheet.freeze_panes = freeze or f"A{header_row + 1}"
        if autofilter and headers:
            sheet.auto_filter.ref = (f"A{header_row}:{get_column_letter(len(headers))}"
                                     f"{max(rows, 1) + header_row}")
        for index, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if title_columns is None:
            title_columns = max(1, column_index_from_string(
                sheet.freeze_panes.rstrip("0123456789")) - 1)
        _print_layout(sheet, header_row if headers else 0, self.widths, title_columns)
        if caption:
            self.append_title(caption)
        if headers:
            self._put([self._header_cell(h) for h in headers])

    def _header_cell(self, text: str) -> Cell:
        cell = WriteOnlyCell(self.sheet, value=clean_text(text))
        cell.data_type = "s"
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=False)
        return cell

    def append(self, values: Iterable[Value | Cell]) -> None:
        """Append one row of typed values (dates formatted, text sanitised; a prepared
        ``WriteOnlyCell`` is written as it is)."""
        if self.formats:
            self._append_formatted(list(values))
            return
        if self.wrap:
            self._append_wrapped(list(values))
            return
        cells: list[Value | Cell] = []
        add = cells.append
        texts = self._texts
        for value in values:
            kind = value.__class__
            if kind is str:
                known = texts.get(value)  # type: ignore[arg-type]
                if known is not None:
                    add(known)
                    continue
                text = self._text(value)  # type: ignore[arg-type]
                if isinstance(text, str) and len(texts) < TEXTS_REMEMBERED:
                    texts[value] = text  # type: ignore[index]
                add(text)
            elif kind is int or kind is float or kind is dt.date or value is None:
                add(value)  # openpyxl formats a date as 'yyyy-mm-dd' (DATE_FORMAT) by itself
            else:
                add(self._cell(value))
        self._put(cells)
        self.rows += 1

    def _append_formatted(self, values: list[Value | Cell]) -> None:
        """A row whose numbers take their column's number format (small tables only)."""
        cells: list[Value | Cell] = []
        for value, number_format in zip(values, self.formats, strict=False):
            if number_format and isinstance(value, int | float) \
                    and not isinstance(value, bool):
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.number_format = number_format
                cells.append(cell)
            elif isinstance(value, str) and cells:  # text after a number: not glued to it
                cell = WriteOnlyCell(self.sheet, value=clean_text(value))
                cell.data_type = "s"
                cell.alignment = INDENTED
                cells.append(cell)
            else:
                cells.append(self._cell(value))
        cells += [self._cell(v) for v in values[len(self.formats):]]
        self._put(cells)
        self.rows += 1

    def _append_wrapped(self, values: list[Value | Cell]) -> None:
        """A row whose texts wider than their column wrap (top-aligned), the row as high as
        its longest text needs (readers do not grow the rows of a written file)."""
        cells: list[Value | Cell] = []
        lines = 1
        for index, value in enumerate(values):
            cell = self._cell(value)
            if isinstance(value, str):  # every text at the top of its row, beside the others
                wraps = index < len(self.widths) and len(value) > self.widths[index]
                cell = WriteOnlyCell(self.sheet, value=clean_text(value))
                cell.data_type = "s"
                cell.alignment = WRAPPED if wraps else TOP
                if wraps:
                    lines = max(lines, wrapped_lines(value, self.widths[index]))
            elif isinstance(value, int | float | dt.date):
                cell = WriteOnlyCell(self.sheet, value=value)  # type: ignore[arg-type]  # dates too
                if isinstance(value, dt.datetime):
                    cell.number_format = DATETIME_FORMAT
                cell.alignment = TOP
            cells.append(cell)
        if lines > 1:
            rows = self.sheet.row_dimensions  # type: ignore[attr-defined]  # read when written
            rows[self._written + 1].height = LINE_HEIGHT * lines
        self._put(cells)
        self.rows += 1

    def _put(self, cells: Sequence[Value | Cell]) -> None:
        self.sheet.append(cells)
        self._written += 1

    def append_prepared(self, values: list[Value]) -> None:
        """Append a row whose texts come from ``prepared_text`` (no per-cell pass for them)."""
        if PREPARED_TYPES.issuperset(map(type, values)):
            self._put(values)
            self.rows += 1
        else:
            self.append(values)

    def append_title(self, text: str) -> None:
        """Append a bold title line (for notes under a table)."""
        cell = WriteOnlyCell(self.sheet, value=clean_text(text))
        cell.font = TITLE_FONT
        self._put([cell])

    def _text(self, value: str) -> str | Cell:
        text = clean_text(value)
        if text.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(self.sheet, value=str(text))
            cell.data_type = "s"
            return cell
        return text

    def _cell(self, value: Value | Cell) -> Value | Cell:
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, dt.datetime):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = DATETIME_FORMAT
            return cell
        return value  # openpyxl formats a date as 'yyyy-mm-dd' (DATE_FORMAT) by itself


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (words are
    not cut; an average letter is narrower than the digit the width is counted in)."""
    per_line = max(8, int(width * 1.1) - 1)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, len(textwrap.wrap(paragraph, per_line)))
    return lines


def default_widths(headers: Sequence[str], minimum: float = 9, maximum: float = 45
                   ) -> list[float]:
    """Return column widths fitted to the header texts."""
    return [min(maximum, max(minimum, len(h) * 1.1 + 2)) for h in headers]


def fitted_widths(headers: Sequence[str], rows: Iterable[Sequence[Value]], minimum: float = 8,
                  maximum: float = 60) -> list[float]:
    """Return column widths that fit the headers and every cell's text (a small table)."""
    longest = [len(h) for h in headers]
    for row in rows:
        for index, value in enumerate(row[:len(longest)]):
            if value is None:
                continue
            text = f"{value:.3f}" if isinstance(value, float) else str(value)
            longest[index] = max(longest[index], len(text))
    return [min(maximum, max(minimum, length * 1.1 + 2)) for length in longest]


PAGE_WIDTH_INCHES = 11.69
"""The width of an A4 page printed landscape."""
MIN_FITTED_SCALE = 0.6
"""The smallest scale a sheet is shrunk to fit one page wide (11-point text at 6.6 points);
a wider sheet prints across pages at full size instead."""


def column_inches(width: float) -> float:
    """The printed width of a column ``width`` characters wide (Calibri 11: 7 pixels a
    character and 5 of padding, at 96 pixels an inch)."""
    return (width * 7 + 5) / 96


def fits_one_page_wide(widths: Sequence[float], margins: float = 1.5) -> bool:
    """Whether columns of ``widths`` fit one landscape A4 page wide at ``MIN_FITTED_SCALE``
    or more (``margins``: left plus right, in inches)."""
    printed = sum(column_inches(width) for width in widths)
    return printed * MIN_FITTED_SCALE <= PAGE_WIDTH_INCHES - margins


def _print_layout(sheet: WriteOnlyWorksheet, header_row: int, widths: Sequence[float],
                  title_columns: int) -> None:
    """Landscape, headers repeated; fitted to one page wide (as many pages long as needed)
    when readable so, else across pages at full size with the key columns repeated."""
    setup = sheet.page_setup  # type: ignore[attr-defined]  # set by Worksheet._setup
    setup.orientation = "landscape"
    setup.paperSize = Worksheet.PAPERSIZE_A4
    margins = sheet.page_margins  # type: ignore[attr-defined]  # set by Worksheet._setup
    if fits_one_page_wide(widths, margins.left + margins.right):
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(  # type: ignore[attr-defined]
            fitToPage=True)
    else:
        setup.scale = 100
        sheet.print_title_cols = f"A:{get_column_letter(title_columns)}"
    if header_row:
        sheet.print_title_rows = f"1:{header_row}"
