"""Counting a location (telling): what the ledger expects there, and when it was last counted.

The scan screen shows the expected lines, the clerk scans what is found, and the differences
are booked with ``stock.record_count(..., complete=True)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from carma_logistiek.db.models import Location, LocationCount, Lot, Product, StockLevel
from carma_logistiek.db.uow import Database
from carma_logistiek.services.lookups import location_by_code


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
