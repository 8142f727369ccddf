"""The booking engine shared by every stock verb and the kit check: one booking, its ledger
lines, and the stock levels they change, all in the caller's transaction (:func:`book`).

Levels change with a single conditional UPDATE (``quantity + delta >= 0``). The database
serialises concurrent updates of the same row, so two desks taking the last box cannot both
succeed and no update is lost; the loser gets a clear "onvoldoende voorraad".

The statements are built once, at import, with bound parameters and run on the session's
Core connection: a booking is on the counter's critical path (scan -> booked), and building
SQLAlchemy statements per call cost more than the database work itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, tuple_, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import Booking, Location, Lot, Product, StockLevel, StockMovement
from carma_logistiek.db.zoning import working_zone
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DomainError, InsufficientStock
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import _
from carma_logistiek.services.command import Replay, StoredKey, Tx
from carma_logistiek.services.lookups import LocationRef, LotRef, ProductRef, find_lot
from carma_logistiek.services.results import BookedLine, BookingResult, Recipient

_bookings = cast(Table, Booking.__table__)
_movements = cast(Table, StockMovement.__table__)
_levels = cast(Table, StockLevel.__table__)
_lots = cast(Table, Lot.__table__)

_INSERT_BOOKING = insert(_bookings)
# Bookings are zoned and these are Core statements: they name the zone (a key is unique per
# zone; the zone filter of db/zoning.py sees ORM statements only).
_KEY_WHERE = (_bookings.c.zone == bindparam("zone"),
              _bookings.c.idempotency_key == bindparam("key"))
_FIND_BOOKING = select(_bookings.c.id).where(*_KEY_WHERE)
_FIND_KEY = select(_bookings.c.id, _bookings.c.request_hash, _bookings.c.command).where(
    *_KEY_WHERE)
_INSERT_MOVEMENT = insert(_movements)
# Parameter names differ from column names: UPDATE reserves the column names for SET values.
_LEVEL_WHERE = (
    _levels.c.location_id == bindparam("at_location"),
    _levels.c.lot_id == bindparam("of_lot"),
)
_TAKE = (
    update(_levels)
    .where(*_LEVEL_WHERE, _levels.c.quantity >= bindparam("amount"))
    .values(quantity=_levels.c.quantity - bindparam("amount"))
    .returning(_levels.c.quantity)
)
_ADD = (
    update(_levels)
    .where(*_LEVEL_WHERE)
    .values(quantity=_levels.c.quantity + bindparam("amount"))
    .returning(_levels.c.quantity)
)
_INSERT_LEVEL = insert(_levels)
_LEVEL = select(_levels.c.quantity).where(*_LEVEL_WHERE)
_INSERT_LOT = insert(_lots)


@dataclass(frozen=True)
class LedgerLine:
    kind: MovementKind
    product: ProductRef
    lot: LotRef
    location: LocationRef
    quantity: int  # signed
    recipient: Recipient | None = None
    order_line_id: int | None = None
    note: str = ""
    override_reason: str | None = None
    # On a storno's line: the ledger line it reverses (same kind, opposite quantity).
    reverses_movement_id: int | None = None


def open_booking(tx: Tx, kind: MovementKind, *, note: str = "") -> int:
    """Insert the booking row first, with the key and the fingerprint of the request it books:
    a key that was booked before fails here, on its unique index, before anything is checked
    or moved (the command path then answers the earlier booking, or refuses another request)."""
    result = tx.session.connection().execute(
        _INSERT_BOOKING, {"zone": working_zone(tx.session), "idempotency_key": tx.key,
                          "request_hash": tx.fingerprint or None, "command": tx.command,
                          "kind": kind.value, "booked_at": utc_now(),
                          "booked_by": tx.actor.user, "note": note[:500]})
    return _new_id(result)


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None, "an INSERT hands back its key"
    return int(key[0])


def post_booking(tx: Tx, booking_id: int, kind: MovementKind, lines: Sequence[LedgerLine], *,
                 changes: Changes | None = None) -> BookingResult:
    """Post the lines of an open booking: the level rows locked in one order first, then each
    line with its level. The result says which (product, location) levels moved."""
    session = tx.session
    lock_levels(session, lines)
    user = tx.actor.user
    booked = tuple(post(session, booking_id, line, user) for line in lines)
    moved = Changes(stock=frozenset((line.product_code, line.location_code) for line in booked))
    return BookingResult(booking_id, tx.key, kind, booked,
                         changes=moved | changes if changes is not None else moved)


def booking_id_for_key(session: Session, key: str) -> int | None:
    return session.connection().execute(
        _FIND_BOOKING, {"key": key, "zone": working_zone(session)}).scalar_one_or_none()


def find_booking_key(session: Session, key: str) -> StoredKey | None:
    row = session.connection().execute(
        _FIND_KEY, {"key": key, "zone": working_zone(session)}).first()
    return StoredKey(int(row[0]), row[1], row[2] or "") if row is not None else None


def booking_result(session: Session, booking_id: int, *, replayed: bool) -> BookingResult:
    """A booking as it was booked: its lines with the levels right AFTER that booking (not
    today's), so a replay answers exactly what the first attempt answered."""
    key, kind = session.execute(
        select(Booking.idempotency_key, Booking.kind).where(Booking.id == booking_id)).one()
    rows = session.execute(
        select(Product.code, Product.name, Product.unit, Lot.lot_number, Lot.expiry,
               Location.code, StockMovement.quantity, StockMovement.level_after,
               StockMovement.id, StockMovement.lot_id, StockMovement.location_id)
        .join(Product, Product.id == StockMovement.product_id)
        .join(Lot, Lot.id == StockMovement.lot_id)
        .join(Location, Location.id == StockMovement.location_id)
        .where(StockMovement.booking_id == booking_id)
        .order_by(StockMovement.id)
    ).all()
    lines = tuple(
        BookedLine(*row[:7], row[7] if row[7] is not None
                   else _ledger_level(session, row[8], row[9], row[10]))
        for row in rows)
    return BookingResult(booking_id, key, MovementKind(kind), lines, replayed=replayed)


def _ledger_level(session: Session, movement_id: int, lot_id: int, location_id: int) -> int:
    # Movements booked before migration 0004 have no level_after: the ledger up to that line
    # says what the level was.
    return int(session.execute(
        select(func.coalesce(func.sum(StockMovement.quantity), 0))
        .where(StockMovement.lot_id == lot_id, StockMovement.location_id == location_id,
               StockMovement.id <= movement_id)).scalar_one())


def _rebuild_booking(session: Session, stored: StoredKey) -> BookingResult:
    return booking_result(session, stored.id, replayed=True)


# How a stock verb answers a key it has seen: the booking under that key, as it was booked.
replay_booking: Replay[BookingResult] = Replay(find=find_booking_key, rebuild=_rebuild_booking)


def lock_levels(session: Session, lines: Sequence[LedgerLine]) -> None:
    """Lock the level rows a multi-line booking will change, always in the same (location, lot)
    order. Without it two transfers in opposite directions (A->B, B->A) lock the same two rows
    in opposite order and deadlock; PostgreSQL then stalls for its deadlock_timeout (1 s) before
    aborting one. SQLite needs none of this: BEGIN IMMEDIATE already serialises writers."""
    keys = sorted({(line.location.id, line.lot.id) for line in lines})
    if len(keys) < 2 or session.get_bind().dialect.name == "sqlite":
        return
    session.connection().execute(
        select(_levels.c.location_id)
        .where(tuple_(_levels.c.location_id, _levels.c.lot_id).in_(keys))
        .order_by(_levels.c.location_id, _levels.c.lot_id)
        .with_for_update()
    ).all()


def post(session: Session, booking_id: int, line: LedgerLine, actor: str) -> BookedLine:
    """Append one ledger line and move the stock level with it."""
    level_after = _move_level(session, line)
    session.connection().execute(_INSERT_MOVEMENT, {
        "zone": working_zone(session),
        "booking_id": booking_id,
        "kind": line.kind.value,
        "product_id": line.product.id,
        "lot_id": line.lot.id,
        "location_id": line.location.id,
        "quantity": line.quantity,
        "occurred_at": utc_now(),
        "recorded_by": actor,
        "recipient_kind": line.recipient.kind if line.recipient else None,
        "recipient_code": line.recipient.code[:64] if line.recipient else None,
        "order_line_id": line.order_line_id,
        "note": line.note[:500],
        "override_reason": line.override_reason,
        "level_after": level_after,
        "reverses_movement_id": line.reverses_movement_id,
    })
    return BookedLine(line.product.code, line.product.name, line.product.unit,
                      line.lot.lot_number, line.lot.expiry, line.location.code, line.quantity,
                      level_after)


def _move_level(session: Session, line: LedgerLine) -> int:
    params = {"at_location": line.location.id, "of_lot": line.lot.id,
              "amount": abs(line.quantity)}
    connection = session.connection()
    if line.quantity < 0:
        after = connection.execute(_TAKE, params).scalar_one_or_none()
        if after is None:
            raise _insufficient(session, line)
        return int(after)
    after = connection.execute(_ADD, params).scalar_one_or_none()
    if after is not None:
        return int(after)
    return _insert_level(session, line)


def _insert_level(session: Session, line: LedgerLine) -> int:
    # A savepoint, because another client may create the same level row between our UPDATE
    # and INSERT (PostgreSQL); then the row exists and the UPDATE is the right move after all.
    row = {"location_id": line.location.id, "lot_id": line.lot.id,
           "product_id": line.product.id, "quantity": line.quantity}
    try:
        with session.begin_nested():
            session.connection().execute(_INSERT_LEVEL, row)
        return line.quantity
    except IntegrityError:
        return int(session.connection().execute(_ADD, {
            "at_location": line.location.id, "of_lot": line.lot.id,
            "amount": line.quantity}).scalar_one())


def _insufficient(session: Session, line: LedgerLine) -> DomainError:
    available = session.connection().execute(
        _LEVEL, {"at_location": line.location.id, "of_lot": line.lot.id}
    ).scalar_one_or_none() or 0
    return InsufficientStock(
        available=available,
        unit=line.product.unit,
        product=line.product.name,
        location=line.location.name,
        lot_text=_(" (lot {lot})", lot=line.lot.lot_number) if line.lot.lot_number else "",
        requested=abs(line.quantity),
    )


def level_of(session: Session, location_id: int, lot_id: int) -> int:
    return session.connection().execute(
        _LEVEL, {"at_location": location_id, "of_lot": lot_id}).scalar_one_or_none() or 0


def get_or_create_lot(session: Session, *, product_id: int, lot_number: str,
                      expiry: date | None, actor: str) -> LotRef:
    found = find_lot(session, product_id, lot_number)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            result = session.connection().execute(_INSERT_LOT, {
                "product_id": product_id, "lot_number": lot_number, "expiry": expiry,
                "created_at": utc_now(), "created_by": actor})
            return LotRef(_new_id(result), lot_number, expiry)
    except IntegrityError:
        # Created by another client a moment ago.
        found = find_lot(session, product_id, lot_number)
        assert found is not None
        return found
