"""The report's PDF in Qt: loaded from bytes, and printed page by page at the printer's resolution (≤ 600 dpi).

Printing draws the pages of the exported PDF, so paper, preview and PDF file always match.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

BAND_PIXELS = 1024  # a page is rendered in horizontal bands: a whole A4 page at 600 dpi would need 140 MB
MAX_DPI = 600  # finer than the eye can tell on paper; a 1200-dpi printer gets the page scaled up by its driver


def load_pdf(document: QPdfDocument, data: bytes) -> QBuffer:
    """Load data into document. The document reads from the returned buffer: keep it as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print the document's pages (those chosen in the print dialog) at true size; the number of pages printed.

    The printer must be set to full-page mode, so that the PDF's own margins are the margins on paper.
    """
    ranges = printer.pageRanges()
    pages = [p for p in range(document.pageCount()) if ranges.isEmpty() or ranges.contains(p + 1)]
    copies = 1 if printer.supportsMultipleCopies() else printer.copyCount()
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return 0
    try:
        for copy in range(copies):
            for n, page in enumerate(pages):
                if copy or n:
                    printer.newPage()
                _draw_page(painter, document, page, printer)
    finally:
        painter.end()
    return len(pages) * copies


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, printer: QPrinter) -> None:
    """One page at true size, centred on the paper; shrunk to fit smaller paper (Letter)."""
    dpi = printer.resolution()
    points = document.pagePointSize(page)
    paper = printer.pageLayout().fullRectPixels(dpi)
    fit = min(1.0, paper.width() / (points.width() * dpi / 72), paper.height() / (points.height() * dpi / 72))
    render_dpi = min(dpi, MAX_DPI)
    size = (points * (fit * render_dpi / 72)).toSize()
    painter.save()
    painter.translate((paper.width() - size.width() * dpi / render_dpi) / 2,
                      (paper.height() - size.height() * dpi / render_dpi) / 2)
    painter.scale(dpi / render_dpi, dpi / render_dpi)
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(size)
    for top in range(0, size.height(), BAND_PIXELS):
        band = QRect(0, top, size.width(), min(BAND_PIXELS, size.height() - top))
        options.setScaledClipRect(band)
        painter.drawImage(band.topLeft(), document.render(page, band.size(), options))
    painter.restore()
