"""Stock verbs: delivery, pickup, consumption, transfer, count, expiry write-off.

Each verb is one transaction with one idempotency key. Pass the same ``key`` again (a retry
after a crash, a CSV file re-run, a double Enter) and the first booking is returned unchanged.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today, utc_now
from carma_logistiek.db.models import (
    Booking,
    Location,
    LocationCount,
    Lot,
    OrderLine,
    Product,
    PurchaseOrder,
    StockLevel,
    StockMovement,
)
from carma_logistiek.db.uow import Database, is_write_conflict
from carma_logistiek.domain.errors import (
    DatabaseUnavailable,
    ExpiredLot,
    ExpiryMismatch,
    ExpiryRequired,
    InsufficientStock,
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
    LotStock,
    MovementKind,
    fefo_order,
    is_expired,
    require_count,
    require_positive_quantity,
)
from carma_logistiek.i18n import _
from carma_logistiek.services.ledger import (
    LedgerLine,
    booking_id_for_key,
    get_or_create_lot,
    level_of,
    lock_levels,
    new_key,
    open_booking,
    post,
)
from carma_logistiek.services.lookups import (
    NO_LOT,
    LocationRef,
    LotRef,
    ProductRef,
    existing_lot,
    find_lot,
    location_by_code,
    product_by_code,
)
from carma_logistiek.services.results import BookedLine, BookingResult, PickupLot, Recipient

Builder = Callable[[Session], list[LedgerLine]]


# How often a booking that lost a deadlock (PostgreSQL, SQL Server) is run again. Two transfers
# in opposite directions lock the same two level rows in opposite order; the database then
# aborts one of them, which is safe to repeat because none of it was written.
_CONFLICT_ATTEMPTS = 8


def _book(db: Database, *, key: str | None, kind: MovementKind, actor: str, note: str,
          build: Builder) -> BookingResult:
    key = (key or new_key()).strip()[:80]
    for attempt in range(1, _CONFLICT_ATTEMPTS + 1):
        try:
            return _book_once(db, key=key, kind=kind, actor=actor, note=note, build=build)
        except DatabaseUnavailable as error:
            if attempt == _CONFLICT_ATTEMPTS or not is_write_conflict(error):
                raise
            time.sleep(random.uniform(0, 0.005 * attempt))
    raise AssertionError("unreachable")


def _book_once(db: Database, *, key: str, kind: MovementKind, actor: str, note: str,
               build: Builder) -> BookingResult:
    try:
        with db.write() as session:
            # No look-up of the key first: a key booked before fails on its unique index
            # (below), which costs nothing on the common path.
            booking_id = open_booking(session, key=key, kind=kind, actor=actor, note=note)
            ledger_lines = build(session)
            lock_levels(session, ledger_lines)
            lines = tuple(post(session, booking_id, line, actor) for line in ledger_lines)
            return BookingResult(booking_id, key, kind, lines)
    except IntegrityError:
        # The key was booked before (a retry), or by another client at the same moment:
        # report that booking instead of booking twice.
        with db.read() as session:
            existing = booking_id_for_key(session, key)
            if existing is None:
                raise
            return _replay(session, existing, key)


def _replay(session: Session, booking_id: int, key: str) -> BookingResult:
    kind = session.execute(select(Booking.kind).where(Booking.id == booking_id)).scalar_one()
    rows = session.execute(
        select(Product.code, Product.name, Product.unit, Lot.lot_number, Lot.expiry,
               Location.code, StockMovement.quantity, StockLevel.quantity)
        .join(Product, Product.id == StockMovement.product_id)
        .join(Lot, Lot.id == StockMovement.lot_id)
        .join(Location, Location.id == StockMovement.location_id)
        .outerjoin(StockLevel, (StockLevel.lot_id == StockMovement.lot_id)
                   & (StockLevel.location_id == StockMovement.location_id))
        .where(StockMovement.booking_id == booking_id)
        .order_by(StockMovement.id)
    ).all()
    lines = tuple(BookedLine(*row[:7], row[7] or 0) for row in rows)
    return BookingResult(booking_id, key, MovementKind(kind), lines, replayed=True)


# --- incoming -------------------------------------------------------------------------------

def record_delivery(
    db: Database,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    actor: str,
    lot_number: str | None = None,
    expiry: date | None = None,
    order_line_id: int | None = None,
    note: str = "",
    key: str | None = None,
) -> BookingResult:
    """Stock comes in. Expiry-tracked products need a lot and its expiry date; a delivery may be
    received against an open order line (partial deliveries too)."""
    quantity = require_positive_quantity(quantity)

    def build(session: Session) -> list[LedgerLine]:
        product = product_by_code(session, product_code)
        location = location_by_code(session, location_code)
        lot = _incoming_lot(session, product, lot_number, expiry, actor)
        if order_line_id is not None:
            _receive_on_order_line(session, order_line_id, product, quantity)
        return [LedgerLine(MovementKind.DELIVERY, product, lot, location, quantity,
                           order_line_id=order_line_id, note=note)]

    return _book(db, key=key, kind=MovementKind.DELIVERY, actor=actor, note=note, build=build)


def _incoming_lot(session: Session, product: ProductRef, lot_number: str | None,
                  expiry: date | None, actor: str) -> LotRef:
    if not product.tracks_lots:
        return get_or_create_lot(session, product_id=product.id, lot_number=NO_LOT, expiry=None,
                                 actor=actor)
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
    return get_or_create_lot(session, product_id=product.id, lot_number=lot_number,
                             expiry=expiry, actor=actor)


def _receive_on_order_line(session: Session, order_line_id: int, product: ProductRef,
                           quantity: int) -> None:
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
    new_status = status_after_receipt(lines)
    values: dict[str, object] = {"status": new_status.value}
    if new_status is OrderStatus.DELIVERED:
        values["closed_at"] = utc_now()
    session.execute(update(PurchaseOrder).where(PurchaseOrder.id == order_id).values(**values))


# --- outgoing -------------------------------------------------------------------------------

def record_pickup(
    db: Database,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    actor: str,
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
    return _take(db, MovementKind.PICKUP, product_code=product_code,
                 location_code=location_code, quantity=quantity, actor=actor,
                 lot_number=lot_number, recipient=recipient, override_reason=override_reason,
                 note=note, key=key, today=today)


def record_consumption(
    db: Database,
    *,
    product_code: str,
    location_code: str,
    quantity: int,
    actor: str,
    lot_number: str | None = None,
    recipient: Recipient | None = None,
    override_reason: str | None = None,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Stock used up on the spot (verbruik), e.g. drug tests used during a control."""
    return _take(db, MovementKind.CONSUMPTION, product_code=product_code,
                 location_code=location_code, quantity=quantity, actor=actor,
                 lot_number=lot_number, recipient=recipient, override_reason=override_reason,
                 note=note, key=key, today=today)


