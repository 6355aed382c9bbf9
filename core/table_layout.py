"""An official table laid out as a grid of merged cells, for every exporter that draws one.

The header rows are placed like an HTML table (row and column spans). Each data row takes one
grid row: its label starts in the label column of its level and spans to the last label column;
a group row takes no grid row of its own, its label is a vertical merged cell beside the rows
beneath it. Value cells follow the label columns, each as wide as its column's span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from core.formats import Column, Row, Table

HEADER, LABEL, VALUE = "header", "label", "value"


@dataclass(frozen=True)
class GridCell:
    """One merged cell: where it sits (0-based, header rows first), what it shows."""

    row: int
    col: int
    rowspan: int
    colspan: int
    kind: str  # HEADER, LABEL or VALUE
    text: str = ""  # header or label text; "" for value cells
    cell_id: str | None = None  # value cells: the report's cell id
    level: int = 0  # label cells: the row's level (group labels included)
    group: bool = False  # label cells: a group row's vertical label


@dataclass(frozen=True)
class TableGrid:
    table: Table
    header_rows: int
    body_rows: int
    columns: int
    cells: tuple[GridCell, ...]

    @property
    def rows(self) -> int:
        return self.header_rows + self.body_rows


def table_grid(table: Table) -> TableGrid:
    """The table as positioned, merged cells (header, labels, values) covering its grid once."""
    header = _header_cells(table)
    body: list[GridCell] = []
    value_cols = value_columns(table)
    top = len(table.header)
    data_index = {row.id: i for i, row in enumerate(table.data_rows)}
    open_groups: list[Row] = []
    for i, row in enumerate(table.rows):
        open_groups = [g for g in open_groups if g.level < row.level]
        start = open_groups[-1].level + 1 if open_groups else 0
        if row.group:
            covered = _rows_beneath(table.rows, i)
            first = top + data_index[covered[0].id]
            body.append(GridCell(first, start, len(covered), 1, LABEL, row.label, level=row.level, group=True))
            open_groups.append(row)
            continue
        r = top + data_index[row.id]
        if table.label_columns:
            body.append(GridCell(r, start, 1, table.label_columns - start, LABEL, row.label, level=row.level))
        for c, column in value_cols:
            body.append(GridCell(r, c, 1, column.span, VALUE, cell_id=table.cell_id(row.id, column.id)))
    return TableGrid(table, top, len(table.data_rows), table.grid_columns, tuple(header + body))


def value_columns(table: Table) -> list[tuple[int, Column]]:
    """Each value column with the grid column it starts in."""
    placed, col = [], table.label_columns
    for column in table.columns:
        placed.append((col, column))
        col += column.span
    return placed


def _rows_beneath(rows: tuple[Row, ...], index: int) -> list[Row]:
    """The data rows deeper than the group row at index, up to the next row at its level or above."""
    level = rows[index].level
    covered = []
    for row in rows[index + 1:]:
        if row.level <= level:
            break
        if not row.group:
            covered.append(row)
    return covered


def _header_cells(table: Table) -> list[GridCell]:
    cells: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for r, header_row in enumerate(table.header):
        col = 0
        for h in header_row:
            while (r, col) in taken:
                col += 1
            cells.append(GridCell(r, col, h.rowspan, h.colspan, HEADER, h.text))
            taken.update((r + dr, col + dc) for dr in range(h.rowspan) for dc in range(h.colspan))
            col += h.colspan
    return cells


def fit_heights(heights: list[float], needs: Iterable[tuple[int, int, float]]) -> list[float]:
    """Row heights grown so that every cell fits: ``needs`` gives (row, rowspan, height needed) of
    each; a cell over several rows widens them evenly, after the single-row cells have had theirs."""
    heights = list(heights)
    for row, rowspan, need in sorted(needs, key=lambda n: n[1]):
        short = need - sum(heights[row:row + rowspan])
        if short > 0:
            for r in range(row, row + rowspan):
                heights[r] += short / rowspan
    return heights


def rows_kept(row: int, rowspan: int, index: Mapping[int, int]) -> tuple[int, int] | None:
    """Where a cell over ``rowspan`` rows from ``row`` lands when only the rows in ``index`` (old row
    -> new row) are kept, as on each page of a table broken across pages: (its new first row, the
    number of its rows kept), or None when none is kept."""
    kept = [index[r] for r in range(row, row + rowspan) if r in index]
    return (kept[0], len(kept)) if kept else None
