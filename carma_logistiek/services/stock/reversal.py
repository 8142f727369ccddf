"""Storno: a booking made by mistake reversed by a booking of its own.

:func:`reverse_booking` appends a booking of kind ``reversal`` (the reason as its note, a
pointer at the booking it reverses) with one line per original line: the same kind, the
opposite quantity, a pointer at the line it corrects and its own level after. Nothing is
deleted or edited. The levels move through the ledger's own conditional update, so a storno
that would leave less than nothing is refused even when another desk takes the stock at the
same moment. A delivery received on an order line gives the order its quantity back (and
reopens a delivered order), so the order and the stock agree; a transfer is reversed on both
sides in the one booking; a count goes back to the level before it.

:func:`booking_to_reverse` reads what a storno would do (the dialog and ``book --reverse
--preview`` show it before anything is booked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from carma_logistiek.clock import to_local
from carma_logistiek.db.models import (
    Booking,
    Kit,
    KitCheck,
    Location,
    Lot,
    OrderLine,
    Product,
    PurchaseOrder,
    StockMovement,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DomainError, InsufficientStock
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.reversal import (
    AlreadyReversed,
    KitBookingNotReversible,
    NothingToReverse,
    ReversalWouldGoNegative,
    StornoNotReversible,
    UnknownBooking,
    require_reason,
    status_after_reversal,
)
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import _, format_datetime
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import (
    LocationRef,
    LotRef,
    ProductRef,
    location_by_code,
    product_by_code,
)
from carma_logistiek.services.results import BookedLine, BookingResult, MovementRow, Recipient
from carma_logistiek.services.stock.ledger import (
    LedgerLine,
    level_of,
    lock_levels,
    open_booking,
    post,
    replay_booking,
)
from carma_logistiek.services.stock.overview import _movements

__all__ = [
    "BookingToReverse",
    "ReversalLine",
    "booking_movements",
    "booking_to_reverse",
    "last_reversible_booking",
    "reverse_booking",
]

@dataclass(frozen=True)
class ReversalLine:
    """One line of the booking to reverse, with the level its storno line would leave."""

    movement_id: int
    kind: MovementKind
    product_code: str
    product_name: str
    unit: str
    lot_number: str
    expiry: date | None
    location_code: str
    location_name: str
    quantity: int  # the original line's, signed
    level_now: int
    order_number: str | None = None

    @property
    def storno_quantity(self) -> int:
        return -self.quantity

    @property
    def level_after(self) -> int:
        return self.level_now - self.quantity


@dataclass(frozen=True)
class BookingToReverse:
    """A booking as a storno would see it: who booked what when, and what reversing it does.
    ``refusal`` says why it cannot be reversed (now), None when it can."""

    booking_id: int
    kind: MovementKind
    booked_at: datetime
    booked_by: str
    note: str
    lines: tuple[ReversalLine, ...]
    refusal: DomainError | None = field(default=None, compare=False)

    @property
    def reversible(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class _Original:
    id: int
    kind: str
    command: str
    booked_at: datetime
    booked_by: str
    note: str
    reverses: int | None


# --- reads ----------------------------------------------------------------------------------
# Reads of a booking and its lines (the storno dialog shows them); the storno itself needs
# stock.book.
@read(Permission.STOCK_READ)
def booking_to_reverse(db: Database, booking_id: int) -> BookingToReverse:
    """What reversing ``booking_id`` would book, line by line, and why it cannot when it
    cannot (an unknown booking is refused with its sentence). Read only: the storno itself
    checks again, under lock."""
    with db.read() as session:
        original = _original(session, booking_id)
        lines = _lines(session, booking_id)
        refusal = _refusal(session, original, lines)
        if refusal is None:
            refusal = _shortfall(original.id, lines)
    return BookingToReverse(original.id, MovementKind(original.kind), _utc(original.booked_at),
                            original.booked_by, original.note,
                            tuple(line for line, _refs in lines), refusal)


@read(Permission.STOCK_READ)
def booking_movements(db: Database, booking_id: int) -> list[MovementRow]:
    """Every line of one booking as the history shows them (Toon boeking)."""
    with db.read() as session:
        _original(session, booking_id)
        rows = _movements(session, product_id=None, scope=None, limit=10_000,
                          booking_id=booking_id)
    return sorted(rows, key=lambda row: row.id)


@read(Permission.STOCK_READ)
def last_reversible_booking(db: Database, *, product_code: str,
                            location_code: str) -> int | None:
    """The newest booking that moved ``product_code`` at ``location_code`` and is neither a
    storno nor reversed already: what "Laatste boeking terugdraaien" offers."""
    storno = aliased(Booking)
    with db.read() as session:
        product = product_by_code(session, product_code)
        location_id = location_by_code(session, location_code, must_hold_stock=False).id
        found = session.execute(
            select(func.max(StockMovement.booking_id))
            .join(Booking, Booking.id == StockMovement.booking_id)
            .outerjoin(storno, storno.reverses_booking_id == Booking.id)
            .where(StockMovement.product_id == product.id,
                   StockMovement.location_id == location_id,
                   Booking.reverses_booking_id.is_(None), storno.id.is_(None))
        ).scalar_one_or_none()
    return int(found) if found is not None else None


# --- the write ------------------------------------------------------------------------------
@write(Permission.STOCK_BOOK, replay=replay_booking)
def reverse_booking(
    tx: Tx, /,
    *,
    booking_id: int,
    reason: str,
    actor: Actor,
    key: str | None = None,
) -> BookingResult:
    """Reverse a booking made by mistake (storno), in one transaction: the opposite lines
    appended with ``reason``, the order lines it received on given back, nothing deleted.

    Refused, with nothing changed: an unknown booking, one reversed before, a storno, a kit
    re-check's booking (correct the kit instead), a booking that moved nothing, and a storno
    that would leave less than nothing on a shelf."""
    reason = require_reason(reason, booking_id)
    storno_id = open_booking(tx, MovementKind.REVERSAL, note=reason)
    session = tx.session
    original = _original(session, booking_id, lock=True)
    lines = _lines(session, booking_id)
    refusal = _refusal(session, original, lines)
    if refusal is not None:
        raise refusal
    # The pointer only once the refusals are checked: they look for a storno of this booking
    # (and an unknown booking must be a sentence, not a foreign-key error).
    session.execute(update(Booking).where(Booking.id == storno_id)
                    .values(reverses_booking_id=booking_id))
    ledger = [_storno_line(line, refs, reason) for line, refs in lines]
    lock_levels(session, ledger)
    booked = tuple(
        _post(session, storno_id, entry, actor.user, booking_id) for entry in ledger)
    orders = _give_back_order_lines(session, lines)
    changes = Changes(stock=frozenset((line.product_code, line.location_code) for line in booked),
                      orders=frozenset(orders))
    return BookingResult(storno_id, tx.key, MovementKind.REVERSAL, booked, changes=changes)


# --- the parts ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Refs:
    """What posting the storno line needs beyond what is shown."""

    product: ProductRef
    lot: LotRef
    location: LocationRef
    recipient: Recipient | None
    order_line_id: int | None


def _original(session: Session, booking_id: int, *, lock: bool = False) -> _Original:
    query = select(Booking.id, Booking.kind, Booking.command, Booking.booked_at,
                   Booking.booked_by, Booking.note, Booking.reverses_booking_id
                   ).where(Booking.id == booking_id)
    if lock:
        # Two desks reversing the same booking: the second waits here for the first to
        # commit, then finds its storno (PostgreSQL; SQLite serialises writers anyway).
        query = query.with_for_update()
    row = session.execute(query).first()
    if row is None:
        raise UnknownBooking(booking=booking_id)
    return _Original(int(row[0]), str(row[1]), row[2] or "", row[3], row[4], row[5] or "",
                     row[6])


def _lines(session: Session, booking_id: int) -> list[tuple[ReversalLine, _Refs]]:
    rows = session.execute(
        select(StockMovement.id, StockMovement.kind, StockMovement.quantity,
               StockMovement.recipient_kind, StockMovement.recipient_code,
               StockMovement.order_line_id,
               Product.id, Product.code, Product.name, Product.unit, Product.tracks_lots,
               Product.tracks_expiry, Lot.id, Lot.lot_number, Lot.expiry,
               Location.id, Location.code, Location.name, Location.kind, Location.path,
               PurchaseOrder.number)
        .join(Product, Product.id == StockMovement.product_id)
        .join(Lot, Lot.id == StockMovement.lot_id)
        .join(Location, Location.id == StockMovement.location_id)
        .outerjoin(OrderLine, OrderLine.id == StockMovement.order_line_id)
        .outerjoin(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
        .where(StockMovement.booking_id == booking_id)
        .order_by(StockMovement.id)
    ).all()
    lines = []
    for row in rows:
        (movement_id, kind, quantity, recipient_kind, recipient_code, order_line_id,
         product_id, code, name, unit, tracks_lots, tracks_expiry, lot_id, lot_number, expiry,
         location_id, location_code, location_name, location_kind, path, order_number) = row
        refs = _Refs(
            ProductRef(product_id, code, name, unit, tracks_lots, tracks_expiry),
            LotRef(lot_id, lot_number, expiry),
            LocationRef(location_id, location_code, location_name, location_kind, path),
            Recipient(recipient_kind or "other", recipient_code) if recipient_code else None,
            order_line_id)
        line = ReversalLine(movement_id, MovementKind(kind), code, name, unit, lot_number,
                            expiry, location_code, location_name, int(quantity),
                            level_of(session, location_id, lot_id), order_number)
        lines.append((line, refs))
    return lines


def _refusal(session: Session, original: _Original,
             lines: Sequence[tuple[ReversalLine, _Refs]]) -> DomainError | None:
    """Why this booking cannot be reversed at all (the levels aside)."""
    if original.reverses is not None:
        return StornoNotReversible(booking=original.id, original=original.reverses)
    storno = session.execute(
        select(Booking.id, Booking.booked_at, Booking.booked_by)
        .where(Booking.reverses_booking_id == original.id)
    ).first()
    if storno is not None:
        return AlreadyReversed(booking=original.id, storno=storno[0],
                               when=format_datetime(to_local(_utc(storno[1]))), who=storno[2])
    kit = _kit_of(session, original)
    if kit is not None:
        return KitBookingNotReversible(booking=original.id, kit=kit)
    if not lines:
        return NothingToReverse(booking=original.id)
    return None


def _kit_of(session: Session, original: _Original) -> str | None:
    """The kit whose re-check booked this, if one did: the kit's contents and check record
    were written with it, so a storno alone would leave the kit saying it holds what stock
    got back. The check (a new one) is the correction."""
    row = session.execute(
        select(Kit.code).join(KitCheck, KitCheck.kit_id == Kit.id)
        .where(KitCheck.booking_id == original.id)
    ).first()
    if row is not None:
        return str(row[0])
    if original.command.startswith("kits."):
        return "?"
    return None


def _shortfall(booking_id: int,
               lines: Sequence[tuple[ReversalLine, _Refs]]) -> DomainError | None:
    """The first line whose storno would take more than is there now (the preview's view; the
    write finds the same through the ledger's conditional update)."""
    for line, _refs in lines:
        if line.level_after < 0:
            lot_text = _(" (lot {lot})", lot=line.lot_number) if line.lot_number else ""
            return ReversalWouldGoNegative(
                booking=booking_id, available=line.level_now, unit=line.unit,
                product=line.product_name, lot_text=lot_text, location=line.location_name,
                requested=line.quantity)
    return None


def _storno_line(line: ReversalLine, refs: _Refs, reason: str) -> LedgerLine:
    return LedgerLine(line.kind, refs.product, refs.lot, refs.location, -line.quantity,
                      recipient=refs.recipient, order_line_id=refs.order_line_id, note=reason,
                      reverses_movement_id=line.movement_id)


def _post(session: Session, storno_id: int, line: LedgerLine, user: str,
          booking_id: int) -> BookedLine:
    """The ledger's own post; a storno that would leave less than nothing says so as a storno."""
    try:
        return post(session, storno_id, line, user)
    except InsufficientStock as error:
        raise ReversalWouldGoNegative(booking=booking_id, **error.fields) from None


def _give_back_order_lines(session: Session,
                           lines: Sequence[tuple[ReversalLine, _Refs]]) -> set[str]:
    """A delivery received on an order line: the line's received quantity goes down by what
    the storno takes back, and the order's status follows (a delivered order reopens)."""
    received: dict[int, int] = {}
    for line, refs in lines:
        if refs.order_line_id is not None:
            received[refs.order_line_id] = received.get(refs.order_line_id, 0) + line.quantity
    numbers: set[str] = set()
    order_ids: set[int] = set()
    for order_line_id, quantity in received.items():
        order_id, before = session.execute(
            select(OrderLine.order_id, OrderLine.quantity_received)
            .where(OrderLine.id == order_line_id).with_for_update()).one()
        session.execute(update(OrderLine).where(OrderLine.id == order_line_id)
                        .values(quantity_received=max(0, int(before) - quantity)))
        order_ids.add(int(order_id))
    for order_id in order_ids:
        numbers.add(_restatus(session, order_id))
    return numbers


def _restatus(session: Session, order_id: int) -> str:
    number, status, ordered_at = session.execute(
        select(PurchaseOrder.number, PurchaseOrder.status, PurchaseOrder.ordered_at)
        .where(PurchaseOrder.id == order_id)).one()
    pairs = session.execute(select(OrderLine.quantity_ordered, OrderLine.quantity_received)
                            .where(OrderLine.order_id == order_id)).all()
    new_status = status_after_reversal([(int(o), int(r)) for o, r in pairs],
                                       status=OrderStatus(status),
                                       was_ordered=ordered_at is not None)
    values: dict[str, object] = {"status": new_status.value}
    if new_status is not OrderStatus(status) and new_status is not OrderStatus.DELIVERED:
        values["closed_at"] = None
    session.execute(update(PurchaseOrder).where(PurchaseOrder.id == order_id).values(**values))
    return str(number)


def _utc(value: datetime) -> datetime:
    # SQLite hands a naive UTC datetime back.
    return value if value.tzinfo else value.replace(tzinfo=UTC)
