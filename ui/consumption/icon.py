"""The Verbruik screen's icon in the navigation rail: three bars, painted (cheap to import:
the rail is built before any screen)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

BAR_BLUE = "#1f77b4"


def chart_icon(size: int = 64) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BAR_BLUE))
    width = size / 5
    for index, height in enumerate((0.45, 0.8, 0.6)):
        left = size * 0.12 + index * width * 1.35
        painter.drawRoundedRect(QRectF(left, size * (0.92 - height), width, size * height),
                                2, 2)
    painter.setBrush(QColor("#6b6b6b"))
    painter.drawRect(QRectF(size * 0.06, size * 0.92, size * 0.88, size * 0.04))
    painter.end()
    return QIcon(pixmap)
