"""The Excel export: one workbook with the official report, its data, and its check results.

Sheets: 年度报告 (the report as printed, see core.xlsx_report_sheet), 数据 (one row per value
cell, and what reading back needs, see core.xlsx_data) and 校验 (every finding, with the reason
given for each accepted warning). Totals are written as numbers, never as formulas only: openpyxl
stores no computed results, and previewers, phones and Python readers would show blanks.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.packaging.extended import ExtendedProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import ARC_APP
from openpyxl.xml.functions import tostring

from core import APP_NAME, __version__
from core import xlsx_styles as st
from core.checks import COVER, summary
from core.report import Report
from core.xlsx_data import SHEET as DATA_SHEET, write_data_sheet
from core.xlsx_measure import printable
from core.xlsx_report_sheet import SHEET as REPORT_SHEET, write_report_sheet

CHECKS_SHEET = "校验"
CHECKS_HEADER = ("序号", "类别", "规则", "所在部分", "说明", "处理情况", "说明理由")
CHECKS_WIDTHS = (6, 6, 6, 40, 80, 10, 50)


def xlsx_bytes(report: Report) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    wb = Workbook()
    style = st.Styler(wb)
    sheet = wb.active
    sheet.title = REPORT_SHEET
    write_report_sheet(sheet, report, style)
    write_data_sheet(wb.create_sheet(DATA_SHEET), report, style)
    write_checks_sheet(wb.create_sheet(CHECKS_SHEET), report, style)
    _set_properties(wb, report)
    buffer = BytesIO()
    ExcelWriter(wb, _Archive(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()
    return buffer.getvalue()


def write_checks_sheet(ws: Worksheet, report: Report, style: st.Styler) -> None:
    rows: list[tuple[object, ...]] = []
    for number, finding in enumerate(report.findings, start=1):
        reason = report.accepted.get(finding.key)
        state = None if finding.is_error else ("已说明" if reason is not None else "未处理")
        place = "封面信息" if finding.section == COVER else report.spec.section(finding.section).heading
        rows.append((number, "错误" if finding.is_error else "警告", finding.rule, place, finding.message, state,
                     printable(reason) if reason is not None else None))
    if not rows:
        rows.append((None, None, None, None, "没有错误和警告。"))
    st.list_rows(ws, style, 1, [(f"校验结果：{summary(report.findings, report.accepted)}",)], st.LIST_HEADER)
    widths = [st.list_rows(ws, style, 3, [CHECKS_HEADER], st.LIST_HEADER),
              st.list_rows(ws, style, 4, rows, st.LIST_WRAPPED)]
    st.list_sheet(ws, 3, widths, CHECKS_WIDTHS)


def _set_properties(wb: Workbook, report: Report) -> None:
    props = wb.properties
    props.title = printable(report.title)
    props.creator = props.lastModifiedBy = printable(report.meta.agency) or None
    props.subject = f"政府信息公开工作年度报告（{report.spec.label}）"
    props.description = f"由{APP_NAME} {__version__}导出"
    props.created = props.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class _Archive(ZipFile):
    """The zip that openpyxl writes into, with our application named in docProps/app.xml."""

    def writestr(self, name, data, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        if name == ARC_APP:
            props = ExtendedProperties()
            props.Application, props.AppVersion = f"{APP_NAME} (nianbao)", _app_version()
            data = tostring(props.to_tree())
        return super().writestr(name, data, *args, **kwargs)


def _app_version() -> str:
    """The version as Office writes it, major.minor with four digits (0.1.0 -> 0.0100)."""
    major, minor = (__version__.split(".") + ["0"])[:2]
    return f"{int(major)}.{int(minor):02d}00"
