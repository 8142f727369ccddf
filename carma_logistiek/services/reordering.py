"""The order list (bestellijst): what is under its minimum once what is on order has arrived,
with a suggested quantity (domain/reordering.py says how it is worked out), and the purchase
orders it turns into, one per supplier and delivery location, in one write.

The list is read in four grouped queries, each over one part: the minimums with their stock
(a correlated sum over the levels' (location, product) index), what is on order, the
consumption in the window, and the suppliers of the products. Python only joins the four.

Idempotency without a table of its own: the order list's key is a row of the named counters
(``sequences``, whose name is unique), "olk:<sha256 of the key>", holding a short fingerprint
of the request; each order it made is a row "olo:<same>:<n>" holding the order's id. A second
attempt with the same key (a double click, a retry after a lost answer) finds the first row
and answers the orders it made; another request under that key is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import (
    Location,
    OrderLine,
    Product,
    ProductMinimum,
    ProductSupplier,
    PurchaseOrder,
    StockLevel,
    StockMovement,
    Supplier,
)
from carma_logistiek.db.models import Sequence as SequenceCounter
from carma_logistiek.db.models.common import UTCDateTime
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.consumption import local_midnight_utc
from carma_logistiek.domain.errors import IdempotencyConflict
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.reordering import (
    DEFAULT_CONSUMPTION_DAYS,
    DEFAULT_LEAD_TIME_DAYS,
    LineWithoutSupplier,
    NothingChosen,
    ReorderFacts,
    SupplierRetired,
    UnknownSupplier,
    needs_ordering,
    require_days,
    suggest,
)
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.domain.text import natural_key
from carma_logistiek.services.command import Replay, StoredKey, Tx, read, write
from carma_logistiek.services.lookups import location_by_code, normalise_code
from carma_logistiek.services.orders import add_requested_order, next_number, order_rows_by_id
from carma_logistiek.services.results import OrderRow

__all__ = [
    "CreatedOrders",
    "OrderList",
    "OrderListChoice",
    "OrderListLine",
    "create_orders_from_list",
    "order_list",
]

# What a request made from the list already covers: its lines count as on order at once.
ON_ORDER_STATUSES = (OrderStatus.REQUESTED.value, OrderStatus.ORDERED.value,
                     OrderStatus.PARTIALLY_DELIVERED.value)
CONSUMED_KINDS = (MovementKind.PICKUP.value, MovementKind.CONSUMPTION.value)


@dataclass(frozen=True)
class OrderListLine:
    product_code: str
    product_name: str
    unit: str
    location_code: str
    location_name: str
    on_hand: int
    on_order: int
    minimum: int
    maximum: int | None
    consumed: int
    target: int
    suggested: int
    supplier_code: str | None  # the preferred supplier; None: no supplier linked
    supplier_name: str
    reference: str
    pack_size: int
    lead_time_days: int
    reason: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.product_code, self.location_code)


@dataclass(frozen=True)
class OrderList:
    lines: tuple[OrderListLine, ...]
    days: int

    def supplier_codes(self) -> list[str | None]:
        """The suppliers in the list, in its order (None, the lines without one, last)."""
        return list(dict.fromkeys(line.supplier_code for line in self.lines))


@dataclass(frozen=True)
class OrderListChoice:
    """One line of the list as the buyer confirmed it."""

    product_code: str
    location_code: str
    supplier_code: str | None
    quantity: int


@dataclass(frozen=True)
class CreatedOrders:
    orders: tuple[OrderRow, ...]
    replayed: bool = False
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(order.number for order in self.orders)


# A proposal computed from stock and minimums; turning it into orders needs orders.edit.
@read(Permission.STOCK_READ)
def order_list(db: Database, *, supplier_code: str | None = None,
               location_code: str | None = None, days: int = DEFAULT_CONSUMPTION_DAYS,
               today: date | None = None) -> OrderList:
    """The lines under their minimum (what is on order counted), with a suggested quantity,
    grouped by preferred supplier (the lines without one last), then location and product
    as people read them. ``location_code`` takes that location and everything under it."""
    require_days(days)
    today = today or local_today()
    with db.read() as session:
        supplier_id = _supplier_id(session, supplier_code) if supplier_code else None
        pairs = _minimum_rows(session, location_code)
        on_order = _on_order(session)
        suppliers = _preferred_suppliers(session)
        # Only the pairs short once their orders arrive (of the supplier asked for): only
        # their consumption is read.
        short = [row for row in pairs
                 if needs_ordering(int(row[9]), on_order.get((row[5], row[6]), 0), row[7])
                 and (supplier_id is None or suppliers.get(row[6], (None,))[0] == supplier_id)]
        consumed = _consumption(session, local_midnight_utc(today - timedelta(days=days - 1)),
                                {(row[5], row[6]) for row in short})
    on_order_of = {row[5:7]: on_order.get(row[5:7], 0) for row in short}
    lines = [_line(row, on_order_of[row[5:7]], consumed.get(row[5:7], 0), days,
                   suppliers.get(row[6])) for row in short]
    lines.sort(key=lambda line: (line.supplier_code is None, natural_key(line.supplier_name),
                                 natural_key(line.location_name), natural_key(line.product_name),
                                 line.product_code, line.location_code))
    return OrderList(tuple(lines), days)


def _line(row: tuple, on_order: int, consumed: int, days: int,  # type: ignore[type-arg]
          supplier: SupplierLink | None) -> OrderListLine:
    code, name, unit, loc_code, loc_name, _loc, _prod, minimum, maximum, on_hand = row
    _id, s_code, s_name, lead, reference, pack = supplier or (None, None, "", None, "", 1)
    facts = ReorderFacts(
        on_hand=int(on_hand), on_order=on_order, minimum=minimum, maximum=maximum,
        consumed=consumed, days=days,
        lead_time_days=DEFAULT_LEAD_TIME_DAYS if lead is None else lead, pack_size=pack)
    suggestion = suggest(facts)
    return OrderListLine(code, name, unit, loc_code, loc_name, facts.on_hand, on_order, minimum,
                         maximum, consumed, suggestion.target, suggestion.suggested, s_code,
                         s_name, reference, pack, facts.lead_time_days, suggestion.reason)


def _supplier_id(session: Session, code: str) -> int:
    found = session.execute(select(Supplier.id).where(Supplier.code == normalise_code(code))
                            ).scalar_one_or_none()
    if found is None:
        raise UnknownSupplier(code=code)
    return int(found)


_level_of_minimum = (
    select(func.coalesce(func.sum(StockLevel.quantity), 0))
    .where(StockLevel.location_id == ProductMinimum.location_id,
           StockLevel.product_id == ProductMinimum.product_id)
    .correlate(ProductMinimum)
    .scalar_subquery()
)


def _minimum_rows(session: Session, location_code: str | None) -> list[tuple]:  # type: ignore[type-arg]
    query = (
        select(Product.code, Product.name, Product.unit, Location.code, Location.name,
               ProductMinimum.location_id, ProductMinimum.product_id, ProductMinimum.minimum,
               ProductMinimum.maximum, _level_of_minimum)
        .join(Product, Product.id == ProductMinimum.product_id)
        .join(Location, Location.id == ProductMinimum.location_id)
        # A retired product or location is no longer ordered for.
        .where(ProductMinimum.minimum > 0, Product.active.is_(True), Location.active.is_(True))
    )
    if location_code:
        scope = location_by_code(session, location_code, must_hold_stock=False)
        query = query.where(Location.path.startswith(scope.path, autoescape=True))
    return [tuple(row) for row in session.execute(query)]


def _on_order(session: Session) -> dict[tuple[int, int], int]:
    rows = session.execute(
        select(PurchaseOrder.location_id, OrderLine.product_id,
               func.sum(OrderLine.quantity_ordered - OrderLine.quantity_received))
        .join(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
        .where(PurchaseOrder.status.in_(ON_ORDER_STATUSES),
               OrderLine.quantity_received < OrderLine.quantity_ordered)
        .group_by(PurchaseOrder.location_id, OrderLine.product_id))
    return {(loc, prod): int(qty) for loc, prod, qty in rows}


def _consumption(session: Session, start: datetime,
                 pairs: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Pickups and consumption since ``start`` of these (location, product) pairs, positive.
    A reversal (storno) has its line's kind with the opposite sign and counts when the line it
    corrects happened, as in the consumption view (services/consumption.py), so a reversed
    pickup nets to nothing.

    The pairs are asked for per location ("location = x AND product IN (...)"), so the index
    on (product, location) reads only their lines; the window alone made SQLite read a quarter
    of the ledger, 20x slower on the 25x demo (tests/benchmarks/bench_orderlist.py)."""
    if not pairs:
        return {}
    per_location: dict[int, list[int]] = {}
    for location, product in sorted(pairs):
        per_location.setdefault(location, []).append(product)
    m = StockMovement
    corrected = aliased(StockMovement)
    when = type_coerce(func.coalesce(corrected.occurred_at, m.occurred_at), UTCDateTime)
    rows = session.execute(
        select(m.location_id, m.product_id, func.sum(-m.quantity))
        .outerjoin(corrected, corrected.id == m.reverses_movement_id)
        .where(or_(*(and_(m.location_id == location, m.product_id.in_(products))
                     for location, products in per_location.items())),
               m.kind.in_(CONSUMED_KINDS), when >= start)
        .group_by(m.location_id, m.product_id))
    return {(loc, prod): max(0, int(qty)) for loc, prod, qty in rows}


