"""Audit: the trail of every write and every consultation of personal data, for the admin and
the DPO: search by person, record and period, an entry's records before and after, export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from carma_logistiek.domain.access import Permission
from carma_logistiek.i18n import N_
from ui.shell.screens import Screen, ScreenDeclaration

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget

    from ui.shell.context import AppContext


def _make_screen(context: AppContext) -> Screen:
    from ui.audit.screen import AuditScreen

    return AuditScreen(context)


def _icon(widget: QWidget) -> QIcon:
    """A page with lines under a magnifying glass (the style has no "audit" icon)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

    pixmap = QPixmap(56, 56)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#263238"), 2))
    painter.setBrush(QColor("#eceff1"))
    painter.drawRoundedRect(QRectF(6, 4, 32, 42), 3, 3)
    painter.setPen(QPen(QColor("#607d8b"), 3))
    for y in (14, 22, 30):
        painter.drawLine(12, y, 32, y)
    painter.setPen(QPen(QColor("#37474f"), 5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QRectF(26, 26, 18, 18))
    painter.drawLine(41, 41, 51, 51)
    painter.end()
    return QIcon(pixmap)


# Ctrl+8: Ctrl+7 is the staff register's, Ctrl+9 Gebruikers.
SCREEN = ScreenDeclaration(
    name="audit",
    title=N_("Audit"),
    shortcut="Ctrl+8",
    permission=Permission.AUDIT_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)
