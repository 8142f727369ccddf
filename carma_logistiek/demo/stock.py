"""The stock part of the demo: locations, products, a year of movements and the orders.

``scale`` multiplies the product range and with it the movements: scale 1 is ~200 products and
~40,000 movements over 20 stock locations; scale 25 is the benchmark set (5,000 products,
~1,000,000 movements). Bulk history is inserted directly (the services would take minutes for
a million rows) and the stock levels are derived from it, so ``carma-logistiek check`` holds;
the orders and the few bookings of "today" go through the real services.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, text

from carma_logistiek.clock import ZONE_TZ, to_local, utc_now
from carma_logistiek.db.models import (
    Booking,
    Lot,
    Product,
    ProductGtin,
    ProductMinimum,
    StockLevel,
    StockMovement,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.demo.actors import CLERKS, as_actor, user_of
from carma_logistiek.demo.catalogue import (
    SITES,
    STOCK_LOCATIONS,
    SUPPLIERS,
    ZONE,
    product_variants,
)
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.stock import MovementKind, StockStatus
from carma_logistiek.services import orders as order_service
from carma_logistiek.services.masterdata import create_location
from carma_logistiek.services.stock.overview import stock_overview

CHUNK = 20_000
# A stock location: its id, how many products it carries at scale 1, the categories it keeps
# (None: every category).
StockLocation = tuple[int, int, tuple[str, ...] | None]
Row = dict[str, object]
# when, kind, product id, lot id, location id, quantity, who, recipient (kind, code), note
Event = tuple[datetime, str, int, int, int, int, str, tuple[str, str] | None, str]


@dataclass
class _LotState:
    lot_id: int
    expiry: date | None
    quantity: int = 0


@dataclass
class Pair:
    """One product kept at one location, simulated day by day."""

    location_id: int
    product_id: int
    tracked: bool
    minimum: int
    batch: int
    daily_use: float
    lots: list[_LotState] = field(default_factory=list)


def create_locations(db: Database, actor: Actor) -> dict[str, StockLocation]:
    """Returns stock location code -> (id, products carried at scale 1, categories or None)."""
    create_location(db, code=ZONE[0], name=ZONE[1], kind="zone", parent_code=None, actor=actor)
    for code, name in SITES:
        create_location(db, code=code, name=name, kind="site", parent_code=ZONE[0], actor=actor)
    result: dict[str, StockLocation] = {}
    for code, name, kind, parent, carried, categories in STOCK_LOCATIONS:
        row = create_location(db, code=code, name=name, kind=kind, parent_code=parent,
                              actor=actor)
        result[code] = (row.id, carried, categories)
    return result


def _ean13(body12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def insert_products(db: Database, scale: int, actor: Actor,
                    rng: random.Random) -> list[tuple[int, str, bool]]:
    """Returns (id, category, tracks lots) of every product inserted."""
    base = product_variants()
    rows: list[Row] = []
    products: list[tuple[int, str, bool]] = []
    target = 200 * scale
    created = datetime.now(UTC) - timedelta(days=400)
    for index in range(target):
        code, name, category, unit, expires = base[index % len(base)]
        generation = index // len(base)
        if generation == 1:
            code, name = f"{code}-G", f"{name} (grootverpakking)"
        elif generation > 1:
            code, name = f"{code}-{generation}", f"{name} (model {generation})"
        rows.append({
            "id": index + 1, "code": code[:32], "name": name, "category": category,
            "unit": unit, "tracks_lots": expires, "tracks_expiry": expires,
            # Belgian GS1 prefix 54; only articles that come with a manufacturer barcode.
            "gtin": _ean13(f"5410{index + 1:08d}") if expires or rng.random() < 0.3 else None,
            "active": True, "created_at": created, "created_by": user_of(actor),
        })
        products.append((index + 1, category, expires))
    gtins = [{"gtin": row["gtin"], "product_id": row["id"]} for row in rows if row["gtin"]]
    with db.write() as session:
        session.execute(insert(Product), rows)
        session.execute(insert(ProductGtin), gtins)
    return products


def assign_products(rng: random.Random, locations: dict[str, StockLocation],
                    products: list[tuple[int, str, bool]], scale: int) -> list[Pair]:
    pairs = []
    for code, (location_id, carried, categories) in locations.items():
        candidates = [p for p in products if categories is None or p[1] in categories]
        count = min(len(candidates), carried * scale)
        chosen = candidates if count == len(candidates) else rng.sample(candidates, count)
        central = code in ("GNK-MAG", "BRE-MAG")
        for product_id, _code, tracked in chosen:
            batch = rng.choice((10, 20, 25, 50, 100)) * (2 if central else 1)
            pairs.append(Pair(
                location_id=location_id, product_id=product_id, tracked=tracked,
                minimum=rng.choice((0, batch // 5, batch // 4, batch // 2)),
                batch=batch, daily_use=rng.uniform(0.03, 0.31),
            ))
    return pairs


class History:
    """Collects the simulated year, then writes it in chronological order, in chunks."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.user = user_of(actor)
        self.events: list[Event] = []
        self.lots: list[Row] = []
        self.lot_numbers: dict[int, int] = {}
        self.plain_lots: dict[int, int] = {}
        self.movement_count = 0
        # Nothing is dated after the moment the demo is made: a row "later today" would sit
        # above the bookings someone makes in the demo right after.
        self.now = utc_now() - timedelta(minutes=1)

    @property
    def lot_count(self) -> int:
        return len(self.lots)

    def new_lot(self, product_id: int, expiry: date | None, when: datetime) -> int:
        if expiry is None:
            if product_id not in self.plain_lots:
                self.plain_lots[product_id] = self._add_lot(product_id, "", None, when)
            return self.plain_lots[product_id]
        sequence = self.lot_numbers.get(product_id, 0) + 1
        self.lot_numbers[product_id] = sequence
        number = f"L{when.year % 100:02d}{product_id % 97:02d}{sequence:03d}"
        return self._add_lot(product_id, number, expiry, when)

    def _add_lot(self, product_id: int, number: str, expiry: date | None, when: datetime) -> int:
        lot_id = len(self.lots) + 1
        self.lots.append({"id": lot_id, "product_id": product_id, "lot_number": number,
                          "expiry": expiry, "created_at": min(when, self.now),
                          "created_by": self.user})
        return lot_id

    def add(self, when: datetime, kind: MovementKind, pair: Pair, lot_id: int, quantity: int,
            who: str, recipient: tuple[str, str] | None = None, note: str = "") -> None:
        if when > self.now and to_local(when).date() == to_local(self.now).date():
            when = self.now
        self.events.append((when, kind.value, pair.product_id, lot_id, pair.location_id,
                            quantity, who, recipient, note))

    def finish(self, pairs: list[Pair]) -> None:
        self.events.sort(key=lambda event: event[0])
        with self.db.write() as session:
            for chunk in _chunks(self.lots, CHUNK):
                session.execute(insert(Lot), chunk)
            for bookings, movements in self._rows():
                session.execute(insert(Booking), bookings)
                session.execute(insert(StockMovement), movements)
            levels: list[Row] = [{"location_id": p.location_id, "lot_id": lot.lot_id,
                                  "product_id": p.product_id, "quantity": lot.quantity}
                                 for p in pairs for lot in p.lots]
            for chunk in _chunks(levels, CHUNK):
                session.execute(insert(StockLevel), chunk)
            minimums: list[Row] = [{"product_id": p.product_id, "location_id": p.location_id,
                                    "minimum": p.minimum} for p in pairs if p.minimum > 0]
            for chunk in _chunks(minimums, CHUNK):
                session.execute(insert(ProductMinimum), chunk)
            if session.get_bind().dialect.name == "postgresql":
                for table in ("products", "lots", "bookings", "stock_movements"):
                    session.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))

    def _rows(self) -> Iterator[tuple[list[Row], list[Row]]]:
        bookings: list[Row] = []
        movements: list[Row] = []
        for number, event in enumerate(self.events, start=1):
            when, kind, product_id, lot_id, location_id, quantity, who, recipient, note = event
            bookings.append({"id": number, "idempotency_key": f"demo-{number}", "kind": kind,
                             "booked_at": when, "booked_by": who, "note": note})
            movements.append({
                "id": number, "booking_id": number, "kind": kind, "product_id": product_id,
                "lot_id": lot_id, "location_id": location_id, "quantity": quantity,
                "occurred_at": when, "recorded_by": who,
                "recipient_kind": recipient[0] if recipient else None,
                "recipient_code": recipient[1] if recipient else None,
                "order_line_id": None, "note": note, "override_reason": None,
            })
            if len(movements) >= CHUNK:
                yield bookings, movements
                bookings, movements = [], []
        self.movement_count = len(self.events)
        if movements:
            yield bookings, movements


