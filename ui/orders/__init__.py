"""Bestellingen: purchase orders from request to delivery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from carma_logistiek.domain.access import Permission
from carma_logistiek.i18n import N_
from ui.shell import theme
from ui.shell.cards import CardDeclaration, service_query
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

# The stuurbord's card of orders (ui/shell/cards.py).
CARDS = [
    CardDeclaration(
        id="orders.late", title=N_("Bestellingen te laat"), permission=Permission.ORDERS_EDIT,
        query=service_query("carma_logistiek.services.orders:late_orders_attention"),
        open=("orders", "late"), refresh_on=frozenset({"orders", "suppliers"}), order=50,
        empty=N_("Geen bestelling te laat"),
    ),
]
