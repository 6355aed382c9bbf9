"""The 年度报告 sheet: the whole report in the official order, laid out for printing on A4.

The report becomes a flow of blocks (title, headings, paragraphs, tables, sign-off), each with
measured row heights; core.sheet_pages cuts the flow into pages, and the slices are written as
merged, styled rows with manual page breaks between pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from core import xlsx_styles as st
from core.report import Report, format_date
from core.sheet_pages import MIN_LINES, Block, Slice, paginate
from core.table_layout import HEADER, LABEL, VALUE
from core.xlsx_measure import MAX_ROW, column_width, lines_fitting, printable, row_height, split_after_lines, wrap
from core.xlsx_tables import CAPTION, GROUP, TablePlan, plan_table, sheet_edges

SHEET = "年度报告"
CONTENT_WIDTH = 470.0  # points: A4 (595 pt) less 0.7 in margins, with room to spare
MARGIN_X, MARGIN_Y, HEADER_MARGIN, FOOTER_MARGIN = 0.7, 0.9, 0.4, 0.45  # inches
PAGE_HEIGHT = 841.9 - 2 * MARGIN_Y * 72 - 6  # printable points, less a little for rounding
INDENT = "\u3000\u3000"  # paragraphs open with two full-width spaces, as in official documents


@dataclass(frozen=True)
class TextRow:
    """A row of text across the whole width: title, heading, paragraph, sign-off or spacer."""

    text: str
    look: st.Look


def write_report_sheet(ws: Worksheet, report: Report, style: st.Styler) -> None:
    edges = sheet_edges(report.spec, CONTENT_WIDTH)
    slices = paginate(_flow(report, edges), PAGE_HEIGHT)
    _write(ws, report, style, slices, len(edges) - 1)
    _set_columns(ws, edges)
    _set_page(ws, sum(len(s.rows) for s in slices), len(edges) - 1)


# -- the flow -----------------------------------------------------------------------------------


def _flow(report: Report, edges: list[float]) -> list[Block]:
    blocks = [_text_block(TextRow(printable(report.title), st.TITLE), extra=14, keep_with_next=True)]
    for section in report.spec.sections:
        blocks.append(_text_block(TextRow(section.heading, st.HEADING), extra=10, keep_with_next=True))
        if section.kind == "prose":
            paragraphs = [printable(p) for p in report.paragraphs(section.id)]
            for text in paragraphs or [""]:
                blocks += _paragraph_blocks(INDENT + text if text else "")
        for table in section.tables:
            plan = plan_table(table, edges)
            blocks.append(Block(plan, plan.heights, keep_together=True, repeat=plan.repeat, cuts=plan.cuts))
    signoff = [s for s in (printable(report.meta.agency).strip(), format_date(report.meta.date)) if s]
    if signoff:
        blocks.append(_text_block(TextRow("", st.SIGN_OFF), keep_with_next=True))
        blocks += [_text_block(TextRow(s, st.SIGN_OFF), keep_with_next=i == 0) for i, s in enumerate(signoff)]
    return blocks


def _text_block(row: TextRow, extra: float = 0.0, keep_with_next: bool = False) -> Block:
    size = row.look.size
    lines = len(wrap(row.text, CONTENT_WIDTH, size)) if row.look.align.wrap_text else 1
    return Block(row, (row_height(lines, size) + extra,), keep_with_next=keep_with_next)


def _paragraph_blocks(text: str) -> list[Block]:
    """A paragraph as rows no taller than Excel allows, each able to be cut at a page end."""
    size = st.PROSE_SIZE
    blocks = []
    lines = wrap(text, CONTENT_WIDTH, size)
    most = lines_fitting(MAX_ROW, size)
    while len(lines) > most:
        head, text = split_after_lines(text, lines, most)
        blocks.append(_paragraph(head, most))
        lines = wrap(text, CONTENT_WIDTH, size)
    blocks.append(_paragraph(text, len(lines)))
    return blocks


def _paragraph(text: str, lines: int) -> Block:
    size = st.PROSE_SIZE

    def split(room: float) -> tuple[Block, Block] | None:
        wrapped = wrap(text, CONTENT_WIDTH, size)
        keep = min(lines_fitting(room, size), len(wrapped) - MIN_LINES)
        if keep < MIN_LINES:
            return None
        head, tail = split_after_lines(text, wrapped, keep)
        return _paragraph(head, keep), _paragraph(tail, len(wrap(tail, CONTENT_WIDTH, size)))

    return Block(TextRow(text, st.PARAGRAPH), (row_height(lines, size),), split=split)


# -- writing ------------------------------------------------------------------------------------


def _write(ws: Worksheet, report: Report, style: st.Styler, slices: list[Slice], width: int) -> None:
    row = 1
    for piece in slices:
        if piece.new_page and row > 1:
            ws.row_breaks.append(Break(id=row - 1))
        for i, height in enumerate(piece.heights):
            ws.row_dimensions[row + i].height = round(height, 1)
        if isinstance(piece.key, TablePlan):
            _write_table(ws, report, style, piece.key, piece.rows, row)
        else:
            _put(ws, style, row, 1, 1, width, piece.key.text or None, piece.key.look)
        row += len(piece.rows)


_LOOKS = {CAPTION: st.CAPTION, HEADER: st.HEADER, LABEL: st.LABEL, GROUP: st.STACKED, VALUE: st.NUMBER}


def _write_table(ws: Worksheet, report: Report, style: st.Styler, plan: TablePlan, rows: tuple[int, ...],
                 top: int) -> None:
    stated = {column.id: column.stated_unit for column in plan.table.columns}
    for offset, rowspan, cell in plan.cells_for(rows):
        value: object = cell.text
        fmt = None
        if cell.cell_id is not None:
            value, unit = report.values[cell.cell_id], report.unit(cell.cell_id)
            if unit == stated[report.spec.cells[cell.cell_id].column]:
                unit = ""  # the header already says it, e.g. 本年收费金额（单位：万元）
            fmt = st.number_format(report.spec.cells[cell.cell_id].type, report.display(cell.cell_id), unit)
        _put(ws, style, top + offset, cell.col + 1, rowspan, cell.colspan, value, _LOOKS[cell.kind], fmt)


def _put(ws: Worksheet, style: st.Styler, row: int, col: int, rowspan: int, colspan: int, value: object,
         look: st.Look, fmt: str | None = None) -> None:
    """One (merged) cell. In a table every cell of a merged range gets the style, so that its borders print."""
    if look.grid:
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                style(ws.cell(r, c), look)
    style(ws.cell(row, col, value), look, fmt)
    if rowspan > 1 or colspan > 1:
        # Not ws.merge_cells(): it re-borders the edge cells one by one and checks every earlier range,
        # which made the export ten times slower; the cells are styled above instead.
        ws.merged_cells.ranges.add(CellRange(min_col=col, min_row=row, max_col=col + colspan - 1,
                                             max_row=row + rowspan - 1))


def _set_columns(ws: Worksheet, edges: list[float]) -> None:
    for i in range(len(edges) - 1):
        ws.column_dimensions[get_column_letter(i + 1)].width = column_width(edges[i + 1] - edges[i])


def _set_page(ws: Worksheet, rows: int, columns: int) -> None:
    ws.sheet_view.showGridLines = False
    setup = ws.page_setup
    setup.paperSize, setup.orientation = ws.PAPERSIZE_A4, ws.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_X
    margins.top = margins.bottom = MARGIN_Y
    margins.header, margins.footer = HEADER_MARGIN, FOOTER_MARGIN
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(columns)}{rows}"
    footer = ws.oddFooter.center
    footer.text, footer.font, footer.size = st.FOOTER, "宋体,常规", 9