def _chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _moment(rng: random.Random, day: date) -> datetime:
    local = datetime.combine(day, time(rng.randint(7, 17), rng.randint(0, 59)), ZONE_TZ)
    return local.astimezone(UTC)


def simulate(pair: Pair, history: History, rng: random.Random, today: date) -> None:
    start = today - timedelta(days=365)
    for offset in range(366):
        day = start + timedelta(days=offset)
        if offset == 0 or (_usable(pair, day) <= pair.minimum and rng.random() < 0.2):
            _deliver(pair, history, rng, day)
        elif rng.random() < pair.daily_use:
            _take(pair, history, rng, day)
        if offset % 30 == 15:
            _monthly_care(pair, history, rng, day, today)


def _usable(pair: Pair, day: date) -> int:
    return sum(lot.quantity for lot in pair.lots if lot.expiry is None or lot.expiry >= day)


def _deliver(pair: Pair, history: History, rng: random.Random, day: date) -> None:
    when = _moment(rng, day)
    expiry = day + timedelta(days=rng.randint(45, 720)) if pair.tracked else None
    lot_id = history.new_lot(pair.product_id, expiry, when)
    state = next((lot for lot in pair.lots if lot.lot_id == lot_id), None)
    if state is None:
        state = _LotState(lot_id, expiry)
        pair.lots.append(state)
    state.quantity += pair.batch
    history.add(when, MovementKind.DELIVERY, pair, lot_id, pair.batch, rng.choice(CLERKS),
                note=rng.choice(SUPPLIERS))


