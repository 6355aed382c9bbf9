"""The 预览 tab shows the report's PDF and follows edits; 文件 → 打印 prints those pages."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

import core.settings
from core.pdf_export import pdf_bytes
from gui.preview import PreviewPage
from gui.printing import load_pdf as _load
from gui.window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
WAIT_MS = 10000  # generous for a loaded CI machine; the preview refreshes about a second after the last edit


def _pages(data: bytes) -> int:
    document = QPdfDocument()
    buffer = _load(document, data)
    count = document.pageCount()
    buffer.close()
    return count


def _text(preview: PreviewPage, page: int = 0) -> str:
    return preview.document.getAllText(page).text()


def _open_preview(window: MainWindow, example: Path) -> PreviewPage:
    assert window.open_report(example)
    preview = window.show_preview()
    assert preview is not None and preview.isVisible()
    return preview


def test_preview_shows_every_page_of_the_report(window: MainWindow, example: Path) -> None:
    preview = _open_preview(window, example)
    pages = _pages(pdf_bytes(window.report))
    assert pages >= 3 and preview.document.pageCount() == pages
    assert "示例县交通运输局" in _text(preview) and "政府信息公开工作年度报告" in _text(preview)
    assert preview.position.text() == f"第 1 页，共 {pages} 页"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "预览"


def test_a_new_agency_name_appears_after_a_pause(window: MainWindow, qtbot: Any, example: Path) -> None:
    preview = _open_preview(window, example)
    window.report.set_meta("agency", "示例县应急管理局")
    assert "示例县应急管理局" not in _text(preview)  # not on every keystroke
    qtbot.waitUntil(lambda: "示例县应急管理局" in _text(preview), timeout=WAIT_MS)


def test_long_prose_adds_pages(window: MainWindow, qtbot: Any, example: Path) -> None:
    preview = _open_preview(window, example)
    before = preview.document.pageCount()
    window.report.set_prose("s5", "加强政府信息公开平台建设，提高公开质量和实效。\n" * 870)  # about 20,000 characters
    qtbot.waitUntil(lambda: preview.document.pageCount() >= before + 8, timeout=WAIT_MS)


def test_an_error_marks_the_preview_as_a_draft(window: MainWindow, qtbot: Any, example: Path) -> None:
    preview = _open_preview(window, example)
    assert "草稿" not in preview.notice.text()
    window.report.set_value("s3.new.natural", "40")  # breaks an identity of 三
    assert window.report.errors
    qtbot.waitUntil(lambda: "草稿" in preview.notice.text(), timeout=WAIT_MS)
    window.report.undo()
    qtbot.waitUntil(lambda: "草稿" not in preview.notice.text(), timeout=WAIT_MS)


def test_edits_on_other_tabs_wait_until_the_preview_is_shown(window: MainWindow, example: Path) -> None:
    preview = _open_preview(window, example)
    window.show_section("cover")
    window.report.set_meta("agency", "示例县应急管理局")
    assert not preview.timer.isActive() and preview.stale  # no PDF is made for a hidden tab
    window.show_preview()
    assert "示例县应急管理局" in _text(preview) and not preview.stale


def test_the_page_being_read_stays_after_a_refresh(window: MainWindow, qtbot: Any, example: Path) -> None:
    preview = _open_preview(window, example)
    preview.go_to_page(2)
    qtbot.waitUntil(lambda: preview.page() == 2)
    window.report.set_meta("contact", "王五")
    qtbot.waitUntil(lambda: not preview.stale and not preview.timer.isActive(), timeout=WAIT_MS)
    assert preview.page() == 2 and preview.position.text().startswith("第 3 页")


def test_page_keys_and_buttons_turn_pages(window: MainWindow, qtbot: Any, example: Path) -> None:
    preview = _open_preview(window, example)
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: preview.page() == 1)
    preview.next.click()
    qtbot.waitUntil(lambda: preview.page() == 2)
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: preview.page() == 1)
    preview.go_to_page(0)
    qtbot.waitUntil(lambda: not preview.previous.isEnabled())


def test_another_report_replaces_the_preview(window: MainWindow, example: Path) -> None:
    _open_preview(window, example)
    assert window.open_report(EXAMPLES / "cixi-emergency-2019.nianbao")
    preview = window.show_preview()
    assert preview is not None and "慈溪市应急管理局" in _text(preview)


def test_a_preview_that_cannot_be_made_says_so_and_writes_the_cause_to_the_log(
        window: MainWindow, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(report: object) -> bytes:
        raise RuntimeError("font table damaged")

    monkeypatch.setattr("gui.preview.pdf_bytes", broken)
    preview = _open_preview(window, example)
    assert "无法生成预览" in preview.notice.text()
    log = logging.getLogger("nianbao")
    try:
        for handler in log.handlers:
            handler.flush()
        assert "font table damaged" in (core.settings.log_dir() / "nianbao.log").read_text(encoding="utf-8")
    finally:
        for handler in list(log.handlers):
            log.removeHandler(handler)
            handler.close()


def test_printing_gives_the_pages_of_the_pdf(window: MainWindow, answers: Any, example: Path, tmp_path: Path) -> None:
    assert window.open_report(example)
    answers.print_to = tmp_path / "打印.pdf"
    window.print_action.trigger()
    pages = _pages(pdf_bytes(window.report))
    printed = QPdfDocument()
    printed.load(str(answers.print_to))
    assert printed.pageCount() == pages and "printer" in answers.asked
    size = printed.pagePointSize(0)
    assert abs(size.width() - 595) < 2 and abs(size.height() - 842) < 2  # A4, printed at true size
    image = printed.render(0, QSize(120, 170))
    inked = sum(image.pixelColor(x, y).alpha() > 0 and image.pixelColor(x, y) != QColor("white")
                for x in range(0, 120, 2) for y in range(0, 170, 2))
    assert inked > 100  # the page carries the report, not a blank sheet


def test_cancelled_print_prints_nothing(window: MainWindow, answers: Any, example: Path) -> None:
    assert window.open_report(example)
    answers.print_to = None
    assert window.print_report() == 0
    assert "printer" in answers.asked and not answers.errors


def test_printing_only_the_chosen_pages(window: MainWindow, answers: Any, example: Path, tmp_path: Path) -> None:
    assert window.open_report(example)
    target = tmp_path / "第2至3页.pdf"

    def choose_pages(printer: QPrinter, pages: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(100)
        ranges = QPageRanges()
        ranges.addRange(2, 3)
        printer.setPageRanges(ranges)
        return True

    window.ask_printer = choose_pages  # type: ignore[method-assign]
    assert window.print_report() == 2
    printed = QPdfDocument()
    printed.load(str(target))
    original = QPdfDocument()
    buffer = _load(original, pdf_bytes(window.report))
    assert printed.pageCount() == 2
    first = _ink_by_row(printed, 0)
    nearest = min(range(original.pageCount()), key=lambda page: _distance(first, _ink_by_row(original, page)))
    assert nearest == 1  # the sheet on top is page 2
    buffer.close()


def _ink_by_row(document: QPdfDocument, page: int) -> list[int]:
    """How much ink each pixel row of the page carries, at the printer's 100 dpi (page images are not resampled)."""
    image = document.render(page, QSize(827, 1169))
    alpha, width = bytes(image.constBits())[3::4], image.width()
    return [sum(alpha[row * width:(row + 1) * width]) for row in range(image.height())]


def _distance(a: list[int], b: list[int]) -> int:
    return sum(abs(x - y) for x, y in zip(a, b))
