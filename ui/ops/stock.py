"""Stock: the overview, a product's detail, lots, scans and every booking."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.stock import StockStatus
from carma_logistiek.services.results import (
    BookingResult,
    MovementRow,
    PickupLot,
    ProductDetail,
    Recipient,
    StockRow,
)
from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult
    from carma_logistiek.services.stock.counting import CountSheet
    from carma_logistiek.services.stock.reversal import BookingToReverse
    from ui.shell.context import AppContext as Context

# A scanned basket line: product code, quantity, lot (None = FEFO), reason for an expired lot.
BasketInput = tuple[str, int, str | None, str | None]
# A counted line: product code, quantity found, lot, expiry of a new lot.
CountInput = tuple[str, int, str | None, date | None]


def new_request_key() -> str:
    """One key per request (a dialog, a basket): a retry with it never books twice."""
    import uuid

    return uuid.uuid4().hex


# --- reads -------------------------------------------------------------------------------
def stock_overview(
    context: Context,
    *,
    location_code: str | None,
    search: str = "",
    statuses: frozenset[StockStatus] | None = None,
    product_codes: Sequence[str] | None = None,
) -> QueryOp[list[StockRow]]:
    horizon = context.config.expiry_horizon_days
    codes = list(product_codes) if product_codes is not None else None

    def run(db: Any) -> list[StockRow]:
        from carma_logistiek.services.stock import overview

        return overview.stock_overview(db, location_code=location_code, search=search,
                                       statuses=statuses, horizon_days=horizon,
                                       product_codes=codes)

    return QueryOp(context, run)


def product_detail(
    context: Context, *, product_code: str, location_code: str | None
) -> QueryOp[ProductDetail]:
    def run(db: Any) -> ProductDetail:
        from carma_logistiek.services.stock import overview

        return overview.product_detail(db, product_code, location_code=location_code)

    return QueryOp(context, run)


def pickup_lots(
    context: Context, *, product_code: str, location_code: str
) -> QueryOp[list[PickupLot]]:
    def run(db: Any) -> list[PickupLot]:
        from carma_logistiek.services import stock

        return stock.pickup_lots(db, product_code=product_code, location_code=location_code)

    return QueryOp(context, run)


def resolve_scan(context: Context, *, text: str) -> QueryOp[ScanResult]:
    def run(db: Any) -> ScanResult:
        from carma_logistiek.services.scans import resolve_scan

        return resolve_scan(db, text=text)

    return QueryOp(context, run)


def count_sheet(context: Context, *, location_code: str) -> QueryOp[CountSheet]:
    def run(db: Any) -> CountSheet:
        from carma_logistiek.services.stock.counting import count_sheet

        return count_sheet(db, location_code)

    return QueryOp(context, run)


# --- bookings ----------------------------------------------------------------------------
def record_pickup_basket(
    context: Context,
    *,
    location_code: str,
    lines: Sequence[BasketInput],
    recipient: Recipient | None,
    key: str,
) -> WriteOp[BookingResult]:
    """Afhaling at the counter: the whole scanned basket in one booking."""
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        basket = [stock.BasketLine(*line) for line in lines]
        return stock.record_pickup_basket(db, location_code=location_code, lines=basket,
                                          actor=actor, recipient=recipient, key=key)

    return WriteOp(context, run)


def record_pickup(
    context: Context,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    lot_number: str | None,
    recipient: Recipient | None,
    override_reason: str | None,
    note: str,
    key: str,
    consumption: bool = False,
) -> WriteOp[BookingResult]:
    """Afhaling (or Verbruik, the same form booked as consumption)."""
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        book = stock.record_consumption if consumption else stock.record_pickup
        return book(db, product_code=product_code, location_code=location_code,
                    quantity=quantity, actor=actor, lot_number=lot_number,
                    recipient=recipient, override_reason=override_reason, note=note, key=key)

    return WriteOp(context, run)


def record_delivery(
    context: Context,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    lot_number: str | None,
    expiry: date | None,
    order_line_id: int | None,
    order_number: str | None,
    key: str,
    note: str = "",
) -> WriteOp[BookingResult]:
    """Levering; against an open order line when one is chosen (that order changes too)."""
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        return stock.record_delivery(db, product_code=product_code, location_code=location_code,
                                     quantity=quantity, actor=actor, lot_number=lot_number,
                                     expiry=expiry, order_line_id=order_line_id, note=note,
                                     key=key)

    orders = frozenset({order_number}) if order_line_id is not None and order_number else None
    return WriteOp(context, run, also=Changes(orders=orders or frozenset()))


def record_transfer(
    context: Context,
    *,
    product_code: str,
    from_location: str,
    to_location: str,
    quantity: int,
    lot_number: str | None,
    note: str,
    key: str,
) -> WriteOp[BookingResult]:
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        return stock.record_transfer(db, product_code=product_code, from_location=from_location,
                                     to_location=to_location, quantity=quantity, actor=actor,
                                     lot_number=lot_number, note=note, key=key)

    return WriteOp(context, run)


def record_count(
    context: Context,
    *,
    location_code: str,
    lines: Sequence[CountInput],
    complete: bool = False,
    note: str = "",
    key: str,
) -> WriteOp[BookingResult]:
    """Telling: what was found; the differences are booked as corrections."""
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        counted = [stock.CountLine(*line) for line in lines]
        return stock.record_count(db, location_code=location_code, lines=counted,
                                  actor=actor, complete=complete, note=note, key=key)

    return WriteOp(context, run)


def write_off_expired(
    context: Context,
    *,
    product_code: str,
    location_code: str,
    lot_number: str | None,
    quantity: int | None,
    note: str,
    key: str,
) -> WriteOp[BookingResult]:
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        return stock.write_off_expired(db, product_code=product_code,
                                       location_code=location_code, lot_number=lot_number,
                                       quantity=quantity, actor=actor, note=note, key=key)

    return WriteOp(context, run)


# --- storno ------------------------------------------------------------------------------
def booking_to_reverse(context: Context, *, booking_id: int) -> QueryOp[BookingToReverse]:
    """What reversing a booking would book, and why it cannot when it cannot."""
    def run(db: Any) -> BookingToReverse:
        from carma_logistiek.services.stock.reversal import booking_to_reverse

        return booking_to_reverse(db, booking_id)

    return QueryOp(context, run)


def booking_movements(context: Context, *, booking_id: int) -> QueryOp[list[MovementRow]]:
    """Toon boeking: every line of one booking."""
    def run(db: Any) -> list[MovementRow]:
        from carma_logistiek.services.stock.reversal import booking_movements

        return booking_movements(db, booking_id)

    return QueryOp(context, run)


def last_reversible_booking(context: Context, *, product_code: str,
                            location_code: str) -> QueryOp[int | None]:
    def run(db: Any) -> int | None:
        from carma_logistiek.services.stock.reversal import last_reversible_booking

        return last_reversible_booking(db, product_code=product_code,
                                       location_code=location_code)

    return QueryOp(context, run)


def reverse_booking(context: Context, *, booking_id: int, reason: str,
                    key: str) -> WriteOp[BookingResult]:
    """Boeking terugdraaien (storno): the opposite lines, with the reason."""
    actor = context.actor

    def run(db: Any) -> BookingResult:
        from carma_logistiek.services import stock

        return stock.reverse_booking(db, booking_id=booking_id, reason=reason, actor=actor,
                                     key=key)

    return WriteOp(context, run)
