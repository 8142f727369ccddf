"""Products: create, edit, retire, their barcodes, photo and suppliers; the lists that show them.

The code never changes (it is printed on labels). Every GTIN of a product is a row of
product_gtins (its primary key keeps one barcode to one product); ``products.gtin`` is the
main one, the first of the edit form's list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, distinct, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import (
    Location,
    Lot,
    Product,
    ProductGtin,
    ProductMinimum,
    ProductPhoto,
    ProductSupplier,
    StockLevel,
    StockMovement,
    Supplier,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DuplicateCode, InvalidGtin
from carma_logistiek.domain.masterdata import (
    SupplierRetired,
    UnknownProductSupplier,
    UnknownSupplier,
    clean_name,
    clean_pack_size,
    clean_shelf_life,
    require_lot_tracking_change_allowed,
    require_unit_change_allowed,
    tracking_after_edit,
)
from carma_logistiek.domain.text import natural_key
from carma_logistiek.scanning.gs1 import gtin_candidates, normalise_gtin, shortest_gtin
from carma_logistiek.services.command import Tx, read, write
from carma_logistiek.services.lookups import (
    NO_LOT,
    normalise_code,
    product_by_code,
    require_valid_code,
)
from carma_logistiek.services.masterdata.rows import (
    ProductDetails,
    ProductListRow,
    ProductSupplierRow,
    ProductValues,
)
from carma_logistiek.services.results import MinimumRow, ProductRow

DEFAULT_UNIT = "stuk"


# --- GTINs ----------------------------------------------------------------------------------

def clean_gtins(gtins: Sequence[str]) -> tuple[str, ...]:
    """Each GTIN checked (check digit) and in its stored, shortest form; blanks dropped,
    repeats kept once, the order kept (the first is the main one)."""
    cleaned: list[str] = []
    for gtin in gtins:
        text = (gtin or "").strip()
        if not text:
            continue
        gtin14 = normalise_gtin(text)
        if gtin14 is None:
            raise InvalidGtin(gtin=text)
        stored = shortest_gtin(gtin14)
        if stored not in cleaned:
            cleaned.append(stored)
    return tuple(cleaned)


def _set_gtins(session: Session, product: Product, gtins: tuple[str, ...]) -> None:
    """Exactly ``gtins`` for ``product`` (the first the main one); a GTIN of another product
    is refused, naming that product."""
    if gtins:
        candidates = [form for gtin in gtins for form in gtin_candidates(gtin)]
        owners = session.execute(
            select(ProductGtin.gtin, Product.code, Product.name)
            .join(Product, Product.id == ProductGtin.product_id)
            .where(ProductGtin.gtin.in_(candidates), ProductGtin.product_id != product.id)
        ).first()
        if owners is not None:
            raise DuplicateCode(code=f"{owners.gtin} ({owners.code} {owners.name})")
    current = set(session.scalars(
        select(ProductGtin.gtin).where(ProductGtin.product_id == product.id)))
    gone = current - set(gtins)
    if gone:
        session.execute(delete(ProductGtin).where(ProductGtin.product_id == product.id,
                                                  ProductGtin.gtin.in_(gone)))
    for gtin in gtins:
        if gtin not in current:
            session.add(ProductGtin(gtin=gtin, product_id=product.id))
    product.gtin = gtins[0] if gtins else None
    try:
        session.flush()
    except IntegrityError as error:  # linked by another desk a moment ago
        raise DuplicateCode(code=", ".join(gtins)) from error


def _gtins_of(session: Session, product: Product) -> tuple[str, ...]:
    others = sorted(g for g in session.scalars(
        select(ProductGtin.gtin).where(ProductGtin.product_id == product.id))
        if g != product.gtin)
    return ((product.gtin,) if product.gtin else ()) + tuple(others)


# --- create and edit ------------------------------------------------------------------------

@write(Permission.MASTERDATA_EDIT)
def create_product(
    tx: Tx, /,
    *,
    code: str,
    name: str,
    actor: Actor,
    category: str = "",
    unit: str = DEFAULT_UNIT,
    tracks_lots: bool = False,
    tracks_expiry: bool = False,
    gtin: str | None = None,
    shelf_life_days: int | None = None,
    notes: str = "",
    gtins: Sequence[str] = (),
) -> ProductRow:
    """Add a product. Tracking expiry implies tracking lots: an expiry date belongs to a lot.
    ``gtin`` (one barcode, the older call) goes before ``gtins``; the first is the main one."""
    code = require_valid_code(code)
    name = clean_name(name)
    tracks_lots, tracks_expiry = tracking_after_edit(tracks_lots, tracks_expiry)
    all_gtins = clean_gtins([gtin or "", *gtins])
    session = tx.session
    product = Product(code=code, name=name, category=category.strip(),
                      unit=unit.strip() or DEFAULT_UNIT, tracks_lots=tracks_lots,
                      tracks_expiry=tracks_expiry, shelf_life_days=clean_shelf_life(
                          shelf_life_days), notes=notes.strip(), created_by=actor.user)
    session.add(product)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateCode(code=code) from error
    _set_gtins(session, product, all_gtins)
    return replace(product_row(product), changes=Changes(products=frozenset({code})))


def product_row(product: Product) -> ProductRow:
    return ProductRow(product.id, product.code, product.name, product.category, product.unit,
                      product.tracks_lots, product.tracks_expiry, product.gtin)


@write(Permission.MASTERDATA_EDIT)
def update_product(tx: Tx, /, *, code: str, values: ProductValues,
                   actor: Actor) -> ProductDetails:
    """Change everything of a product but its code (see ProductValues). The unit is fixed once
    stock moved; lot tracking stays while numbered lots hold stock; expiry implies lots."""
    session = tx.session
    product = _product(session, code)
    name = clean_name(values.name)
    unit = values.unit.strip() or DEFAULT_UNIT
    tracks_lots, tracks_expiry = tracking_after_edit(values.tracks_lots, values.tracks_expiry)
    shelf_life = clean_shelf_life(values.shelf_life_days)
    gtins = clean_gtins(values.gtins)
    require_unit_change_allowed(product.name, product.unit, unit,
                                has_movements=_has_history(session, product.id))
    require_lot_tracking_change_allowed(
        product.name, product.tracks_lots, tracks_lots,
        numbered_lots_with_stock=_numbered_lots_with_stock(session, product.id))
    product.name = name
    product.category = values.category.strip()
    product.unit = unit
    product.tracks_lots = tracks_lots
    product.tracks_expiry = tracks_expiry
    product.shelf_life_days = shelf_life
    product.notes = values.notes.strip()
    _set_gtins(session, product, gtins)
    return _changed(session, product)


@write(Permission.MASTERDATA_EDIT)
def retire_product(tx: Tx, /, *, code: str, actor: Actor) -> ProductDetails:
    """Out of use: it keeps its history, its stock can still leave, but it can no longer be
    booked in or ordered, and pickers no longer offer it as a new product."""
    session = tx.session
    product = _product(session, code)
    if product.active:
        product.active = False
        product.retired_at = utc_now()
    return _changed(session, product)


@write(Permission.MASTERDATA_EDIT)
def reactivate_product(tx: Tx, /, *, code: str, actor: Actor) -> ProductDetails:
    session = tx.session
    product = _product(session, code)
    product.active = True
    product.retired_at = None
    return _changed(session, product)


def _changed(session: Session, product: Product) -> ProductDetails:
    session.flush()
    return replace(_details(session, product), changes=Changes(products=frozenset({product.code})))


def _product(session: Session, code: str) -> Product:
    return session.get_one(Product, product_by_code(session, code).id)


def _has_history(session: Session, product_id: int) -> bool:
    return bool(session.execute(
        select(exists().where(StockMovement.product_id == product_id))).scalar())


def _numbered_lots_with_stock(session: Session, product_id: int) -> int:
    return int(session.execute(
        select(func.count(distinct(StockLevel.lot_id)))
        .join(Lot, Lot.id == StockLevel.lot_id)
        .where(StockLevel.product_id == product_id, StockLevel.quantity > 0,
               Lot.lot_number != NO_LOT)
    ).scalar_one())


# --- photo ----------------------------------------------------------------------------------

@write(Permission.MASTERDATA_EDIT)
def set_product_photo(tx: Tx, /, *, code: str, data: bytes, actor: Actor) -> ProductDetails:
    """The product's photo, checked and re-encoded as the kit photos are (upright, at most
    the photo size, JPEG without metadata); a file that is no image is refused."""
    from carma_logistiek.scanning.images import clean_photo

    session = tx.session
    product = _product(session, code)
    clean, mime_type = clean_photo(data)
    photo = session.get(ProductPhoto, product.id)
    if photo is None:
        session.add(ProductPhoto(product_id=product.id, mime_type=mime_type, data=clean,
                                 updated_by=actor.user))
    else:
        photo.mime_type, photo.data = mime_type, clean
        photo.updated_at, photo.updated_by = utc_now(), actor.user
    return _changed(session, product)


@write(Permission.MASTERDATA_EDIT)
def remove_product_photo(tx: Tx, /, *, code: str, actor: Actor) -> ProductDetails:
    session = tx.session
    product = _product(session, code)
    session.execute(delete(ProductPhoto).where(ProductPhoto.product_id == product.id))
    return _changed(session, product)


@read(Permission.STOCK_READ)
def product_photo(db: Database, code: str) -> tuple[str, bytes] | None:
    """(MIME type, bytes) of the product's photo, None when it has none."""
    with db.read() as session:
        product_id = product_by_code(session, code).id
        row = session.execute(select(ProductPhoto.mime_type, ProductPhoto.data)
                              .where(ProductPhoto.product_id == product_id)).first()
        return (row.mime_type, bytes(row.data)) if row is not None else None


