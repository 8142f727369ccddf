"""Which lots an outgoing quantity comes from: FEFO over the usable lots, or the lot the clerk
chose; and the lots on offer at a location."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import Lot, StockLevel
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.errors import DomainError, ExpiredLot, InsufficientStock
from carma_logistiek.domain.stock import LotStock, fefo_order, is_expired
from carma_logistiek.services.command import read
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
from carma_logistiek.services.results import PickupLot
from carma_logistiek.services.stock.ledger import level_of


def allocate(session: Session, product: ProductRef, location: LocationRef, quantity: int,
             lot_number: str | None, today: date, *,
             allow_expired: bool) -> list[tuple[LotRef, int]]:
    """Which lots an outgoing quantity comes from. An explicitly chosen lot is taken as is
    (expired only with ``allow_expired``); otherwise FEFO over the usable lots."""
    if not product.tracks_lots:
        lot = find_lot(session, product.id, NO_LOT)
        if lot is None:
            raise no_stock(product, location, quantity, 0)
        return [(lot, quantity)]
    if lot_number is not None and lot_number.strip():
        lot = existing_lot(session, product, lot_number.strip())
        if is_expired(lot.expiry, today) and not allow_expired:
            raise ExpiredLot(lot=lot.lot_number, product=product.name,
                             expiry=_day(lot.expiry))
        return [(lot, quantity)]
    return _allocate_fefo(session, product, location, quantity, today, allow_expired)


def _allocate_fefo(session: Session, product: ProductRef, location: LocationRef,
                   quantity: int, today: date, allow_expired: bool) -> list[tuple[LotRef, int]]:
    # Locked, so the quantities are the ones this booking will change: read unlocked, another
    # desk could empty the chosen lot first and the pickup was refused with stock still there.
    lots = fefo_order(lots_at(session, product.id, location.id, for_update=True))
    fresh = [lot for lot in lots if not is_expired(lot.expiry, today)]
    # A reason allows expired stock, but only once the usable lots are used up: the reason
    # is for handing out what is left, not for skipping good stock.
    usable = fresh + [lot for lot in lots if lot not in fresh] if allow_expired else fresh
    if not usable and lots:
        first = lots[0]
        raise ExpiredLot(lot=first.lot_number, product=product.name, expiry=_day(first.expiry))
    available = sum(lot.quantity for lot in usable)
    if available < quantity:
        raise no_stock(product, location, quantity, available)
    takes: list[tuple[LotRef, int]] = []
    remaining = quantity
    for lot in usable:
        taken = min(lot.quantity, remaining)
        takes.append((LotRef(lot.lot_id, lot.lot_number, lot.expiry), taken))
        remaining -= taken
        if remaining == 0:
            break
    return takes


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else "-"


def fefo_usable_lots(session: Session, product: ProductRef, location: LocationRef,
                     today: date) -> list[tuple[LotRef, int]]:
    """Usable (not expired) lots with stock, in FEFO order, with their quantity: for callers
    that take what there is instead of refusing (kit checks record the rest as a shortage)."""
    if not product.tracks_lots:
        lot = find_lot(session, product.id, NO_LOT)
        available = level_of(session, location.id, lot.id) if lot else 0
        return [(lot, available)] if lot and available > 0 else []
    return [(LotRef(s.lot_id, s.lot_number, s.expiry), s.quantity)
            for s in fefo_order(lots_at(session, product.id, location.id, for_update=True))
            if not is_expired(s.expiry, today)]


def no_stock(product: ProductRef, location: LocationRef, requested: int,
             available: int) -> DomainError:
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


# For a booking on a server: the level rows locked in lot order (one order for every desk, so
# two pickups of the same product never wait on each other in a circle). PostgreSQL re-reads a
# row another transaction changed while we waited, and leaves it out when it is empty now.
_LOTS_AT_FOR_UPDATE = _LOTS_AT.order_by(Lot.__table__.c.id).with_for_update(
    of=StockLevel.__table__)


def lots_at(session: Session, product_id: int, location_id: int, *,
            for_update: bool = False) -> list[LotStock]:
    """Lots with stock of a product at a location (unordered; see fefo_order). With
    ``for_update`` the level rows stay locked until the transaction ends (SQLite needs no
    lock: BEGIN IMMEDIATE already lets one writer in at a time)."""
    locking = for_update and session.get_bind().dialect.name != "sqlite"
    rows = session.connection().execute(
        _LOTS_AT_FOR_UPDATE if locking else _LOTS_AT,
        {"location_id": location_id, "product_id": product_id}).all()
    return [LotStock(*row) for row in rows]


@read(Permission.STOCK_READ)
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
