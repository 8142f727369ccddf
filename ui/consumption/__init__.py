"""Verbruik: consumption per product, location and period, as a chart, a table and a report."""

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
    from ui.consumption.screen import ConsumptionScreen

    return ConsumptionScreen(context)


def _icon(_widget: QWidget) -> QIcon:
    from ui.consumption.icon import chart_icon

    return chart_icon()


SCREEN = ScreenDeclaration(
    name="consumption",
    title=N_("Verbruik"),
    shortcut="Ctrl+5",
    permission=Permission.STOCK_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)
