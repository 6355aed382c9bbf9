"""A ruled table of merged cells that can break across pages anywhere between body rows.

reportlab's Table cannot break inside a row span, and the official table 三 has a label spanning
22 rows. Here a span cut by a page break is drawn as two cells, the label repeated in the second,
and the header rows are repeated at the top of every continuation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.platypus import Flowable

from core.pdf_text import TextBlock
from core.table_layout import fit_heights, rows_kept

PAD_X, PAD_Y = 3.0, 3.0
RULE = 0.6  # line width of the rules, in points


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    block: TextBlock


class GridTable(Flowable):
    """``widths`` are relative column widths, scaled to the frame; the first ``header_rows`` repeat.

    ``keep`` holds rows that must stay on the page of the row after them (captions, headers);
    a part that ends a page holds at least ``min_rows`` body rows, else the table starts on the next.
    """

    def __init__(self, cells: list[Cell], widths: list[float], rows: int, header_rows: int = 0,
                 keep: frozenset[int] = frozenset(), min_height: float = 0.0, min_rows: int = 2):
        super().__init__()
        self.cells, self.weights, self.rows, self.header_rows = cells, widths, rows, header_rows
        self.keep, self.min_height, self.min_rows = keep, min_height, min_rows
        self._cols: list[float] = []
        self._heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        total = sum(self.weights)
        self._cols = [w * availWidth / total for w in self.weights]
        self._heights = self._row_heights()
        self.width, self.height = availWidth, sum(self._heights)
        return self.width, self.height

    def lead_height(self, width: float) -> float:
        """Height of the header and the first body rows that must share a page with what precedes."""
        self.wrap(width, 1e9)
        return sum(self._heights[:self.header_rows + self.min_rows])

    def _cell_width(self, cell: Cell) -> float:
        return sum(self._cols[cell.col:cell.col + cell.colspan]) - 2 * PAD_X

    def _row_heights(self) -> list[float]:
        needs = ((c.row, c.rowspan, c.block.wrap(self._cell_width(c), 1e9)[1] + 2 * PAD_Y) for c in self.cells)
        return fit_heights([self.min_height] * self.rows, needs)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        head = list(range(self.header_rows))
        # Try the longest first part that fits; each part lays its cut spans out again.
        for end in range(self.rows - 1, self.header_rows + self.min_rows - 1, -1):
            if end - 1 in self.keep:
                continue
            first = self._part(head, range(self.header_rows, end))
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                return [first, self._part(head, range(end, self.rows))]
        return []

    def _part(self, head: list[int], body: range) -> GridTable:
        rows = head + list(body)
        new_index = {r: i for i, r in enumerate(rows)}
        cells = [replace(cell, row=kept[0], rowspan=kept[1]) for cell in self.cells
                 if (kept := rows_kept(cell.row, cell.rowspan, new_index))]
        keep = frozenset(new_index[r] for r in self.keep if r in new_index)
        return GridTable(cells, self.weights, len(rows), len(head), keep, self.min_height, self.min_rows)

    def draw(self) -> None:
        canv = self.canv
        canv.setLineWidth(RULE)
        tops = [self.height - sum(self._heights[:r]) for r in range(self.rows + 1)]
        lefts = [sum(self._cols[:c]) for c in range(len(self._cols) + 1)]
        for cell in self.cells:
            x, top = lefts[cell.col], tops[cell.row]
            w = lefts[cell.col + cell.colspan] - x
            h = top - tops[cell.row + cell.rowspan]
            canv.rect(x, top - h, w, h, stroke=1, fill=0)
            block_h = cell.block.wrap(self._cell_width(cell), 1e9)[1]
            cell.block.drawOn(canv, x + PAD_X, top - h + (h - block_h) / 2)
