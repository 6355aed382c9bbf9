"""Colours and small painted icons shared by the window's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

ERROR_COLOR = QColor("#d32f2f")
WARNING_COLOR = QColor("#e69500")
OK_COLOR = QColor("#2e7d32")
MUTED = "#5f6b7a"


_dots: dict[tuple[int, int], QIcon] = {}


def dot_icon(color: QColor, size: int = 12) -> QIcon:
    """A filled circle, for tab badges and the problems list (painted once per colour and size)."""
    key = (color.rgba(), size)
    if key not in _dots:
        _dots[key] = _paint_dot(color, size)
    return _dots[key]


def _paint_dot(color: QColor, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
