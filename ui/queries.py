"""Small read functions composed from services, for the pickers. They run on the worker
like any service call (first argument: the Database)."""

from __future__ import annotations

from typing import Any

from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.services import orders
from carma_logistiek.services.results import OrderLineRow, OrderRow

RECEIVABLE = frozenset(
    {OrderStatus.REQUESTED, OrderStatus.ORDERED, OrderStatus.PARTIALLY_DELIVERED}
)


def open_order_lines(db: Any, *, product_code: str) -> list[tuple[OrderRow, OrderLineRow]]:
    """Order lines of this product that still expect a delivery, oldest order first."""
    found: list[tuple[OrderRow, OrderLineRow]] = []
    for summary in reversed(orders.list_orders(db, statuses=RECEIVABLE)):
        order = orders.get_order(db, summary.number)
        found += [
            (order, line)
            for line in order.lines
            if line.product_code == product_code and line.outstanding > 0
        ]
    return found
