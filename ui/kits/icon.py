"""The EHBO screen's icon in the navigation rail: painted, cheap to import (the rail is built
before any screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

FIRST_AID_GREEN = "#2e7d32"


def first_aid_icon(size: int = 64) -> QIcon:
    """The first-aid sign: a white cross on green (no platform icon looks like it)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(FIRST_AID_GREEN))
    painter.drawRoundedRect(QRect(2, 2, size - 4, size - 4), size / 6, size / 6)
    painter.setBrush(QColor("white"))
    arm, long = size // 5, size * 3 // 5
    painter.drawRect(QRect((size - arm) // 2, (size - long) // 2, arm, long))
    painter.drawRect(QRect((size - long) // 2, (size - arm) // 2, long, arm))
    painter.end()
    return QIcon(pixmap)
