"""Locations and products: the things stock is kept of and kept at."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from carma_logistiek.db.models import Location, Product, ProductGtin, ProductMinimum
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import (
    DuplicateCode,
    InvalidQuantity,
    NameRequired,
    QuantityTooLarge,
)
from carma_logistiek.domain.stock import MAX_QUANTITY
from carma_logistiek.domain.text import natural_key
from carma_logistiek.services.command import Tx, write
from carma_logistiek.services.lookups import (
    GROUPING_KINDS,
    location_by_code,
    normalise_code,
    product_by_code,
    require_valid_code,
)
from carma_logistiek.services.results import LocationRow, MinimumRow, ProductRow

LOCATION_KINDS = ("zone", "site", "storeroom", "room", "cabinet", "shelf", "vehicle")


@write(Permission.MASTERDATA_EDIT)
def create_location(
    tx: Tx, /,
    *,
    code: str,
    name: str,
    kind: str,
    parent_code: str | None,
    actor: Actor,
) -> LocationRow:
    """Add a place to the tree. A zone has no parent; everything else hangs under one."""
    code = require_valid_code(code)
    if kind not in LOCATION_KINDS:
        raise ValueError(f"unknown location kind {kind!r}")
    if not name.strip():
        raise NameRequired()
    session = tx.session
    parent = location_by_code(session, parent_code, must_hold_stock=False) if parent_code else None
    location = Location(code=code, name=name.strip(), kind=kind, path="",
                        parent_id=parent.id if parent else None, created_by=actor.user)
    session.add(location)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error
    location.path = f"{parent.path if parent else '/'}{location.id}/"
    depth = location.path.count("/") - 2
    return LocationRow(location.id, code, location.name, kind, parent.code if parent else None,
                       depth, kind not in GROUPING_KINDS,
                       changes=Changes(locations=frozenset({code})))


# Siblings in the tree: the storerooms people book from first, then sites and rooms, the
# vehicles grouped last (the central storeroom no longer sits among 35 cars).
SIBLING_ORDER = {"storeroom": 0, "site": 1, "room": 2, "cabinet": 3, "shelf": 4, "vehicle": 9}


def list_locations(db: Database) -> list[LocationRow]:
    """All active locations in tree order: parents before children; among siblings the
    storerooms first and the vehicles last, each group by name as people read it
    ("voertuig 2" before "voertuig 10")."""
    parent = Location.__table__.alias("parent")
    with db.read() as session:
        rows = session.execute(
            select(Location.id, Location.code, Location.name, Location.kind, Location.path,
                   parent.c.code)
            .outerjoin(parent, parent.c.id == Location.parent_id)
            .where(Location.active.is_(True))
        ).all()
    by_id = {row.id: row for row in rows}

    def sibling_key(location_id: int) -> tuple[object, ...]:
        row = by_id.get(location_id)
        if row is None:
            return (99, ())
        return (SIBLING_ORDER.get(row.kind, 5), natural_key(row.name), row.code)

    def sort_key(row: Row[tuple[int, str, str, str, str, str | None]]) -> tuple[object, ...]:
        return tuple(sibling_key(int(part)) for part in row.path.strip("/").split("/"))

    return [
        LocationRow(row.id, row.code, row.name, row.kind, row[5],
                    row.path.count("/") - 2, row.kind not in GROUPING_KINDS)
        for row in sorted(rows, key=sort_key)
    ]


@write(Permission.MASTERDATA_EDIT)
def create_product(
    tx: Tx, /,
    *,
    code: str,
    name: str,
    actor: Actor,
    category: str = "",
    unit: str = "stuk",
    tracks_lots: bool = False,
    tracks_expiry: bool = False,
    gtin: str | None = None,
) -> ProductRow:
    """Add a product. Tracking expiry implies tracking lots: an expiry date belongs to a lot."""
    code = require_valid_code(code)
    tracks_lots = tracks_lots or tracks_expiry
    gtin = gtin.strip() if gtin and gtin.strip() else None
    session = tx.session
    product = Product(code=code, name=name.strip(), category=category.strip(),
                      unit=unit.strip() or "stuk", tracks_lots=tracks_lots,
                      tracks_expiry=tracks_expiry, gtin=gtin, created_by=actor.user)
    session.add(product)
    try:
        session.flush()
        if gtin is not None:
            session.add(ProductGtin(gtin=gtin, product_id=product.id))
            session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code if gtin is None else f"{code} / {gtin}") from error
    return replace(_product_row(product), changes=Changes(products=frozenset({code})))


def _product_row(product: Product) -> ProductRow:
    return ProductRow(product.id, product.code, product.name, product.category, product.unit,
                      product.tracks_lots, product.tracks_expiry, product.gtin)


def get_product(db: Database, code: str) -> ProductRow:
    with db.read() as session:
        ref = product_by_code(session, code)
        return _product_row(session.get_one(Product, ref.id))


def search_products(db: Database, text: str = "", *, limit: int = 50) -> list[ProductRow]:
    """Products whose code, name or GTIN contains ``text`` (case-insensitive), codes first."""
    pattern = f"%{text.strip()}%"
    query = select(Product).where(Product.active.is_(True))
    if text.strip():
        query = query.where(
            Product.code.ilike(pattern) | Product.name.ilike(pattern)
            | Product.id.in_(select(ProductGtin.product_id).where(ProductGtin.gtin.like(pattern)))
        )
    query = query.order_by(Product.code).limit(limit)
    with db.read() as session:
        return [_product_row(product) for product in session.scalars(query)]


@write(Permission.MASTERDATA_EDIT)
def set_minimum(tx: Tx, /, *, product_code: str, location_code: str, minimum: int,
                actor: Actor) -> MinimumRow:
    """Set (or clear, with 0) the reorder point of a product at a location."""
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise InvalidQuantity(quantity=minimum)
    if minimum > MAX_QUANTITY:
        raise QuantityTooLarge(quantity=minimum, maximum=MAX_QUANTITY)
    session = tx.session
    product = product_by_code(session, product_code)
    location = location_by_code(session, location_code)
    session.execute(delete(ProductMinimum).where(
        ProductMinimum.product_id == product.id, ProductMinimum.location_id == location.id))
    if minimum > 0:
        session.add(ProductMinimum(product_id=product.id, location_id=location.id,
                                   minimum=minimum))
    return MinimumRow(product.code, location.code, minimum,
                      changes=Changes(products=frozenset({product.code})))


__all__ = [
    "LOCATION_KINDS",
    "create_location",
    "create_product",
    "get_product",
    "list_locations",
    "normalise_code",
    "search_products",
    "set_minimum",
]
