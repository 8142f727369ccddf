"""Locations: the tree (zone > site > storeroom > cabinet/shelf, and vehicles), created,
renamed, moved under another parent, retired (empty, or with a transfer of what is left).

``path`` is the chain of ids from the zone down ("/1/4/9/"): a move rewrites the paths of the
whole subtree in the same transaction. A retired location keeps its history; pickers no longer
offer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Kit, Location, Lot, Product, StockLevel
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DuplicateCode
from carma_logistiek.domain.kits import KitStatus
from carma_logistiek.domain.masterdata import (
    LocationRetired,
    TransferToSelf,
    clean_name,
    moved_path,
    require_can_retire_location,
    require_valid_move,
)
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import _
from carma_logistiek.services.command import Tx, new_key, read, write
from carma_logistiek.services.lookups import (
    GROUPING_KINDS,
    LocationRef,
    LotRef,
    ProductRef,
    location_by_code,
    require_valid_code,
)
from carma_logistiek.services.results import BookingResult, LocationRow, Recipient

LOCATION_KINDS = ("zone", "site", "storeroom", "room", "cabinet", "shelf", "vehicle")

# Siblings in the tree: the storerooms people book from first, then sites and rooms, the
# vehicles grouped last (the central storeroom no longer sits among 35 cars).
SIBLING_ORDER = {"storeroom": 0, "site": 1, "room": 2, "cabinet": 3, "shelf": 4, "vehicle": 9}


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
    name = clean_name(name)
    session = tx.session
    parent = location_by_code(session, parent_code, must_hold_stock=False) if parent_code else None
    if parent is not None:
        _require_active(session, parent)
    location = Location(code=code, name=name, kind=kind, path="",
                        parent_id=parent.id if parent else None, created_by=actor.user)
    session.add(location)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error
    location.path = f"{parent.path if parent else '/'}{location.id}/"
    session.flush()
    return replace(_row(session, location), changes=Changes(locations=frozenset({code})))


@write(Permission.MASTERDATA_EDIT)
def rename_location(tx: Tx, /, *, code: str, name: str, actor: Actor) -> LocationRow:
    """A new name; the code (on the labels) stays."""
    session = tx.session
    location = _location(session, code)
    location.name = clean_name(name)
    session.flush()
    return replace(_row(session, location),
                   changes=Changes(locations=frozenset({location.code})))


@write(Permission.MASTERDATA_EDIT)
def move_location(tx: Tx, /, *, code: str, parent_code: str | None,
                  actor: Actor) -> LocationRow:
    """Hang a place (and everything under it) under another parent. A zone stays a root;
    nothing moves under itself or its own subtree."""
    session = tx.session
    location = _location(session, code)
    parent = (location_by_code(session, parent_code, must_hold_stock=False)
              if parent_code and parent_code.strip() else None)
    require_valid_move(location.name, location.kind, location.path,
                       parent=parent.name if parent else None,
                       parent_path=parent.path if parent else None)
    if parent is None or parent.id == location.parent_id:
        return replace(_row(session, location),
                       changes=Changes(locations=frozenset({location.code})))
    _require_active(session, parent)
    old_prefix = location.path
    new_prefix = f"{parent.path}{location.id}/"
    moved = session.scalars(select(Location).where(Location.path.like(f"{old_prefix}%"))).all()
    for place in moved:
        place.path = moved_path(place.path, old_prefix, new_prefix)
    location.parent_id = parent.id
    session.flush()
    return replace(_row(session, location),
                   changes=Changes(locations=frozenset(place.code for place in moved)))


@write(Permission.MASTERDATA_EDIT)
def retire_location(tx: Tx, /, *, code: str, transfer_to: str | None = None,
                    actor: Actor) -> LocationRow:
    """Out of use: refused while places under it or kits on it are active, and while it holds
    stock, unless ``transfer_to`` names an active location that holds stock: then all of it
    moves there as one transfer booking, in this same transaction, and the location retires."""
    session = tx.session
    location = _location(session, code)
    if not location.active:
        return replace(_row(session, location),
                       changes=Changes(locations=frozenset({location.code})))
    children = session.execute(
        select(func.count()).select_from(Location)
        .where(Location.parent_id == location.id, Location.active.is_(True))).scalar_one()
    kits = session.execute(
        select(func.count()).select_from(Kit)
        .where(Kit.location_id == location.id, Kit.status != KitStatus.OUT_OF_USE.value)
    ).scalar_one()
    levels = session.execute(
        select(StockLevel.quantity, Lot.id, Lot.lot_number, Lot.expiry, Product.id,
               Product.code, Product.name, Product.unit, Product.tracks_lots,
               Product.tracks_expiry)
        .join(Lot, Lot.id == StockLevel.lot_id)
        .join(Product, Product.id == StockLevel.product_id)
        .where(StockLevel.location_id == location.id, StockLevel.quantity > 0)
        .order_by(Product.code, Lot.lot_number)).all()
    target_code = (transfer_to or "").strip()
    require_can_retire_location(location.name, stock_quantity=sum(row[0] for row in levels),
                                stock_lines=len(levels), active_children=children,
                                active_kits=kits, transfer=bool(target_code))
    changes = Changes(locations=frozenset({location.code}))
    if levels and target_code:
        booking = _transfer_all(tx, location, target_code, levels)
        changes = changes | booking.changes | Changes(
            locations=frozenset({booking.lines[-1].location_code}))
    location.active = False
    session.flush()
    return replace(_row(session, location), changes=changes)


def _transfer_all(tx: Tx, location: Location, target_code: str,
                  levels: Sequence[Any]) -> BookingResult:
    """Every lot at ``location`` to the target, as one transfer booking with its own key."""
    from carma_logistiek.services.stock.ledger import LedgerLine, open_booking, post_booking

    session = tx.session
    target = location_by_code(session, target_code)
    if target.id == location.id:
        raise TransferToSelf(location=location.name)
    _require_active(session, target)
    source = LocationRef(location.id, location.code, location.name, location.kind,
                         location.path)
    note = _("Overboeking bij het schrappen van {location}", location=location.name)
    booking_tx = replace(tx, key=new_key(), fingerprint="")
    booking_id = open_booking(booking_tx, MovementKind.TRANSFER_OUT, note=note)
    lines: list[LedgerLine] = []
    for (quantity, lot_id, lot_number, expiry, product_id, product_code, product_name, unit,
         tracks_lots, tracks_expiry) in levels:
        product = ProductRef(product_id, product_code, product_name, unit, tracks_lots,
                             tracks_expiry)
        lot = LotRef(lot_id, lot_number, expiry)
        amount = int(quantity)
        lines.append(LedgerLine(MovementKind.TRANSFER_OUT, product, lot, source, -amount,
                                recipient=Recipient("location", target.code), note=note))
        lines.append(LedgerLine(MovementKind.TRANSFER_IN, product, lot, target, amount,
                                recipient=Recipient("location", source.code), note=note))
    return post_booking(booking_tx, booking_id, MovementKind.TRANSFER_OUT, lines)


@write(Permission.MASTERDATA_EDIT)
def reactivate_location(tx: Tx, /, *, code: str, actor: Actor) -> LocationRow:
    """Back in use (its parent must be in use)."""
    session = tx.session
    location = _location(session, code)
    if location.parent_id is not None:
        parent = session.get_one(Location, location.parent_id)
        if not parent.active:
            raise LocationRetired(location=f"{parent.code} ({parent.name})")
    location.active = True
    session.flush()
    return replace(_row(session, location),
                   changes=Changes(locations=frozenset({location.code})))


def _location(session: Session, code: str) -> Location:
    return session.get_one(Location, location_by_code(session, code, must_hold_stock=False).id)


def _require_active(session: Session, ref: LocationRef) -> None:
    if not session.get_one(Location, ref.id).active:
        raise LocationRetired(location=f"{ref.code} ({ref.name})")


def _row(session: Session, location: Location) -> LocationRow:
    parent_code = (session.get_one(Location, location.parent_id).code
                   if location.parent_id is not None else None)
    return LocationRow(location.id, location.code, location.name, location.kind, parent_code,
                       location.path.count("/") - 2, location.kind not in GROUPING_KINDS,
                       active=location.active)


@read(Permission.STOCK_READ)
def list_locations(db: Database, *, include_retired: bool = False) -> list[LocationRow]:
    """The active locations (all, with ``include_retired``) in tree order: parents before
    children; among siblings the storerooms first and the vehicles last, each group by name
    as people read it ("voertuig 2" before "voertuig 10")."""
    parent = Location.__table__.alias("parent")
    query = (select(Location.id, Location.code, Location.name, Location.kind, Location.path,
                    parent.c.code, Location.active)
             .outerjoin(parent, parent.c.id == Location.parent_id))
    if not include_retired:
        query = query.where(Location.active.is_(True))
    with db.read() as session:
        rows = session.execute(query).all()
    by_id = {row.id: row for row in rows}

    def sibling_key(location_id: int) -> tuple[object, ...]:
        row = by_id.get(location_id)
        if row is None:
            return (99, ())
        return (SIBLING_ORDER.get(row.kind, 5), natural_key(row.name), row.code)

    def sort_key(row: Row[tuple[int, str, str, str, str, str | None, bool]]
                 ) -> tuple[object, ...]:
        return tuple(sibling_key(int(part)) for part in row.path.strip("/").split("/"))

    return [
        LocationRow(row.id, row.code, row.name, row.kind, row[5],
                    row.path.count("/") - 2, row.kind not in GROUPING_KINDS,
                    active=bool(row.active))
        for row in sorted(rows, key=sort_key)
    ]
