"""Reading our own workbook back: an exact round trip, and a plain message for any other workbook."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Callable

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.formats import get_format
from core.report import Report
from core.storage import dumps, load
from core.xlsx_export import xlsx_bytes
from core.xlsx_import import WorkbookError, read_xlsx

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def exported(report: Report, folder: Path, name: str = "报告.xlsx") -> Path:
    path = folder / name
    path.write_bytes(xlsx_bytes(report))
    return path


def round_trip(report: Report, folder: Path) -> Report:
    return read_xlsx(exported(report, folder))


def edited(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """The workbook after a change made as Excel would (opened, edited, saved)."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def data_row(wb: openpyxl.Workbook, key: str) -> tuple[openpyxl.cell.Cell, ...]:
    """The 数据 row of a cell id (column H) or of an info key (column C)."""
    return next(r for r in wb["数据"].iter_rows() if key in (r[7].value if len(r) > 7 else None, r[2].value))


def message(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_xlsx(path)
    return str(caught.value)


@pytest.mark.parametrize("example", ["example-2021.nianbao", "cixi-emergency-2019.nianbao"])
def test_examples_round_trip_exactly(tmp_path: Path, example: str) -> None:
    report = load(EXAMPLES / example)
    back = round_trip(report, tmp_path)
    assert dumps(back) == dumps(report)  # values, blanks, prose, cover, units, accepted: byte for byte
    assert back.findings == report.findings


def test_blank_is_not_zero(tmp_path: Path) -> None:
    report = Report.new(get_format("2021"), "甲局", 2025)
    report.set_values({"s3.new.natural": "0", "s3.new.business": "5", "s2.a20_8.fees.amount": "0"})
    back = round_trip(report, tmp_path)
    assert back.values == report.values
    assert back.values["s3.new.natural"] == 0 and back.values["s3.new.research"] is None
    assert back.values["s3.new.total"] == 5  # a total over blanks and numbers


def test_text_that_a_sheet_cannot_hold_comes_back_unchanged(tmp_path: Path) -> None:
    """Paragraphs, indents, Word's line breaks (\\v), Windows line ends, Excel's own escape syntax, emoji."""
    report = load(EXAMPLES / "example-2021.nianbao")
    report.set_prose("s1", "\u3000\u3000第一段。\n\n第二段 \r\n第三段\v同段换行\t制表\n_x000D_ 与 _x005F_ 原样\n表情😀")
    report.set_prose("s5", "很长的一段。" * 7000)  # 42,000 characters, more than one cell holds
    report.set_meta("contact", "  王 晓明 ")
    report.set_meta("phone", "0571-12345678")
    report.set_value("s2.a20_1.rules.issued", "1")
    report.accept("P4", "本机关为设区的市人民政府，\n有规章制定权")
    back = round_trip(report, tmp_path)
    assert back.prose == report.prose
    assert back.meta == report.meta
    assert back.accepted == report.accepted
    assert dumps(back) == dumps(report)


def test_amounts_keep_typed_decimals_and_units(tmp_path: Path) -> None:
    report = load(EXAMPLES / "cixi-emergency-2019.nianbao")
    report.set_value("s2.a20_9.procurement.amount", "123456789012.120000")
    back = round_trip(report, tmp_path)
    assert repr(back.values["s2.a20_9.procurement.amount"]) == repr(Decimal("123456789012.120000"))
    assert back.unit("s2.a20_9.procurement.amount") == "元"
    report.set_unit("s2.a20_9.procurement.amount", "万元")
    report.set_value("s2.a20_9.procurement.amount", "12.50")
    back = round_trip(report, tmp_path)
    assert repr(back.values["s2.a20_9.procurement.amount"]) == repr(Decimal("12.50"))
    assert back.unit("s2.a20_9.procurement.amount") == "万元"


_TEXT = st.text(st.sampled_from("年报政府信息公开。，“”（）\n \u3000\t\r\x0b_x0D5Fa1😀"), max_size=60)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_report_round_trips(tmp_path: Path, data: st.DataObject) -> None:
    spec = get_format(data.draw(st.sampled_from(["2019", "2021"])))
    report = Report.new(spec, data.draw(_TEXT), data.draw(st.integers(2008, 2100)))
    texts = {}
    for cid in data.draw(st.lists(st.sampled_from(spec.input_cells), max_size=25, unique=True)):
        kind = spec.cells[cid].type.kind
        number = data.draw(st.integers(-999, 99999) if kind == "signed" else st.integers(0, 99999))
        texts[cid] = f"{number}.{data.draw(st.integers(0, 999)):03d}" if kind == "amount" else str(number)
    report.set_values(texts)
    for section in spec.prose_sections:
        report.set_prose(section.id, data.draw(_TEXT))
    back = round_trip(report, tmp_path)
    assert dumps(back) == dumps(report)


def test_a_number_changed_in_excel_is_taken(tmp_path: Path) -> None:
    report = load(EXAMPLES / "cixi-emergency-2019.nianbao")

    def change(wb: openpyxl.Workbook) -> None:
        data_row(wb, "s3.new.natural")[4].value = 3
        data_row(wb, "s2.a20_9.procurement.amount")[4].value = 1200.5
        data_row(wb, "s2.a20_5.licensing.change")[4].value = "-4"  # typed as text

    back = read_xlsx(edited(exported(report, tmp_path), change))
    assert back.values["s3.new.natural"] == 3
    assert back.values["s2.a20_9.procurement.amount"] == Decimal("1200.5")
    assert back.values["s2.a20_5.licensing.change"] == -4
    assert back.values["s3.new.total"] == 3  # totals follow the edited figures
    assert {f.rule for f in back.errors} == {"R1"}  # 一＋二 no longer equals （七）＋四: the clerk can fix it


def test_a_foreign_workbook_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(("机关", "数量"))
    wb.save(tmp_path / "别人的.xlsx")
    assert "不是年报程序导出的工作簿" in message(tmp_path / "别人的.xlsx")
    wb.active.title = "数据"
    wb.save(tmp_path / "同名工作表.xlsx")
    assert "不是年报程序导出的工作簿" in message(tmp_path / "同名工作表.xlsx")


@pytest.mark.parametrize("content", [b"", b"not a workbook at all", b"PK\x03\x04 truncated"])
def test_a_damaged_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "坏.xlsx"
    path.write_bytes(content)
    assert "不是有效的 Excel 工作簿" in message(path)


def test_a_truncated_export_is_refused(tmp_path: Path) -> None:
    data = xlsx_bytes(load(EXAMPLES / "example-2021.nianbao"))
    path = tmp_path / "半个.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "不是有效的 Excel 工作簿" in message(path)


def test_an_old_xls_is_named(tmp_path: Path) -> None:
    path = tmp_path / "旧.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "旧版 Excel 格式（.xls）" in message(path)


def test_xml_entity_bombs_are_not_expanded(tmp_path: Path) -> None:
    """defusedxml makes openpyxl refuse entity declarations instead of expanding them."""
    good = xlsx_bytes(load(EXAMPLES / "example-2021.nianbao"))
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{"&lol" + (str(i - 1) if i > 1 else "") + ";" * 1}' * 10 + '">'
                      for i in range(1, 9))
            + ']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol8;</workbook>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, bomb if item.filename == "xl/workbook.xml" else src.read(item))
    path = tmp_path / "炸弹.xlsx"
    path.write_bytes(buffer.getvalue())
    assert "不是有效的 Excel 工作簿" in message(path)


