"""Consumption (verbruik): how much stock left for use, per period and per location, product
or recipient. Read only.

What counts: the ledger lines of kind PICKUP and CONSUMPTION (their quantity is negative),
as a positive number. Transfers, counts and write-offs are not consumption; the expired
write-offs can come along as a separate measure ("afgeboekt (vervallen)"), which the zone's
annual report follows with the drug tests. A reversal (storno) has the kind of the line it
corrects with the opposite sign and counts in the period of that line, so a reversed pickup
nets to zero in its own month.

The database does the adding up: one GROUP BY over (bucket, series). The bucket of a line is a
CASE over the UTC instants where each local (Brussels) period starts, and the site a line
rolls up to is a CASE over the children's path prefixes: plain comparisons, the same SQL on
SQLite, PostgreSQL and SQL Server, and right on the nights the clocks change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session, aliased

from carma_logistiek.db.models import Location, Product, StockMovement
from carma_logistiek.db.models.common import UTCDateTime
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.consumption import (
    Bucket,
    Period,
    buckets_between,
    local_midnight_utc,
    parse_period,
)
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.command import read
from carma_logistiek.services.lookups import location_by_code, normalise_code, product_by_code
from carma_logistiek.services.recipients import recipient_names

__all__ = [
    "DEFAULT_TOP",
    "GROUP_BY",
    "ConsumptionResult",
    "ConsumptionRow",
    "ConsumptionSeries",
    "UnknownGrouping",
    "consumption",
]

GROUP_BY = ("location", "product", "recipient")
DEFAULT_TOP = 8
CONSUMED_KINDS = (MovementKind.PICKUP.value, MovementKind.CONSUMPTION.value)
OTHERS_KEY = "__others__"
HERE_KEY = "__here__"
SMALL_SUBTREE = 3  # locations (a storeroom and its cabinets); see _Query._location_filter


class UnknownGrouping(DomainError):
    code = "UnknownGrouping"
    template = N_("Onbekende indeling '{group_by}': kies location, product of recipient.")
    field = "group_by"


@dataclass(frozen=True)
class ConsumptionSeries:
    """One bar colour: a site, a product or a recipient, with its figure per bucket."""

    key: str
    name: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class ConsumptionRow:
    """One row of the table: a bucket with the figure of every series and the total."""

    bucket: Bucket
    values: tuple[int, ...]
    total: int
    written_off: int | None

    @property
    def label(self) -> str:
        return self.bucket.label


@dataclass(frozen=True)
class ConsumptionResult:
    date_from: date
    date_to: date
    period: Period
    group_by: str
    buckets: tuple[Bucket, ...]
    series: tuple[ConsumptionSeries, ...]
    # The expired write-offs per bucket, when asked for (None otherwise).
    written_off: tuple[int, ...] | None
    product_codes: tuple[str, ...]
    product_names: tuple[str, ...]
    location_code: str | None
    location_name: str | None
    unit: str

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(s.values[i] for s in self.series) for i in range(len(self.buckets)))

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def rows(self) -> tuple[ConsumptionRow, ...]:
        totals = self.totals
        return tuple(
            ConsumptionRow(bucket, tuple(s.values[i] for s in self.series), totals[i],
                           self.written_off[i] if self.written_off is not None else None)
            for i, bucket in enumerate(self.buckets)
        )

    @property
    def filters_text(self) -> str:
        """"Speekseltest · Politiezone CARMA (CARMA) en alles eronder · 01/01/2025 – …"."""
        products = ", ".join(self.product_names) if self.product_names else _("alle producten")
        where = (_("{name} ({code}) en alles eronder", name=self.location_name,
                   code=self.location_code) if self.location_code else _("alle locaties"))
        dates = f"{self.date_from.strftime('%d/%m/%Y')} – {self.date_to.strftime('%d/%m/%Y')}"
        grouping = {"location": _("per locatie"), "product": _("per product"),
                    "recipient": _("per ontvanger")}[self.group_by]
        return " · ".join((products, where, dates, self.period.label, grouping))


@read(Permission.STOCK_READ)
def consumption(
    db: Database,
    *,
    date_from: date,
    date_to: date,
    period: Period | str = Period.MONTH,
    product_codes: Sequence[str] = (),
    location_code: str | None = None,
    group_by: str = "location",
    top: int = DEFAULT_TOP,
    include_written_off: bool = False,
) -> ConsumptionResult:
    """What was picked up or used between ``date_from`` and ``date_to`` (local dates, both
    included), per ``period`` and per series: the locations directly under ``location_code``
    (the sites under the zone), the products, or the recipients. A location covers its whole
    subtree. Products and recipients are ranked by their total, the first ``top`` shown and the
    rest added up as "overige"."""
    period = parse_period(period)
    if group_by not in GROUP_BY:
        raise UnknownGrouping(group_by=group_by)
    buckets = buckets_between(date_from, date_to, period)
    with db.read() as session:
        products = [product_by_code(session, code) for code in dict.fromkeys(product_codes)]
        scope = _scope(session, location_code)
        query = _Query(session, buckets, date_from, date_to, [p.id for p in products], scope)
        series = _series(session, query, group_by, scope, len(buckets), top)
        written_off = query.written_off() if include_written_off else None
    units = {product.unit for product in products}
    return ConsumptionResult(
        date_from, date_to, period, group_by, buckets, tuple(series), written_off,
        tuple(p.code for p in products), tuple(p.name for p in products),
        scope.code if scope and location_code else None,
        scope.name if scope and location_code else None,
        units.pop() if len(units) == 1 else "",
    )


@dataclass(frozen=True)
class _Place:
    id: int
    code: str
    name: str
    path: str


def _scope(session: Session, location_code: str | None) -> _Place | None:
    """The chosen location; without one, the zone when there is one root (the usual tree)."""
    if location_code:
        ref = location_by_code(session, location_code, must_hold_stock=False)
        return _Place(ref.id, ref.code, ref.name, ref.path)
    roots = session.execute(
        select(Location.id, Location.code, Location.name, Location.path)
        .where(Location.parent_id.is_(None))
    ).all()
    return _Place(*roots[0]) if len(roots) == 1 else None


class _Query:
    """The filtered ledger lines, added up per bucket and per key in the database.

    Two statements: the ordinary lines by their own moment (no join: the ledger's bulk), and
    the reversals, joined to the line each one corrects, by that line's moment. The bucket is
    a balanced CASE over the buckets' UTC bounds (log2(n) comparisons a line, not n); the
    location filter is the subtree's ids, read once, so no line is joined to its location."""

    def __init__(self, session: Session, buckets: tuple[Bucket, ...], date_from: date,
                 date_to: date, product_ids: list[int], scope: _Place | None) -> None:
        self.session = session
        self.start = local_midnight_utc(date_from)
        self.end = local_midnight_utc(date_to + timedelta(days=1))
        self.bucket_count = len(buckets)
        self.ends = [local_midnight_utc(bucket.end) for bucket in buckets]
        self.product_ids = product_ids
        self.places = _subtree(session, scope)
        # The whole tree (the zone): no filter, which would only cost (20 index ranges and a
        # row lookup per line instead of one pass over the ledger).
        self.filter_places = self.places is not None and len(self.places) < session.execute(
            select(func.count()).select_from(Location)).scalar_one()

    def _location_filter(self, m: Any) -> Any:
        """The subtree's lines. A small subtree (a cabinet) is read through the index on
        location; a big one (a site with its storerooms and cars) in one pass over the
        ledger: an index range per location and a lookup per line cost more there (8.7 s
        against 4 s for the central site of the 25x demo on SQLite). ``+ 0`` keeps the
        planner off the index."""
        assert self.places is not None
        ids = list(self.places)
        column = m.location_id if len(ids) <= SMALL_SUBTREE else m.location_id + 0
        return column.in_(ids)

    def _bucket(self, when: Any) -> Any:
        def split(low: int, high: int) -> Any:  # buckets low..high (inclusive)
            if low == high:
                return literal_column(str(low))  # inline: PostgreSQL cannot type a bare $1
            middle = (low + high) // 2
            return case((when < self.ends[middle], split(low, middle)),
                        else_=split(middle + 1, high))

        return split(0, self.bucket_count - 1)

    def totals(self, keys: Any, *, kinds: Sequence[str] = CONSUMED_KINDS) -> dict[Any, list[int]]:
        """{key: [quantity per bucket]}; ``keys(line, corrected)`` gives the key columns (the
        corrected line is None for the ordinary lines)."""
        m = StockMovement
        corrected = aliased(StockMovement)
        ordinary_when = type_coerce(m.occurred_at, UTCDateTime)
        reversal_when = type_coerce(corrected.occurred_at, UTCDateTime)
        statements = []
        for when, reversal in ((ordinary_when, False), (reversal_when, True)):
            columns = keys(m, corrected if reversal else None)
            bucket = self._bucket(when)
            query = (select(bucket, *columns, func.sum(-m.quantity))
                     .where(m.kind.in_(kinds), when >= self.start, when < self.end))
            if reversal:
                # A reversal never precedes its line: its own moment bounds it from below too.
                query = (query.join(corrected, corrected.id == m.reverses_movement_id)
                         .where(m.occurred_at >= self.start))
            else:
                # Not "IS NULL": that would lead the planner to the (sparse) index of the
                # reversals and walk the whole ledger through it (20x slower on SQLite).
                query = query.where(func.coalesce(m.reverses_movement_id, 0) == 0)
            if self.product_ids:
                query = query.where(m.product_id.in_(self.product_ids))
            if self.places is not None and self.filter_places:
                query = query.where(self._location_filter(m))
            # One bucket is a constant, and "GROUP BY 0" names a column position.
            grouped = [*columns] if self.bucket_count == 1 else [bucket, *columns]
            statements.append(query.group_by(*grouped) if grouped else query)
        figures: dict[Any, list[int]] = {}
        for statement in statements:
            for bucket, *key, quantity in self.session.execute(statement):
                values = figures.setdefault(tuple(key), [0] * self.bucket_count)
                values[bucket] += int(quantity or 0)
        return figures

    def written_off(self) -> tuple[int, ...]:
        figures = self.totals(lambda line, corrected: (),
                              kinds=(MovementKind.EXPIRY_WRITE_OFF.value,))
        return tuple(figures.get((), [0] * self.bucket_count))


def _subtree(session: Session, scope: _Place | None) -> dict[int, str] | None:
    """{location id: path} of the scope and everything under it; None for no scope."""
    if scope is None:
        return None
    return {row.id: row.path for row in session.execute(
        select(Location.id, Location.path)
        .where(Location.path.startswith(scope.path, autoescape=True)))}


def _series(session: Session, query: _Query, group_by: str, scope: _Place | None,
            count: int, top: int) -> list[ConsumptionSeries]:
    if group_by == "location":
        return _by_location(session, query, scope)
    if group_by == "product":
        return _by_product(session, query, top)
    return _by_recipient(session, query, top)


def _by_location(session: Session, query: _Query,
                 scope: _Place | None) -> list[ConsumptionSeries]:
    """One series per location directly under the scope (its whole subtree), plus the scope
    itself when stock was taken there directly."""
    parent = Location.parent_id == scope.id if scope else Location.parent_id.is_(None)
    children = [_Place(*row) for row in session.execute(
        select(Location.id, Location.code, Location.name, Location.path).where(parent))]
    if not children and scope is not None:  # a storeroom without cabinets: the place itself
        children = [scope]
    per_location = query.totals(lambda line, corrected: (line.location_id,))
    paths = query.places if query.places is not None else {row.id: row.path for row in
        session.execute(select(Location.id, Location.path)
                        .where(Location.id.in_([key[0] for key in per_location])))}
    figures: dict[str, list[int]] = {}
    for (location_id,), values in per_location.items():
        path = paths.get(location_id, "")
        key = next((c.code for c in children if path.startswith(c.path)), HERE_KEY)
        total = figures.setdefault(key, [0] * query.bucket_count)
        for index, value in enumerate(values):
            total[index] += value
    names = {child.code: child.name for child in children}
    if scope is not None:
        names[HERE_KEY] = _("{name} zelf", name=scope.name)
    return _ranked([ConsumptionSeries(key, names.get(key, key), tuple(values))
                    for key, values in figures.items()], top=None)


def _by_product(session: Session, query: _Query, top: int) -> list[ConsumptionSeries]:
    figures = query.totals(lambda line, corrected: (line.product_id,))
    ids = [key[0] for key in figures]
    products = {row.id: (row.code, row.name) for row in session.execute(
        select(Product.id, Product.code, Product.name).where(Product.id.in_(ids)))}
    return _ranked([ConsumptionSeries(*products[key[0]], tuple(values))
                    for key, values in figures.items()], top=top)


def _by_recipient(session: Session, query: _Query, top: int) -> list[ConsumptionSeries]:
    def keys(line: Any, corrected: Any) -> tuple[Any, ...]:
        if corrected is None:
            return (line.recipient_kind, line.recipient_code)
        return (func.coalesce(line.recipient_kind, corrected.recipient_kind),
                func.coalesce(line.recipient_code, corrected.recipient_code))

    figures = query.totals(keys)
    names = recipient_names(session, figures)
    series = []
    for (recipient_kind, recipient_code), values in figures.items():
        if not recipient_code:
            key, name = "", _("(niet opgegeven)")
        else:
            key = (recipient_code if recipient_kind == "other"
                   else f"{recipient_kind}:{recipient_code}")
            name = names.get((recipient_kind, recipient_code)) or recipient_code
            if recipient_kind == "staff":
                name = _("personeelslid {code}", code=recipient_code)
        series.append(ConsumptionSeries(key, name, tuple(values)))
    return _ranked(_merged(series), top=top)


def _merged(series: list[ConsumptionSeries]) -> list[ConsumptionSeries]:
    """One series per key (a reversal's recipient and its line's come as separate rows)."""
    by_key: dict[str, ConsumptionSeries] = {}
    for one in series:
        if one.key in by_key:
            values = tuple(a + b for a, b in zip(by_key[one.key].values, one.values, strict=True))
            by_key[one.key] = ConsumptionSeries(one.key, one.name, values)
        else:
            by_key[one.key] = one
    return list(by_key.values())


def _ranked(series: list[ConsumptionSeries], *, top: int | None) -> list[ConsumptionSeries]:
    """Biggest first (then by name); past ``top`` the rest as one "overige" series. Series that
    net to nothing (a reversed pickup) stay out."""
    kept = sorted((s for s in series if any(s.values)), key=lambda s: (-s.total, s.name))
    if top is None or len(kept) <= top:
        return kept
    shown, rest = kept[:top], kept[top:]
    others = tuple(sum(values) for values in zip(*(s.values for s in rest), strict=True))
    return [*shown, ConsumptionSeries(OTHERS_KEY, _("overige ({n})", n=len(rest)), others)]


def normalised_codes(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(normalise_code(code) for code in codes if code.strip())
