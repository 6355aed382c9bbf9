"""The parsed form of a report format: immutable records that every part of the program walks.

The report document, the checks, the entry grid and every exporter read a FormatSpec; nothing
else knows what a particular national format looks like. core/format_parser.py builds one from a
format file (documented in docs/format-files.md).
"""

import re
from pathlib import Path
from typing import Mapping, NamedTuple

# Named tuples, not frozen dataclasses: these classes are made while the window starts, where a
# frozen dataclass costs about a millisecond of generated code and a named tuple a fifth of it.
# No `from __future__ import annotations` here: typing.NamedTuple compiles every field annotation
# given as a string (a fifth again); written as real types, they are only looked up.


class FormatError(Exception):
    """A format file that cannot be used; the message names the file and the key."""


class CellType(NamedTuple):
    """What a value cell holds: a count ≥ 0, a signed count, or an amount with a unit."""

    kind: str
    units: tuple[str, ...] = ()
    decimals: int = 0
    print_decimals: int = 0
    max_digits: int = 9


class HeaderCell(NamedTuple):
    text: str
    colspan: int = 1
    rowspan: int = 1


class Column(NamedTuple):
    """A value column: its id, its short name for messages, its type and its width in grid columns."""

    id: str
    name: str
    type: CellType
    span: int = 1

    @property
    def stated_unit(self) -> str:
        """The unit the column's own name states, e.g. 万元 for 本年收费金额（单位：万元）; "" if none."""
        match = re.search(r"单位[：:]([^）)]+)", self.name)
        return match.group(1).strip() if match else ""


class Row(NamedTuple):
    """A body row. A group row only carries a label that spans its deeper rows."""

    id: str
    label: str
    level: int
    group: bool
    title: str  # the label with its enclosing group labels, for messages


class Table(NamedTuple):
    id: str
    section: str
    caption: str
    label_columns: int
    header: tuple[tuple[HeaderCell, ...], ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.group)

    @property
    def grid_columns(self) -> int:
        return self.label_columns + sum(c.span for c in self.columns)

    def cell_id(self, row: str, column: str) -> str:
        return f"{self.id}.{row}.{column}"


class Cell(NamedTuple):
    id: str
    table: str
    row: str
    column: str
    type: CellType
    computed: bool
    place: str  # within its table, e.g. “一、本年新收政府信息公开申请数量”行“自然人”列
    title: str  # with section and table, e.g. 二、第二十条第（一）项“规章”行“本年制发件数”列


class Section(NamedTuple):
    id: str
    number: str
    heading: str
    short: str  # for a tab, e.g. 依申请公开
    kind: str  # "prose" or "tables"
    guide: str
    tables: tuple[Table, ...]


class Equation(NamedTuple):
    """sum(left) must equal sum(right); ``where`` names the column, row or group in messages."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    where: str
    scope: str  # stable part of the finding key


class Rule(NamedTuple):
    id: str
    kind: str
    severity: str
    message: str
    section: str | None = None
    table: str | None = None
    equations: tuple[Equation, ...] = ()
    computes: bool = False
    cells: tuple[str, ...] = ()
    limit: int = 0
    words: tuple[str, ...] = ()
    mark_cells: bool = True  # outline each cell of a finding in the grid (not for the many blank cells)


class FormatSpec(NamedTuple):
    """One report format, parsed and validated."""

    id: str
    name: str
    notice: str
    title: str
    national: bool
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    tables: Mapping[str, Table]
    cells: Mapping[str, Cell]  # in reading order
    rules: tuple[Rule, ...]
    formulas: Mapping[str, tuple[str, ...]]  # computed cell -> its terms, in evaluation order
    dependents: Mapping[str, tuple[str, ...]]  # cell -> computed cells to refresh, in order
    path: Path

    @property
    def label(self) -> str:
        """How the format is named to a clerk, e.g. 2021年格式（国办公开办函〔2021〕30号）."""
        return f"{self.name}（{self.notice}）"

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def prose_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == "prose")

    @property
    def input_cells(self) -> tuple[str, ...]:
        return tuple(c for c, cell in self.cells.items() if not cell.computed)
