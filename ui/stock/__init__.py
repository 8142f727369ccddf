"""Voorraad: stock per location, the product detail, the booking dialogs, labels and report."""

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

# The stuurbord's cards of stock (ui/shell/cards.py); each service is imported on the worker.
_OVERVIEW = "carma_logistiek.services.stock.overview"
_STOCK_CHANGES = frozenset({"stock", "products", "locations"})
CARDS = [
    CardDeclaration(
        id="stock.under_minimum", title=N_("Onder minimum, niet besteld"),
        permission=Permission.STOCK_READ,
        query=service_query(f"{_OVERVIEW}:under_minimum_attention"),
        open=("stock", "under_minimum"), refresh_on=_STOCK_CHANGES | {"orders"}, order=10,
        empty=N_("Niets onder minimum"),
    ),
    CardDeclaration(
        id="stock.expired", title=N_("Vervallen in de rekken"), permission=Permission.STOCK_READ,
        query=service_query(f"{_OVERVIEW}:expired_attention"), open=("stock", "expired"),
        refresh_on=_STOCK_CHANGES, order=20, empty=N_("Geen vervallen voorraad"),
    ),
    CardDeclaration(
        id="stock.expiring", title=N_("Vervalt binnenkort"), permission=Permission.STOCK_READ,
        query=service_query(f"{_OVERVIEW}:expiring_attention",
                            horizon_days=lambda context: context.config.expiry_horizon_days),
        open=("stock", "expiring"), refresh_on=_STOCK_CHANGES, order=30,
        empty=N_("Niets vervalt binnenkort"),
    ),
    CardDeclaration(
        id="stock.bookings", title=N_("Laatste boekingen"), permission=Permission.STOCK_READ,
        query=service_query(f"{_OVERVIEW}:recent_bookings_attention"), open=("stock", ""),
        refresh_on=_STOCK_CHANGES, order=90, empty=N_("Nog niets geboekt"),
    ),
]
