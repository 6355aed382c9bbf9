"""Fonts, alignments, borders and number formats of the exported workbook, named by their use.

Government documents set titles in 宋体 (bold), headings in 黑体 and body text in 仿宋; the
official tables in 宋体. charset 134 (GB2312) makes Excel pick the Chinese font by that name.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.formats import CellType
from core.xlsx_measure import column_width, text_width

FOOTER = "第 &P 页 共 &N 页"
TITLE_SIZE, HEADING_SIZE, PROSE_SIZE, TABLE_SIZE, NUMBER_SIZE = 18.0, 12.0, 12.0, 9.0, 10.0


def _font(name: str, size: float, bold: bool = False) -> Font:
    return Font(name=name, size=size, bold=bold, charset=134)


TITLE = _font("宋体", TITLE_SIZE, bold=True)
HEADING = _font("黑体", HEADING_SIZE)
PROSE = _font("仿宋", PROSE_SIZE)
TABLE = _font("宋体", TABLE_SIZE)
CAPTION = _font("黑体", TABLE_SIZE)
NUMBER = _font("宋体", NUMBER_SIZE)
PLAIN = _font("宋体", 10.0)
PLAIN_BOLD = _font("宋体", 10.0, bold=True)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
STACKED = Alignment(horizontal="center", vertical="center", wrap_text=True, text_rotation=255)
LABEL = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
LABEL_INDENT = 8.0  # points that indent=1 takes from a label's line (one digit of the default font, and a bit)
HEADING_ALIGN = Alignment(horizontal="left", vertical="bottom")
PARAGRAPH = Alignment(horizontal="justify", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
TOP_WRAP = Alignment(vertical="top", wrap_text=True)

_THIN = Side(style="thin", color="000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def number_format(ctype: CellType, printed: str, unit: str = "") -> str:
    """The Excel format that prints a value as the report does ("+9", "12.50"), given its printed
    text; ``unit`` is printed after the number ("12.50元")."""
    if ctype.kind == "signed":
        return "+0;-0;0"
    places = len(printed.partition(".")[2]) if printed else ctype.print_decimals
    number = "0." + "0" * places if places else "0"
    return f'{number}"{unit}"' if unit else number


def list_sheet(ws: Worksheet, header_row: int, most: tuple[int, ...]) -> None:
    """Finish a sheet that is a plain list: bold header, frozen below it, columns as wide as their
    text (at most ``most`` characters each), printed landscape, one page wide, header on every page."""
    widths = [4.0] * len(most)
    for row in ws.iter_rows(min_row=header_row, max_col=len(most)):
        for cell in row:
            if cell.value is not None:
                text = str(cell.value).split("\n")[0][:200]
                widths[cell.column - 1] = max(widths[cell.column - 1], column_width(text_width(text, 10.0)) + 2)
        if row[0].row == header_row:
            for cell in row:
                cell.font = PLAIN_BOLD
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = min(width, most[i])
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    ws.print_title_rows = f"{header_row}:{header_row}"
    setup = ws.page_setup
    setup.paperSize, setup.orientation = ws.PAPERSIZE_A4, ws.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = FOOTER
