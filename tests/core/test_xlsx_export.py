"""The exported workbook as the office above sees it: official layout, numbers, print setup, properties."""

from __future__ import annotations

import math
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from core import __version__
from core.formats import get_format
from core.report import Report
from core.storage import load
from core.xlsx_export import xlsx_bytes
from core.xlsx_measure import text_width

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def workbook(report: Report) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(xlsx_bytes(report)))


def texts(ws: Worksheet) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find(ws: Worksheet, text: str, nth: int = 0) -> openpyxl.cell.Cell:
    """The nth cell showing ``text`` (line breaks inside header cells ignored)."""
    found = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.replace("\n", "") == text]
    return found[nth]


def span(ws: Worksheet, cell: openpyxl.cell.Cell) -> tuple[int, int, int, int]:
    """(first row, first column, last row, last column) of the merged cell starting at ``cell``."""
    for rng in ws.merged_cells.ranges:
        if (rng.min_row, rng.min_col) == (cell.row, cell.column):
            return rng.min_row, rng.min_col, rng.max_row, rng.max_col
    return cell.row, cell.column, cell.row, cell.column


@pytest.fixture(scope="module")
def example_2021() -> tuple[Report, openpyxl.Workbook]:
    report = load(EXAMPLES / "example-2021.nianbao")
    return report, workbook(report)


@pytest.fixture(scope="module")
def cixi() -> tuple[Report, openpyxl.Workbook]:
    report = load(EXAMPLES / "cixi-emergency-2019.nianbao")
    return report, workbook(report)