SupplierLink = tuple[int, str, str, int | None, str, int]  # id, code, name, lead, ref, pack


def _preferred_suppliers(session: Session) -> dict[int, SupplierLink]:
    """Per product its preferred active supplier; without a preferred one, the first by code."""
    rows = session.execute(
        select(ProductSupplier.product_id, Supplier.id, Supplier.code, Supplier.name,
               Supplier.lead_time_days, ProductSupplier.reference, ProductSupplier.pack_size)
        .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
        .where(Supplier.active.is_(True))
        .order_by(ProductSupplier.product_id, ProductSupplier.preferred.desc(), Supplier.code))
    chosen: dict[int, SupplierLink] = {}
    for product_id, s_id, code, name, lead, reference, pack in rows:
        if product_id not in chosen:
            chosen[product_id] = (s_id, code, name, lead, reference or "", max(1, pack or 1))
    return chosen


# --- from the list to purchase orders ------------------------------------------------------
# The key's rows in the named counters (see the module's docstring): "olk:<digest>" holds the
# batch number; "olf:<batch>" a short fingerprint; "olo:<batch>:<n>" the id of order n.
_BATCHES = "orderlist-batch"


def _key_name(key: str) -> str:
    return "olk:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _short_fingerprint(fingerprint: str) -> int:
    return int(fingerprint[:7], 16) if fingerprint else 0  # 28 bits: fits any INTEGER


