"""Personeel: the staff register. Find staff members, open one (logged), add and edit them,
and keep their dated state (in dienst, NAPA, loopbaanonderbreking, …)."""

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
    from ui.people.screen import PeopleScreen

    return PeopleScreen(context)


def _icon(widget: QWidget) -> QIcon:
    """Two people, head and shoulders (the style has no icon for a staff register)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

    pixmap = QPixmap(56, 56)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#263238"), 2))
    for x, colour in ((22, "#90a4ae"), (4, "#37474f")):
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(x + 8, 8, 16, 16))
        painter.drawChord(QRectF(x, 26, 32, 36), 0, 180 * 16)
    painter.end()
    return QIcon(pixmap)


# Ctrl+7: Ctrl+0..6 are the other screens, Ctrl+8 is Audit and Ctrl+9 Gebruikers.
SCREEN = ScreenDeclaration(
    name="people",
    title=N_("Personeel"),
    shortcut="Ctrl+7",
    permission=Permission.STAFF_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)
