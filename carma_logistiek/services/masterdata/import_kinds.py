"""The master-data kinds of file: products, locations and suppliers (services/import_specs.py
explains an ImportSpec). Each row creates or updates one record by its code (an upsert); a row
equal to what is stored is "ongewijzigd" and writes nothing, so the export of a list imports
back without a single change.

- A column the file does not have keeps what is stored; an empty cell clears a text (category,
  notes, GTINs, …) but keeps the unit and the yes/no columns of an existing record.
- Products carry their preferred supplier in the same sheet (columns Leverancier, Referentie,
  Verpakking): a zone's product list is one row per product with the supplier it orders from,
  and one sheet is what people keep. A second supplier is added in the window or with
  ``products edit --supplier``; an import never removes a supplier.
- Locations name their parent by code; the rows may come in any order (a child before its
  parent): they are written parents first. A row in a cycle, or under a parent that is
  neither in the file nor in the database, is refused.

Each row is ONE registered write (``masterdata.upsert_*``), so a refused row undoes all of
itself, also when the good rows are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from carma_logistiek.db.models import Location, Product, ProductSupplier, Supplier
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.errors import DomainError, SupplierRequired, _error
from carma_logistiek.domain.text import check_request
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.command import Tx, write
from carma_logistiek.services.import_specs import (
    LOCATION_ALIASES,
    PRODUCT_ALIASES,
    BadValue,
    Column,
    ImportSpec,
    MappedRow,
    register,
    whole_number,
)
from carma_logistiek.services.imports import RowWriter
from carma_logistiek.services.lookups import normalise_code, require_valid_code
from carma_logistiek.services.masterdata.exports import (
    KIND_WORDS,
    LOCATION_COLUMNS,
    PRODUCT_COLUMNS,
    SUPPLIER_COLUMNS,
)
from carma_logistiek.services.masterdata.locations import (
    create_location,
    move_location,
    reactivate_location,
    rename_location,
    retire_location,
)
from carma_logistiek.services.masterdata.products import (
    clean_gtins,
    create_product,
    reactivate_product,
    retire_product,
    set_product_supplier,
    update_product,
)
from carma_logistiek.services.masterdata.rows import ProductValues, SupplierValues
from carma_logistiek.services.masterdata.suppliers import (
    create_supplier,
    reactivate_supplier,
    retire_supplier,
    update_supplier,
)

LocationCycle = _error(
    "LocationCycle",
    N_("Locatie {location} hangt in een kring in het bestand ({chain}): geef minstens één "
       "ervan een ouder buiten die kring."),
    "parent",
)
LocationKindFixed = _error(
    "LocationKindFixed",
    N_("De soort van {location} is '{kind}' en kan niet veranderen naar '{new_kind}'. Maak een "
       "nieuwe locatie aan en schrap de oude."),
    "kind",
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class UpsertResult:
    """What one row did: created, updated (which fields) or unchanged."""

    code: str
    outcome: str
    fields: tuple[str, ...] = ()
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


# --- reading cells --------------------------------------------------------------------------

_YES = {"ja", "j", "yes", "y", "oui", "o", "1", "x", "waar", "true", "vrai", "actief", "active"}
_NO = {"nee", "n", "no", "non", "0", "onwaar", "false", "faux", "niet actief", "inactief",
       "inactive", "-"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_text(row: MappedRow, key: str) -> str:
    """The cell's text; the quote a CSV export puts before a text that looks like a formula
    (documents/tables.py) is taken off again."""
    text = row.text(key)
    if text.startswith("'") and text[1:2] in FORMULA_STARTS and text[1:2]:
        return text[1:]
    return text


def yes_no(row: MappedRow, key: str) -> bool | None:
    """ja/nee (and yes/no, oui/non, 1/0, x); None when the cell is empty."""
    text = row.text(key).strip().casefold()
    if not text:
        return None
    if text in _YES or text == _("ja").casefold():
        return True
    if text in _NO or text == _("nee").casefold():
        return False
    raise BadValue(column=row.column(key), value=row.text(key), expected=_("geef ja of nee"))


def optional_number(row: MappedRow, key: str) -> int | None:
    return whole_number(row, key) if row.text(key) else None


def _present(row: MappedRow) -> frozenset[str]:
    return frozenset(row.columns)


def _columns(spec: tuple[tuple[str, str], ...], required: set[str],
             aliases: dict[str, tuple[str, ...]]) -> tuple[Column, ...]:
    return tuple(Column(key, label, required=key in required, aliases=aliases.get(key, ()))
                 for key, label in spec)


NAME_ALIASES = ("naam", "omschrijving", "benaming", "description", "name", "nom",
                "designation", "libelle")
ACTIVE_ALIASES = ("active", "in gebruik", "actif", "actief (ja/nee)")
NOTES_ALIASES = ("opmerking", "notities", "notes", "remarks", "remarques", "commentaar")


def _label_of(columns: tuple[tuple[str, str], ...], key: str) -> str:
    return _(next(label for k, label in columns if k == key))


def _describe(columns: tuple[tuple[str, str], ...]) -> Callable[[UpsertResult], str]:
    def describe(result: UpsertResult) -> str:
        if result.outcome == CREATED:
            return _("{code}: nieuw", code=result.code)
        if result.outcome == UNCHANGED:
            return _("{code}: al zo opgeslagen", code=result.code)
        return _("{code}: gewijzigd ({fields})", code=result.code,
                 fields=", ".join(_label_of(columns, key).lower() for key in result.fields))

    return describe


def _writer(apply: Callable[[Database, object, Actor], UpsertResult],
            columns: tuple[tuple[str, str], ...]
            ) -> Callable[[Actor], RowWriter[object, UpsertResult]]:
    def writer(actor: Actor) -> RowWriter[object, UpsertResult]:
        return RowWriter(apply=lambda db, request: apply(db, request, actor),
                         replayed=lambda _result: False, describe=_describe(columns),
                         unchanged=lambda result: result.outcome == UNCHANGED)

    return writer


# --- products -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProductImport:
    """One row of a product file: the values read, and which columns the file has (the others
    keep what is stored)."""

    code: str
    values: ProductValues
    present: frozenset[str]
    supplier: str = ""
    reference: str = ""
    pack_size: int | None = None
    active: bool | None = None
    # The yes/no cells that were empty (they keep what is stored).
    blank: frozenset[str] = frozenset()
    # The supplier named becomes the preferred one (a file names the supplier it orders from).
    preferred: bool = True


_GTIN_SPLIT = re.compile(r"[\s,;|/]+")


def _parse_product(row: MappedRow) -> ProductImport:
    code = require_valid_code(row.required("code"))
    lots, expiry = yes_no(row, "tracks_lots"), yes_no(row, "tracks_expiry")
    values = ProductValues(
        name=plain_text(row, "name") or row.required("name"),
        category=plain_text(row, "category"),
        unit=row.text("unit"),
        tracks_lots=bool(lots),
        tracks_expiry=bool(expiry),
        shelf_life_days=optional_number(row, "shelf_life_days"),
        notes=plain_text(row, "notes"),
        gtins=tuple(g for g in _GTIN_SPLIT.split(row.text("gtins")) if g),
    )
    supplier = row.text("supplier")
    reference, pack_text = plain_text(row, "reference"), row.text("pack_size")
    if not supplier and (reference or pack_text):
        raise SupplierRequired()
    blank = frozenset(key for key, value in (("tracks_lots", lots), ("tracks_expiry", expiry),
                                             ("unit", values.unit or None)) if value is None)
    return ProductImport(code, values, _present(row), supplier, reference,
                         optional_number(row, "pack_size"), yes_no(row, "active"), blank)


def _kept(present: frozenset[str], blank: frozenset[str], key: str) -> bool:
    return key not in present or key in blank


@write(Permission.MASTERDATA_EDIT)
def upsert_product(tx: Tx, /, *, request: ProductImport, actor: Actor) -> UpsertResult:
    """Create or update a product from one row of a file (see the module's docstring)."""
    session = tx.session
    code = normalise_code(request.code)
    product = session.scalars(select(Product).where(Product.code == code)).first()
    asked = request.values
    gtins = clean_gtins(asked.gtins)
    if product is None:
        created = create_product.body(
            tx, code=code, name=asked.name, category=asked.category,
            unit=asked.unit, tracks_lots=asked.tracks_lots, tracks_expiry=asked.tracks_expiry,
            shelf_life_days=asked.shelf_life_days, notes=asked.notes, gtins=gtins, actor=actor)
        changes = created.changes
        if request.supplier:
            changes |= set_product_supplier.body(
                tx, product_code=code, supplier_code=request.supplier,
                reference=request.reference, pack_size=request.pack_size or 1,
                preferred=request.preferred, actor=actor).changes
        if request.active is False:
            changes |= retire_product.body(tx, code=code, actor=actor).changes
        return UpsertResult(code, CREATED, changes=changes)
    stored = _stored_values(session, product)
    present, blank = request.present, request.blank
    wanted = ProductValues(**{
        key: getattr(stored, key) if _kept(present, blank, key) else getattr(asked, key)
        for key in ("name", "category", "unit", "tracks_lots", "tracks_expiry",
                    "shelf_life_days", "notes")},
        gtins=stored.gtins if "gtins" not in present else gtins)
    check_request("masterdata.update_product", {"values": wanted})
    changed = tuple(key for key in ("name", "category", "unit", "tracks_lots", "tracks_expiry",
                                    "shelf_life_days", "gtins", "notes")
                    if getattr(wanted, key) != getattr(stored, key))
    changes = NO_CHANGES
    if changed:
        changes |= update_product.body(tx, code=code, values=wanted, actor=actor).changes
    if request.supplier:
        supplier = normalise_code(request.supplier)
        link = _link(session, product.id, supplier)
        reference = (request.reference if "reference" in present
                     else link[0] if link is not None else "")
        pack_size = request.pack_size or (link[1] if link is not None else 1)
        if (link is None or (reference, pack_size) != link[:2]
                or (request.preferred and not link[2])):
            changed += ("supplier",)
            changes |= set_product_supplier.body(
                tx, product_code=code, supplier_code=supplier, reference=reference,
                pack_size=pack_size, preferred=request.preferred, actor=actor).changes
    if request.active is not None and request.active != product.active:
        changed += ("active",)
        verb = reactivate_product if request.active else retire_product
        changes |= verb.body(tx, code=code, actor=actor).changes
    return UpsertResult(code, UPDATED if changed else UNCHANGED, changed, changes=changes)


def _stored_values(session: Session, product: Product) -> ProductValues:
    from carma_logistiek.services.masterdata.products import _gtins_of

    return ProductValues(product.name, product.category, product.unit, product.tracks_lots,
                         product.tracks_expiry, product.shelf_life_days, product.notes or "",
                         _gtins_of(session, product))


def _link(session: Session, product_id: int, supplier: str) -> tuple[str, int, bool] | None:
    """(reference, pack size, preferred) of the product's link to ``supplier``, if any."""
    row = session.execute(
        select(ProductSupplier.reference, ProductSupplier.pack_size, ProductSupplier.preferred)
        .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
        .where(ProductSupplier.product_id == product_id, Supplier.code == supplier)
    ).first()
    return (row[0], row[1], bool(row[2])) if row is not None else None


def _apply_product(db: Database, request: object, actor: Actor) -> UpsertResult:
    assert isinstance(request, ProductImport)
    return upsert_product(db, request=request, actor=actor)


PRODUCTS: ImportSpec[ProductImport, UpsertResult] = register(ImportSpec(
    kind="products",
    label=N_("Producten"),
    columns=_columns(PRODUCT_COLUMNS, {"code", "name"}, {
        "code": PRODUCT_ALIASES,
        "name": (*NAME_ALIASES, "productnaam", "product", "product name", "nom du produit"),
        "category": ("category", "categorie", "catégorie", "groep", "soort product"),
        "unit": ("unit", "eenh", "unité", "eenheid (stuk, doos)"),
        "tracks_lots": ("lots", "lot", "per lot", "lotopvolging", "lot tracking", "lotnummer"),
        "tracks_expiry": ("expiry", "vervalt", "vervaldata", "houdbaarheidsdatum",
                          "expiration", "péremption"),
        "shelf_life_days": ("houdbaarheid", "shelf life", "shelf life days",
                            "houdbaarheid in dagen", "durée de conservation"),
        "gtins": ("gtins", "ean", "ean13", "ean-13", "barcode", "streepjescode",
                  "streepjescodes", "code-barres"),
        "supplier": ("supplier", "leveranciercode", "fournisseur", "leverancier code"),
        "reference": ("reference", "ref", "referentie leverancier", "bestelnummer",
                      "supplier reference", "référence"),
        "pack_size": ("pack size", "verpakkingseenheid", "colli", "per verpakking",
                      "conditionnement"),
        "notes": NOTES_ALIASES,
        "active": ACTIVE_ALIASES,
    }),
    parse=_parse_product,
    writer=_writer(_apply_product, PRODUCT_COLUMNS),  # type: ignore[arg-type]
    atomic=True,
))


# --- suppliers ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SupplierImport:
    code: str
    values: SupplierValues
    present: frozenset[str]
    active: bool | None = None


def _parse_supplier(row: MappedRow) -> SupplierImport:
    code = require_valid_code(row.required("code"))
    values = SupplierValues(
        name=plain_text(row, "name") or row.required("name"), contact=plain_text(row, "contact"),
        email=row.text("email"), phone=plain_text(row, "phone"),
        customer_number=plain_text(row, "customer_number"),
        lead_time_days=optional_number(row, "lead_time_days"), notes=plain_text(row, "notes"))
    return SupplierImport(code, values, _present(row), yes_no(row, "active"))


_SUPPLIER_FIELDS = ("name", "contact", "email", "phone", "customer_number", "lead_time_days",
                    "notes")


@write(Permission.MASTERDATA_EDIT)
def upsert_supplier(tx: Tx, /, *, request: SupplierImport, actor: Actor) -> UpsertResult:
    session = tx.session
    code = normalise_code(request.code)
    supplier = session.scalars(select(Supplier).where(Supplier.code == code)).first()
    if supplier is None:
        changes = create_supplier.body(tx, code=code, values=request.values,
                                       actor=actor).changes
        if request.active is False:
            changes |= retire_supplier.body(tx, code=code, actor=actor).changes
        return UpsertResult(code, CREATED, changes=changes)
    stored = SupplierValues(supplier.name, supplier.contact or "", supplier.email or "",
                            supplier.phone or "", supplier.customer_number or "",
                            supplier.lead_time_days, supplier.notes or "")
    wanted = replace(stored, **{key: getattr(request.values, key) for key in _SUPPLIER_FIELDS
                                if key in request.present})
    changed = tuple(key for key in _SUPPLIER_FIELDS
                    if getattr(wanted, key) != getattr(stored, key))
    changes = NO_CHANGES
    if changed:
        changes |= update_supplier.body(tx, code=code, values=wanted, actor=actor).changes
    if request.active is not None and request.active != supplier.active:
        changed += ("active",)
        verb = reactivate_supplier if request.active else retire_supplier
        changes |= verb.body(tx, code=code, actor=actor).changes
    return UpsertResult(code, UPDATED if changed else UNCHANGED, changed, changes=changes)


def _apply_supplier(db: Database, request: object, actor: Actor) -> UpsertResult:
    assert isinstance(request, SupplierImport)
    return upsert_supplier(db, request=request, actor=actor)


SUPPLIERS: ImportSpec[SupplierImport, UpsertResult] = register(ImportSpec(
    kind="suppliers",
    label=N_("Leveranciers"),
    columns=_columns(SUPPLIER_COLUMNS, {"code", "name"}, {
        "code": ("leveranciercode", "supplier code", "code fournisseur", "id"),
        "name": (*NAME_ALIASES, "leverancier", "supplier", "fournisseur", "firma", "bedrijf"),
        "contact": ("contact", "contactpersoon", "contact person", "personne de contact"),
        "email": ("email", "e-mailadres", "mail", "courriel", "adresse e-mail"),
        "phone": ("phone", "telefoon", "tel", "telefoonnummer", "téléphone", "gsm"),
        "customer_number": ("klantnr", "customer number", "account number", "numéro client",
                            "ons klantnummer"),
        "lead_time_days": ("levertijd", "lead time", "lead time days", "délai de livraison",
                           "levertermijn"),
        "notes": NOTES_ALIASES,
        "active": ACTIVE_ALIASES,
    }),
    parse=_parse_supplier,
    writer=_writer(_apply_supplier, SUPPLIER_COLUMNS),  # type: ignore[arg-type]
    atomic=True,
))


# --- locations ------------------------------------------------------------------------------

# Every word a file may use for a location's kind.
KINDS_BY_WORD = {
    **{kind: kind for kind in KIND_WORDS}, **{word: kind for kind, word in KIND_WORDS.items()},
    "berging": "storeroom", "stockroom": "storeroom", "warehouse": "storeroom",
    "réserve": "storeroom", "lokaal": "room", "kamer": "room", "local": "room",
    "salle": "room", "armoire": "cabinet", "kast": "cabinet", "plank": "shelf",
    "étagère": "shelf", "wagen": "vehicle", "auto": "vehicle", "véhicule": "vehicle",
    "gebouw": "site", "building": "site", "bâtiment": "site",
}


@dataclass(frozen=True)
class LocationImport:
    code: str
    name: str
    kind: str
    parent_code: str | None
    present: frozenset[str]
    active: bool | None = None
    # Where the stock of a location that retires goes (the command line's --transfer-to).
    transfer_to: str | None = None


def _parse_location(row: MappedRow) -> LocationImport:
    code = require_valid_code(row.required("code"))
    word = row.required("kind").strip().casefold()
    kind = KINDS_BY_WORD.get(word)
    if kind is None:
        raise BadValue(column=row.column("kind"), value=row.text("kind"),
                       expected=_("geef een van: {kinds}",
                                  kinds=", ".join(KIND_WORDS.values())))
    parent = row.text("parent")
    return LocationImport(code, plain_text(row, "name") or row.required("name"), kind,
                          normalise_code(parent) if parent else None, _present(row),
                          yes_no(row, "active"))


def _parents_first(file: str, rows: list[tuple[int, LocationImport | DomainError]]
                   ) -> list[tuple[int, LocationImport | DomainError]]:
    """The rows with every parent in the file before its children (else in file order); the
    rows of a cycle refused."""
    first: dict[str, tuple[int, LocationImport]] = {}
    for line, request in rows:
        if isinstance(request, LocationImport):
            first.setdefault(request.code, (line, request))
    placed: set[int] = set()
    cyclic: dict[int, DomainError] = {}
    ordered: list[tuple[int, LocationImport | DomainError]] = []

    def place(line: int, request: LocationImport) -> None:
        chain: list[tuple[int, LocationImport]] = [(line, request)]
        while True:
            parent = chain[-1][1].parent_code
            if parent is None or parent not in first:
                break
            parent_row = first[parent]
            if parent_row[0] in placed or parent_row[0] in cyclic:
                break
            if parent_row in chain:
                loop = chain[chain.index(parent_row):]
                names = " > ".join([r.code for _l, r in loop] + [parent])
                for loop_line, loop_request in loop:
                    cyclic[loop_line] = LocationCycle(location=loop_request.code, chain=names)
                break
            chain.append(parent_row)
        for chain_line, chain_request in reversed(chain):
            if chain_line in placed:
                continue
            placed.add(chain_line)
            ordered.append((chain_line, cyclic.get(chain_line, chain_request)))

    for line, request in rows:
        if isinstance(request, DomainError):
            ordered.append((line, request))
        elif line not in placed:
            place(line, request)
    return ordered


@write(Permission.MASTERDATA_EDIT)
def upsert_location(tx: Tx, /, *, request: LocationImport, actor: Actor) -> UpsertResult:
    session = tx.session
    code = normalise_code(request.code)
    location = session.scalars(select(Location).where(Location.code == code)).first()
    if location is None:
        changes = create_location.body(tx, code=code, name=request.name, kind=request.kind,
                                       parent_code=request.parent_code, actor=actor).changes
        if request.active is False:
            changes |= retire_location.body(tx, code=code, actor=actor).changes
        return UpsertResult(code, CREATED, changes=changes)
    if request.kind != location.kind:
        raise LocationKindFixed(location=location.name, kind=KIND_WORDS.get(location.kind),
                                new_kind=KIND_WORDS.get(request.kind))
    changed: tuple[str, ...] = ()
    changes = NO_CHANGES
    if request.name != location.name:
        changed += ("name",)
        changes |= rename_location.body(tx, code=code, name=request.name, actor=actor).changes
    parent_code = (session.get_one(Location, location.parent_id).code
                   if location.parent_id is not None else None)
    if "parent" in request.present and request.parent_code != parent_code:
        changed += ("parent",)
        changes |= move_location.body(tx, code=code, parent_code=request.parent_code,
                                      actor=actor).changes
    if request.active is not None and request.active != location.active:
        changed += ("active",)
        if request.active:
            changes |= reactivate_location.body(tx, code=code, actor=actor).changes
        else:
            changes |= retire_location.body(tx, code=code, transfer_to=request.transfer_to,
                                            actor=actor).changes
    return UpsertResult(code, UPDATED if changed else UNCHANGED, changed, changes=changes)


def _apply_location(db: Database, request: object, actor: Actor) -> UpsertResult:
    assert isinstance(request, LocationImport)
    return upsert_location(db, request=request, actor=actor)


LOCATIONS: ImportSpec[LocationImport, UpsertResult] = register(ImportSpec(
    kind="locations",
    label=N_("Locaties"),
    columns=_columns(LOCATION_COLUMNS, {"code", "name", "kind"}, {
        "code": LOCATION_ALIASES,
        "name": (*NAME_ALIASES, "locatienaam", "location name", "nom du lieu"),
        "kind": ("kind", "type", "soort locatie", "location type", "genre"),
        "parent": ("parent", "ouder", "valt onder", "onder", "bovenliggende locatie",
                   "parent code", "parent location", "hoofdlocatie", "lieu parent"),
        "active": ACTIVE_ALIASES,
    }),
    parse=_parse_location,
    writer=_writer(_apply_location, LOCATION_COLUMNS),  # type: ignore[arg-type]
    atomic=True,
    finish=_parents_first,
))

__all__ = ["LOCATIONS", "PRODUCTS", "SUPPLIERS", "LocationCycle", "LocationImport",
           "LocationKindFixed", "ProductImport", "SupplierImport", "UpsertResult",
           "upsert_location", "upsert_product", "upsert_supplier"]
