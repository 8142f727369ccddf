"""The read side of stock: overview per location, product detail, movement history, and the
integrity check that recomputes every level from the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Unicode, and_, bindparam, case, func, literal, select, type_coerce, union
from sqlalchemy.orm import Session, aliased

from carma_logistiek.clock import local_now, local_today, to_local
from carma_logistiek.db.models import (
    Booking,
    Location,
    Lot,
    OrderLine,
    Product,
    ProductGtin,
    ProductMinimum,
    PurchaseOrder,
    StockLevel,
    StockMovement,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.domain.stock import (
    DEFAULT_EXPIRY_HORIZON_DAYS,
    MovementKind,
    StockStatus,
    derive_status,
    is_expired,
)
from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import _, format_date, ngettext
from carma_logistiek.services.attention import (
    ATTENTION,
    FIRST_LINES,
    INFO,
    OK,
    PROBLEM,
    AttentionLine,
    AttentionSummary,
    product_focus,
    severity_when,
)
from carma_logistiek.services.command import read
from carma_logistiek.services.lookups import location_by_code, product_by_code
from carma_logistiek.services.recipients import recipient_names
from carma_logistiek.services.results import (
    LevelMismatch,
    LotRow,
    MovementRow,
    ProductDetail,
    ProductRow,
    StockRow,
)

OPEN_ORDER_STATUSES = (OrderStatus.ORDERED.value, OrderStatus.PARTIALLY_DELIVERED.value)


@read(Permission.STOCK_READ)
def stock_overview(
    db: Database,
    *,
    location_code: str | None = None,
    search: str = "",
    statuses: frozenset[StockStatus] | None = None,
    today: date | None = None,
    horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS,
    product_codes: Sequence[str] | None = None,
) -> list[StockRow]:
    """One row per product and stock location, for a location and everything under it (or the
    whole zone), with the derived status. Sorted by location name, then product name, as people
    read them (numbers as numbers).

    Products with a minimum at a location appear even without stock there, so "uit stock"
    shows. ``search`` matches product code, name, category or GTIN. ``product_codes`` limits
    the rows to those products: after a booking a screen refreshes just the rows it touched
    (~1 ms) instead of the whole location (tens of ms for the central storeroom).
    """
    today = today or local_today()
    with db.read() as session:
        scope = _scope_ids(session, location_code)
        connection = session.connection()
        level_rows, minimum_rows = _LEVEL_ROWS, _MINIMUM_ONLY_ROWS
        if product_codes is not None:
            codes = [code.strip().upper() for code in product_codes]
            level_rows = level_rows.where(Product.code.in_(codes))
            minimum_rows = minimum_rows.where(Product.code.in_(codes))
        rows = connection.execute(_with_search(level_rows, search),
                                  {"scope": scope, "today": today}).all()
        minimum_only = connection.execute(_with_search(minimum_rows, search),
                                          {"scope": scope}).all()
        open_orders = {(loc, prod): int(qty) for loc, prod, qty
                       in connection.execute(_OPEN_ORDERS).all()}
    result = [_stock_row(row, open_orders, today, horizon_days) for row in rows]
    if minimum_only:  # rare: a minimum set where the product never had stock
        result += [_stock_row(row, open_orders, today, horizon_days) for row in minimum_only]
    _sort_as_read(result)
    if statuses:
        result = [row for row in result if row.status in statuses]
    return result


def _sort_as_read(rows: list[StockRow]) -> None:
    """By location, then product, numbers as numbers ("voertuig 2" before "voertuig 10"):
    SQL sorts them as text. The distinct names (thousands of rows share a few thousand) are
    ranked once by their natural key; the rows then sort on whole numbers."""
    names = {row.location_name for row in rows} | {row.product_name for row in rows}
    rank = {name: index for index, name in enumerate(sorted(names, key=natural_key))}
    rows.sort(key=lambda r: (rank[r.location_name], r.location_code, rank[r.product_name],
                             r.product_code))


def _scope_ids(session: Session, location_code: str | None) -> list[int]:
    """Ids of the location and everything under it (every location for None)."""
    query = select(Location.id)
    if location_code:
        location = location_by_code(session, location_code, must_hold_stock=False)
        query = query.where(Location.path.startswith(location.path))
    return list(session.execute(query).scalars())


# The overview reads the level rows of the scope once, grouped per product (the index on
# (location_id, product_id) delivers them in group order); pairs that only have a minimum and
# open orders come from two small separate queries. One query with a UNION of pairs read the
# levels twice and took three times as long (docs/benchmarks.md).
_levels_by_product = (
    select(
        StockLevel.location_id.label("location_id"),
        StockLevel.product_id.label("product_id"),
        func.sum(StockLevel.quantity).label("quantity"),
        # As text: SQLAlchemy's per-row date processing cost more than the query itself;
        # _as_date parses the ISO text (SQLite) or passes a date through (servers).
        type_coerce(func.min(case((StockLevel.quantity > 0, Lot.expiry))), Unicode)
        .label("earliest_expiry"),
        # What is past its date (is_expired: usable on the expiry date itself, not after).
        func.sum(case((Lot.expiry < bindparam("today"), StockLevel.quantity), else_=0))
        .label("expired"),
    )
    .join(Lot, Lot.id == StockLevel.lot_id)
    .where(StockLevel.location_id.in_(bindparam("scope", expanding=True)))
    .group_by(StockLevel.location_id, StockLevel.product_id)
    .subquery()
)
_ROW_COLUMNS = (Product.code, Product.name, Product.category, Product.unit, Location.code,
                Location.name)
_LEVEL_ROWS = (
    select(*_ROW_COLUMNS, _levels_by_product.c.quantity,
           func.coalesce(ProductMinimum.minimum, literal(0)),
           _levels_by_product.c.earliest_expiry, _levels_by_product.c.location_id,
           _levels_by_product.c.product_id, _levels_by_product.c.expired)
    .select_from(_levels_by_product)
    .join(Product, Product.id == _levels_by_product.c.product_id)
    .join(Location, Location.id == _levels_by_product.c.location_id)
    .outerjoin(ProductMinimum, and_(
        ProductMinimum.location_id == _levels_by_product.c.location_id,
        ProductMinimum.product_id == _levels_by_product.c.product_id))
    .order_by(Location.name, Location.code, Product.name)
)
_MINIMUM_ONLY_ROWS = (
    select(*_ROW_COLUMNS, literal(0), ProductMinimum.minimum, literal(None),
           ProductMinimum.location_id, ProductMinimum.product_id, literal(0))
    .select_from(ProductMinimum)
    .join(Product, Product.id == ProductMinimum.product_id)
    .join(Location, Location.id == ProductMinimum.location_id)
    .where(ProductMinimum.location_id.in_(bindparam("scope", expanding=True)),
           ~select(StockLevel.lot_id).where(
               StockLevel.location_id == ProductMinimum.location_id,
               StockLevel.product_id == ProductMinimum.product_id).exists())
)
_OPEN_ORDERS = (
    select(PurchaseOrder.location_id, OrderLine.product_id,
           func.sum(OrderLine.quantity_ordered - OrderLine.quantity_received))
    .join(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
    .where(PurchaseOrder.status.in_(OPEN_ORDER_STATUSES),
           OrderLine.quantity_received < OrderLine.quantity_ordered)
    .group_by(PurchaseOrder.location_id, OrderLine.product_id)
)


def _with_search(query, search: str):  # type: ignore[no-untyped-def]
    text = search.strip()
    if not text:
        return query
    pattern = f"%{text}%"
    return query.where(Product.code.ilike(pattern) | Product.name.ilike(pattern)
                       | Product.category.ilike(pattern) | Product.id.in_(_gtin_match(pattern)))


def _gtin_match(pattern: str):  # type: ignore[no-untyped-def]
    """Products with any of their barcodes (not only the main one) matching."""
    return select(ProductGtin.product_id).where(ProductGtin.gtin.like(pattern))


def _stock_row(row, open_orders: dict[tuple[int, int], int], today: date,  # type: ignore[no-untyped-def]
               horizon_days: int) -> StockRow:
    (code, name, category, unit, loc_code, loc_name, quantity, minimum, earliest,
     location_id, product_id, expired) = row
    earliest = _as_date(earliest)
    on_order = open_orders.get((location_id, product_id), 0)
    status = derive_status(quantity=quantity, minimum=minimum, earliest_expiry=earliest,
                           on_order=on_order > 0, today=today, horizon_days=horizon_days)
    return StockRow(code, name, category, unit, loc_code, loc_name, quantity, minimum,
                    earliest, on_order, status, max(0, int(expired or 0)))


def _as_date(value: object) -> date | None:
    # MIN() over a date column comes back as text on SQLite.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@read(Permission.STOCK_READ)
def product_detail(
    db: Database,
    product_code: str,
    *,
    location_code: str | None = None,
    history_limit: int = 500,
    today: date | None = None,
) -> ProductDetail:
    """A product with its lots per location, minimums, and the newest movements (the numbers
    on screen can always be traced to these)."""
    today = today or local_today()
    with db.read() as session:
        ref = product_by_code(session, product_code)
        product = session.get_one(Product, ref.id)
        scope = _scope_ids(session, location_code)
        lots = session.execute(
            select(Lot.lot_number, Lot.expiry, Location.code, StockLevel.quantity)
            .join(StockLevel, StockLevel.lot_id == Lot.id)
            .join(Location, Location.id == StockLevel.location_id)
            .where(Lot.product_id == ref.id, StockLevel.location_id.in_(scope),
                   StockLevel.quantity != 0)
            .order_by(Location.code, Lot.expiry, Lot.lot_number)
        ).all()
        minimums = session.execute(
            select(Location.code, ProductMinimum.minimum)
            .join(Location, Location.id == ProductMinimum.location_id)
            .where(ProductMinimum.product_id == ref.id, ProductMinimum.location_id.in_(scope))
            .order_by(Location.code)
        ).all()
        movements = _movements(session, product_id=ref.id, scope=scope, limit=history_limit)
        row = ProductRow(product.id, product.code, product.name, product.category, product.unit,
                         product.tracks_lots, product.tracks_expiry, product.gtin)
    lot_rows = tuple(LotRow(n, e, loc, q, is_expired(e, today)) for n, e, loc, q in lots)
    return ProductDetail(row, lot_rows, movements, tuple((c, m) for c, m in minimums),
                         sum(lot.quantity for lot in lot_rows))


@read(Permission.STOCK_READ)
def movement_history(db: Database, *, product_code: str | None = None,
                     location_code: str | None = None, limit: int = 500) -> list[MovementRow]:
    with db.read() as session:
        product_id = product_by_code(session, product_code).id if product_code else None
        scope = _scope_ids(session, location_code)
        return list(_movements(session, product_id=product_id, scope=scope, limit=limit))


def _movements(session: Session, *, product_id: int | None, scope: list[int] | None,
               limit: int, booking_id: int | None = None) -> tuple[MovementRow, ...]:
    """History rows, newest first; ``scope`` None: every location. A reversed booking's rows
    name their storno, a storno's rows the booking they reverse (its own booking by primary
    key, the storno through the unique index on reverses_booking_id)."""
    storno = aliased(Booking)
    query = (
        select(StockMovement.id, StockMovement.booking_id, StockMovement.kind,
               StockMovement.occurred_at, Product.code, Lot.lot_number, Location.code,
               StockMovement.quantity, StockMovement.recorded_by, StockMovement.recipient_kind,
               StockMovement.recipient_code, StockMovement.note, StockMovement.override_reason,
               PurchaseOrder.number, storno.id, Booking.reverses_booking_id)
        .join(Product, Product.id == StockMovement.product_id)
        .join(Lot, Lot.id == StockMovement.lot_id)
        .join(Location, Location.id == StockMovement.location_id)
        .join(Booking, Booking.id == StockMovement.booking_id)
        .outerjoin(storno, storno.reverses_booking_id == StockMovement.booking_id)
        .outerjoin(OrderLine, OrderLine.id == StockMovement.order_line_id)
        .outerjoin(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
        # Newest first by when it happened, then by booking order (two in the same second).
        .order_by(StockMovement.occurred_at.desc(), StockMovement.id.desc())
        .limit(limit)
    )
    if scope is not None:
        query = query.where(StockMovement.location_id.in_(scope))
    if product_id is not None:
        query = query.where(StockMovement.product_id == product_id)
    if booking_id is not None:
        query = query.where(StockMovement.booking_id == booking_id)
    rows = session.execute(query).all()
    names = recipient_names(session, ((r[9], r[10]) for r in rows))  # one query, not one a row
    return tuple(
        MovementRow(r[0], r[1], MovementKind(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                    _recipient_text(r[9], r[10]), r[11], r[12], r[13],
                    recipient_name=names.get((r[9], r[10]), ""), reversed_by=r[14],
                    reverses=r[15])
        for r in rows
    )


def _recipient_text(kind: str | None, code: str | None) -> str:
    if not code:
        return ""
    return code if kind in (None, "other") else f"{kind}:{code}"


# A consistency check of levels against the ledger: it reads stock and changes nothing.
@read(Permission.STOCK_READ)
def verify_stock_levels(db: Database) -> list[LevelMismatch]:
    """Recompute every level from the ledger and list where the two disagree (empty = all good).

    Also counts ledger sums that have no level row, so a lost level cannot hide."""
    with db.read() as session:
        ledger = (
            select(StockMovement.location_id.label("location_id"),
                   StockMovement.lot_id.label("lot_id"),
                   func.sum(StockMovement.quantity).label("total"))
            .group_by(StockMovement.location_id, StockMovement.lot_id)
            .subquery()
        )
        keys = union(select(ledger.c.location_id, ledger.c.lot_id),
                     select(StockLevel.location_id, StockLevel.lot_id)).subquery()
        level_qty = func.coalesce(StockLevel.quantity, literal(0))
        ledger_qty = func.coalesce(ledger.c.total, literal(0))
        rows = session.execute(
            select(Location.code, Product.code, Lot.lot_number, level_qty, ledger_qty)
            .select_from(keys)
            .join(Location, Location.id == keys.c.location_id)
            .join(Lot, Lot.id == keys.c.lot_id)
            .join(Product, Product.id == Lot.product_id)
            .outerjoin(StockLevel, and_(StockLevel.location_id == keys.c.location_id,
                                        StockLevel.lot_id == keys.c.lot_id))
            .outerjoin(ledger, and_(ledger.c.location_id == keys.c.location_id,
                                    ledger.c.lot_id == keys.c.lot_id))
            .where(level_qty != ledger_qty)
            .order_by(Location.code, Product.code, Lot.lot_number)
        ).all()
    return [LevelMismatch(*row) for row in rows]


@read(Permission.STOCK_READ)
def sum_ledger(db: Database, *, location_code: str) -> dict[str, int]:
    """Stock per product at a location computed from the ledger alone (what the levels table
    saves us from doing on every screen; the benchmark compares the two)."""
    with db.read() as session:
        scope = _scope_ids(session, location_code)
        rows = session.execute(
            select(Product.code, func.sum(StockMovement.quantity))
            .join(Product, Product.id == StockMovement.product_id)
            .where(StockMovement.location_id.in_(scope))
            .group_by(Product.code)
        ).all()
    return {code: int(total) for code, total in rows}


# --- the stuurbord's cards (services/attention.py) ------------------------------------------
# Each reads only what its card shows: the pairs with a minimum, the lots with stock past or
# near their date, the last few bookings (by id: what was booked last, on the primary key).
_level_of_minimum = (
    select(func.coalesce(func.sum(StockLevel.quantity), 0))
    .where(StockLevel.location_id == ProductMinimum.location_id,
           StockLevel.product_id == ProductMinimum.product_id)
    .correlate(ProductMinimum)
    .scalar_subquery()
)
_UNDER_MINIMUM = (
    select(Product.code, Product.name, Location.code, Location.name, ProductMinimum.location_id,
           ProductMinimum.product_id, ProductMinimum.minimum, _level_of_minimum)
    .join(Product, Product.id == ProductMinimum.product_id)
    .join(Location, Location.id == ProductMinimum.location_id)
    .where(ProductMinimum.minimum > 0, _level_of_minimum < ProductMinimum.minimum)
)


@read(Permission.STOCK_READ)
def under_minimum_attention(db: Database) -> AttentionSummary:
    """Products under their minimum at a location and not (fully) on order: what someone
    still has to order. Out of stock first, then the largest share missing."""
    with db.read() as session:
        connection = session.connection()
        rows = connection.execute(_UNDER_MINIMUM).all()
        open_orders = {(loc, prod): int(qty) for loc, prod, qty
                       in connection.execute(_OPEN_ORDERS).all()}
    short = []
    for code, name, loc_code, loc_name, location_id, product_id, minimum, quantity in rows:
        on_order = open_orders.get((location_id, product_id), 0)
        if int(quantity) + on_order < minimum:
            short.append((int(quantity) / minimum, natural_key(name), natural_key(loc_name),
                          code, name, loc_code, loc_name, int(quantity), minimum, on_order))
    short.sort(key=lambda item: item[:3])
    lines = tuple(
        AttentionLine(
            _("{quantity} van {minimum} ({on_order} besteld) · {product} — {location}",
              product=name, location=loc_name, quantity=qty, minimum=minimum, on_order=ordered)
            if ordered else
            _("{quantity} van {minimum} · {product} — {location}", product=name,
              location=loc_name, quantity=qty, minimum=minimum),
            product_focus(code, loc_code))
        for *_key, code, name, loc_code, loc_name, qty, minimum, ordered in short[:FIRST_LINES])
    out = sum(1 for item in short if item[7] <= 0)
    note = ngettext("{n} uit stock", "{n} uit stock", out) if out else ""
    return AttentionSummary(len(short), lines, severity_when(len(short), PROBLEM if out
                                                             else ATTENTION), note)


@read(Permission.STOCK_READ)
def expiring_attention(db: Database, *, today: date | None = None,
                       horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS) -> AttentionSummary:
    """Lots with stock that expire within the horizon (today included), soonest first."""
    today = today or local_today()
    until = today + timedelta(days=horizon_days)
    count, lines = _lots_with_stock(db, Lot.expiry >= today, Lot.expiry <= until)
    note = ngettext("binnen {n} dag", "binnen {n} dagen", horizon_days)
    return AttentionSummary(count, lines, severity_when(count, ATTENTION), note)


@read(Permission.STOCK_READ)
def expired_attention(db: Database, *, today: date | None = None) -> AttentionSummary:
    """Lots past their date that still have stock on a shelf: to be written off, never
    handed out. The longest expired first."""
    today = today or local_today()
    count, lines = _lots_with_stock(db, Lot.expiry < today)
    note = _("Afboeken met Afboeking vervallen (F7)") if count else ""
    return AttentionSummary(count, lines, severity_when(count, PROBLEM), note)


def _lots_with_stock(db: Database, *conditions) -> tuple[int, tuple[AttentionLine, ...]]:  # type: ignore[no-untyped-def]
    query = (
        select(Product.code, Product.name, Lot.lot_number, Lot.expiry, Location.code,
               Location.name, StockLevel.quantity)
        .select_from(StockLevel)
        .join(Lot, Lot.id == StockLevel.lot_id)
        .join(Product, Product.id == StockLevel.product_id)
        .join(Location, Location.id == StockLevel.location_id)
        .where(StockLevel.quantity > 0, Lot.expiry.is_not(None), *conditions)
    )
    with db.read() as session:
        count = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = session.execute(
            query.order_by(Lot.expiry, Product.name, Location.name).limit(FIRST_LINES)).all()
    lines = tuple(
        AttentionLine(_("{date} · {quantity} x {product}, lot {lot} — {location}",
                        product=name, lot=lot, location=loc_name, quantity=quantity,
                        date=format_date(_as_date(expiry))),
                      product_focus(code, loc_code))
        for code, name, lot, expiry, loc_code, loc_name, quantity in rows)
    return int(count), lines


RECENT_BOOKINGS = 8
TODAY_COUNTED = 1000  # a counter books a few hundred a day; more reads "1000 of meer"


@read(Permission.STOCK_READ)
def recent_bookings_attention(db: Database, *, limit: int = RECENT_BOOKINGS,
                              today: date | None = None) -> AttentionSummary:
    """The last bookings (when, what, who, where), newest first; the count is today's
    bookings (up to ``TODAY_COUNTED``). A line opens its product's detail at its location."""
    from carma_logistiek.db.models import Booking

    today = today or local_today()
    start = datetime.combine(today, time.min, tzinfo=local_now().tzinfo).astimezone(UTC)
    last = select(Booking.id).order_by(Booking.id.desc()).limit(limit).scalar_subquery()
    with db.read() as session:
        rows = session.execute(
            # A storno says so ("Storno · 5 x …"); its lines carry the kinds they reverse.
            select(Booking.id, Booking.booked_by,
                   case((Booking.kind == MovementKind.REVERSAL.value, Booking.kind),
                        else_=StockMovement.kind), StockMovement.occurred_at,
                   StockMovement.quantity, Product.code, Product.name, Location.code,
                   Location.name)
            .join(StockMovement, StockMovement.booking_id == Booking.id)
            .join(Product, Product.id == StockMovement.product_id)
            .join(Location, Location.id == StockMovement.location_id)
            .where(Booking.id.in_(last))
            .order_by(Booking.id.desc(), StockMovement.id)
        ).all()
        # Today's among the newest (by id, on the key): booked_at has no index, and counting
        # a year of bookings (a million) cost 300 ms for one figure.
        newest = (select(Booking.booked_at).order_by(Booking.id.desc()).limit(TODAY_COUNTED)
                  .subquery())
        today_count = session.execute(
            select(func.count()).select_from(newest).where(newest.c.booked_at >= start)
        ).scalar_one()
    bookings: dict[int, list] = {}  # type: ignore[type-arg]
    for row in rows:
        bookings.setdefault(row[0], []).append(row)
    lines = tuple(_booking_line(group, today) for group in bookings.values())
    note = (ngettext("{n} boeking vandaag", "{n} boekingen vandaag", int(today_count))
            if today_count < TODAY_COUNTED else
            _("{n} of meer boekingen vandaag", n=TODAY_COUNTED))
    return AttentionSummary(int(today_count), lines, INFO if lines else OK, note)


def _booking_line(group: list, today: date) -> AttentionLine:  # type: ignore[type-arg]
    """"14:02 · Afhaling · 2 x Speekseltest — Magazijn Genk · jan": the outgoing side of a
    transfer, the first product of a basket (and how many more)."""
    first = next((row for row in group if row[2] != MovementKind.TRANSFER_IN.value), group[0])
    _id, who, kind, occurred, quantity, code, name, loc_code, loc_name = first
    moment = to_local(occurred if occurred.tzinfo else occurred.replace(tzinfo=UTC))
    when = f"{moment:%H:%M}" if moment.date() == today else f"{moment:%d/%m %H:%M}"
    others = len({row[5] for row in group}) - 1
    what = f"{abs(quantity)} x {name}" + (f" (+{others})" if others else "")
    text = f"{when} · {MovementKind(kind).label} · {what} — {loc_name} · {who}"
    return AttentionLine(text, product_focus(code, loc_code))
