"""Bestellingen: the list, one order, and every step from request to delivery."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.services.results import BookingResult, OrderLineRow, OrderRow
from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from ui.shell.context import AppContext as Context

OrderLines = Sequence[tuple[str, int]]  # product code, quantity


def list_orders(
    context: Context, *, search: str, statuses: frozenset[OrderStatus] | None
) -> QueryOp[list[OrderRow]]:
    def run(db: Any) -> list[OrderRow]:
        from carma_logistiek.services import orders

        return orders.list_orders(db, search=search, statuses=statuses)

    return QueryOp(context, run)


def get_order(context: Context, *, number: str) -> QueryOp[OrderRow]:
    def run(db: Any) -> OrderRow:
        from carma_logistiek.services import orders

        return orders.get_order(db, number)

    return QueryOp(context, run)


def receivable_order_lines(
    context: Context, *, product_code: str
) -> QueryOp[list[tuple[OrderRow, OrderLineRow]]]:
    def run(db: Any) -> list[tuple[OrderRow, OrderLineRow]]:
        from carma_logistiek.services import orders

        return orders.receivable_order_lines(db, product_code=product_code)

    return QueryOp(context, run)


def create_order(
    context: Context, *, supplier: str, location_code: str, lines: OrderLines, note: str
) -> WriteOp[OrderRow]:
    actor = context.actor

    def run(db: Any) -> OrderRow:
        from carma_logistiek.services import orders

        return orders.create_order(db, supplier=supplier, location_code=location_code,
                                   lines=list(lines), actor=actor, note=note)

    return WriteOp(context, run)


def update_order(
    context: Context, *, number: str, supplier: str, location_code: str, lines: OrderLines,
    note: str,
) -> WriteOp[OrderRow]:
    actor = context.actor

    def run(db: Any) -> OrderRow:
        from carma_logistiek.services import orders

        return orders.update_order(db, number, supplier=supplier, location_code=location_code,
                                   lines=list(lines), actor=actor, note=note)

    return WriteOp(context, run)


def mark_ordered(context: Context, *, number: str) -> WriteOp[OrderRow]:
    actor = context.actor

    def run(db: Any) -> OrderRow:
        from carma_logistiek.services import orders

        return orders.mark_ordered(db, number, actor=actor)

    return WriteOp(context, run)


def cancel_order(context: Context, *, number: str, reason: str) -> WriteOp[OrderRow]:
    actor = context.actor

    def run(db: Any) -> OrderRow:
        from carma_logistiek.services import orders

        return orders.cancel_order(db, number, reason=reason, actor=actor)

    return WriteOp(context, run)


def receive_order_line(
    context: Context,
    *,
    order_number: str,
    order_line_id: int,
    quantity: int,
    lot_number: str | None,
    expiry: date | None,
    location_code: str | None,
    note: str,
    key: str,
) -> WriteOp[BookingResult]:
    """Levering ontvangen: stock in, and the order's received quantity up."""
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import orders

        return orders.receive_order_line(db, order_line_id=order_line_id, quantity=quantity,
                                         actor=actor, lot_number=lot_number, expiry=expiry,
                                         location_code=location_code, note=note, key=key)

    return WriteOp(context, run, also=Changes(orders=frozenset({order_number})))


# --- the order list (bestellijst) ---------------------------------------------------------
def order_list(
    context: Context, *, location_code: str | None, days: int
) -> QueryOp[Any]:
    """What is under its minimum, with a suggested quantity (services/reordering.py)."""

    def run(db: Any) -> Any:
        from carma_logistiek.services import reordering

        return reordering.order_list(db, location_code=location_code or None, days=days)

    return QueryOp(context, run)


def create_orders_from_list(
    context: Context, *, lines: Sequence[tuple[str, str, str | None, int]], key: str
) -> WriteOp[Any]:
    """Bestellingen aanmaken: one order "aangevraagd" per supplier and location. ``lines``:
    (product code, location code, supplier code, quantity)."""
    actor = context.actor

    def run(db: Any) -> Any:
        from carma_logistiek.services import reordering

        chosen = tuple(reordering.OrderListChoice(*line) for line in lines)
        return reordering.create_orders_from_list(db, lines=chosen, actor=actor, key=key)

    return WriteOp(context, run)
