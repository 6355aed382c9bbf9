"""The 预览 tab and 文件 → 打印: a mixin of MainWindow.

The preview (and Qt's PDF modules behind it) is built when its tab is first shown, so opening the
window costs nothing extra. Printing asks only through ask_printer, which tests replace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from gui.preview import PreviewPage
    from gui.window import MainWindow

    _Base = MainWindow
else:
    _Base = object

PREVIEW_TITLE = "预览"


class PreviewActions(_Base):
    preview: PreviewPage | None = None
    _preview_holder: QWidget | None = None

    def add_preview_tab(self) -> None:
        """After the section tabs of a new report: an empty 预览 tab (the old preview goes)."""
        if self.preview is not None:
            self.preview.detach()
        if self._preview_holder is not None:
            self._preview_holder.deleteLater()
        self.preview = self._preview_holder = None
        if self.report is not None:
            self._preview_holder = QWidget()
            QVBoxLayout(self._preview_holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(self._preview_holder, PREVIEW_TITLE)
            self.tabs.setTabToolTip(self.tabs.count() - 1, "报告打印出来的样子（与导出的 PDF 相同）")

    def build_preview(self) -> PreviewPage | None:
        """The preview, built on first use."""
        if self.preview is None and self.report is not None and self._preview_holder is not None:
            from gui.preview import PreviewPage

            self.preview = PreviewPage(self.report, [self.print_action, self.export_pdf_action])
            self._preview_holder.layout().addWidget(self.preview)
            self.preview.show()  # now, not on the next event-loop turn: showing makes the PDF
        return self.preview

    def show_preview(self) -> PreviewPage | None:
        if self._preview_holder is not None:
            self.tabs.setCurrentWidget(self._preview_holder)
        return self.build_preview()

    def print_report(self) -> int:
        """文件 → 打印: the report's PDF on paper; the number of pages printed (0 if nothing was)."""
        self.commit_pending_edit()
        if self.report is None:
            return 0
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrinter

        from core.pdf_export import pdf_bytes
        from gui.printing import load_pdf, print_pdf

        document = QPdfDocument()
        buffer = load_pdf(document, pdf_bytes(self.report))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.report.title)
        printer.setFullPage(True)  # the PDF carries its own margins
        if not self.ask_printer(printer, document.pageCount()):
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pdf(document, printer)
        finally:
            QApplication.restoreOverrideCursor()
            document.close()
            buffer.close()
        if printed:
            self.statusBar().showMessage(f"已发送 {printed} 页到打印机“{printer.printerName() or printer.outputFileName()}”", 8000)
        else:
            self.show_error("没有打印任何页面。请检查打印机是否可用，以及所选的页码范围。", "打印")
        return printed

    def ask_printer(self, printer: QPrinter, pages: int) -> bool:
        """The print dialog: the clerk chooses the printer, the pages and the copies. False when cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印报告")
        dialog.setMinMax(1, pages)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted
