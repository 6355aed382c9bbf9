"""Reading a report back from a workbook this program exported, through its 数据 sheet.

Everything the project file holds is in that sheet: values (with their exact decimals), units,
cover, prose and the reasons of accepted warnings. What is read is validated by the same code
that validates project files (core.storage), so a workbook can never give a report that a
project file could not. A 值 changed in Excel is taken as changed; untouched, the exact text wins.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from core import APP_ID
from core.formats import Cell, FormatError, get_format
from core.oserrors import describe_os_error
from core.report import META_LABELS, Report
from core.storage import SCHEMA as FILE_SCHEMA, LoadError, from_dict
from core.values import Value, parse_value, to_stored
from core.xlsx_data import (APPLICATION, FORMAT_KEY, SCHEMA, SCHEMA_KEY, SHEET, DataSheet, ForeignSheet,
                            SheetError, read_data_sheet, unescape)
from core.xlsx_report_sheet import SHEET as REPORT_SHEET

MAX_BYTES = 20 * 1024 * 1024  # our workbooks are tens of kilobytes


class WorkbookError(Exception):
    """A workbook that cannot be read back; str() is the message for the clerk."""


def read_xlsx(path: Path | str) -> Report:
    """The report in a workbook exported by this program; WorkbookError in plain Chinese otherwise."""
    path = Path(path)
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise WorkbookError(f"“{name}”太大，不是本程序导出的工作簿。")
        with open(path, "rb") as fh:
            sheet = _read_sheet(fh, name)
    except OSError as exc:
        raise WorkbookError(describe_os_error(exc, path, "打开")) from exc
    data = _project_data(sheet, name)
    try:  # the totals are the program's: a 值 edited in Excel brings its totals along
        return from_dict(data, name, compute_totals=True)
    except LoadError as exc:
        raise WorkbookError(str(exc).replace("文件可能已损坏", "工作簿可能已损坏或被改动过")) from None


def _read_sheet(fh: Any, name: str) -> DataSheet:
    not_ours = WorkbookError(f"“{name}”不是年报程序导出的工作簿，无法导入。只能导入本程序“导出 Excel”生成的工作簿。")
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
        try:
            if SHEET not in wb.sheetnames:
                if REPORT_SHEET in wb.sheetnames:
                    raise WorkbookError(f"“{name}”中没有“{SHEET}”工作表（可能被删除或改名了），无法导入。")
                raise not_ours
            sheet = read_data_sheet(wb[SHEET].iter_rows(values_only=True))
        finally:
            wb.close()
    except (WorkbookError, OSError):
        raise
    except ForeignSheet:
        raise not_ours from None
    except SheetError as exc:
        raise WorkbookError(f"“{name}”的“{SHEET}”工作表被改动过，无法导入：{exc}。") from None
    except Exception:  # noqa: BLE001 — openpyxl fails in many ways on what is not a sound .xlsx
        if name.lower().endswith(".xls"):
            raise WorkbookError(f"“{name}”是旧版 Excel 格式（.xls），不是本程序导出的工作簿，无法导入。") from None
        raise WorkbookError(f"“{name}”不是有效的 Excel 工作簿（.xlsx），或文件已损坏，无法导入。") from None
    if _one(sheet, APPLICATION) != APP_ID:
        raise not_ours
    schema = _one(sheet, SCHEMA_KEY)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise WorkbookError(f"“{name}”的工作簿版本号无效，工作簿可能已损坏或被改动过。")
    if schema > SCHEMA:
        raise WorkbookError(f"“{name}”由较新版本的年报程序导出（工作簿版本 {schema}，本程序只能读到版本 {SCHEMA}），"
                            "请升级年报程序后再导入。")
    return sheet


def _one(sheet: DataSheet, key: str) -> object:
    found = sheet.info.get(key, [None])
    return found[0]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape(str(value))


def _joined(chunks: list[object]) -> str:
    """A long text written over several cells; joined before unescaping, as a cut may split an escape."""
    return unescape("".join("" if c is None else str(c) for c in chunks))


def _project_data(sheet: DataSheet, name: str) -> dict[str, Any]:
    """The workbook's content in the project-file layout, for core.storage to validate."""
    format_id = _text(_one(sheet, FORMAT_KEY))
    try:
        spec = get_format(format_id)
    except FormatError:
        raise WorkbookError(f"“{name}”使用的报告格式“{format_id}”本程序不认识，请升级年报程序。") from None
    values: dict[str, Any] = {}
    units: dict[str, str] = {}
    for cid, cell in spec.cells.items():
        if cid not in sheet.values:
            raise WorkbookError(f"“{name}”的“{SHEET}”工作表缺少{cell.title}这一行，工作簿可能被改动过。")
        row, value, unit, exact = sheet.values[cid]
        values[cid] = _stored(cell, value, exact, f"“{name}”的“{SHEET}”工作表第{row}行（{cell.title}）")
        if cell.type.kind == "amount" and unit not in (None, "", cell.type.units[0]):
            units[cid] = _text(unit)
    unknown = sorted(set(sheet.values) - set(spec.cells))
    if unknown:
        raise WorkbookError(f"“{name}”的“{SHEET}”工作表有本格式没有的单元格“{unknown[0]}”，工作簿可能被改动过。")
    year: object = _one(sheet, "meta.year")
    if (isinstance(year, float) and year.is_integer()) or (isinstance(year, str) and year.strip().isdigit()):
        year = int(year)
    meta: dict[str, object] = {key: _text(_one(sheet, f"meta.{key}")) for key in META_LABELS if key != "year"}
    return {
        "application": APP_ID,
        "schema": FILE_SCHEMA,
        "format": spec.id,
        "meta": {**meta, "year": year},
        "values": values,
        "units": units,
        "prose": {s.id: _joined(sheet.info.get(f"prose.{s.id}", [])) for s in spec.prose_sections},
        "accepted": {key[len("accepted."):]: _text(v[0]) for key, v in sheet.info.items() if key.startswith("accepted.")},
    }


def _stored(cell: Cell, value: object, exact: object, where: str) -> int | str | None:
    """A 值 as the project file stores it; the exact text when 值 still equals it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise WorkbookError(f"{where}的值“{value}”不是数字。")
    if isinstance(value, str):
        try:
            parsed: Value | None = parse_value(cell.type, value)
        except ValueError as exc:
            raise WorkbookError(f"{where}：{exc}。") from None
        return to_stored(parsed)
    try:
        original = Decimal(str(exact)) if exact not in (None, "") else None
    except InvalidOperation:
        original = None
    if original is not None and float(original) == float(value):
        return to_stored(original if cell.type.kind == "amount" else int(original))
    if cell.type.kind == "amount":
        return to_stored(Decimal(repr(value)).normalize() if isinstance(value, float) else Decimal(value))
    if isinstance(value, float) and not value.is_integer():
        raise WorkbookError(f"{where}的值“{value}”应为整数。")
    return int(value)


