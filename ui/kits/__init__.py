"""EHBO: the first-aid kits — register, planning, the check of one kit, kit types."""

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
    from ui.kits.screen import KitsScreen

    return KitsScreen(context)


def _icon(_widget: QWidget) -> QIcon:
    from ui.kits.icon import first_aid_icon

    return first_aid_icon()


SCREEN = ScreenDeclaration(
    name="kits",
    title=N_("EHBO"),
    shortcut="Ctrl+4",
    permission=Permission.KITS_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)
