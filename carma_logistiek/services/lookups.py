"""Resolving codes to rows inside a session, with the Dutch error when a code is unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Kit, Location, Lot, Product, ProductGtin, StaffMember
from carma_logistiek.db.zoning import working_zone
from carma_logistiek.domain.errors import (
    ForeignZoneLabel,
    InvalidCode,
    LotOfOtherProduct,
    NoStockLocation,
    UnknownLocation,
    UnknownLot,
    UnknownProduct,
    UnknownRecipient,
)
from carma_logistiek.domain.masterdata import LocationRetired
from carma_logistiek.domain.people import UnknownStaffMember
from carma_logistiek.domain.recipients import require_staff_number
from carma_logistiek.i18n import N_
from carma_logistiek.scanning.payloads import parse_label
from carma_logistiek.services.results import Recipient

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
# Kinds of location that group others and never hold stock themselves.
GROUPING_KINDS = frozenset({"zone", "site"})
NO_LOT = ""


# What a recipient's kind is called in a sentence; kinds without a register yet (Boutique
# orders until the Boutique) are taken as given. Staff members are in the staff register.
_RECIPIENT_REGISTERS = {"location": N_("locatie"), "vehicle": N_("voertuig"), "kit": N_("EHBO-kit")}


def require_known_recipient(session: Session, recipient: Recipient | None) -> None:
    """A vehicle, kit or location named as 'for whom' must exist: a typo would otherwise sit in
    the ledger as a vehicle nobody has. A staff member must be named by a staff number
    (InvalidStaffNumber: ``staff:zzz`` names nobody) that is in the zone's staff register
    (UnknownStaffMember)."""
    if recipient is not None and recipient.kind == "staff":
        number = require_staff_number(recipient.code)
        if session.execute(select(StaffMember.id)
                           .where(StaffMember.number == number)).first() is None:
            raise UnknownStaffMember(number=number)
        return
    if recipient is None or recipient.kind not in _RECIPIENT_REGISTERS:
        return
    code = normalise_code(recipient.code)
    if recipient.kind == "kit":
        found = session.execute(select(Kit.id).where(Kit.code == code)).first()
    else:
        query = select(Location.id).where(Location.code == code)
        if recipient.kind == "vehicle":
            query = query.where(Location.kind == "vehicle")
        found = session.execute(query).first()
    if found is None:
        raise UnknownRecipient(what=_RECIPIENT_REGISTERS[recipient.kind], code=recipient.code)


def _own_code(session: Session, code: str) -> str:
    """A code, or a label of ours scanned or pasted where a code is asked (a CLI argument, a
    code field): its code when the label is of this session's zone. A label of another zone is
    refused with that sentence (ForeignZoneLabel), never looked up as an unknown code."""
    if ":" not in code:  # no code has one (CODE_PATTERN); every label of ours has
        return code
    payload = parse_label(code)
    if payload is None:
        return code
    here = working_zone(session)
    if payload.zone != here:
        raise ForeignZoneLabel(zone=payload.zone, own_zone=here)
    return payload.code


def normalise_code(code: str) -> str:
    """Codes are case-insensitive for people: stored and compared in upper case."""
    return code.strip().upper()


def require_valid_code(code: str) -> str:
    cleaned = normalise_code(code)
    if not CODE_PATTERN.match(cleaned):
        raise InvalidCode(code=code)
    return cleaned


@dataclass(frozen=True)
class ProductRef:
    id: int
    code: str
    name: str
    unit: str
    tracks_lots: bool
    tracks_expiry: bool


@dataclass(frozen=True)
class LocationRef:
    id: int
    code: str
    name: str
    kind: str
    path: str
    active: bool = True


_products = Product.__table__
_locations = Location.__table__
_PRODUCT_COLUMNS = (_products.c.id, _products.c.code, _products.c.name, _products.c.unit,
                    _products.c.tracks_lots, _products.c.tracks_expiry)
# Core statements (the counter's critical path), so they name the zone themselves: the zone
# filter (db/zoning.py) sees ORM statements only.
_PRODUCT_BY_CODE = select(*_PRODUCT_COLUMNS).where(_products.c.zone == bindparam("zone"),
                                                   _products.c.code == bindparam("code"))
_gtins = ProductGtin.__table__
_PRODUCT_BY_GTIN = (select(*_PRODUCT_COLUMNS)
                    .join(_gtins, _gtins.c.product_id == _products.c.id)
                    .where(_gtins.c.zone == bindparam("zone"),
                           _gtins.c.gtin == bindparam("code")))
_LOCATION_BY_CODE = select(
    _locations.c.id, _locations.c.code, _locations.c.name, _locations.c.kind, _locations.c.path,
    _locations.c.active,
).where(_locations.c.zone == bindparam("zone"), _locations.c.code == bindparam("code"))


def product_by_code(session: Session, code: str) -> ProductRef:
    """By product code, or by GTIN when a manufacturer barcode was typed or scanned."""
    cleaned = normalise_code(_own_code(session, code or ""))
    connection = session.connection()
    where = {"code": cleaned, "zone": working_zone(session)}
    row = connection.execute(_PRODUCT_BY_CODE, where).first()
    if row is None and cleaned.isdigit():
        row = connection.execute(_PRODUCT_BY_GTIN, where).first()
    if row is None:
        raise UnknownProduct(code=code)
    return ProductRef(*row)


def location_by_code(session: Session, code: str, *, must_hold_stock: bool = True) -> LocationRef:
    cleaned = normalise_code(_own_code(session, code or ""))
    row = session.connection().execute(
        _LOCATION_BY_CODE, {"code": cleaned, "zone": working_zone(session)}).first()
    if row is None:
        raise UnknownLocation(code=code)
    ref = LocationRef(*row)
    if must_hold_stock and ref.kind in GROUPING_KINDS:
        raise NoStockLocation(location=f"{ref.code} ({ref.name})")
    # A place to book at must still be in use; reading a retired one's history is fine
    # (those callers ask must_hold_stock=False).
    if must_hold_stock and not ref.active:
        raise LocationRetired(location=f"{ref.code} ({ref.name})")
    return ref


@dataclass(frozen=True)
class LotRef:
    id: int
    lot_number: str
    expiry: date | None


_lots = Lot.__table__
_FIND_LOT = select(_lots.c.id, _lots.c.lot_number, _lots.c.expiry).where(
    _lots.c.product_id == bindparam("product_id"), _lots.c.lot_number == bindparam("lot_number")
)


def find_lot(session: Session, product_id: int, lot_number: str) -> LotRef | None:
    row = session.connection().execute(
        _FIND_LOT, {"product_id": product_id, "lot_number": lot_number}).first()
    return LotRef(*row) if row else None


def existing_lot(session: Session, product: ProductRef, lot_number: str) -> LotRef:
    """A lot that must already exist (for stock going out). A lot number that only exists for
    another product gets its own message: the clerk scanned the wrong box."""
    lot = find_lot(session, product.id, lot_number)
    if lot is not None:
        return lot
    other = session.execute(
        select(Product.code, Product.name)
        .join(Lot, Lot.product_id == Product.id)
        .where(Lot.lot_number == lot_number)
        .limit(1)
    ).first()
    if other is not None:
        raise LotOfOtherProduct(lot=lot_number, other_product=other.name, product=product.name)
    raise UnknownLot(lot=lot_number, product=product.name)
