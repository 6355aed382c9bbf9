"""The official tables of 二, 三 and 四 as printable grids, filled with a report's values.

Walks ``table_grid`` of the format, so a new format needs no code here. 二's blocks are stacked
into one table, each under a caption row (第二十条第（一）项 …), as on the official form.
"""

from __future__ import annotations

from core.fonts import HEADING, TABLE, FontSet
from core.formats import Section, Table
from core.pdf_table import Cell, GridTable
from core.pdf_text import CENTER, LEFT, TextBlock
from core.report import Report
from core.table_layout import HEADER, LABEL, table_grid, value_columns

SIZE, LEADING, MIN_ROW = 10.5, 14.0, 21.0  # 五号 text, as in printed forms
MIN_FIRST_ROWS = 6  # a table broken across pages shows at least this many rows before the break
# Share of the width (in %) of the label columns, by their count; value columns share the rest.
LABEL_SHARES = {0: (), 1: (34.0,), 3: (9.5, 12.0, 35.0)}


def section_tables(report: Report, section: Section, fonts: FontSet) -> list[GridTable]:
    """The printed tables of a 'tables' section: 二 as one stacked table, 三 and 四 as they are."""
    tables = section.tables
    if all(t.caption for t in tables) and len({t.grid_columns for t in tables}) == 1:
        return [_stacked(report, tables, fonts)]
    return [_grid_table(report, t, fonts) for t in tables]


def _widths(table: Table) -> list[float]:
    n = table.label_columns
    labels = LABEL_SHARES[n] if n in LABEL_SHARES else (50.0 / n,) * n
    values = table.grid_columns - table.label_columns
    return [*labels, *[(100.0 - sum(labels)) / values] * values]


def _cells(report: Report, table: Table, fonts: FontSet, top: int) -> list[Cell]:
    """The table's grid cells with their text, shifted down by ``top`` rows."""
    head, body = fonts.face(HEADING, SIZE), fonts.face(TABLE, SIZE)
    stated = _header_units(report, table)
    header_units = {col: f"（单位：{stated[column.id]}）" for col, column in value_columns(table)
                    if column.id in stated and not column.stated_unit}
    cells = []
    for g in table_grid(table).cells:
        if g.kind == HEADER:
            block = TextBlock(g.text + header_units.get(g.col, ""), head, LEADING, CENTER)
        elif g.kind == LABEL:
            centred = g.group or table.label_columns == 1
            block = TextBlock(g.text, body, LEADING, CENTER if centred else LEFT)
        else:
            block = TextBlock(_value_text(report, g.cell_id, stated), body, LEADING, CENTER, fit=True)
        cells.append(Cell(g.row + top, g.col, g.rowspan, g.colspan, block))
    return cells


def _header_units(report: Report, table: Table) -> dict[str, str]:
    """Amount columns -> the unit their header states: the column name's own, else its first row's
    (which _cells adds to the header)."""
    return {
        column.id: column.stated_unit or report.unit(table.cell_id(table.data_rows[0].id, column.id))
        for _col, column in value_columns(table)
        if column.type.kind == "amount"
    }


def _value_text(report: Report, cell_id: str, stated: dict[str, str]) -> str:
    """The printed value; with its unit when that differs from the one its header states."""
    text, unit = report.display(cell_id), report.unit(cell_id)
    column = report.spec.cells[cell_id].column
    return text + unit if text and column in stated and stated[column] != unit else text


def _grid_table(report: Report, table: Table, fonts: FontSet) -> GridTable:
    cells = _cells(report, table, fonts, 0)
    rows = len(table.header) + len(table.data_rows)
    header = len(table.header)
    return GridTable(cells, _widths(table), rows, header, frozenset(range(header)), MIN_ROW, MIN_FIRST_ROWS)


def _stacked(report: Report, tables: tuple[Table, ...], fonts: FontSet) -> GridTable:
    """Blocks one under another, each with a caption row spanning the width."""
    widths = _widths(tables[0])
    head = fonts.face(HEADING, SIZE)
    cells: list[Cell] = []
    keep: set[int] = set()
    row = 0
    for table in tables:
        cells.append(Cell(row, 0, 1, len(widths), TextBlock(table.caption, head, LEADING, CENTER)))
        keep.update(range(row, row + 1 + len(table.header)))  # caption and header stay with a row
        cells += _cells(report, table, fonts, row + 1)
        row += 1 + len(table.header) + len(table.data_rows)
    return GridTable(cells, widths, row, 0, frozenset(keep), MIN_ROW, 4)  # caption, header, two rows
