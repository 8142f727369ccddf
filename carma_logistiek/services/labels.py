"""What goes on label sheets: products, lots and locations from the database, as LabelSpecs.

Read-only, through the other services. The PDF itself is drawn by
carma_logistiek.documents.labels; this module does not import reportlab.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from carma_logistiek.db.uow import Database
from carma_logistiek.documents.specs import LabelSpec
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.errors import UnknownLocation
from carma_logistiek.i18n import _, format_date
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from carma_logistiek.services.command import read
from carma_logistiek.services.lookups import normalise_code
from carma_logistiek.services.masterdata import get_product, list_locations, search_products
from carma_logistiek.services.results import LocationRow
from carma_logistiek.services.stock.overview import product_detail, stock_overview

# Every active product, for "labels for all products" (a zone has hundreds, not millions).
ALL_PRODUCTS = 100_000


def _payload(db: Database, kind: str, code: str, lot: str | None = None) -> str:
    """The label's payload carries the zone of whoever prints it (a zone's own labels)."""
    return encode_label(LabelPayload(kind=LabelKind[kind], code=code, lot=lot, zone=db.zone))


@read(Permission.DOCUMENTS_PRINT)
def product_labels(db: Database, product_codes: Sequence[str] | None = None, *,
                   location_code: str | None = None) -> list[LabelSpec]:
    """A label per product: the given codes in the given order; without codes, the products
    kept at ``location_code`` (and below), or every active product."""
    if product_codes:
        products = [get_product(db, code) for code in product_codes]
        return [LabelSpec(_payload(db, "PRODUCT", p.code), p.name, p.code, p.category)
                for p in products]
    if location_code:
        rows = stock_overview(db, location_code=location_code)
        named = {row.product_code: (row.product_name, row.category) for row in rows}
    else:
        named = {p.code: (p.name, p.category) for p in search_products(db, limit=ALL_PRODUCTS)}
    return [LabelSpec(_payload(db, "PRODUCT", code), name, code, category)
            for code, (name, category) in sorted(named.items(), key=lambda i: (i[1][0], i[0]))]


@read(Permission.DOCUMENTS_PRINT)
def lot_labels(db: Database, location_code: str | None = None,
               product_codes: Sequence[str] | None = None, *,
               today: date | None = None) -> list[LabelSpec]:
    """A label per lot that has stock (at ``location_code`` and below, or anywhere), with its
    expiry date; once per lot even when it lies at several locations. Products kept without
    lots get none."""
    if product_codes:
        codes = [get_product(db, code).code for code in product_codes]
    else:
        rows = stock_overview(db, location_code=location_code, today=today)
        codes = _unique(row.product_code for row in rows if row.quantity > 0)
    specs: list[tuple[tuple[str, date, str], LabelSpec]] = []
    for code in codes:
        detail = product_detail(db, code, location_code=location_code, history_limit=0,
                                today=today)
        product = detail.product
        seen: set[str] = set()
        for lot in detail.lots:
            if lot.quantity <= 0 or not lot.lot_number or lot.lot_number in seen:
                continue
            seen.add(lot.lot_number)
            specs.append((
                (product.name, lot.expiry or date.max, lot.lot_number),
                LabelSpec(_payload(db, "LOT", product.code, lot.lot_number), product.name,
                          product.code, lot_detail(lot.lot_number, lot.expiry)),
            ))
    specs.sort(key=lambda item: item[0])
    return [spec for _key, spec in specs]


def lot_detail(lot_number: str, expiry: date | None) -> str:
    if expiry is None:
        return _("lot {lot}", lot=lot_number)
    return _("Vervalt {date} · lot {lot}", date=format_date(expiry), lot=lot_number)


@read(Permission.DOCUMENTS_PRINT)
def location_labels(db: Database, location_code: str | None = None) -> list[LabelSpec]:
    """A label for the location and every location under it (all locations without a code),
    in tree order; the detail names the site the location belongs to."""
    locations = list_locations(db)
    by_code = {row.code: row for row in locations}
    if location_code:
        root = by_code.get(normalise_code(location_code))
        if root is None:
            raise UnknownLocation(code=location_code)
        locations = [row for row in locations if _is_under(row, root.code, by_code)]
    return [LabelSpec(_payload(db, "LOCATION", row.code), row.name, row.code,
                      _location_detail(row, by_code)) for row in locations]


def _is_under(row: LocationRow, ancestor: str, by_code: dict[str, LocationRow]) -> bool:
    current: LocationRow | None = row
    while current is not None:
        if current.code == ancestor:
            return True
        current = by_code.get(current.parent_code) if current.parent_code else None
    return False


def _location_detail(row: LocationRow, by_code: dict[str, LocationRow]) -> str:
    """The site above the location (its name), else the parent's name; nothing for a zone and
    for what hangs directly under it (the zone's name is on every label already)."""
    parent = by_code.get(row.parent_code) if row.parent_code else None
    if parent is None or parent.kind == "zone":
        return ""
    current: LocationRow | None = parent
    while current is not None:
        if current.kind == "site":
            return current.name
        current = by_code.get(current.parent_code) if current.parent_code else None
    return parent.name


def _unique(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(codes))
