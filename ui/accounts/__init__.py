"""Gebruikers: the accounts of the zone, their roles, passwords, tokens (the admin's)."""

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
    from ui.accounts.screen import AccountsScreen

    return AccountsScreen(context)


def _icon(widget: QWidget) -> QIcon:
    """Two people, one behind the other (the style has no "users" icon)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

    pixmap = QPixmap(56, 56)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for dx, colour in ((14, "#90a4ae"), (0, "#455a64")):
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(10 + dx, 6 + dx / 3, 20, 20))
        painter.drawRoundedRect(QRectF(4 + dx, 28 + dx / 3, 32, 22), 10, 10)
    painter.end()
    return QIcon(pixmap)


# Ctrl+9: Ctrl+0..6 are the other screens; Ctrl+7 and Ctrl+8 are left for the staff register
# and the audit trail.
SCREEN = ScreenDeclaration(
    name="accounts",
    title=N_("Gebruikers"),
    shortcut="Ctrl+9",
    permission=Permission.ACCOUNTS_ADMIN,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)
