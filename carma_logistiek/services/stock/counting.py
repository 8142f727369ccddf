"""Counting a location (telling): what the ledger expects there, when it was last counted, and
booking what was found (:func:`record_count`).

The scan screen shows the expected lines, the clerk scans what is found, and the differences
are booked with ``stock.record_count(..., complete=True)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import Location, LocationCount, Lot, Product, StockLevel
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import LotRequired
from carma_logistiek.domain.stock import MovementKind, require_count
from carma_logistiek.i18n import _
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import (
    NO_LOT,
    LocationRef,
    LotRef,
    ProductRef,
    existing_lot,
    location_by_code,
    product_by_code,
)
from carma_logistiek.services.results import BookingResult
from carma_logistiek.services.stock.ledger import (
    LedgerLine,
    get_or_create_lot,
    level_of,
    open_booking,
    post_booking,
    replay_booking,
)
from carma_logistiek.services.stock.verbs import incoming_lot


@dataclass(frozen=True)
class CountLine:
    """What was found on the shelf: a product (and lot, for lot-tracked products) and how many."""

    product_code: str
    counted: int
    lot_number: str | None = None
    expiry: date | None = None


@write(Permission.STOCK_BOOK, replay=replay_booking)
def record_count(
    tx: Tx, /,
    *,
    location_code: str,
    lines: Sequence[CountLine],
    actor: Actor,
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
    booking_id = open_booking(tx, MovementKind.COUNT_CORRECTION, note=note)
    session = tx.session
    location = location_by_code(session, location_code)
    corrections: list[LedgerLine] = []
    counted_lots: set[int] = set()
    for line in lines:
        product = product_by_code(session, line.product_code)
        lot = _counted_lot(session, product, line, actor.user)
        counted_lots.add(lot.id)
        corrections += _correction(session, location, product, lot, line.counted, note)
    if complete:
        for product, lot in _uncounted_lots(session, location.id, counted_lots):
            corrections += _correction(session, location, product, lot, 0, note)
    session.execute(insert(LocationCount).values(
        location_id=location.id, booking_id=booking_id, counted_at=utc_now(),
        counted_by=actor.user, complete=complete))
    # The count sheet of the location changed (last counted), also when no level did.
    return post_booking(tx, booking_id, MovementKind.COUNT_CORRECTION, corrections,
                        changes=Changes(locations=frozenset({location.code})))


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


def _counted_lot(session: Session, product: ProductRef, line: CountLine, user: str) -> LotRef:
    if not product.tracks_lots:
        return get_or_create_lot(session, product_id=product.id, lot_number=NO_LOT,
                                 expiry=None, actor=user)
    lot_number = (line.lot_number or "").strip()
    if not lot_number:
        raise LotRequired(product=product.name)
    if line.counted == 0:
        return existing_lot(session, product, lot_number)
    return incoming_lot(session, product, lot_number, line.expiry, user)


@dataclass(frozen=True)
class ExpectedLine:
    product_code: str
    product_name: str
    unit: str
    tracks_lots: bool
    lot_number: str
    expiry: date | None
    expected: int


@dataclass(frozen=True)
class CountSheet:
    location_code: str
    location_name: str
    expected: tuple[ExpectedLine, ...]
    last_counted_at: datetime | None
    last_counted_by: str | None


@dataclass(frozen=True)
class CountDifference:
    """One line of the comparison the clerk confirms: found vs expected."""

    product_code: str
    product_name: str
    lot_number: str
    expected: int
    found: int

    @property
    def difference(self) -> int:
        return self.found - self.expected

    @property
    def state(self) -> str:
        """'ok', 'missing' (expected, not found), 'unexpected' (found, not expected),
        'short' or 'over'."""
        if self.found == self.expected:
            return "ok"
        if self.found == 0:
            return "missing"
        if self.expected == 0:
            return "unexpected"
        return "short" if self.found < self.expected else "over"


@read(Permission.STOCK_READ)
def count_sheet(db: Database, location_code: str) -> CountSheet:
    """What the ledger says lies at exactly this location (not its sub-locations), per lot."""
    with db.read() as session:
        location = location_by_code(session, location_code)
        rows = session.execute(
            select(Product.code, Product.name, Product.unit, Product.tracks_lots, Lot.lot_number,
                   Lot.expiry, StockLevel.quantity)
            .join(StockLevel, StockLevel.product_id == Product.id)
            .join(Lot, Lot.id == StockLevel.lot_id)
            .where(StockLevel.location_id == location.id, StockLevel.quantity != 0)
            .order_by(Product.name, Lot.expiry, Lot.lot_number)
        ).all()
        last = session.execute(
            select(LocationCount.counted_at, LocationCount.counted_by)
            .where(LocationCount.location_id == location.id)
            .order_by(LocationCount.counted_at.desc(), LocationCount.id.desc())
            .limit(1)
        ).first()
        name = session.execute(
            select(Location.name).where(Location.id == location.id)).scalar_one()
    return CountSheet(location.code, name, tuple(ExpectedLine(*row) for row in rows),
                      last[0] if last else None, last[1] if last else None)


def compare_count(sheet: CountSheet, found: dict[tuple[str, str], int],
                  names: dict[str, str] | None = None) -> list[CountDifference]:
    """Expected vs found per (product code, lot number); found lines that were not expected
    come last. ``names`` gives product names for unexpected products."""
    names = dict(names or {})
    result: list[CountDifference] = []
    seen: set[tuple[str, str]] = set()
    for line in sheet.expected:
        key = (line.product_code, line.lot_number)
        seen.add(key)
        names.setdefault(line.product_code, line.product_name)
        result.append(CountDifference(line.product_code, line.product_name, line.lot_number,
                                      line.expected, found.get(key, 0)))
    for (code, lot), quantity in found.items():
        if (code, lot) not in seen:
            result.append(CountDifference(code, names.get(code, code), lot, 0, quantity))
    return result
