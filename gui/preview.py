"""The 预览 tab: the report exactly as its PDF prints, refreshed a moment after the last edit.

Making the PDF costs tens of milliseconds, so it is made only while the tab is shown (or as it is
shown), and only after the edits have paused for REFRESH_MS.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QMargins, QPointF, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from core.pdf_export import pdf_bytes
from core.report import Change, Report
from gui import crash
from gui.printing import load_pdf
from gui.theme import ERROR_COLOR, MUTED

REFRESH_MS = 800
PAGE_WIDTH = 900  # widest a page is drawn: a 1920-pixel-wide A4 page would show a third of a page at a time
MARGIN = 12


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


class PreviewPage(QWidget):
    """The report's PDF in a scrolling view, with page and zoom buttons and the given actions (打印, 导出 PDF)."""

    def __init__(self, report: Report, actions: list[QAction]):
        super().__init__()
        self.report = report
        self.document = QPdfDocument(self)
        self.buffer: QBuffer | None = None  # what the document reads from
        self.stale = True
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(MARGIN)
        self.view.pageNavigator().currentPageChanged.connect(self._show_position)

        self.previous = _button("上一页", "上一页（PageUp）")
        self.next = _button("下一页", "下一页（PageDown）")
        self.previous.clicked.connect(lambda: self.go_to_page(self.page() - 1))
        self.next.clicked.connect(lambda: self.go_to_page(self.page() + 1))
        for key, step in ((QKeySequence.StandardKey.MoveToPreviousPage, -1), (QKeySequence.StandardKey.MoveToNextPage, 1)):
            shortcut = QShortcut(key, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.go_to_page(self.page() + step))
        self.position = QLabel()
        zooms = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 6, 12, 6)
        bar.addWidget(self.previous)
        bar.addWidget(self.next)
        bar.addSpacing(8)
        bar.addWidget(self.position)
        bar.addSpacing(24)
        for text, mode in (("适合宽度", QPdfView.ZoomMode.FitToWidth), ("整页", QPdfView.ZoomMode.FitInView)):
            button = _button(text, f"缩放：{text}")
            button.setCheckable(True)
            button.setChecked(mode == self.view.zoomMode())
            button.clicked.connect(lambda _checked=False, mode=mode: self.view.setZoomMode(mode))
            zooms.addButton(button)
            bar.addWidget(button)
        bar.addSpacing(24)
        self.notice = QLabel()
        bar.addWidget(self.notice, 1)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._unsubscribe = report.subscribe(self._changed)
        self._show_position()

    def detach(self) -> None:
        self._unsubscribe()
        self.timer.stop()

    def page(self) -> int:
        """The page at the top of the view (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.document.pageCount():
            navigator = self.view.pageNavigator()
            navigator.jump(page, QPointF(), navigator.currentZoom())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width() - self.view.verticalScrollBar().sizeHint().width()
        side = max(MARGIN, (width - PAGE_WIDTH) // 2)  # "fit to width", up to PAGE_WIDTH
        self.view.setDocumentMargins(QMargins(side, MARGIN, side, MARGIN))

    def _changed(self, _change: Change) -> None:
        self.stale = True
        if self.isVisible():
            self.timer.start()  # restarted by every edit: the PDF is made once they pause

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Make the PDF again; the view keeps its scroll position, so the clerk stays on the page being read."""
        self.timer.stop()
        self.stale = False
        try:
            data = pdf_bytes(self.report)
        except Exception:  # a preview that fails must not interrupt the clerk's typing; export shows the cause
            crash.logger().exception("preview failed")
            self.notice.setText("无法生成预览。请用“导出 PDF”查看原因，详细信息已写入日志。")
            self.notice.setStyleSheet(f"color: {ERROR_COLOR.name()};")
            return
        self.buffer = load_pdf(self.document, data)  # the old buffer goes only now that the document let it go
        self._show_position()
        draft = bool(self.report.errors)
        self.notice.setText("报告有错误，打印稿带“草稿”水印；改正后水印自动消失。" if draft else "与导出的 PDF 和打印稿完全一致。")
        self.notice.setStyleSheet(f"color: {ERROR_COLOR.name() if draft else MUTED};")

    def _show_position(self, *_args: object) -> None:
        count, page = self.document.pageCount(), self.page()
        self.position.setText(f"第 {page + 1} 页，共 {count} 页" if count else "")
        self.previous.setEnabled(page > 0)
        self.next.setEnabled(page + 1 < count)
