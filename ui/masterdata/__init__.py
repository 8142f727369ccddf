"""Stamgegevens: a zone's own products, locations and suppliers, with their dialogs."""

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
    from ui.masterdata.screen import MasterdataScreen

    return MasterdataScreen(context)


def _icon(widget: QWidget) -> QIcon:
    """A card index (the zone's lists): painted, the style's list icon is Bestellingen's."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

    pixmap = QPixmap(56, 56)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for offset, colour in ((12, "#90a4ae"), (6, "#607d8b"), (0, "#37474f")):
        painter.setPen(QPen(QColor("#263238"), 2))
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(4 + offset, 16 - offset, 36, 34), 4, 4)
    painter.setPen(QPen(QColor("#ffffff"), 3))
    for y in (30, 38, 46):
        painter.drawLine(10, y, 34, y)
    painter.end()
    return QIcon(pixmap)


# Ctrl+6: Ctrl+1..4 are taken, Ctrl+5 goes to Verbruik (built beside this screen).
SCREEN = ScreenDeclaration(
    name="masterdata",
    title=N_("Stamgegevens"),
    shortcut="Ctrl+6",
    # Everyone who reads stock may look; editing asks MASTERDATA_EDIT (read-only without).
    permission=Permission.STOCK_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,  # the theme has no named icon for it; the rail shows _icon
)
