"""The booking engine shared by every stock verb: one booking, its ledger lines, and the stock
levels they change, all in the caller's transaction.

Levels change with a single conditional UPDATE (``quantity + delta >= 0``). The database
serialises concurrent updates of the same row, so two desks taking the last box cannot both
succeed and no update is lost; the loser gets a clear "onvoldoende voorraad".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import Booking, Lot, StockLevel, StockMovement
from carma_logistiek.domain.errors import InsufficientStock
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import _
from carma_logistiek.services.lookups import LocationRef, LotRef, ProductRef
from carma_logistiek.services.results import BookedLine, Recipient


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


def new_key() -> str:
    return uuid.uuid4().hex


def open_booking(session: Session, *, key: str, kind: MovementKind, actor: str,
                 note: str = "") -> int:
    result = session.execute(
        insert(Booking).values(idempotency_key=key, kind=kind.value, booked_at=utc_now(),
                               booked_by=actor, note=note[:500])
    )
    return int(result.inserted_primary_key[0])


def booking_id_for_key(session: Session, key: str) -> int | None:
    return session.execute(
        select(Booking.id).where(Booking.idempotency_key == key)
    ).scalar_one_or_none()


def post(session: Session, booking_id: int, line: LedgerLine, actor: str) -> BookedLine:
    """Append one ledger line and move the stock level with it."""
    level_after = _move_level(session, line)
    session.execute(
        insert(StockMovement).values(
            booking_id=booking_id,
            kind=line.kind.value,
            product_id=line.product.id,
            lot_id=line.lot.id,
            location_id=line.location.id,
            quantity=line.quantity,
            occurred_at=utc_now(),
            recorded_by=actor,
            recipient_kind=line.recipient.kind if line.recipient else None,
            recipient_code=line.recipient.code[:64] if line.recipient else None,
            order_line_id=line.order_line_id,
            note=line.note[:500],
            override_reason=line.override_reason,
        )
    )
    return BookedLine(line.product.code, line.product.name, line.product.unit,
                      line.lot.lot_number, line.lot.expiry, line.location.code, line.quantity,
                      level_after)


def _move_level(session: Session, line: LedgerLine) -> int:
    where = (StockLevel.location_id == line.location.id, StockLevel.lot_id == line.lot.id)
    if line.quantity < 0:
        changed = session.execute(
            update(StockLevel)
            .where(*where, StockLevel.quantity >= -line.quantity)
            .values(quantity=StockLevel.quantity + line.quantity)
        ).rowcount
        if changed != 1:
            raise _insufficient(session, line)
    else:
        changed = session.execute(
            update(StockLevel).where(*where).values(quantity=StockLevel.quantity + line.quantity)
        ).rowcount
        if changed != 1:
            _insert_level(session, line)
    return session.execute(select(StockLevel.quantity).where(*where)).scalar_one()


def _insert_level(session: Session, line: LedgerLine) -> None:
    # A savepoint, because another client may create the same level row between our UPDATE
    # and INSERT (PostgreSQL); then the row exists and the UPDATE is the right move after all.
    try:
        with session.begin_nested():
            session.execute(insert(StockLevel).values(
                location_id=line.location.id, lot_id=line.lot.id,
                product_id=line.product.id, quantity=line.quantity))
    except IntegrityError:
        session.execute(
            update(StockLevel)
            .where(StockLevel.location_id == line.location.id, StockLevel.lot_id == line.lot.id)
            .values(quantity=StockLevel.quantity + line.quantity)
        )


def _insufficient(session: Session, line: LedgerLine) -> InsufficientStock:
    available = session.execute(
        select(StockLevel.quantity).where(StockLevel.location_id == line.location.id,
                                          StockLevel.lot_id == line.lot.id)
    ).scalar_one_or_none() or 0
    return InsufficientStock(
        available=available,
        unit=line.product.unit,
        product=line.product.name,
        location=line.location.name,
        lot_text=_(" (lot {lot})", lot=line.lot.lot_number) if line.lot.lot_number else "",
        requested=abs(line.quantity),
    )


def get_or_create_lot(session: Session, *, product_id: int, lot_number: str,
                      expiry: date | None, actor: str) -> LotRef:
    row = session.execute(
        select(Lot.id, Lot.lot_number, Lot.expiry).where(
            Lot.product_id == product_id, Lot.lot_number == lot_number)
    ).first()
    if row is not None:
        return LotRef(*row)
    try:
        with session.begin_nested():
            result = session.execute(insert(Lot).values(
                product_id=product_id, lot_number=lot_number, expiry=expiry,
                created_at=utc_now(), created_by=actor))
            return LotRef(int(result.inserted_primary_key[0]), lot_number, expiry)
    except IntegrityError:
        # Created by another client a moment ago.
        row = session.execute(
            select(Lot.id, Lot.lot_number, Lot.expiry).where(
                Lot.product_id == product_id, Lot.lot_number == lot_number)
        ).one()
        return LotRef(*row)