def _take(db: Database, kind: MovementKind, *, product_code: str, location_code: str,
          quantity: int, actor: str, lot_number: str | None, recipient: Recipient | None,
          override_reason: str | None, note: str, key: str | None,
          today: date | None) -> BookingResult:
    quantity = require_positive_quantity(quantity)
    reason = (override_reason or "").strip() or None
    today = today or local_today()

    def build(session: Session) -> list[LedgerLine]:
        product = product_by_code(session, product_code)
        location = location_by_code(session, location_code)
        if recipient is not None and recipient.kind == "location":
            location_by_code(session, recipient.code, must_hold_stock=False)
        takes = allocate(session, product, location, quantity, lot_number, today,
                         allow_expired=reason is not None)
        return [
            LedgerLine(kind, product, lot, location, -taken, recipient=recipient, note=note,
                       override_reason=reason if is_expired(lot.expiry, today) else None)
            for lot, taken in takes
        ]

    return _book(db, key=key, kind=kind, actor=actor, note=note, build=build)


@dataclass(frozen=True)
class BasketLine:
    """One line of a scanned pickup: a product, how many, and optionally the lot whose label
    was scanned (otherwise FEFO) and the reason to hand out an expired lot."""

    product_code: str
    quantity: int
    lot_number: str | None = None
    override_reason: str | None = None


