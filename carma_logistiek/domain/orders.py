"""Purchase order life cycle: aangevraagd -> besteld -> deels geleverd -> geleverd, or geannuleerd."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from carma_logistiek.domain.errors import OrderNotEditable
from carma_logistiek.i18n import N_, _


class OrderStatus(enum.StrEnum):
    REQUESTED = "aangevraagd"
    ORDERED = "besteld"
    PARTIALLY_DELIVERED = "deels_geleverd"
    DELIVERED = "geleverd"
    CANCELLED = "geannuleerd"

    @property
    def label(self) -> str:
        return _(ORDER_STATUS_LABELS[self])

    @property
    def severity(self) -> str:
        return ORDER_STATUS_SEVERITY[self]

    @property
    def is_open(self) -> bool:
        """Open orders make a shortage show as "besteld" in the stock view."""
        return self in (OrderStatus.ORDERED, OrderStatus.PARTIALLY_DELIVERED)


ORDER_STATUS_LABELS = {
    OrderStatus.REQUESTED: N_("aangevraagd"),
    OrderStatus.ORDERED: N_("besteld"),
    OrderStatus.PARTIALLY_DELIVERED: N_("deels geleverd"),
    OrderStatus.DELIVERED: N_("geleverd"),
    OrderStatus.CANCELLED: N_("geannuleerd"),
}

ORDER_STATUS_SEVERITY = {
    OrderStatus.REQUESTED: "neutral",
    OrderStatus.ORDERED: "info",
    OrderStatus.PARTIALLY_DELIVERED: "attention",
    OrderStatus.DELIVERED: "ok",
    OrderStatus.CANCELLED: "neutral",
}


def require_editable(number: str, status: OrderStatus) -> None:
    """Lines and supplier may change until the order is delivered or cancelled."""
    if status in (OrderStatus.CANCELLED, OrderStatus.DELIVERED):
        raise OrderNotEditable(number=number, status=status.label)


def require_receivable(number: str, status: OrderStatus) -> None:
    if status not in (OrderStatus.REQUESTED, OrderStatus.ORDERED,
                      OrderStatus.PARTIALLY_DELIVERED):
        raise OrderNotEditable(number=number, status=status.label)


def status_after_receipt(lines: Iterable[tuple[int, int]]) -> OrderStatus:
    """Status from (ordered, received) per line once something was received."""
    pairs = list(lines)
    if pairs and all(received >= ordered for ordered, received in pairs):
        return OrderStatus.DELIVERED
    return OrderStatus.PARTIALLY_DELIVERED
