"""The PDF as a reader sees it: text that can be copied, embedded fonts, watermark, appendix, flow."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from core import APP_NAME, __version__
from core.formats import Table
from core.linebreak import NO_LINE_START
from core.pdf_export import WATERMARK, pdf_bytes, unprintable_characters
from core.report import Report
from core.storage import load, save
from core.table_layout import LABEL, table_grid

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {"2019": ROOT / "resources/examples/cixi-emergency-2019.nianbao",
            "2021": ROOT / "resources/examples/example-2021.nianbao"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def example_pdf(format_id: str) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(load(EXAMPLES[format_id]))))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def all_text(reader: PdfReader) -> str:
    """The document's text without white space and page numbers, so paragraphs read across pages."""
    return "".join(re.sub(r"—\d+—$", "", squash(text)) for text in page_texts(reader))


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_title_headings_and_prose_can_be_copied(format_id: str) -> None:
    report, text = load(EXAMPLES[format_id]), all_text(example_pdf(format_id))
    assert text.startswith(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    for section in report.spec.sections:
        assert section.heading in text
    for section in report.spec.prose_sections:
        for paragraph in report.prose[section.id].split("\n"):
            assert squash(paragraph) in text


def row_runs(report: Report, table: Table) -> list[str]:
    """Each data row as printed: its label followed by its values, left to right."""
    labels = {c.row: c.text for c in table_grid(table).cells if c.kind == LABEL and not c.group}
    top = len(table.header)
    return [
        squash(labels.get(top + i, "") + "".join(report.display(table.cell_id(row.id, col.id)) for col in table.columns))
        for i, row in enumerate(table.data_rows)
    ]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_table_label_and_number_is_in_its_row(format_id: str) -> None:
    report, text = load(EXAMPLES[format_id]), all_text(example_pdf(format_id))
    for table in report.spec.tables.values():
        if table.caption:
            assert table.caption in text
        for cell in table_grid(table).cells:
            if cell.text:
                assert squash(cell.text) in text, cell.text
        for run in row_runs(report, table):
            assert run in text, run


def test_signed_numbers_print_with_their_sign() -> None:
    text = all_text(example_pdf("2019"))
    assert "行政许可9+968" in text and "其他对外管理服务事项15+1881" in text


def test_amount_printed_with_the_unit_the_clerk_chose() -> None:
    text = all_text(example_pdf("2019"))
    assert "采购总金额（单位：元）" in text and "政府集中采购15392140.00" in text


def test_every_font_is_embedded() -> None:
    """Each font carries its TrueType program (FontFile2), so every PC shows the same glyphs."""
    for format_id in ("2019", "2021"):
        fonts = {}
        for page in example_pdf(format_id).pages:
            fonts.update({name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()})
        assert fonts
        for font in fonts.values():
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]


def test_no_line_starts_with_a_closing_mark() -> None:
    for format_id in ("2019", "2021"):
        for page in page_texts(example_pdf(format_id)):
            for line in page.splitlines():
                assert not (line.strip() and line.strip()[0] in NO_LINE_START), line


def test_section_three_repeats_its_header_on_every_page() -> None:
    report = load(EXAMPLES["2021"])
    labels = [squash(r.label) for r in report.spec.tables["s3"].data_rows]
    pages = [squash(t) for t in page_texts(example_pdf("2021"))]
    with_rows = [p for p in pages if any(label in p for label in labels)]
    assert len(with_rows) >= 2  # 25 rows do not fit on one page
    assert all("申请人情况" in p and "法律服务机构" in p for p in with_rows)


def test_metadata() -> None:
    info = example_pdf("2021").metadata
    assert info.title == "示例县交通运输局2025年政府信息公开工作年度报告"
    assert info.author == "示例县交通运输局"
    assert "2021年格式" in info.subject
    assert info.creator == f"{APP_NAME} {__version__}"


def test_agency_and_date_close_the_report() -> None:
    last = squash(page_texts(example_pdf("2021"))[-1])
    assert re.search(r"本年度未收取信息处理费。示例县交通运输局2026年1月20日—\d+—$", last)


def test_a_long_agency_name_stays_within_the_page() -> None:
    """广西壮族自治区… : the signature line is set smaller, not pushed past the left edge."""
    report = load(EXAMPLES["2021"])
    agency = "广西壮族自治区北部湾经济区规划建设管理委员会办公室政务公开工作领导小组"
    report.set_meta("agency", agency)
    page = PdfReader(io.BytesIO(pdf_bytes(report))).pages[-1]
    starts: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() and text.strip()[0] == "广":
            starts.append(cm[4] + tm[4] * cm[0])

    page.extract_text(visitor_text=visit)
    assert agency in squash(page.extract_text())
    assert starts and all(0 < x < float(page.mediabox.width) / 2 for x in starts)