def record_pickup_basket(
    db: Database,
    *,
    location_code: str,
    lines: Sequence[BasketLine],
    actor: str,
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

    def build(session: Session) -> list[LedgerLine]:
        location = location_by_code(session, location_code)
        if recipient is not None and recipient.kind == "location":
            location_by_code(session, recipient.code, must_hold_stock=False)
        ledger: list[LedgerLine] = []
        for line in merged:
            product = product_by_code(session, line.product_code)
            reason = (line.override_reason or "").strip() or None
            for lot, taken in allocate(session, product, location, line.quantity,
                                       line.lot_number, today, allow_expired=reason is not None):
                ledger.append(LedgerLine(
                    kind, product, lot, location, -taken, recipient=recipient, note=note,
                    override_reason=reason if is_expired(lot.expiry, today) else None))
        return ledger

    return _book(db, key=key, kind=kind, actor=actor, note=note, build=build)


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


def allocate(session: Session, product: ProductRef, location: LocationRef, quantity: int,
             lot_number: str | None, today: date, *,
             allow_expired: bool) -> list[tuple[LotRef, int]]:
    """Which lots an outgoing quantity comes from. An explicitly chosen lot is taken as is
    (expired only with ``allow_expired``); otherwise FEFO over the usable lots."""
    if not product.tracks_lots:
        lot = find_lot(session, product.id, NO_LOT)
        if lot is None:
            raise _no_stock(product, location, quantity, 0)
        return [(lot, quantity)]
    if lot_number is not None and lot_number.strip():
        lot = existing_lot(session, product, lot_number.strip())
        if is_expired(lot.expiry, today) and not allow_expired:
            raise ExpiredLot(lot=lot.lot_number, product=product.name,
                             expiry=lot.expiry.strftime("%d/%m/%Y"))  # type: ignore[union-attr]
        return [(lot, quantity)]
    return _allocate_fefo(session, product, location, quantity, today, allow_expired)


def _allocate_fefo(session: Session, product: ProductRef, location: LocationRef,
                   quantity: int, today: date, allow_expired: bool) -> list[tuple[LotRef, int]]:
    lots = fefo_order(lots_at(session, product.id, location.id))
    fresh = [lot for lot in lots if not is_expired(lot.expiry, today)]
    # A reason allows expired stock, but only once the usable lots are used up: the reason
    # is for handing out what is left, not for skipping good stock.
    usable = fresh + [lot for lot in lots if lot not in fresh] if allow_expired else fresh
    if not usable and lots:
        first = lots[0]
        raise ExpiredLot(lot=first.lot_number, product=product.name,
                         expiry=first.expiry.strftime("%d/%m/%Y"))  # type: ignore[union-attr]
    available = sum(lot.quantity for lot in usable)
    if available < quantity:
        raise _no_stock(product, location, quantity, available)
    takes: list[tuple[LotRef, int]] = []
    remaining = quantity
    for lot in usable:
        taken = min(lot.quantity, remaining)
        takes.append((LotRef(lot.lot_id, lot.lot_number, lot.expiry), taken))
        remaining -= taken
        if remaining == 0:
            break
    return takes


def fefo_usable_lots(session: Session, product: ProductRef, location: LocationRef,
                     today: date) -> list[tuple[LotRef, int]]:
    """Usable (not expired) lots with stock, in FEFO order, with their quantity: for callers
    that take what there is instead of refusing (kit checks record the rest as a shortage)."""
    if not product.tracks_lots:
        lot = find_lot(session, product.id, NO_LOT)
        available = level_of(session, location.id, lot.id) if lot else 0
        return [(lot, available)] if lot and available > 0 else []
    return [(LotRef(s.lot_id, s.lot_number, s.expiry), s.quantity)
            for s in fefo_order(lots_at(session, product.id, location.id))
            if not is_expired(s.expiry, today)]


def _no_stock(product: ProductRef, location: LocationRef, requested: int,
              available: int) -> InsufficientStock:
    return InsufficientStock(available=available, unit=product.unit, product=product.name,
                             location=location.name, lot_text="", requested=requested)


_LOTS_AT = (
    select(Lot.__table__.c.id, Lot.__table__.c.lot_number, Lot.__table__.c.expiry,
           StockLevel.__table__.c.quantity)
    .join(StockLevel.__table__, StockLevel.__table__.c.lot_id == Lot.__table__.c.id)
    .where(StockLevel.__table__.c.location_id == bindparam("location_id"),
           StockLevel.__table__.c.product_id == bindparam("product_id"),
           StockLevel.__table__.c.quantity > 0)
)


def lots_at(session: Session, product_id: int, location_id: int) -> list[LotStock]:
    """Lots with stock of a product at a location (unordered; see fefo_order)."""
    rows = session.connection().execute(
        _LOTS_AT, {"location_id": location_id, "product_id": product_id}).all()
    return [LotStock(*row) for row in rows]


def pickup_lots(db: Database, *, product_code: str, location_code: str,
                today: date | None = None) -> list[PickupLot]:
    """Lots of a product at a location in FEFO order, with the one a pickup would take marked."""
    today = today or local_today()
    with db.read() as session:
        product = product_by_code(session, product_code)
        location = location_by_code(session, location_code)
        lots = fefo_order(lots_at(session, product.id, location.id))
    suggested = next((lot for lot in lots if not is_expired(lot.expiry, today)), None)
    return [PickupLot(lot.lot_number, lot.expiry, lot.quantity, is_expired(lot.expiry, today),
                      lot is suggested) for lot in lots]


# --- between locations, counts, write-offs --------------------------------------------------

def record_transfer(
    db: Database,
    *,
    product_code: str,
    from_location: str,
    to_location: str,
    quantity: int,
    actor: str,
    lot_number: str | None = None,
    note: str = "",
    key: str | None = None,
    today: date | None = None,
) -> BookingResult:
    """Move stock between locations: an out-line and an in-line per lot, in one booking.
    An explicitly chosen expired lot may move (to a quarantine shelf, say); FEFO never picks one."""
    quantity = require_positive_quantity(quantity)
    today = today or local_today()

    def build(session: Session) -> list[LedgerLine]:
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
        return lines

    return _book(db, key=key, kind=MovementKind.TRANSFER_OUT, actor=actor, note=note,
                 build=build)


@dataclass(frozen=True)
class CountLine:
    """What was found on the shelf: a product (and lot, for lot-tracked products) and how many."""

    product_code: str
    counted: int
    lot_number: str | None = None
    expiry: date | None = None


def record_count(
    db: Database,
    *,
    location_code: str,
    lines: Sequence[CountLine],
    actor: str,
    complete: bool = False,
    note: str = "",
    key: str | None = None,
) -> BookingResult:
    """Book the differences between what was counted and what the ledger says, as count
    corrections, and remember that the location was counted (by whom, when), also when
    nothing differed.

    ``complete`` means everything at the location was counted: stock the ledger expects
    there but that was not found is corrected to zero (the "missing" items of a count).
    """
    for line in lines:
        require_count(line.counted)
    key = (key or new_key()).strip()[:80]

    def build(session: Session) -> list[LedgerLine]:
        location = location_by_code(session, location_code)
        corrections: list[LedgerLine] = []
        counted_lots: set[int] = set()
        for line in lines:
            product = product_by_code(session, line.product_code)
            lot = _counted_lot(session, product, line, actor)
            counted_lots.add(lot.id)
            corrections += _correction(session, location, product, lot, line.counted, note)
        if complete:
            for product, lot in _uncounted_lots(session, location.id, counted_lots):
                corrections += _correction(session, location, product, lot, 0, note)
        _remember_count(session, location.id, key, actor, complete)
        return corrections

    return _book(db, key=key, kind=MovementKind.COUNT_CORRECTION, actor=actor, note=note,
                 build=build)


def _correction(session: Session, location: LocationRef, product: ProductRef, lot: LotRef,
                counted: int, note: str) -> list[LedgerLine]:
    current = level_of(session, location.id, lot.id)
    if counted == current:
        return []
    return [LedgerLine(MovementKind.COUNT_CORRECTION, product, lot, location, counted - current,
                       note=note or _("telling: {counted} geteld, {expected} verwacht",
                                      counted=counted, expected=current))]


def _uncounted_lots(session: Session, location_id: int,
                    counted_lots: set[int]) -> list[tuple[ProductRef, LotRef]]:
    rows = session.execute(
        select(Product.id, Product.code, Product.name, Product.unit, Product.tracks_lots,
               Product.tracks_expiry, Lot.id, Lot.lot_number, Lot.expiry)
        .join(StockLevel, StockLevel.product_id == Product.id)
        .join(Lot, Lot.id == StockLevel.lot_id)
        .where(StockLevel.location_id == location_id, StockLevel.quantity != 0)
    ).all()
    return [(ProductRef(*row[:6]), LotRef(*row[6:])) for row in rows if row[6] not in counted_lots]


def _remember_count(session: Session, location_id: int, key: str, actor: str,
                    complete: bool) -> None:
    booking_id = booking_id_for_key(session, key)
    session.execute(insert(LocationCount).values(
        location_id=location_id, booking_id=booking_id, counted_at=utc_now(), counted_by=actor,
        complete=complete))


def _counted_lot(session: Session, product: ProductRef, line: CountLine, actor: str) -> LotRef:
    if not product.tracks_lots:
        return get_or_create_lot(session, product_id=product.id, lot_number=NO_LOT,
                                 expiry=None, actor=actor)
    if not (line.lot_number or "").strip():
        raise LotRequired(product=product.name)
    if line.counted == 0:
        return existing_lot(session, product, line.lot_number.strip())  # type: ignore[union-attr]
    return _incoming_lot(session, product, line.lot_number, line.expiry, actor)


def write_off_expired(
    db: Database,
    *,
    product_code: str,
    location_code: str,
    actor: str,
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

    def build(session: Session) -> list[LedgerLine]:
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
                raise _no_stock(product, location, 1, 0)
            return [LedgerLine(MovementKind.EXPIRY_WRITE_OFF, product, lot, location, -amount,
                               note=note)]
        expired = [s for s in fefo_order(lots_at(session, product.id, location.id))
                   if is_expired(s.expiry, today)]
        if not expired:
            raise NothingExpired(product=product.name, location=location.name)
        return [LedgerLine(MovementKind.EXPIRY_WRITE_OFF, product,
                           LotRef(s.lot_id, s.lot_number, s.expiry), location, -s.quantity,
                           note=note) for s in expired]

    return _book(db, key=key, kind=MovementKind.EXPIRY_WRITE_OFF, actor=actor, note=note,
                 build=build)


__all__ = [
    "BasketLine",
    "CountLine",
    "pickup_lots",
    "record_consumption",
    "record_count",
    "record_delivery",
    "record_pickup",
    "record_pickup_basket",
    "record_transfer",
    "write_off_expired",
]
