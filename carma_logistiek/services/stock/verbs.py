"""Stock verbs: delivery, pickup, consumption, a scanned basket, transfer, expiry write-off.

Each verb is a write (services/command.py): its permission, one transaction, one idempotency
key. Pass the same ``key`` again with the same request (a retry after a crash, a CSV file
re-run, a double Enter) and the first booking is returned as it was; the same key with another
request is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today, utc_now
from carma_logistiek.db.models import OrderLine, Product, PurchaseOrder
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import (
    ExpiryMismatch,
    ExpiryRequired,
    InvalidQuantity,
    LotRequired,
    NotExpired,
    NothingExpired,
    OrderLineMismatch,
    SameLocation,
    UnknownOrderLine,
)
from carma_logistiek.domain.orders import OrderStatus, require_receivable, status_after_receipt
from carma_logistiek.domain.stock import (
    MovementKind,
    fefo_order,
    is_expired,
    require_plausible_expiry,
    require_positive_quantity,
)
from carma_logistiek.services.command import Tx, write
from carma_logistiek.services.lookups import (
    NO_LOT,
    LotRef,
    ProductRef,
    existing_lot,
    find_lot,
    location_by_code,
    product_by_code,
    require_known_recipient,
)
from carma_logistiek.services.masterdata.guards import require_active_product
from carma_logistiek.services.results import BookingResult, Recipient
from carma_logistiek.services.stock.allocation import allocate, lots_at, no_stock
from carma_logistiek.services.stock.ledger import (
    LedgerLine,
    get_or_create_lot,
    open_booking,
    post_booking,
    replay_booking,
)

# --- incoming -------------------------------------------------------------------------------


@write(Permission.STOCK_BOOK, replay=replay_booking)
def record_delivery(
    tx: Tx, /,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    actor: Actor,
    lot_number: str | None = None,
    expiry: date | None = None,
    order_line_id: int | None = None,
    note: str = "",
    key: str | None = None,
) -> BookingResult:
    """Stock comes in. Expiry-tracked products need a lot and its expiry date; a delivery may be
    received against an open order line (partial deliveries too)."""
    quantity = require_positive_quantity(quantity)
    booking_id = open_booking(tx, MovementKind.DELIVERY, note=note)
    session = tx.session
    product = product_by_code(session, product_code)
    require_active_product(session, product)  # a retired product is no longer booked in
    location = location_by_code(session, location_code)
    lot = incoming_lot(session, product, lot_number, expiry, actor.user)
    changes = None
    if order_line_id is not None:
        number = _receive_on_order_line(session, order_line_id, product, quantity)
        changes = Changes(orders=frozenset({number}))
    line = LedgerLine(MovementKind.DELIVERY, product, lot, location, quantity,
                      order_line_id=order_line_id, note=note)
    return post_booking(tx, booking_id, MovementKind.DELIVERY, [line], changes=changes)


def incoming_lot(session: Session, product: ProductRef, lot_number: str | None,
                 expiry: date | None, user: str) -> LotRef:
    """The lot stock comes in on: found, or made (lot-tracked products need a lot number,
    expiry-tracked ones an expiry that agrees with the lot's)."""
    if not product.tracks_lots:
        return get_or_create_lot(session, product_id=product.id, lot_number=NO_LOT, expiry=None,
                                 actor=user)
    lot_number = (lot_number or "").strip()
    if not lot_number:
        raise LotRequired(product=product.name)
    known = find_lot(session, product.id, lot_number)
    if known is not None:
        if expiry is not None and known.expiry is not None and expiry != known.expiry:
            raise ExpiryMismatch(lot=lot_number, product=product.name,
                                 known=known.expiry.strftime("%d/%m/%Y"),
                                 given=expiry.strftime("%d/%m/%Y"))
        return known
    if product.tracks_expiry and expiry is None:
        raise ExpiryRequired(product=product.name)
    require_plausible_expiry(expiry)
    return get_or_create_lot(session, product_id=product.id, lot_number=lot_number,
                             expiry=expiry, actor=user)


def _receive_on_order_line(session: Session, order_line_id: int, product: ProductRef,
                           quantity: int) -> str:
    row = session.execute(
        select(OrderLine.product_id, PurchaseOrder.id, PurchaseOrder.number,
               PurchaseOrder.status, Product.name)
        .join(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.id == order_line_id)
    ).first()
    if row is None:
        raise UnknownOrderLine(line_id=order_line_id)
    line_product_id, order_id, number, status, line_product_name = row
    require_receivable(number, OrderStatus(status))
    if line_product_id != product.id:
        raise OrderLineMismatch(line_id=order_line_id, line_product=line_product_name,
                                product=product.name)
    session.execute(update(OrderLine).where(OrderLine.id == order_line_id)
                    .values(quantity_received=OrderLine.quantity_received + quantity))
    lines = session.execute(select(OrderLine.quantity_ordered, OrderLine.quantity_received)
                            .where(OrderLine.order_id == order_id)).all()
    new_status = status_after_receipt([(ordered, received) for ordered, received in lines])
    values: dict[str, object] = {"status": new_status.value}
    if new_status is OrderStatus.DELIVERED:
        values["closed_at"] = utc_now()
    session.execute(update(PurchaseOrder).where(PurchaseOrder.id == order_id).values(**values))
    return str(number)


# --- outgoing -------------------------------------------------------------------------------


@write(Permission.STOCK_BOOK, replay=replay_booking)
def record_pickup(
    tx: Tx, /,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    actor: Actor,
    lot_number: str | None = None,
    recipient: Recipient | None = None,
    override_reason: str | None = None,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Hand out stock (afhaling). Without a lot, the lots that expire first are taken (FEFO),
    spread over several lots when one is not enough. Expired stock is only handed out with a
    reason, which is recorded."""
    return _take(tx, MovementKind.PICKUP, product_code, location_code, quantity, lot_number,
                 recipient, override_reason, note, today)


@write(Permission.STOCK_BOOK, replay=replay_booking)
def record_consumption(
    tx: Tx, /,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    actor: Actor,
    lot_number: str | None = None,
    recipient: Recipient | None = None,
    override_reason: str | None = None,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Stock used up on the spot (verbruik), e.g. drug tests used during a control."""
    return _take(tx, MovementKind.CONSUMPTION, product_code, location_code, quantity,
                 lot_number, recipient, override_reason, note, today)


def _take(tx: Tx, kind: MovementKind, product_code: str, location_code: str, quantity: int,
          lot_number: str | None, recipient: Recipient | None, override_reason: str | None,
          note: str, today: date | None) -> BookingResult:
    quantity = require_positive_quantity(quantity)
    reason = (override_reason or "").strip() or None
    today = today or local_today()
    booking_id = open_booking(tx, kind, note=note)
    session = tx.session
    product = product_by_code(session, product_code)
    location = location_by_code(session, location_code)
    require_known_recipient(session, recipient)
    takes = allocate(session, product, location, quantity, lot_number, today,
                     allow_expired=reason is not None)
    lines = [
        LedgerLine(kind, product, lot, location, -taken, recipient=recipient, note=note,
                   override_reason=reason if is_expired(lot.expiry, today) else None)
        for lot, taken in takes
    ]
    return post_booking(tx, booking_id, kind, lines)


@dataclass(frozen=True)
class BasketLine:
    """One line of a scanned pickup: a product, how many, and optionally the lot whose label
    was scanned (otherwise FEFO) and the reason to hand out an expired lot."""

    product_code: str
    quantity: int
    lot_number: str | None = None
    override_reason: str | None = None


@write(Permission.STOCK_BOOK, replay=replay_booking)
def record_pickup_basket(
    tx: Tx, /,
    *,
    location_code: str,
    lines: Sequence[BasketLine],
    actor: Actor,
    recipient: Recipient | None = None,
    kind: MovementKind = MovementKind.PICKUP,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Book a whole basket (the lines scanned at the counter) in one transaction: every line
    lands, or none does. Lines of the same product and lot are added up first, so FEFO spreads
    the total over the lots instead of allocating the same lot twice."""
    if kind not in (MovementKind.PICKUP, MovementKind.CONSUMPTION):
        raise ValueError(f"a basket books pickups or consumption, not {kind}")
    if not lines:
        raise InvalidQuantity(quantity=0)
    merged = _merge_basket(lines)
    today = today or local_today()
    booking_id = open_booking(tx, kind, note=note)
    session = tx.session
    location = location_by_code(session, location_code)
    require_known_recipient(session, recipient)
    ledger: list[LedgerLine] = []
    for line in merged:
        product = product_by_code(session, line.product_code)
        reason = (line.override_reason or "").strip() or None
        for lot, taken in allocate(session, product, location, line.quantity,
                                   line.lot_number, today, allow_expired=reason is not None):
            ledger.append(LedgerLine(
                kind, product, lot, location, -taken, recipient=recipient, note=note,
                override_reason=reason if is_expired(lot.expiry, today) else None))
    return post_booking(tx, booking_id, kind, ledger)


def _merge_basket(lines: Sequence[BasketLine]) -> list[BasketLine]:
    totals: dict[tuple[str, str | None], BasketLine] = {}
    for line in lines:
        require_positive_quantity(line.quantity)
        lot = (line.lot_number or "").strip() or None
        merge_key = (line.product_code.strip().upper(), lot)
        previous = totals.get(merge_key)
        totals[merge_key] = BasketLine(
            merge_key[0], line.quantity + (previous.quantity if previous else 0), lot,
            line.override_reason or (previous.override_reason if previous else None))
    return list(totals.values())


# --- between locations, write-offs ----------------------------------------------------------


@write(Permission.STOCK_BOOK, replay=replay_booking)
def record_transfer(
    tx: Tx, /,
    *,
    product_code: str,
    from_location: str,
    to_location: str,
    quantity: int,
    actor: Actor,
    lot_number: str | None = None,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Move stock between locations: an out-line and an in-line per lot, in one booking.
    An explicitly chosen expired lot may move (to a quarantine shelf, say); FEFO never picks one."""
    quantity = require_positive_quantity(quantity)
    today = today or local_today()
    booking_id = open_booking(tx, MovementKind.TRANSFER_OUT, note=note)
    session = tx.session
    product = product_by_code(session, product_code)
    source = location_by_code(session, from_location)
    target = location_by_code(session, to_location)
    if source.id == target.id:
        raise SameLocation(location=source.name)
    takes = allocate(session, product, source, quantity, lot_number, today,
                     allow_expired=bool(lot_number))
    lines: list[LedgerLine] = []
    for lot, taken in takes:
        lines.append(LedgerLine(MovementKind.TRANSFER_OUT, product, lot, source, -taken,
                                recipient=Recipient("location", target.code), note=note))
        lines.append(LedgerLine(MovementKind.TRANSFER_IN, product, lot, target, taken,
                                recipient=Recipient("location", source.code), note=note))
    return post_booking(tx, booking_id, MovementKind.TRANSFER_OUT, lines)


@write(Permission.STOCK_BOOK, replay=replay_booking)
def write_off_expired(
    tx: Tx, /,
    *,
    product_code: str,
    location_code: str,
    actor: Actor,
    lot_number: str | None = None,
    quantity: int | None = None,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Take expired stock out of the books (afboeking). Without a lot, every expired lot of the
    product at the location is written off in full; without a quantity, the whole lot."""
    if quantity is not None:
        require_positive_quantity(quantity)
    today = today or local_today()
    booking_id = open_booking(tx, MovementKind.EXPIRY_WRITE_OFF, note=note)
    session = tx.session
    product = product_by_code(session, product_code)
    location = location_by_code(session, location_code)
    if lot_number:
        lot = existing_lot(session, product, lot_number.strip())
        if not is_expired(lot.expiry, today):
            raise NotExpired(lot=lot.lot_number, product=product.name,
                             expiry=lot.expiry.strftime("%d/%m/%Y") if lot.expiry else "-")
        on_hand = {s.lot_id: s.quantity for s in lots_at(session, product.id, location.id)}
        amount = quantity if quantity is not None else on_hand.get(lot.id, 0)
        if amount <= 0:
            raise no_stock(product, location, 1, 0)
        lines = [LedgerLine(MovementKind.EXPIRY_WRITE_OFF, product, lot, location, -amount,
                            note=note)]
        return post_booking(tx, booking_id, MovementKind.EXPIRY_WRITE_OFF, lines)
    expired = [s for s in fefo_order(lots_at(session, product.id, location.id))
               if is_expired(s.expiry, today)]
    if not expired:
        raise NothingExpired(product=product.name, location=location.name)
    lines = [LedgerLine(MovementKind.EXPIRY_WRITE_OFF, product,
                        LotRef(s.lot_id, s.lot_number, s.expiry), location, -s.quantity,
                        note=note) for s in expired]
    return post_booking(tx, booking_id, MovementKind.EXPIRY_WRITE_OFF, lines)