def test_three_sheets_and_the_official_title(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    _, wb = example_2021
    assert wb.sheetnames == ["年度报告", "数据", "校验"]
    ws = wb["年度报告"]
    assert ws["A1"].value == "示例县交通运输局2025年政府信息公开工作年度报告"
    assert span(ws, ws["A1"])[3] == ws.max_column


@pytest.mark.parametrize("fixture", ["example_2021", "cixi"])
def test_merged_cells_never_overlap(fixture: str, request: pytest.FixtureRequest) -> None:
    """Excel calls a workbook with overlapping merges damaged and repairs it by dropping them."""
    _, wb = request.getfixturevalue(fixture)
    ws = wb["年度报告"]
    seen: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        for pos in ((r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)):
            assert pos not in seen, (rng.coord, seen.get(pos))
            seen[pos] = rng.coord
            if pos != (rng.min_row, rng.min_col):
                assert ws.cell(*pos).value is None


def test_sections_in_official_order_with_all_prose(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    report, wb = example_2021
    shown = texts(wb["年度报告"])
    headings = [s.heading for s in report.spec.sections]
    assert [t for t in shown if t in headings] == headings
    for sid, text in report.prose.items():
        for paragraph in text.split("\n"):
            assert any(t.strip() == paragraph for t in shown), paragraph


@pytest.mark.parametrize("fixture", ["example_2021", "cixi"])
def test_every_official_label_is_on_the_sheet(fixture: str, request: pytest.FixtureRequest) -> None:
    """Captions, every header cell and every row label of the format, word for word."""
    report, wb = request.getfixturevalue(fixture)
    shown = {t.replace("\n", "") for t in texts(wb["年度报告"])}
    for table in report.spec.tables.values():
        expected = {table.caption} | {h.text for row in table.header for h in row} | {r.label for r in table.rows}
        assert expected - {""} <= shown, table.id


@pytest.mark.parametrize("fixture", ["example_2021", "cixi"])
def test_wrapped_text_rows_are_tall_enough(fixture: str, request: pytest.FixtureRequest) -> None:
    """Every merged text cell is at least as tall as its text needs at one em per character."""
    _, wb = request.getfixturevalue(fixture)
    ws = wb["年度报告"]
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width * 7 * 0.75
              for c in range(1, ws.max_column + 1)]
    for rng in ws.merged_cells.ranges:
        cell = ws.cell(rng.min_row, rng.min_col)
        if not isinstance(cell.value, str) or cell.alignment.text_rotation == 255:
            continue
        size = cell.font.sz
        width = sum(widths[rng.min_col - 1:rng.max_col])
        lines = sum(math.ceil(max(text_width(part, size), 1) / width) for part in cell.value.split("\n"))
        height = sum(ws.row_dimensions[r].height for r in range(rng.min_row, rng.max_row + 1))
        assert height >= lines * size * 1.15, (cell.coordinate, cell.value[:20])
        assert all(ws.row_dimensions[r].height <= 409 for r in range(rng.min_row, rng.max_row + 1))


def test_table_three_header_merges_follow_the_form(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    _, wb = example_2021
    ws = wb["年度报告"]
    applicant = span(ws, find(ws, "申请人情况"))
    natural, total = span(ws, find(ws, "自然人")), span(ws, find(ws, "总计"))
    assert (applicant[1], applicant[3]) == (natural[1], total[3])  # over all seven value columns
    assert natural[2] - natural[0] == 1 and total[2] - total[0] == 1  # two header rows each
    organisations = span(ws, find(ws, "法人或其他组织"))
    assert organisations[1] == span(ws, find(ws, "商业企业"))[1] and organisations[3] == span(ws, find(ws, "其他"))[3]
    corner = span(ws, find(ws, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"))
    assert (corner[0], corner[2]) == (applicant[0], natural[2]) and corner[3] == natural[1] - 1


def test_group_labels_are_vertical_cells_beside_their_rows(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    _, wb = example_2021
    ws = wb["年度报告"]
    outcome = find(ws, "三、本年度办理结果")
    first, last = find(ws, "（一）予以公开"), find(ws, "（七）总计")
    assert span(ws, outcome)[0::2] == (first.row, last.row)
    assert outcome.alignment.text_rotation == 255 and outcome.column < first.column
    refused = find(ws, "（三）不予公开")
    assert span(ws, refused)[0::2] == (find(ws, "1.属于国家秘密").row, find(ws, "8.属于行政查询事项").row)
    assert refused.column == first.column < find(ws, "1.属于国家秘密").column
    new = find(ws, "一、本年新收政府信息公开申请数量")
    assert new.column == outcome.column and span(ws, new)[3] == span(ws, find(ws, "1.属于国家秘密"))[3]


def test_table_four_header_spans(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    _, wb = example_2021
    ws = wb["年度报告"]
    review, litigation = span(ws, find(ws, "行政复议")), span(ws, find(ws, "行政诉讼"))
    direct, after = span(ws, find(ws, "未经复议直接起诉")), span(ws, find(ws, "复议后起诉"))
    assert review[0] == litigation[0] and direct[0] == after[0] == review[0] + 1
    assert (litigation[1], litigation[3]) == (direct[1], after[3]) and review[3] + 1 == litigation[1]
    upheld = span(ws, find(ws, "结果维持"))
    assert upheld[0:2] == (review[0] + 1, review[1]) and upheld[2] == upheld[0] + 1


def test_totals_are_numbers_not_formulas(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    report, wb = example_2021
    ws = wb["年度报告"]
    total_row = find(ws, "（七）总计").row
    numbers = [c.value for c in ws[total_row] if c.data_type == "n" and c.value is not None]
    assert numbers == [report.values[f"s3.outcome_total.{c.id}"] for c in report.spec.tables["s3"].columns]
    assert numbers[-1] == 21
    for sheet in wb:
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_data_sheet_one_row_per_value_cell(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    report, wb = example_2021
    rows = list(wb["数据"].iter_rows(values_only=True))
    assert rows[0][:6] == ("部分", "表", "行", "列", "值", "单位") and rows[0][7] == "单元格编号"
    body = rows[1:1 + len(report.spec.cells)]
    assert [r[7] for r in body] == list(report.spec.cells)
    by_id = {r[7]: r for r in body}
    assert by_id["s3.refused_secret.natural"][:4] == ("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况",
                       "（三）不予公开 1.属于国家秘密", "自然人")
    assert all(isinstance(r[4], (int, float)) for r in body)
    assert by_id["s3.new.total"][4] == 20 and by_id["s3.new.total"][6] == "是"
    assert by_id["s2.a20_8.fees.amount"][5] == "万元"


def test_signed_and_amount_cells_print_as_the_report(cixi: tuple[Report, openpyxl.Workbook]) -> None:
    report, wb = cixi
    data = {r[7]: r for r in wb["数据"].iter_rows(min_row=2, values_only=True) if r[7]}
    assert data["s2.a20_5.licensing.change"][4] == 9
    ws = wb["年度报告"]
    change = ws.cell(find(ws, "行政许可").row, find(ws, "本年增/减").column)
    assert (change.value, change.number_format) == (9, "+0;-0;0")
    procurement = next(c for c in ws[find(ws, "政府集中采购").row] if c.value == Decimal("392140") or c.value == 392140)
    assert procurement.number_format == '0.00"元"'  # the clerk's unit, which the 2019 header does not state


def test_amounts_keep_their_decimals() -> None:
    report = load(EXAMPLES / "example-2021.nianbao")
    report.set_value("s2.a20_8.fees.amount", "1.234567")
    wb = workbook(report)
    row = next(r for r in wb["数据"].iter_rows(min_row=2) if r[7].value == "s2.a20_8.fees.amount")
    assert row[4].value == pytest.approx(1.234567) and row[4].number_format == "0.000000"
    assert row[8].value == "1.234567"
    ws = wb["年度报告"]
    fee = next(c for c in ws[find(ws, "行政事业性收费").row] if c.data_type == "n" and c.value is not None)
    assert fee.value == pytest.approx(1.234567) and fee.number_format == "0.000000"


def test_blank_cells_stay_blank_and_zero_stays_zero() -> None:
    report = Report.new(get_format("2021"), "甲局", 2025)
    report.set_value("s3.new.natural", "0")
    wb = workbook(report)
    data = {r[7]: r[4] for r in wb["数据"].iter_rows(min_row=2, values_only=True) if r[7]}
    assert data["s3.new.natural"] == 0 and data["s3.new.business"] is None


def test_print_setup(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    _, wb = example_2021
    ws = wb["年度报告"]
    setup = ws.page_setup
    assert (str(setup.paperSize), setup.orientation) == (ws.PAPERSIZE_A4, "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"宋体", "仿宋", "黑体"}
    grid = find(ws, "自然人").border
    assert grid.left.style == grid.top.style == "thin"


def test_checks_sheet_lists_findings_and_reasons() -> None:
    report = load(EXAMPLES / "example-2021.nianbao")
    report.set_value("s2.a20_1.rules.issued", "1")
    report.accept("P4", "本机关为设区的市人民政府，有规章制定权")
    report.set_value("s3.new.natural", "17")
    rows = list(workbook(report)["校验"].iter_rows(values_only=True))
    assert rows[0][0] == "校验结果：2 个错误"  # 自然人 and 总计 columns of 三 no longer balance
    listed = [r for r in rows[3:]]
    assert [(r[1], r[2]) for r in listed] == [("错误", "R1"), ("错误", "R1"), ("警告", "P4")]
    assert [r[4] for r in listed[:2]] == [f.message for f in report.errors] and "自然人" in listed[0][4]
    assert listed[2][5:] == ("已说明", "本机关为设区的市人民政府，有规章制定权")


def test_document_properties(example_2021: tuple[Report, openpyxl.Workbook]) -> None:
    report, wb = example_2021
    assert wb.properties.title == "示例县交通运输局2025年政府信息公开工作年度报告"
    assert wb.properties.creator == "示例县交通运输局"
    with ZipFile(BytesIO(xlsx_bytes(report))) as archive:
        app = archive.read("docProps/app.xml").decode("utf-8")
    assert "<Application>年报" in app and "0.0100" in app
    assert __version__ in wb.properties.description


def test_long_prose_is_split_into_rows_excel_can_show() -> None:
    """Excel cannot show a row taller than 409 points: a long section spans several rows, nothing lost."""
    report = load(EXAMPLES / "example-2021.nianbao")
    paragraph = "本机关认真落实政府信息公开各项要求，持续完善主动公开目录，规范依申请公开办理流程。" * 60
    report.set_prose("s1", paragraph)
    ws = workbook(report)["年度报告"]
    rows = [c for c in ws["A"] if isinstance(c.value, str) and "持续完善" in c.value]
    assert len(rows) > 1
    assert "".join(c.value.strip() for c in rows) == paragraph
    assert max(ws.row_dimensions[c.row].height for c in rows) <= 409
    assert ws.row_breaks.brk  # several pages, broken by the exporter


def pages(ws: Worksheet) -> list[range]:
    """The sheet's rows, page by page, as its manual breaks divide them."""
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    starts = [1] + [b + 1 for b in breaks]
    ends = breaks + [ws.max_row]
    return [range(a, b + 1) for a, b in zip(starts, ends)]


@pytest.mark.parametrize("page_height", [330.0, 460.0, 700.0])
def test_pages_are_cut_where_a_reader_expects(monkeypatch: pytest.MonkeyPatch, page_height: float) -> None:
    """Each page fits; a heading never ends a page; 三 continued on a new page repeats its header and
    its vertical labels, each still tall enough for its stacked text."""
    import core.xlsx_report_sheet

    monkeypatch.setattr(core.xlsx_report_sheet, "PAGE_HEIGHT", page_height)
    report = load(EXAMPLES / "example-2021.nianbao")
    report.set_prose("s5", "\n".join(["本年度存在的问题和改进措施如下，逐项说明整改的时限和责任科室。" * 5] * 4))
    ws = workbook(report)["年度报告"]
    headings = {s.heading for s in report.spec.sections}
    for page in pages(ws):
        assert sum(ws.row_dimensions[r].height for r in page) <= page_height
        assert ws.cell(page[-1], 1).value not in headings
    header_rows = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("（本列数据的勾稽关系")]
    if page_height < 500:  # 三 is taller than such a page
        assert len(header_rows) >= 2
        assert all(row in [p[0] for p in pages(ws)] for row in header_rows[1:])
    for rng in ws.merged_cells.ranges:
        cell = ws.cell(rng.min_row, rng.min_col)
        if cell.alignment.text_rotation == 255:
            height = sum(ws.row_dimensions[r].height for r in range(rng.min_row, rng.max_row + 1))
            assert height >= len(cell.value) * cell.font.sz * 1.2, cell.value
    for page in pages(ws):
        shown = {str(c.value) for r in page for c in ws[r] if c.value is not None}
        if shown & {"（一）予以公开", "1.属于国家秘密", "3.其他", "（七）总计"}:
            assert "三、本年度办理结果" in shown  # a cut vertical label is written on both pages


def test_a_unit_other_than_the_one_the_header_states_is_printed(tmp_path: Path) -> None:
    """A format whose 收费金额 column says （单位：万元） but also allows 元: a clerk who picks 元 sees
    元 beside the figure in the workbook and in the PDF, not a bare number under the 万元 header."""
    import io
    import json

    from pypdf import PdfReader

    from core.formats import load_format
    from core.pdf_export import pdf_bytes
    from core.resources import resource_path

    data = json.loads(resource_path("formats", "2021.json").read_text(encoding="utf-8"))
    data["types"]["fee_amount"]["units"] = ["万元", "元"]
    variant = tmp_path / "2021-yuan.json"
    variant.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = Report.new(load_format(variant), "示例县交通运输局", 2025)
    report.set_unit("s2.a20_8.fees.amount", "元")
    report.set_value("s2.a20_8.fees.amount", "1200")
    ws = openpyxl.load_workbook(BytesIO(xlsx_bytes(report)))["年度报告"]
    fee = ws.cell(find(ws, "行政事业性收费").row, find(ws, "本年收费金额（单位：万元）").column)
    assert (fee.value, fee.number_format) == (1200, '0.00"元"')
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(report))).pages)
    assert "1200.00元" in text.replace(" ", "")
