"""Stuurbord: the start screen, what needs attention today, from the cards the features
declare (ui/shell/cards.py)."""

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
    from ui.dashboard.screen import DashboardScreen

    return DashboardScreen(context)


def _icon(_widget: QWidget) -> QIcon:
    """Four tiles, the cards of the stuurbord (no standard icon says "start screen")."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

    pixmap = QPixmap(56, 56)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for index, colour in enumerate(("#1565c0", "#c62828", "#f9a825", "#2e7d32")):
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(4 + 26 * (index % 2), 4 + 26 * (index // 2), 22, 22), 4, 4)
    painter.end()
    return QIcon(pixmap)


# Ctrl+0: the Ctrl+digit family of the rail without renumbering it (Voorraad stays Ctrl+1,
# as people and tests know it); 0 comes before 1 as the stuurbord comes before Voorraad.
SCREEN = ScreenDeclaration(
    name="dashboard",
    title=N_("Stuurbord"),
    shortcut="Ctrl+0",
    # Every role that reads anything reads stock; a card asks its own permission.
    permission=Permission.STOCK_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)