def test_characters_no_font_has_are_named_for_a_warning() -> None:
    report = load(EXAMPLES["2021"])
    assert unprintable_characters(report) == ""
    report.set_prose("s6", "联系人王堃、李喆、张赟珺，以及𠀀字和😀。𠀀")
    assert unprintable_characters(report) == "𠀀😀"


def test_page_numbers_between_dashes() -> None:
    pages = page_texts(example_pdf("2019"))
    for number, text in enumerate(pages, 1):
        assert squash(text).endswith(f"—{number}—")


def test_watermark_exactly_when_there_are_errors() -> None:
    assert WATERMARK not in "".join(page_texts(example_pdf("2021")))
    report = load(EXAMPLES["2021"])
    report.set_value("s3.new.natural", "99")  # 一 + 二 no longer equals 三 + 四
    assert report.errors
    pages = page_texts(PdfReader(io.BytesIO(pdf_bytes(report))))
    assert all(squash(WATERMARK) in squash(text) for text in pages)


def test_accepted_warnings_are_explained_in_an_appendix() -> None:
    assert "校验说明" not in all_text(example_pdf("2021"))
    report = load(EXAMPLES["2021"])
    report.set_prose("s1", report.prose["s1"] * 3)
    warning = next(f for f in report.findings if f.rule == "P8")
    report.accept(warning.key, "本年度新增专项工作较多，需逐项说明")
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(report))))
    assert "校验说明" in text and squash(warning.message) in text and "本年度新增专项工作较多，需逐项说明" in text
    assert squash(WATERMARK) not in text  # a warning is not an error


def test_long_prose_flows_over_pages() -> None:
    """20,000 characters in one section, and one paragraph longer than a page, need no manual help."""
    report = load(EXAMPLES["2021"])
    sentence = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    report.set_prose("s1", "\n".join([sentence * 10] * 50) + "\n一段结尾。")
    single = sentence * 60 + "（完）"
    report.set_prose("s5", single)
    report.set_prose("s6", single)  # the last paragraph, which the signature follows
    assert sum(len(p) for p in report.prose["s1"].split("\n")) > 20000
    reader = PdfReader(io.BytesIO(pdf_bytes(report)))
    assert len(reader.pages) > len(example_pdf("2021").pages) + 20
    text = all_text(reader)
    assert "一段结尾。" in text and squash(single) in text
    assert text.count(sentence) == 500 + 60 + 60
    last = squash(reader.pages[-1].extract_text())
    assert re.fullmatch(r"[^—]*公开。（完）示例县交通运输局2026年1月20日—\d+—", last)  # never a signature alone


def test_a_long_number_is_set_smaller_not_broken() -> None:
    """A nine-digit count in a narrow column of 三 stays on one line."""
    report = load(EXAMPLES["2021"])
    report.set_value("s3.new.natural", "123456789")
    words = "".join(page_texts(PdfReader(io.BytesIO(pdf_bytes(report))))).split()
    assert "123456789" in words and "123456793" in words  # the cell, and the computed 总计


def test_markup_like_text_prints_as_typed() -> None:
    report = load(EXAMPLES["2021"])
    report.set_prose("s6", "本年度未收取信息处理费。<b>注</b>：A&B <br/> 无")
    assert "本年度未收取信息处理费。<b>注</b>：A&B<br/>无" in all_text(PdfReader(io.BytesIO(pdf_bytes(report))))


def test_blank_agency_and_empty_sections_still_print() -> None:
    report = Report.new(load(EXAMPLES["2019"]).spec, "", 2019)
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(report))))
    assert text.startswith("2019年政府信息公开工作年度报告") and "六、其他需要报告的事项" in text


def test_export_command(tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    command = [sys.executable, str(ROOT / "main.py"), "export", str(EXAMPLES["2019"]), "--pdf", str(out)]
    first = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert first.returncode == 0, first.stderr
    written = out.read_bytes()
    assert written.startswith(b"%PDF") and "慈溪市应急管理局" in PdfReader(out).metadata.author
    out.write_bytes(b"older export")
    again = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert again.returncode == 2 and "--force" in again.stderr and out.read_bytes() == b"older export"
    forced = subprocess.run([*command, "--force"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert forced.returncode == 0 and out.read_bytes().startswith(b"%PDF")


def test_export_command_warns_about_unprintable_characters(tmp_path: Path) -> None:
    report = load(EXAMPLES["2021"])
    report.set_meta("agency", "示例县𠀀镇人民政府")
    source = tmp_path / "报告.nianbao"
    save(report, source)
    command = [sys.executable, str(ROOT / "main.py"), "export", str(source), "--pdf", str(tmp_path / "报告.pdf")]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and "𠀀" in done.stderr and "空白" in done.stderr
    assert (tmp_path / "报告.pdf").read_bytes().startswith(b"%PDF")