def _take(pair: Pair, history: History, rng: random.Random, day: date) -> None:
    usable = sorted((lot for lot in pair.lots if lot.quantity > 0
                     and (lot.expiry is None or lot.expiry >= day)),
                    key=lambda lot: (lot.expiry is None, lot.expiry or date.max))
    if not usable:
        return
    lot = usable[0]
    quantity = min(lot.quantity, rng.choice((1, 1, 1, 2, 2, 3, 5)))
    lot.quantity -= quantity
    if rng.random() < 0.75:
        recipient = (("staff", f"{rng.randint(1000, 1440):05d}") if rng.random() < 0.7 else
                     ("vehicle", rng.choice(("VITO-01", "VITO-02", "VITO-03", "VITO-04"))))
        history.add(_moment(rng, day), MovementKind.PICKUP, pair, lot.lot_id, -quantity,
                    rng.choice(CLERKS), recipient)
    else:
        history.add(_moment(rng, day), MovementKind.CONSUMPTION, pair, lot.lot_id, -quantity,
                    rng.choice(CLERKS), note="verbruik bij controle")


def _monthly_care(pair: Pair, history: History, rng: random.Random, day: date,
                  today: date) -> None:
    """Write off expired lots most months (not always: the demo must show "vervallen"),
    and now and then a count finds a difference."""
    for lot in pair.lots:
        expired = lot.expiry is not None and lot.expiry < day and lot.quantity > 0
        if expired and (today - day).days > 40 and rng.random() < 0.8:
            history.add(_moment(rng, day), MovementKind.EXPIRY_WRITE_OFF, pair, lot.lot_id,
                        -lot.quantity, rng.choice(CLERKS), note="vervallen, vernietigd")
            lot.quantity = 0
    if rng.random() < 0.08:
        candidates = [lot for lot in pair.lots if lot.quantity > 0]
        if candidates:
            lot = rng.choice(candidates)
            delta = max(rng.choice((-2, -1, 1)), -lot.quantity)
            lot.quantity += delta
            history.add(_moment(rng, day), MovementKind.COUNT_CORRECTION, pair, lot.lot_id,
                        delta, rng.choice(CLERKS), note="telling")


def create_orders(db: Database, rng: random.Random, actor: Actor, today: date) -> int:
    """Orders for what runs low, in every state of their life cycle."""
    def running_low(location: str) -> list:  # type: ignore[type-arg]
        return [row for row in stock_overview(db, location_code=location, today=today)
                if row.status in (StockStatus.RUNNING_LOW, StockStatus.OUT_OF_STOCK)]

    short = running_low("GNK-MAG")[:12] + running_low("BRE-MAG")[:4]
    created = 0
    for index, row in enumerate(short):
        quantity = max(row.minimum * 2 - row.quantity, 10)
        order = order_service.create_order(
            db, supplier=SUPPLIERS[index % len(SUPPLIERS)], location_code=row.location_code,
            lines=[(row.product_code, quantity)], actor=as_actor(rng.choice(CLERKS)),
            note="aanvulling tot minimumvoorraad")
        created += 1
        if index % 4 == 3:
            continue  # stays "aangevraagd"
        order_service.mark_ordered(db, order.number, actor=actor)
        if index % 4 == 1:
            order_service.receive_order_line(
                db, order_line_id=order.lines[0].id, quantity=max(1, quantity // 2),
                actor=as_actor(rng.choice(CLERKS)), lot_number=f"ORD{index:03d}",
                expiry=today + timedelta(days=400))
        elif index == 2:
            order_service.cancel_order(db, order.number, reason="leverancier kan niet leveren",
                                       actor=actor)
    return created
