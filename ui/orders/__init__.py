"""Bestellingen: purchase orders from request to delivery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from carma_logistiek.domain.access import Permission
from carma_logistiek.i18n import N_
from ui.shell import theme
from ui.shell.screens import Screen, ScreenDeclaration

if TYPE_CHECKING:
    from ui.shell.context import AppContext


def _make_screen(context: AppContext) -> Screen:
    from ui.orders.screen import OrdersScreen

    return OrdersScreen(context)


SCREEN = ScreenDeclaration(
    name="orders",
    title=N_("Bestellingen"),
    shortcut="Ctrl+2",
    permission=Permission.ORDERS_EDIT,
    factory=_make_screen,
    icon=lambda widget: theme.icon(widget, "orders"),
)