def test_another_format_or_a_newer_workbook_asks_for_an_upgrade(tmp_path: Path) -> None:
    path = exported(load(EXAMPLES / "example-2021.nianbao"), tmp_path)
    edited(path, lambda wb: setattr(data_row(wb, "format")[1], "value", "2030"))
    assert "报告格式“2030”本程序不认识，请升级" in message(path)
    path = exported(load(EXAMPLES / "example-2021.nianbao"), tmp_path)
    edited(path, lambda wb: setattr(data_row(wb, "schema")[1], "value", 99))
    assert "较新版本的年报程序导出（工作簿版本 99" in message(path)


def test_a_changed_data_sheet_is_named(tmp_path: Path) -> None:
    report = load(EXAMPLES / "example-2021.nianbao")
    path = edited(exported(report, tmp_path), lambda wb: wb.remove(wb["数据"]))
    assert "没有“数据”工作表" in message(path)
    path = edited(exported(report, tmp_path), lambda wb: wb["数据"].delete_rows(data_row(wb, "s3.new.legal")[0].row))
    assert "缺少三、“一、本年新收政府信息公开申请数量”行“法律服务机构”列这一行" in message(path)
    path = edited(exported(report, tmp_path), lambda wb: setattr(data_row(wb, "s3.new.legal")[4], "value", "一"))
    text = message(path)
    assert "“一、本年新收政府信息公开申请数量”行“法律服务机构”列" in text and "不是数字" in text
    path = edited(exported(report, tmp_path), lambda wb: setattr(data_row(wb, "s3.new.legal")[4], "value", -2))
    assert "不能为负数" in message(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert "无法打开“没有.xlsx”" in message(tmp_path / "没有.xlsx")


def test_long_text_with_escapes_at_every_position_survives_the_cell_limit(tmp_path: Path) -> None:
    """A section longer than one cell holds is cut into several; an escape cut in two must still decode."""
    report = load(EXAMPLES / "example-2021.nianbao")
    report.set_prose("s1", "段\r\n" * 16000)  # each \r becomes 7 characters in the sheet, cut at 30,000
    assert round_trip(report, tmp_path).prose["s1"] == report.prose["s1"]