# --- suppliers of a product -----------------------------------------------------------------

def supplier_by_code(session: Session, code: str) -> Supplier:
    supplier = session.scalars(
        select(Supplier).where(Supplier.code == normalise_code(code or ""))).first()
    if supplier is None:
        raise UnknownSupplier(code=code)
    return supplier


@write(Permission.MASTERDATA_EDIT)
def set_product_supplier(tx: Tx, /, *, product_code: str, supplier_code: str,
                         reference: str = "", pack_size: int = 1, preferred: bool = False,
                         actor: Actor) -> ProductDetails:
    """Who sells the product, their reference and pack size (added or changed). The first
    supplier of a product is its preferred one; ``preferred`` makes this one preferred (and
    no other)."""
    session = tx.session
    product = _product(session, product_code)
    supplier = supplier_by_code(session, supplier_code)
    pack_size = clean_pack_size(pack_size)
    links = {link.supplier_id: link for link in session.scalars(
        select(ProductSupplier).where(ProductSupplier.product_id == product.id))}
    link = links.get(supplier.id)
    if link is None:
        if not supplier.active:
            raise SupplierRetired(supplier=supplier.name)
        link = ProductSupplier(product_id=product.id, supplier_id=supplier.id)
        session.add(link)
        preferred = preferred or not any(other.preferred for other in links.values())
    link.reference = reference.strip()
    link.pack_size = pack_size
    if preferred:
        for other in links.values():
            if other is not link:
                other.preferred = False
        link.preferred = True
    session.flush()
    return replace(_details(session, product),
                   changes=Changes(products=frozenset({product.code}),
                                   suppliers=frozenset({supplier.code})))


