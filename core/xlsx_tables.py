"""An official table placed on the report sheet: its merged cells in sheet columns, its row heights
and the rows a page may begin at.

The sheet shares one set of columns among tables of different shapes (二 has 4 grid columns,
三 10, 四 15), so each table asks for column widths in points and the sheet's columns are the
union of every table's column edges; a table cell then spans the sheet columns between its edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from core.formats import FormatSpec, Table
from core.table_layout import HEADER, LABEL, VALUE, fit_heights, rows_kept, table_grid
from core.xlsx_measure import is_wide, row_height, stacked_height, wide_per_line, wrap
from core.xlsx_styles import LABEL_INDENT, NUMBER_SIZE, TABLE_SIZE

CAPTION, GROUP = "caption", "group"
VALUE_SHARE = 0.64  # of the width, for the value columns of a table with row labels
STACKED_COLUMN = 16.0  # points: a label column holding vertically stacked group labels
MIN_BODY_ROW = 16.0
EDGE_TOLERANCE = 3.0  # points: closer column edges of different tables become one


@dataclass(frozen=True)
class PlacedCell:
    """One merged cell of a table on the sheet (rows counted within the table)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    kind: str  # CAPTION, HEADER, LABEL, GROUP or VALUE
    text: str = ""
    cell_id: str | None = None


@dataclass(frozen=True)
class TablePlan:
    table: Table
    cells: tuple[PlacedCell, ...]
    heights: tuple[float, ...]
    repeat: int  # caption and header rows, written again when the table continues on a new page
    cuts: frozenset[int]  # rows a new page may begin at

    def cells_for(self, rows: tuple[int, ...]) -> list[tuple[int, int, PlacedCell]]:
        """The cells shown when only ``rows`` are written: (first row offset, row count, cell).

        A vertical label cut by a page break is written on both pages.
        """
        offset = {r: i for i, r in enumerate(rows)}
        placed = []
        for cell in self.cells:
            if kept := rows_kept(cell.row, cell.rowspan, offset):
                placed.append((kept[0], kept[1], cell))
        return placed


def grid_widths(table: Table, total: float) -> list[float]:
    """Width in points of each grid column: narrow stacked-label columns, a wide label column,
    and value columns sharing the rest equally."""
    values = sum(c.span for c in table.columns)
    if not table.label_columns:
        return [total / values] * values
    value = total * VALUE_SHARE / values
    nested = [STACKED_COLUMN] * (table.label_columns - 1)
    return nested + [total - value * values - sum(nested)] + [value] * values


def sheet_edges(spec: FormatSpec, total: float) -> list[float]:
    """The sheet's column edges in points (0 … total): every table's edges, near ones merged."""
    edges = sorted({round(e, 1) for t in spec.tables.values() for e in accumulate(grid_widths(t, total), initial=0.0)})
    merged = [0.0]
    for edge in edges[1:]:
        if edge - merged[-1] >= EDGE_TOLERANCE:
            merged.append(edge)
    merged[-1] = total
    return merged


def plan_table(table: Table, edges: list[float]) -> TablePlan:
    """Place the table's grid on the sheet's columns and measure its rows."""
    grid = table_grid(table)
    col_at = [_nearest(edges, e) for e in accumulate(grid_widths(table, edges[-1]), initial=0.0)]
    top = 1 if table.caption else 0
    cells = [PlacedCell(0, 0, 1, len(edges) - 1, CAPTION, table.caption)] if table.caption else []
    for g in grid.cells:
        kind = GROUP if g.group else g.kind
        start, end = col_at[g.col], col_at[g.col + g.colspan]
        if start == end:
            raise ValueError(f"表“{table.id}”的列太窄，无法排入工作表")
        text = _balanced(g.text, edges[end] - edges[start]) if kind == HEADER else g.text
        cells.append(PlacedCell(g.row + top, start, g.rowspan, end - start, kind, text, g.cell_id))
    heights = _fit_heights(cells, top + grid.rows, top + grid.header_rows, edges)
    repeat = top + grid.header_rows
    cuts = frozenset(r for r in range(repeat + 1, len(heights)) if _may_cut(cells, heights, r, edges))
    return TablePlan(table, tuple(cells), tuple(heights), repeat, cuts)


def _balanced(text: str, width: float) -> str:
    """A short Chinese header that might wrap with one character alone on its last line ("结果维/持")
    broken evenly instead ("结果/维持"), as the form's narrow columns print it. An application may
    fit one character more per line than we count on, so both counts are tried."""
    fit = wide_per_line(width, TABLE_SIZE)
    if len(text) <= fit or not all(is_wide(ch) for ch in text) or all(len(text) % n != 1 for n in (fit, fit + 1)):
        return text
    lines = -(-len(text) // fit)
    step = -(-len(text) // lines)
    return "\n".join(text[i:i + step] for i in range(0, len(text), step))


def _nearest(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def _width(cell: PlacedCell, edges: list[float]) -> float:
    return edges[cell.col + cell.colspan] - edges[cell.col]


def _needed(cell: PlacedCell, edges: list[float]) -> float:
    if cell.kind == VALUE:
        return row_height(1, NUMBER_SIZE)
    if cell.kind == GROUP:
        return stacked_height(cell.text, TABLE_SIZE)
    width = _width(cell, edges) - (LABEL_INDENT if cell.kind == LABEL else 0.0)
    return row_height(len(wrap(cell.text, width, TABLE_SIZE)), TABLE_SIZE)


def _fit_heights(cells: list[PlacedCell], rows: int, body: int, edges: list[float]) -> list[float]:
    """Row heights that show every cell whole."""
    heights = [row_height(1, TABLE_SIZE) if r < body else MIN_BODY_ROW for r in range(rows)]
    return fit_heights(heights, ((c.row, c.rowspan, _needed(c, edges)) for c in cells))


def _may_cut(cells: list[PlacedCell], heights: list[float], row: int, edges: list[float]) -> bool:
    """A page may begin at ``row`` if every vertical label it cuts still fits on both pages."""
    for cell in cells:
        if cell.kind == GROUP and cell.row < row < cell.row + cell.rowspan:
            need = _needed(cell, edges)
            if sum(heights[cell.row:row]) < need or sum(heights[row:cell.row + cell.rowspan]) < need:
                return False
    return True

