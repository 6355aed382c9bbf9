"""The 数据 sheet: one row per value cell for pivot tables, and below it what reading back needs.

The value rows come first (header in row 1, an Excel table over them) so a pivot table is one
click. After a blank row follows a block of (项目, 内容, 编号) rows: the identification
(application, workbook schema, report format), the cover, the prose and the reasons of accepted
warnings. ``精确值`` keeps an amount's typed decimals ("12.50"), which a number in 值 cannot.
Text that a sheet cannot hold (carriage returns, control characters) is escaped as Excel itself
does, ``_xHHHH_``. Writing and reading live here together so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table as ExcelTable, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from core import APP_ID, __version__
from core import xlsx_styles as st
from core.checks import table_title
from core.report import META_LABELS, Report

SHEET = "数据"
SCHEMA = 1  # layout of this sheet; a reader refuses a higher number
VALUE_HEADER = ("部分", "表", "行", "列", "值", "单位", "合计", "单元格编号", "精确值")
INFO_HEADER = ("项目", "内容", "编号")
WIDTHS = (36, 36, 50, 40, 12, 8, 6, 36, 12)  # most characters a column is widened to
PROSE_CHUNK = 30000  # characters per cell; Excel holds at most 32,767
APPLICATION, SCHEMA_KEY, FORMAT_KEY, VERSION_KEY = "application", "schema", "format", "app_version"
_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")


# -- writing ------------------------------------------------------------------------------------


def write_data_sheet(ws: Worksheet, report: Report, style: st.Styler) -> None:
    values = list(_value_rows(report))
    cells = report.spec.cells
    widths = [st.list_rows(ws, style, 1, [VALUE_HEADER], st.LIST_HEADER)]
    for r, (cid, row) in enumerate(zip(cells, values), start=2):
        fmt = st.number_format(cells[cid].type, report.display(cid))
        widths.append(st.list_rows(ws, style, r, [row], st.LIST, {5: fmt, 9: "@"}))
    top = len(values) + 3
    widths.append(st.list_rows(ws, style, top, [INFO_HEADER], st.LIST_HEADER))
    widths.append(st.list_rows(ws, style, top + 1, list(_info_rows(report)), st.LIST))
    st.list_sheet(ws, 1, widths, WIDTHS)
    ref = f"A1:{get_column_letter(len(VALUE_HEADER))}{len(values) + 1}"
    table = ExcelTable(displayName="NianbaoValues", ref=ref, autoFilter=AutoFilter(ref=ref),
                       tableColumns=[TableColumn(id=i, name=name) for i, name in enumerate(VALUE_HEADER, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(table)


def _value_rows(report: Report) -> Iterator[tuple[object, ...]]:
    spec = report.spec
    for cid, cell in spec.cells.items():
        table = spec.tables[cell.table]
        row = next(r for r in table.rows if r.id == cell.row)
        column = next(c for c in table.columns if c.id == cell.column)
        value = report.values[cid]
        amount = cell.type.kind == "amount"
        exact = f"{value:f}" if amount and value is not None else None  # counts are exact as numbers
        yield (spec.section(table.section).heading, table_title(spec, table.id), row.title, column.name, value,
               report.unit(cid) if amount else None, "是" if cell.computed else None, cid, exact)


def _info_rows(report: Report) -> Iterator[tuple[str, object, str]]:
    yield "导出程序", APP_ID, APPLICATION
    yield "程序版本", __version__, VERSION_KEY
    yield "工作簿版本", SCHEMA, SCHEMA_KEY
    yield f"报告格式（{report.spec.label}）", report.spec.id, FORMAT_KEY
    for name, label in META_LABELS.items():
        value = getattr(report.meta, name)
        yield label, escape(value) if isinstance(value, str) else value, f"meta.{name}"
    for section in report.spec.prose_sections:
        text = escape(report.prose[section.id])
        for start in range(0, max(len(text), 1), PROSE_CHUNK):
            yield section.heading, text[start:start + PROSE_CHUNK], f"prose.{section.id}"
    for key, reason in report.accepted.items():
        yield "已说明的警告", escape(reason), f"accepted.{key}"


def escape(text: str) -> str:
    """Text as a cell can hold it: what XML cannot carry becomes _xHHHH_, a literal _xHHHH_ is kept."""
    text = _ESCAPED.sub(lambda m: "_x005F" + m.group(), text)
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text.replace("\r", "_x000D_"))


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group()[2:6], 16)), text)


# -- reading ------------------------------------------------------------------------------------


@dataclass
class DataSheet:
    """What the 数据 sheet holds, as read: value rows by cell id, and the info block by key."""

    values: dict[str, tuple[int, object, object, object]]  # cell id -> (row number, 值, 单位, 精确值)
    info: dict[str, list[object]]  # 编号 -> the 内容 of each row with that key, in order


class SheetError(Exception):
    """The 数据 sheet was written by us but has been changed; the message says where, in Chinese."""


class ForeignSheet(SheetError):
    """A sheet named 数据 that we did not write."""


def read_data_sheet(rows: Iterator[tuple[object, ...]]) -> DataSheet:
    """Parse the sheet's rows (values only); SheetError when the layout is not what we write."""
    it = enumerate(rows, start=1)
    number, first = next(it, (1, ()))
    if tuple(first[: len(VALUE_HEADER)]) != VALUE_HEADER:
        raise ForeignSheet("第1行不是本程序写入的表头")
    values: dict[str, tuple[int, object, object, object]] = {}
    for number, row in it:
        cells = tuple(row) + (None,) * len(VALUE_HEADER)
        if all(v is None for v in cells[: len(VALUE_HEADER)]):
            break
        cid = cells[7]
        if not isinstance(cid, str) or not cid:
            raise SheetError(f"第{number}行没有单元格编号")
        if cid in values:
            raise SheetError(f"第{number}行的单元格编号“{cid}”与第{values[cid][0]}行重复")
        values[cid] = (number, cells[4], cells[5], cells[8])
    info: dict[str, list[object]] = {}
    header_seen = False
    for number, row in it:
        cells = tuple(row) + (None,) * 3
        if not header_seen:
            if all(v is None for v in cells):
                continue
            if tuple(cells[:3]) != INFO_HEADER:
                raise SheetError(f"第{number}行应为“项目、内容、编号”表头")
            header_seen = True
            continue
        if isinstance(cells[2], str) and cells[2]:
            info.setdefault(cells[2], []).append(cells[1])
    return DataSheet(values, info)