@write(Permission.MASTERDATA_EDIT)
def remove_product_supplier(tx: Tx, /, *, product_code: str, supplier_code: str,
                            actor: Actor) -> ProductDetails:
    """The supplier no longer sells the product here; when it was the preferred one, the
    next one left (by name) becomes preferred."""
    session = tx.session
    product = _product(session, product_code)
    supplier = supplier_by_code(session, supplier_code)
    link = session.get(ProductSupplier, (product.id, supplier.id))
    if link is None:
        raise UnknownProductSupplier(supplier=supplier.name, product=product.name)
    was_preferred = link.preferred
    session.delete(link)
    session.flush()
    if was_preferred:
        next_id = session.execute(
            select(ProductSupplier.supplier_id)
            .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
            .where(ProductSupplier.product_id == product.id)
            .order_by(Supplier.active.desc(), Supplier.name).limit(1)).scalar_one_or_none()
        if next_id is not None:
            session.execute(update(ProductSupplier)
                            .where(ProductSupplier.product_id == product.id,
                                   ProductSupplier.supplier_id == next_id)
                            .values(preferred=True))
    return replace(_details(session, product),
                   changes=Changes(products=frozenset({product.code}),
                                   suppliers=frozenset({supplier.code})))


# --- reads ----------------------------------------------------------------------------------

@read(Permission.STOCK_READ)
def get_product_details(db: Database, code: str) -> ProductDetails:
    with db.read() as session:
        return _details(session, _product(session, code))


def _details(session: Session, product: Product) -> ProductDetails:
    suppliers = tuple(
        ProductSupplierRow(row.code, row.name, row.reference, row.pack_size, row.preferred)
        for row in session.execute(
            select(Supplier.code, Supplier.name, ProductSupplier.reference,
                   ProductSupplier.pack_size, ProductSupplier.preferred)
            .join(ProductSupplier, ProductSupplier.supplier_id == Supplier.id)
            .where(ProductSupplier.product_id == product.id)
            .order_by(ProductSupplier.preferred.desc(), Supplier.name)))
    minimums = tuple(sorted(
        (MinimumRow(product.code, row.code, row.minimum, maximum=row.maximum,
                    location_name=row.name, product_name=product.name)
         for row in session.execute(
             select(Location.code, Location.name, ProductMinimum.minimum,
                    ProductMinimum.maximum)
             .join(ProductMinimum, ProductMinimum.location_id == Location.id)
             .where(ProductMinimum.product_id == product.id))),
        key=lambda m: (natural_key(m.location_name), m.location_code)))
    has_photo = session.execute(
        select(exists().where(ProductPhoto.product_id == product.id))).scalar()
    return ProductDetails(
        code=product.code, name=product.name, category=product.category, unit=product.unit,
        tracks_lots=product.tracks_lots, tracks_expiry=product.tracks_expiry,
        shelf_life_days=product.shelf_life_days, gtins=_gtins_of(session, product),
        notes=product.notes or "", active=product.active, has_photo=bool(has_photo),
        suppliers=suppliers, minimums=minimums,
        has_history=_has_history(session, product.id))


@read(Permission.STOCK_READ)
def list_products(db: Database, *, text: str = "", include_retired: bool = False,
                  category: str | None = None, limit: int | None = None
                  ) -> list[ProductListRow]:
    """Products by name as people read it ("test 2" before "test 10"); ``text`` matches the
    code, name, category or any GTIN (case-insensitive)."""
    preferred = (select(ProductSupplier.product_id, Supplier.name)
                 .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
                 .where(ProductSupplier.preferred.is_(True)).subquery())
    query = (select(Product.code, Product.name, Product.category, Product.unit, Product.gtin,
                    preferred.c.name, Product.tracks_expiry, Product.active)
             .outerjoin(preferred, preferred.c.product_id == Product.id))
    if not include_retired:
        query = query.where(Product.active.is_(True))
    if category is not None:
        query = query.where(Product.category == category)
    search = text.strip()
    if search:
        pattern = f"%{search}%"
        query = query.where(
            Product.code.ilike(pattern) | Product.name.ilike(pattern)
            | Product.category.ilike(pattern)
            | Product.id.in_(select(ProductGtin.product_id).where(ProductGtin.gtin.like(pattern))))
    with db.read() as session:
        rows = [ProductListRow(row[0], row[1], row[2], row[3], row[4] or "", row[5] or "",
                               bool(row[6]), bool(row[7]))
                for row in session.execute(query)]
    rows.sort(key=lambda r: (natural_key(r.name), r.code))
    return rows[:limit] if limit is not None else rows


@read(Permission.STOCK_READ)
def list_categories(db: Database) -> list[str]:
    """Every category in use, as people read them."""
    return _distinct(db, Product.category)


@read(Permission.STOCK_READ)
def list_units(db: Database) -> list[str]:
    """Every unit in use ("stuk" always among them)."""
    return sorted(set(_distinct(db, Product.unit)) | {DEFAULT_UNIT}, key=natural_key)


def _distinct(db: Database, column: Any) -> list[str]:
    with db.read() as session:
        values = session.scalars(select(column).distinct()).all()
    return sorted((str(v) for v in values if v), key=natural_key)


@read(Permission.STOCK_READ)
def get_product(db: Database, code: str) -> ProductRow:
    with db.read() as session:
        return product_row(_product(session, code))


@read(Permission.STOCK_READ)
def search_products(db: Database, text: str = "", *, limit: int = 50) -> list[ProductRow]:
    """Active products whose code, name or GTIN contains ``text`` (case-insensitive), by code."""
    pattern = f"%{text.strip()}%"
    query = select(Product).where(Product.active.is_(True))
    if text.strip():
        query = query.where(
            Product.code.ilike(pattern) | Product.name.ilike(pattern)
            | Product.id.in_(select(ProductGtin.product_id).where(ProductGtin.gtin.like(pattern)))
        )
    query = query.order_by(Product.code).limit(limit)
    with db.read() as session:
        return [product_row(product) for product in session.scalars(query)]
