"""What a scan resolves to in the database: a product (by code or GTIN), a lot, a location, or
one of the things whose registers come later (kit, vehicle, staff member, boutique order).

Nothing is booked here: the scan screens decide what a resolved scan does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Kit, Location, Product, ProductGtin
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import (
    DuplicateCode,
    ForeignZoneLabel,
    InvalidGtin,
    UnknownGtin,
    UnknownLocation,
    UnknownScan,
)
from carma_logistiek.scanning.gs1 import gtin_candidates, normalise_gtin, shortest_gtin
from carma_logistiek.scanning.interpret import (
    Interpretation,
    ManufacturerCode,
    OwnLabel,
    interpret,
)
from carma_logistiek.scanning.payloads import KIND_NAMES, LabelKind
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import (
    CODE_PATTERN,
    GROUPING_KINDS,
    existing_lot,
    normalise_code,
    product_by_code,
)
from carma_logistiek.services.results import LocationRow, ProductRow

SCAN_KINDS = ("product", "lot", "location", "kit", "vehicle", "staff", "boutique_order")


@dataclass(frozen=True)
class ScanResult:
    """A resolved scan.

    ``kind`` is one of SCAN_KINDS; ``code`` the code of the thing (for a lot: the product
    code). A manufacturer code resolves to kind "product" with ``gtin`` set and, when the code
    carried them, ``lot_number``/``expiry`` (that lot may not exist yet: a delivery creates it).
    A lot label resolves to kind "lot" with an existing lot and its expiry.
    """

    kind: str
    code: str
    raw_text: str
    product: ProductRow | None = None
    lot_number: str | None = None
    expiry: date | None = None
    location: LocationRow | None = None
    gtin: str | None = None
    # Read only after undoing a keyboard-layout mix-up between the scanner and the PC: the
    # screen says the scanner's setting should be changed.
    keyboard_mixup: bool = False


# What a scanned code is: a look-up, as the stock screen's search; booking it is checked
# by the booking.
@read(Permission.STOCK_READ)
def resolve_scan(db: Database, text: str, *, zone: str | None = None) -> ScanResult:
    """Resolve a scanned text against the database.

    A code typed by hand (no label, or a damaged one) resolves too: a product, location or kit
    with that code.

    Raises (DomainErrors, Dutch): UnknownScan (a URL or any other text that is neither our
    label, a manufacturer code, nor the code of a product, location or kit), DamagedLabel /
    UnsupportedLabelVersion, ForeignZoneLabel (a label printed for another zone than
    ``zone``, by default the zone the reader works in), UnknownProduct / UnknownLocation /
    UnknownLot (our label, but the thing is not in this database), UnknownGtin (a valid manufacturer code that no product
    has yet: the UI offers ``link_gtin``).

    Kit, vehicle, staff and boutique-order labels come back with just ``kind`` and ``code``:
    their registers arrive with later issues, which will resolve them here.
    """
    meaning = interpret(text)
    result = _resolve(db, text, meaning, zone or db.zone)
    if isinstance(meaning, OwnLabel | ManufacturerCode) and meaning.keyboard_mixup:
        return replace(result, keyboard_mixup=True)
    return result


def _resolve(db: Database, text: str, meaning: Interpretation, zone: str) -> ScanResult:
    if isinstance(meaning, OwnLabel):
        payload = meaning.payload
        if payload.zone != normalise_code(zone):
            raise ForeignZoneLabel(zone=payload.zone, own_zone=normalise_code(zone))
        kind = KIND_NAMES[payload.kind]
        if payload.kind is LabelKind.PRODUCT:
            with db.read() as session:
                product = _product_row(session, product_by_code(session, payload.code).id)
            return ScanResult(kind, product.code, text, product=product, gtin=product.gtin)
        if payload.kind is LabelKind.LOT:
            with db.read() as session:
                ref = product_by_code(session, payload.code)
                lot = existing_lot(session, ref, payload.lot or "")
                product = _product_row(session, ref.id)
            return ScanResult(kind, product.code, text, product=product,
                              lot_number=lot.lot_number, expiry=lot.expiry, gtin=product.gtin)
        if payload.kind is LabelKind.LOCATION:
            with db.read() as session:
                location = _location_row(session, payload.code)
            return ScanResult(kind, location.code, text, location=location)
        return ScanResult(kind, payload.code, text)
    if isinstance(meaning, ManufacturerCode):
        gs1 = meaning.gs1
        with db.read() as session:
            found = _product_by_gtin(session, gs1.gtin)
        if found is None:
            raise UnknownGtin(gtin=shortest_gtin(gs1.gtin))
        return ScanResult("product", found.code, text, product=found, lot_number=gs1.lot,
                          expiry=gs1.expiry, gtin=gs1.gtin)
    typed = _typed_code(db, text) if meaning.reason == "unknown" else None
    if typed is not None:
        return typed
    raise UnknownScan()


def _typed_code(db: Database, text: str) -> ScanResult | None:
    """A code typed into the scan field (the label is damaged, or there is none): a product,
    a location or a kit with that code, in that order."""
    code = normalise_code(text)
    if not CODE_PATTERN.match(code):
        return None
    with db.read() as session:
        product_id = session.execute(
            select(Product.id).where(Product.code == code)).scalar_one_or_none()
        if product_id is not None:
            product = _product_row(session, product_id)
            return ScanResult("product", product.code, text, product=product, gtin=product.gtin)
        if session.execute(select(Location.id).where(Location.code == code)).first():
            location = _location_row(session, code)
            return ScanResult("location", location.code, text, location=location)
        if session.execute(select(Kit.id).where(Kit.code == code)).first():
            return ScanResult("kit", code, text)
    return None


@write(Permission.MASTERDATA_EDIT)
def link_gtin(tx: Tx, /, *, product_code: str, gtin: str, actor: Actor) -> ProductRow:
    """Give a product its manufacturer barcode, so the next scan of it finds the product.

    Stored in its shortest form (EAN-13 for most products). Refuses an invalid check digit
    (InvalidGtin) and a GTIN another product already has (DuplicateCode)."""
    gtin14 = normalise_gtin(gtin.strip()) if gtin else None
    if gtin14 is None:
        raise InvalidGtin(gtin=gtin)
    stored = shortest_gtin(gtin14)
    session = tx.session
    ref = product_by_code(session, product_code)
    owners = session.execute(
        select(ProductGtin.product_id, Product.code)
        .join(Product, Product.id == ProductGtin.product_id)
        .where(ProductGtin.gtin.in_(gtin_candidates(gtin14)))
    ).all()
    other = next((code for owner, code in owners if owner != ref.id), None)
    if other is not None:
        raise DuplicateCode(code=f"{stored} ({other})")
    product = session.get_one(Product, ref.id)
    if not owners:
        session.add(ProductGtin(gtin=stored, product_id=product.id))
    # The first barcode linked is the one the product shows; a further one is only added.
    if product.gtin is None:
        product.gtin = stored
    session.flush()
    return replace(_to_row(product), changes=Changes(products=frozenset({product.code})))


def _product_by_gtin(session: Session, gtin14: str) -> ProductRow | None:
    product = session.scalars(
        select(Product).join(ProductGtin, ProductGtin.product_id == Product.id)
        .where(ProductGtin.gtin.in_(gtin_candidates(gtin14))).order_by(Product.id)
    ).first()
    return _to_row(product) if product is not None else None


def _product_row(session: Session, product_id: int) -> ProductRow:
    return _to_row(session.get_one(Product, product_id))


def _to_row(product: Product) -> ProductRow:
    return ProductRow(product.id, product.code, product.name, product.category, product.unit,
                      product.tracks_lots, product.tracks_expiry, product.gtin)


def _location_row(session: Session, code: str) -> LocationRow:
    parent = Location.__table__.alias("parent")
    row = session.execute(
        select(Location.id, Location.code, Location.name, Location.kind, Location.path,
               parent.c.code)
        .outerjoin(parent, parent.c.id == Location.parent_id)
        .where(Location.code == normalise_code(code))
    ).first()
    if row is None:
        raise UnknownLocation(code=code)
    return LocationRow(row.id, row.code, row.name, row.kind, row[5], row.path.count("/") - 2,
                       row.kind not in GROUPING_KINDS)
