"""Voorraad: stock per location, the product detail, the booking dialogs, labels and report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from carma_logistiek.domain.access import Permission
from carma_logistiek.i18n import N_
from ui.shell import theme
from ui.shell.screens import Screen, ScreenDeclaration

if TYPE_CHECKING:
    from ui.shell.context import AppContext


def _make_screen(context: AppContext) -> Screen:
    from ui.stock.screen import StockScreen

    return StockScreen(context)


SCREEN = ScreenDeclaration(
    name="stock",
    title=N_("Voorraad"),
    shortcut="Ctrl+1",
    permission=Permission.STOCK_READ,
    factory=_make_screen,
    icon=lambda widget: theme.icon(widget, "stock"),
)
