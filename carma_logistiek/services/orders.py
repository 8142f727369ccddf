"""Purchase orders: request, order, receive (partially), or cancel.

Every write here goes through the command path (services/command.py); the result is the order
as the write left it, saying which order changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from carma_logistiek.clock import local_today, to_local, utc_now
from carma_logistiek.db.models import Location, OrderLine, Product, PurchaseOrder
from carma_logistiek.db.models import Sequence as SequenceCounter
from carma_logistiek.db.uow import Database
from carma_logistiek.db.zoning import working_zone
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import (
    InvalidQuantity,
    OrderEmpty,
    OrderNotEditable,
    ReasonRequired,
    SupplierRequired,
    UnknownOrder,
    UnknownOrderLine,
)
from carma_logistiek.domain.orders import OrderStatus, require_editable
from carma_logistiek.domain.stock import require_positive_quantity
from carma_logistiek.i18n import _, ngettext
from carma_logistiek.services.attention import (
    FIRST_LINES,
    PROBLEM,
    AttentionLine,
    AttentionSummary,
    order_focus,
    severity_when,
)
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import location_by_code, normalise_code, product_by_code
from carma_logistiek.services.masterdata.guards import require_active_product
from carma_logistiek.services.results import BookingResult, OrderLineRow, OrderRow
from carma_logistiek.services.stock.ledger import replay_booking
from carma_logistiek.services.stock.verbs import record_delivery

OrderLineInput = tuple[str, int]  # (product code, quantity ordered)
RECEIVABLE_STATUSES = frozenset(
    {OrderStatus.REQUESTED, OrderStatus.ORDERED, OrderStatus.PARTIALLY_DELIVERED})


def next_number(session: Session, prefix: str) -> int:
    """Increment a named counter inside the caller's transaction (race-free on every backend:
    the UPDATE locks the row until commit)."""
    changed = session.execute(
        update(SequenceCounter).where(SequenceCounter.name == prefix)
        .values(value=SequenceCounter.value + 1)
    ).rowcount  # type: ignore[attr-defined]
    if changed == 0:
        session.execute(insert(SequenceCounter).values(zone=working_zone(session), name=prefix,
                                                       value=1))
        return 1
    return session.execute(
        select(SequenceCounter.value).where(SequenceCounter.name == prefix)).scalar_one()


def _changed(session: Session, order: PurchaseOrder,
             before: frozenset[tuple[str, str]] = frozenset()) -> OrderRow:
    """The order as the write left it, saying that this order changed and so did the stock
    rows of its products at its location (what is "besteld" there); ``before`` are the pairs
    of the order before an edit moved or dropped them."""
    session.flush()
    row = _order_row(session, order)
    return replace(row, changes=Changes(orders=frozenset({order.number}),
                                        stock=before | _stock_pairs(row)))


def _stock_pairs(row: OrderRow) -> frozenset[tuple[str, str]]:
    return frozenset((line.product_code, row.location_code) for line in row.lines)


@write(Permission.ORDERS_EDIT)
def create_order(
    tx: Tx, /,
    *,
    supplier: str,
    location_code: str,
    lines: Sequence[OrderLineInput],
    actor: Actor,
    note: str = "",
    order_date: date | None = None,
) -> OrderRow:
    """A new order in status "aangevraagd", numbered B<year>-<nnnn>."""
    supplier = _require_supplier(supplier)
    checked = _check_lines(lines)
    year = (order_date or local_today()).year
    session = tx.session
    location = location_by_code(session, location_code)
    number = f"B{year}-{next_number(session, f'order-{year}'):04d}"
    order = PurchaseOrder(number=number, supplier=supplier, location_id=location.id,
                          status=OrderStatus.REQUESTED.value, note=note.strip(),
                          created_at=utc_now(), created_by=actor.user)
    for code, _qty in checked:  # a retired product is no longer ordered
        require_active_product(session, product_by_code(session, code))
    order.lines = [OrderLine(product_id=product_by_code(session, code).id,
                             quantity_ordered=qty, quantity_received=0)
                   for code, qty in checked]
    session.add(order)
    return _changed(session, order)


@write(Permission.ORDERS_EDIT)
def update_order(
    tx: Tx, /,
    number: str,
    *,
    supplier: str,
    location_code: str,
    lines: Sequence[OrderLineInput],
    actor: Actor,
    note: str = "",
) -> OrderRow:
    """Change supplier, delivery location, note and lines. Refused once the order is delivered
    or cancelled; a line cannot drop below what was already received."""
    supplier = _require_supplier(supplier)
    checked = _check_lines(lines)
    session = tx.session
    order = _load(session, number)
    require_editable(order.number, OrderStatus(order.status))
    before = _stock_pairs(_order_row(session, order))
    order.supplier = supplier
    order.note = note.strip()
    order.location_id = location_by_code(session, location_code).id
    received = {line.product_id: line for line in order.lines}
    new_lines: list[OrderLine] = []
    for code, qty in checked:
        product_id = product_by_code(session, code).id
        existing = received.pop(product_id, None)
        if existing is not None:
            if qty < existing.quantity_received:
                raise InvalidQuantity(quantity=qty)
            existing.quantity_ordered = qty
            new_lines.append(existing)
        else:
            require_active_product(session, product_by_code(session, code))
            new_lines.append(OrderLine(product_id=product_id, quantity_ordered=qty))
    if any(line.quantity_received > 0 for line in received.values()):
        raise OrderNotEditable(number=order.number, status=OrderStatus(order.status).label)
    order.lines = new_lines
    return _changed(session, order, before)


@write(Permission.ORDERS_EDIT)
def mark_ordered(tx: Tx, /, number: str, *, actor: Actor) -> OrderRow:
    """The order went out to the supplier: from now on its products show as "besteld"."""
    session = tx.session
    order = _load(session, number)
    if OrderStatus(order.status) is not OrderStatus.REQUESTED:
        raise OrderNotEditable(number=order.number, status=OrderStatus(order.status).label)
    order.status = OrderStatus.ORDERED.value
    order.ordered_at = utc_now()
    order.ordered_by = actor.user
    return _changed(session, order)


@write(Permission.ORDERS_EDIT)
def cancel_order(tx: Tx, /, number: str, *, reason: str, actor: Actor) -> OrderRow:
    """Cancel an order that is not (fully) delivered. What was received stays received."""
    if not reason.strip():
        raise ReasonRequired()
    session = tx.session
    order = _load(session, number)
    require_editable(order.number, OrderStatus(order.status))
    order.status = OrderStatus.CANCELLED.value
    order.closed_at = utc_now()
    order.cancelled_by = actor.user
    order.cancel_reason = reason.strip()[:500]
    return _changed(session, order)


@write(Permission.STOCK_BOOK, replay=replay_booking)
def receive_order_line(
    tx: Tx, /,
    *,
    order_line_id: int,
    quantity: int,
    actor: Actor,
    lot_number: str | None = None,
    expiry: date | None = None,
    location_code: str | None = None,
    note: str = "",
    key: str | None = None,
) -> BookingResult:
    """Book a delivery against an order line, at the order's location unless another is given:
    the delivery and the order's new state in one transaction."""
    row = tx.session.execute(
        select(Product.code, Location.code)
        .select_from(OrderLine)
        .join(Product, Product.id == OrderLine.product_id)
        .join(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
        .join(Location, Location.id == PurchaseOrder.location_id)
        .where(OrderLine.id == order_line_id)
    ).first()
    if row is None:
        raise UnknownOrderLine(line_id=order_line_id)
    product_code, order_location = row
    return record_delivery.body(tx, product_code=product_code,
                                location_code=location_code or order_location,
                                quantity=quantity, actor=actor, lot_number=lot_number,
                                expiry=expiry, order_line_id=order_line_id, note=note, key=key)


# What is on order is part of the stock picture (the stock screen shows "besteld"):
# reading orders needs stock.read; changing them needs orders.edit.
@read(Permission.STOCK_READ)
def list_orders(db: Database, *, search: str = "",
                statuses: frozenset[OrderStatus] | None = None) -> list[OrderRow]:
    """Orders, newest first, optionally filtered by status and by number/supplier/note text."""
    query = (select(PurchaseOrder).options(selectinload(PurchaseOrder.lines))
             .order_by(PurchaseOrder.created_at.desc(), PurchaseOrder.id.desc()))
    if statuses:
        query = query.where(PurchaseOrder.status.in_([s.value for s in statuses]))
    if search.strip():
        pattern = f"%{search.strip()}%"
        query = query.where(PurchaseOrder.number.ilike(pattern)
                            | PurchaseOrder.supplier.ilike(pattern)
                            | PurchaseOrder.note.ilike(pattern))
    with db.read() as session:
        locations = dict(session.execute(select(Location.id, Location.code)).all())
        names = dict(session.execute(select(Location.id, Location.name)).all())
        return [_summary_row(order, locations, names) for order in session.scalars(query)]


@read(Permission.STOCK_READ)
def get_order(db: Database, number: str) -> OrderRow:
    with db.read() as session:
        return _order_row(session, _load(session, number))


@read(Permission.STOCK_READ)
def receivable_order_lines(db: Database, *,
                           product_code: str) -> list[tuple[OrderRow, OrderLineRow]]:
    """Lines of this product that still expect a delivery (order aangevraagd, besteld or deels
    geleverd), oldest order first: what a delivery can be received against. One read."""
    code = normalise_code(product_code or "")
    query = (
        select(PurchaseOrder).options(selectinload(PurchaseOrder.lines))
        .where(PurchaseOrder.status.in_([s.value for s in RECEIVABLE_STATUSES]),
               PurchaseOrder.id.in_(
                   select(OrderLine.order_id).join(Product, Product.id == OrderLine.product_id)
                   .where(Product.code == code,
                          OrderLine.quantity_received < OrderLine.quantity_ordered)))
        .order_by(PurchaseOrder.created_at, PurchaseOrder.id)
    )
    with db.read() as session:
        rows = [_order_row(session, order) for order in session.scalars(query)]
    return [(row, line) for row in rows for line in row.lines
            if line.product_code == code and line.outstanding > 0]


def _summary_row(order: PurchaseOrder, codes: dict[int, str], names: dict[int, str]) -> OrderRow:
    return OrderRow(order.number, order.supplier, OrderStatus(order.status),
                    codes[order.location_id], names[order.location_id], order.created_at,
                    order.created_by, order.ordered_at, len(order.lines),
                    sum(line.quantity_ordered for line in order.lines),
                    sum(line.quantity_received for line in order.lines), order.note,
                    order.cancel_reason)


def _order_row(session: Session, order: PurchaseOrder) -> OrderRow:
    location = session.get_one(Location, order.location_id)
    products = {
        pid: (code, name, unit)
        for pid, code, name, unit in session.execute(
            select(Product.id, Product.code, Product.name, Product.unit)
            .where(Product.id.in_([line.product_id for line in order.lines]))
        )
    }
    lines = tuple(
        OrderLineRow(line.id, *products[line.product_id], line.quantity_ordered,
                     line.quantity_received)
        for line in order.lines
    )
    summary = _summary_row(order, {location.id: location.code}, {location.id: location.name})
    return OrderRow(**{**summary.__dict__, "lines": lines})


def _load(session: Session, number: str) -> PurchaseOrder:
    order = session.scalars(
        select(PurchaseOrder).options(selectinload(PurchaseOrder.lines))
        .where(PurchaseOrder.number == normalise_code(number))
    ).first()
    if order is None:
        raise UnknownOrder(number=number)
    return order


def _require_supplier(supplier: str) -> str:
    if not supplier or not supplier.strip():
        raise SupplierRequired()
    return supplier.strip()[:120]


def _check_lines(lines: Sequence[OrderLineInput]) -> list[OrderLineInput]:
    if not lines:
        raise OrderEmpty()
    merged: dict[str, int] = {}
    for code, qty in lines:
        require_positive_quantity(qty)
        key = normalise_code(code)
        merged[key] = merged.get(key, 0) + qty
    return list(merged.items())


@read(Permission.STOCK_READ)
def count_open_orders(db: Database) -> int:
    with db.read() as session:
        return session.execute(
            select(func.count()).select_from(PurchaseOrder)
            .where(PurchaseOrder.status.in_([OrderStatus.ORDERED.value,
                                             OrderStatus.PARTIALLY_DELIVERED.value]))
        ).scalar_one()


DEFAULT_LEAD_TIME_DAYS = 14  # a supplier without a lead time of its own


@read(Permission.STOCK_READ)
def late_orders_attention(db: Database, *, today: date | None = None,
                          lead_time_days: int = DEFAULT_LEAD_TIME_DAYS) -> AttentionSummary:
    """Orders sent out ("besteld", or partly delivered) longer ago than their supplier's lead
    time (``lead_time_days`` for a supplier without one, or an order typed without a known
    supplier): to chase. The longest late first."""
    from carma_logistiek.db.models import Supplier  # the suppliers came with 0005

    today = today or local_today()
    with db.read() as session:
        rows = session.execute(
            select(PurchaseOrder.number, PurchaseOrder.supplier, PurchaseOrder.ordered_at,
                   PurchaseOrder.created_at, Supplier.lead_time_days)
            .outerjoin(Supplier, Supplier.id == PurchaseOrder.supplier_id)
            .where(PurchaseOrder.status.in_([OrderStatus.ORDERED.value,
                                             OrderStatus.PARTIALLY_DELIVERED.value]))
        ).all()
    late = []
    for number, supplier, ordered_at, created_at, lead in rows:
        moment = ordered_at or created_at  # orders marked before ordered_at was kept
        sent = to_local(moment if moment.tzinfo else moment.replace(tzinfo=UTC)).date()
        days = (today - sent).days
        lead = lead_time_days if lead is None else lead
        if days > lead:
            late.append((-(days - lead), number, supplier, days, lead))
    late.sort()
    lines = tuple(
        AttentionLine(_("{days} dagen besteld (levertijd {lead}) · {number} — {supplier}",
                        number=number, supplier=supplier, days=days, lead=lead),
                      order_focus(number))
        for _key, number, supplier, days, lead in late[:FIRST_LINES])
    note = ngettext("standaardlevertijd {n} dag", "standaardlevertijd {n} dagen",
                    lead_time_days)
    return AttentionSummary(len(late), lines, severity_when(len(late), PROBLEM), note)


# --- several orders in one write (services/reordering.py: the order list) -------------------
def add_requested_order(session: Session, *, supplier: str, supplier_id: int | None,
                        location_code: str, lines: Sequence[OrderLineInput],
                        user: str) -> OrderRow:
    """A new order "aangevraagd" inside the caller's write, with create_order's checks and
    numbering; the result says this order and its stock pairs changed."""
    supplier = _require_supplier(supplier)
    checked = _check_lines(lines)
    year = local_today().year
    location = location_by_code(session, location_code)
    number = f"B{year}-{next_number(session, f'order-{year}'):04d}"
    order = PurchaseOrder(number=number, supplier=supplier, supplier_id=supplier_id,
                          location_id=location.id, status=OrderStatus.REQUESTED.value,
                          note="", created_at=utc_now(), created_by=user)
    for code, _qty in checked:  # a retired product is no longer ordered
        require_active_product(session, product_by_code(session, code))
    order.lines = [OrderLine(product_id=product_by_code(session, code).id,
                             quantity_ordered=qty, quantity_received=0)
                   for code, qty in checked]
    session.add(order)
    return _changed(session, order)


def order_rows_by_id(session: Session, ids: Sequence[int]) -> list[OrderRow]:
    """The orders with these ids as they are now, in the order of ``ids``."""
    orders = {order.id: order for order in session.scalars(
        select(PurchaseOrder).options(selectinload(PurchaseOrder.lines))
        .where(PurchaseOrder.id.in_(list(ids))))}
    return [_order_row(session, orders[i]) for i in ids if i in orders]
