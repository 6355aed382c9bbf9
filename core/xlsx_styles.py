"""Fonts, alignments, borders and number formats of the exported workbook, named by their use.

Government documents set titles in 宋体 (bold), headings in 黑体 and body text in 仿宋; the
official tables in 宋体. charset 134 (GB2312) makes Excel pick the Chinese font by that name.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.formats import CellType
from core.xlsx_measure import column_width, row_height, text_width, wrap

FOOTER = "第 &P 页 共 &N 页"
TITLE_SIZE, HEADING_SIZE, PROSE_SIZE, TABLE_SIZE, NUMBER_SIZE = 18.0, 12.0, 12.0, 9.0, 10.0


def _font(name: str, size: float, bold: bool = False) -> Font:
    return Font(name=name, size=size, bold=bold, charset=134)


_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LABEL_INDENT = 8.0  # points that indent=1 takes from a label's line (one digit of the default font, and a bit)


@dataclass(frozen=True)
class Look:
    """A named cell style of the workbook (it shows in Excel's cell styles as 年报 …)."""

    name: str
    font: Font
    align: Alignment
    grid: bool = False  # thin borders all round, as in the official tables

    @property
    def size(self) -> float:
        return float(self.font.sz)


TITLE = Look("年报 标题", _font("宋体", TITLE_SIZE, bold=True), _CENTER)
HEADING = Look("年报 一级标题", _font("黑体", HEADING_SIZE), Alignment(horizontal="left", vertical="bottom"))
PARAGRAPH = Look("年报 正文", _font("仿宋", PROSE_SIZE), Alignment(horizontal="left", vertical="top", wrap_text=True))
SIGN_OFF = Look("年报 落款", _font("仿宋", PROSE_SIZE), Alignment(horizontal="right", vertical="center"))
CAPTION = Look("年报 表题", _font("黑体", TABLE_SIZE), _CENTER, grid=True)
HEADER = Look("年报 表头", _font("宋体", TABLE_SIZE), _CENTER, grid=True)
LABEL = Look("年报 行名", _font("宋体", TABLE_SIZE),
             Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1), grid=True)
STACKED = Look("年报 竖排行名", _font("宋体", TABLE_SIZE),
               Alignment(horizontal="center", vertical="center", wrap_text=True, text_rotation=255), grid=True)
NUMBER = Look("年报 数字", _font("宋体", NUMBER_SIZE), _CENTER, grid=True)
LIST = Look("年报 列表", _font("宋体", 10.0), Alignment(vertical="top"))
LIST_WRAPPED = Look("年报 列表（换行）", _font("宋体", 10.0), Alignment(vertical="top", wrap_text=True))
LIST_HEADER = Look("年报 列表表头", _font("宋体", 10.0, bold=True), Alignment(vertical="top"))
LOOKS = (TITLE, HEADING, PARAGRAPH, SIGN_OFF, CAPTION, HEADER, LABEL, STACKED, NUMBER, LIST, LIST_WRAPPED, LIST_HEADER)


class Styler:
    """Puts Looks on cells. Registers every Look as a named style of the workbook, then gives a cell
    its style by copying the style's index array, as ``cell.style = name`` does inside openpyxl but
    without its linear name lookups, and far cheaper than setting font, alignment and border one
    by one (openpyxl hashes each): a report has a few thousand cells."""

    def __init__(self, wb: Workbook):
        self._arrays = {}
        for look in LOOKS:
            style = NamedStyle(name=look.name, font=copy(look.font), alignment=copy(look.align),
                               border=copy(_GRID) if look.grid else Border())
            wb.add_named_style(style)
            self._arrays[look.name] = style.as_tuple()

    def __call__(self, cell: Cell, look: Look, number_format: str | None = None) -> None:
        cell._style = copy(self._arrays[look.name])
        if number_format:
            cell.number_format = number_format


def number_format(ctype: CellType, printed: str, unit: str = "") -> str:
    """The Excel format that prints a value as the report does ("+9", "12.50"), given its printed
    text; ``unit`` is printed after the number ("12.50元")."""
    if ctype.kind == "signed":
        return "+0;-0;0"
    places = len(printed.partition(".")[2]) if printed else ctype.print_decimals
    number = "0." + "0" * places if places else "0"
    return f'{number}"{unit}"' if unit else number


def list_rows(ws: Worksheet, style: Styler, top: int, rows: list[tuple[object, ...]], look: Look,
              formats: dict[int, str] | None = None) -> list[float]:
    """Write rows of a plain list from row ``top`` in ``look`` (blank cells stay unwritten; ``formats``
    gives number formats by column). Returns the widest text of each column, in Excel's width units."""
    widths = [0.0] * max((len(r) for r in rows), default=0)
    for r, values in enumerate(rows, start=top):
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            style(ws.cell(r, c, value), look, (formats or {}).get(c))
            text = str(value).split("\n")[0][:200]
            widths[c - 1] = max(widths[c - 1], column_width(text_width(text, look.size)) + 2)
    return widths


def list_sheet(ws: Worksheet, header_row: int, widths: list[list[float]], most: tuple[int, ...]) -> None:
    """Finish a sheet that is a plain list: frozen below its header, columns as wide as their widest
    text (``widths`` from list_rows, at most ``most`` characters), rows with wrapped text as tall as
    it needs, printed landscape, one page wide, header on every page."""
    points = []
    for i, most_chars in enumerate(most):
        width = min(max(max((w[i] for w in widths if i < len(w)), default=0.0), 4.0), most_chars)
        ws.column_dimensions[get_column_letter(i + 1)].width = width
        points.append(width * 7 * 72 / 96)
    for row in ws.iter_rows(min_row=header_row + 1):
        lines = [len(wrap(str(c.value), points[c.column - 1], LIST_WRAPPED.size)) for c in row
                 if c.value is not None and c.alignment.wrap_text and c.column <= len(points)]
        if max(lines, default=1) > 1:
            ws.row_dimensions[row[0].row].height = row_height(max(lines), LIST_WRAPPED.size)
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    setup = ws.page_setup
    setup.paperSize, setup.orientation = ws.PAPERSIZE_A4, ws.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = FOOTER
