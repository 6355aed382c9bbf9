"""The official tables as merged grids: every grid position covered once, labels where the form has them."""

from __future__ import annotations

import pytest

from core.formats import get_format
from core.table_layout import HEADER, LABEL, VALUE, table_grid


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_table_is_tiled_exactly_once(format_id: str) -> None:
    """No gap and no overlap: a printed table has neither holes nor doubled borders."""
    for table in get_format(format_id).tables.values():
        grid = table_grid(table)
        covered: list[tuple[int, int]] = [
            (r, c) for cell in grid.cells
            for r in range(cell.row, cell.row + cell.rowspan) for c in range(cell.col, cell.col + cell.colspan)
        ]
        assert len(covered) == len(set(covered)) == grid.rows * grid.columns, table.id


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_input_cell_has_one_value_position(format_id: str) -> None:
    spec = get_format(format_id)
    ids = [c.cell_id for t in spec.tables.values() for c in table_grid(t).cells if c.kind == VALUE]
    assert sorted(ids) == sorted(spec.cells)


def test_group_labels_are_vertical_cells_beside_their_rows() -> None:
    """三、本年度办理结果 sits in column 1 beside （一）…（七）; （三）不予公开 in column 2 beside its 8 leaves."""
    grid = table_grid(get_format("2021").tables["s3"])
    labels = {c.text: c for c in grid.cells if c.kind == LABEL}
    outcome = labels["三、本年度办理结果"]
    assert (outcome.col, outcome.colspan, outcome.rowspan) == (0, 1, 22)
    refused = labels["（三）不予公开"]
    assert (refused.col, refused.rowspan) == (1, 8)
    assert labels["1.属于国家秘密"].row == refused.row
    assert (labels["（七）总计"].col, labels["（七）总计"].colspan) == (1, 2)
    assert (labels["一、本年新收政府信息公开申请数量"].col, labels["一、本年新收政府信息公开申请数量"].colspan) == (0, 3)


def test_header_spans_follow_the_form() -> None:
    """四: 行政诉讼 spans ten columns; 未经复议直接起诉 five; 行政复议's 结果维持 two header rows."""
    grid = table_grid(get_format("2019").tables["s4"])
    header = [c for c in grid.cells if c.kind == HEADER]
    litigation = next(c for c in header if c.text == "行政诉讼")
    assert (litigation.col, litigation.colspan) == (5, 10)
    direct = next(c for c in header if c.text == "未经复议直接起诉")
    assert (direct.row, direct.col, direct.colspan) == (1, 5, 5)
    assert next(c for c in header if c.text == "结果维持").rowspan == 2
    assert not [c for c in grid.cells if c.kind == LABEL]