def _counter(session: Session, name: str) -> int | None:
    found = session.execute(select(SequenceCounter.value).where(SequenceCounter.name == name)
                            ).scalar_one_or_none()
    return None if found is None else int(found)


def _find_key(session: Session, key: str) -> StoredKey | None:
    batch = _counter(session, _key_name(key))
    # Only two attempts racing with one key get here (the body compares the fingerprint of a
    # key it finds first): the second answers the first one's orders.
    return None if batch is None else StoredKey(batch, None, "orders.create_from_list")


def _rebuild(session: Session, stored: StoredKey) -> CreatedOrders:
    prefix = f"olo:{stored.id}:"
    rows = session.execute(select(SequenceCounter.name, SequenceCounter.value)
                           .where(SequenceCounter.name.startswith(prefix))).all()
    ids = [value for _name, value in sorted(rows, key=lambda r: int(r[0][len(prefix):]))]
    return CreatedOrders(tuple(order_rows_by_id(session, ids)), replayed=True)


_replay: Replay[CreatedOrders] = Replay(find=_find_key, rebuild=_rebuild)


@write(Permission.ORDERS_EDIT, name="orders.create_from_list", replay=_replay)
def create_orders_from_list(tx: Tx, /, *, lines: tuple[OrderListChoice, ...], actor: Actor,
                            key: str | None = None) -> CreatedOrders:
    """One purchase order "aangevraagd" per supplier and delivery location, with the chosen
    lines and quantities, the supplier's name and id set: the buyer reviews each and marks it
    besteld. The same key again answers the orders it made, without making new ones."""
    if not lines:
        raise NothingChosen()
    session = tx.session
    stored = _find_key(session, tx.key)
    if stored is not None:
        if _counter(session, f"olf:{stored.id}") != _short_fingerprint(tx.fingerprint):
            raise IdempotencyConflict(key=tx.key, command=tx.command)
        return _rebuild(session, stored)
    batch = next_number(session, _BATCHES)
    session.add(SequenceCounter(name=_key_name(tx.key), value=batch))
    session.add(SequenceCounter(name=f"olf:{batch}", value=_short_fingerprint(tx.fingerprint)))
    session.flush()  # a second attempt racing with this key stops here (unique name)
    suppliers = _suppliers_of(session, lines)
    groups: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for line in lines:
        group = (normalise_code(line.supplier_code or ""), normalise_code(line.location_code))
        groups.setdefault(group, []).append((line.product_code, line.quantity))
    made = []
    for index, ((supplier_code, location_code), order_lines) in enumerate(sorted(groups.items())):
        supplier_id, supplier_name = suppliers[supplier_code]
        row = add_requested_order(session, supplier=supplier_name, supplier_id=supplier_id,
                                  location_code=location_code, lines=order_lines,
                                  user=tx.actor.user)
        order_id = session.execute(select(PurchaseOrder.id)
                                   .where(PurchaseOrder.number == row.number)).scalar_one()
        session.add(SequenceCounter(name=f"olo:{batch}:{index}", value=order_id))
        made.append(row)
    changes = NO_CHANGES
    for row in made:
        changes = changes | row.changes
    return CreatedOrders(tuple(made), changes=changes)


def _suppliers_of(session: Session, lines: Sequence[OrderListChoice]) -> dict[str, tuple[int, str]]:
    """Code -> (id, name) of every supplier the lines name; a line without one is refused."""
    for line in lines:
        if not (line.supplier_code or "").strip():
            raise LineWithoutSupplier(product=line.product_code, location=line.location_code)
    codes = {normalise_code(line.supplier_code or "") for line in lines}
    rows = {code: (s_id, name, active) for s_id, code, name, active in session.execute(
        select(Supplier.id, Supplier.code, Supplier.name, Supplier.active)
        .where(Supplier.code.in_(codes)))}
    found = {}
    for code in sorted(codes):
        if code not in rows:
            raise UnknownSupplier(code=code)
        s_id, name, active = rows[code]
        if not active:
            raise SupplierRetired(name=name)
        found[code] = (int(s_id), name)
    return found
