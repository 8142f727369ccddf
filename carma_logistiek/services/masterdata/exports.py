"""Each master-data list as a table its own import reads back: the headers are the import's
column labels (Dutch), the cells what the import parses, so export → import changes nothing.

``export_products(db)`` and the others give a :class:`TableData`; :func:`write_export` writes
one to a .csv or .xlsx file (documents/tables.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from carma_logistiek.db.models import Product, ProductGtin, ProductSupplier, Supplier
from carma_logistiek.db.uow import Database
from carma_logistiek.documents.tables import Cell, write_table
from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import N_
from carma_logistiek.services.command import read

# The columns of each kind, in the order the files have them. Their labels are the import's
# (masterdata/import_kinds.py uses these very tuples), so the two cannot drift apart.
PRODUCT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", N_("Code")), ("name", N_("Naam")), ("category", N_("Categorie")),
    ("unit", N_("Eenheid")), ("tracks_lots", N_("Loten")),
    ("tracks_expiry", N_("Vervaldatum")), ("shelf_life_days", N_("Houdbaarheid (dagen)")),
    ("gtins", N_("GTIN")), ("supplier", N_("Leverancier")),
    ("reference", N_("Referentie")), ("pack_size", N_("Verpakking")),
    ("notes", N_("Opmerkingen")), ("active", N_("Actief")),
)
LOCATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", N_("Code")), ("name", N_("Naam")), ("kind", N_("Soort")),
    ("parent", N_("Hoort onder")), ("active", N_("Actief")),
)
SUPPLIER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", N_("Code")), ("name", N_("Naam")), ("contact", N_("Contactpersoon")),
    ("email", N_("E-mail")), ("phone", N_("Telefoon")),
    ("customer_number", N_("Klantnummer")), ("lead_time_days", N_("Levertijd (dagen)")),
    ("notes", N_("Opmerkingen")), ("active", N_("Actief")),
)
MINIMUM_HEADERS = ("Product", "Locatie", "Minimum")  # import_specs.MINIMUMS' labels

# A location's kind as the files write it (the import also takes the English codes).
KIND_WORDS = {"zone": "zone", "site": "site", "storeroom": "magazijn", "room": "lokaal",
              "cabinet": "kast", "shelf": "rek", "vehicle": "voertuig"}
GTIN_SEPARATOR = " "


@dataclass(frozen=True)
class TableData:
    """A list as a file holds it: its headers and one row of cells per record."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""


def _headers(columns: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(label for _key, label in columns)


# The lists of the master-data screen, as files: readable by whoever reads stock.
@read(Permission.STOCK_READ)
def export_products(db: Database) -> TableData:
    """Every product (retired ones too, "Actief" nee) with its GTINs (the main one first) and
    its preferred supplier."""
    with db.read() as session:
        products = session.scalars(select(Product)).all()
        gtins: dict[int, list[str]] = {}
        for product_id, gtin in session.execute(
                select(ProductGtin.product_id, ProductGtin.gtin).order_by(ProductGtin.gtin)):
            gtins.setdefault(product_id, []).append(gtin)
        preferred = {row.product_id: row for row in session.execute(
            select(ProductSupplier.product_id, Supplier.code, ProductSupplier.reference,
                   ProductSupplier.pack_size)
            .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
            .where(ProductSupplier.preferred.is_(True)))}
        rows = []
        for product in sorted(products, key=lambda p: (natural_key(p.name), p.code)):
            main = [product.gtin] if product.gtin else []
            codes = main + [g for g in gtins.get(product.id, []) if g != product.gtin]
            link = preferred.get(product.id)
            rows.append((
                product.code, product.name, product.category, product.unit,
                product.tracks_lots, product.tracks_expiry, product.shelf_life_days,
                GTIN_SEPARATOR.join(codes), link.code if link else "",
                link.reference if link else "", link.pack_size if link else None,
                product.notes or "", product.active,
            ))
    return TableData(_headers(PRODUCT_COLUMNS), tuple(rows), N_("Producten"))


@read(Permission.STOCK_READ)
def export_locations(db: Database) -> TableData:
    """Every location, parents before children (so the file reads as the tree)."""
    from carma_logistiek.services.masterdata.locations import list_locations

    rows = tuple(
        (row.code, row.name, KIND_WORDS.get(row.kind, row.kind), row.parent_code or "",
         row.active)
        for row in list_locations(db, include_retired=True))
    return TableData(_headers(LOCATION_COLUMNS), rows, N_("Locaties"))


@read(Permission.STOCK_READ)
def export_suppliers(db: Database) -> TableData:
    with db.read() as session:
        suppliers = session.scalars(select(Supplier)).all()
        rows = tuple(
            (s.code, s.name, s.contact, s.email, s.phone, s.customer_number, s.lead_time_days,
             s.notes, s.active)
            for s in sorted(suppliers, key=lambda s: (natural_key(s.name), s.code)))
    return TableData(_headers(SUPPLIER_COLUMNS), rows, N_("Leveranciers"))


@read(Permission.STOCK_READ)
def export_minimums(db: Database) -> TableData:
    """Every minimum, as the minimums import reads it (product code, location code, minimum)."""
    from carma_logistiek.services.masterdata.minimums import list_minimums

    rows = tuple((row.product_code, row.location_code, row.minimum)
                 for row in list_minimums(db))
    return TableData(MINIMUM_HEADERS, rows, N_("Minimumvoorraden"))


def write_export(table: TableData, path: Path | str) -> Path:
    """``table`` as a .csv or .xlsx file (by the suffix); a sentence when it cannot be."""
    return write_table(path, table.headers, table.rows, title=table.title)


__all__ = ["GTIN_SEPARATOR", "KIND_WORDS", "LOCATION_COLUMNS", "PRODUCT_COLUMNS",
           "SUPPLIER_COLUMNS", "TableData", "export_locations", "export_minimums",
           "export_products", "export_suppliers", "write_export"]
