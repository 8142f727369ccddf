"""``products``, ``locations`` and ``suppliers``: list, add, edit, import and export the master
data from the command line, through the same services as the window.

Each ``edit`` is one write (the import's upsert with only the options given), so an edit that
is refused changes nothing, also when it names several things. ``import FILE`` takes the
options of ``carma-logistiek import`` (--preview, --map, --skip-refused); ``export FILE``
writes .csv or .xlsx that ``import`` reads back unchanged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carma_logistiek.cli import output
from carma_logistiek.cli.common import actor_for, open_database
from carma_logistiek.cli.imports import add_import_options, import_file
from carma_logistiek.i18n import _, ngettext

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.db.uow import Database
    from carma_logistiek.services.masterdata import ProductListRow, SupplierRow
    from carma_logistiek.services.results import LocationRow


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    _product_parsers(sub, common)
    _location_parsers(sub, common)
    _supplier_parsers(sub, common)


def _group(sub: SubParsers, common: argparse.ArgumentParser, name: str, help_text: str,
           kind: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    group = sub.add_parser(name, help=help_text)
    actions = group.add_subparsers(dest=f"{name}_action", required=True)
    listing = actions.add_parser("list", parents=[common], help=_("toon de lijst"))
    listing.add_argument("--all", action="store_true", help=_("ook wat buiten gebruik is"))
    listing.add_argument("--format", choices=output.FORMATS, default="table")
    listing.set_defaults(handler=LISTS[name])
    importing = actions.add_parser("import", parents=[common],
                                   help=_("lees een CSV- of XLSX-bestand in"))
    importing.add_argument("file", metavar="FILE")
    add_import_options(importing)
    importing.set_defaults(handler=_import_handler(kind))
    exporting = actions.add_parser("export", parents=[common],
                                   help=_("schrijf de lijst naar een .csv- of .xlsx-bestand"))
    exporting.add_argument("file", metavar="FILE")
    exporting.set_defaults(handler=_export_handler(kind))
    return actions


# --- products -------------------------------------------------------------------------------

def _product_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    actions = _group(sub, common, "products", _("producten: lijst, toevoegen, wijzigen, "
                                                "inlezen, exporteren"), "products")
    listing = actions.choices["list"]
    listing.add_argument("--search", default="", help=_("code, naam, categorie of GTIN"))
    add = actions.add_parser("add", parents=[common], help=_("een nieuw product"))
    add.add_argument("code", metavar="CODE")
    add.add_argument("--name", required=True)
    add.add_argument("--lots", action="store_true", help=_("per lot bijhouden"))
    add.add_argument("--expiry", action="store_true", help=_("met vervaldatum (en loten)"))
    _product_options(add)
    add.set_defaults(handler=cmd_product_add)
    edit = actions.add_parser("edit", parents=[common], help=_("een product wijzigen"))
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--name")
    edit.add_argument("--lots", action=argparse.BooleanOptionalAction, default=None,
                      help=_("per lot bijhouden (of niet)"))
    edit.add_argument("--expiry", action=argparse.BooleanOptionalAction, default=None,
                      help=_("met vervaldatum (of niet)"))
    _product_options(edit)
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--retire", action="store_true", help=_("buiten gebruik zetten"))
    state.add_argument("--reactivate", action="store_true", help=_("terug in gebruik nemen"))
    edit.add_argument("--supplier", metavar="CODE", help=_("leverancier (code)"))
    edit.add_argument("--reference", help=_("referentie bij de leverancier"))
    edit.add_argument("--pack-size", type=int, metavar="N", help=_("verpakking (stuks)"))
    edit.add_argument("--preferred", action="store_true",
                      help=_("deze leverancier voorkeur geven"))
    edit.set_defaults(handler=cmd_product_edit)


def _product_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category")
    parser.add_argument("--unit")
    parser.add_argument("--shelf-life", type=int, metavar="DAYS",
                        help=_("houdbaarheid van een nieuw lot, in dagen"))
    parser.add_argument("--gtin", action="append", metavar="GTIN",
                        help=_("streepjescode (herhaal voor meer; de eerste is de hoofdcode)"))
    parser.add_argument("--notes")


def cmd_product_list(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import list_products

    _config, db = open_database(args)
    rows = list_products(db, text=args.search, include_retired=args.all)
    output.write(output.render(rows, args.format, record=_product_record,
                               columns=_product_columns()))
    return 0


def _product_record(row: ProductListRow) -> dict[str, object]:
    return {"code": row.code, "name": row.name, "category": row.category, "unit": row.unit,
            "gtin": row.gtin, "supplier": row.supplier, "tracks_expiry": row.tracks_expiry,
            "active": row.active}


def _product_columns() -> list[output.Column[ProductListRow]]:
    column = output.Column
    return [
        column(_("Code"), lambda r: r.code),
        column(_("Naam"), lambda r: r.name[:40]),
        column(_("Categorie"), lambda r: r.category),
        column(_("Eenheid"), lambda r: r.unit),
        column(_("GTIN"), lambda r: r.gtin),
        column(_("Leverancier"), lambda r: r.supplier[:30]),
        column(_("Actief"), lambda r: _yes_no(r.active)),
    ]


def cmd_product_add(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import create_product

    config, db = open_database(args)
    row = create_product(db, code=args.code, name=args.name, category=args.category or "",
                         unit=args.unit or "stuk", tracks_lots=args.lots,
                         tracks_expiry=args.expiry, shelf_life_days=args.shelf_life,
                         notes=args.notes or "", gtins=tuple(args.gtin or ()),
                         actor=actor_for(config))
    print(_("Product {code} ({name}) toegevoegd.", code=row.code, name=row.name))
    return 0


def cmd_product_edit(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import ProductValues, get_product_details
    from carma_logistiek.services.masterdata.import_kinds import ProductImport, upsert_product

    given = {key: getattr(args, attribute) for key, attribute in (
        ("name", "name"), ("category", "category"), ("unit", "unit"), ("tracks_lots", "lots"),
        ("tracks_expiry", "expiry"), ("shelf_life_days", "shelf_life"), ("gtins", "gtin"),
        ("notes", "notes")) if getattr(args, attribute) is not None}
    if args.supplier is None and (args.reference is not None or args.pack_size is not None
                                  or args.preferred):
        return _usage(_("--reference, --pack-size en --preferred horen bij --supplier."))
    if not given and args.supplier is None and not (args.retire or args.reactivate):
        return _usage(_("Geef minstens één wijziging, bv. --name of --retire."))
    config, db = open_database(args)
    current = get_product_details(db, args.code)  # an unknown code: a sentence, exit 1
    if "tracks_expiry" in given and given["tracks_expiry"] and "tracks_lots" not in given:
        given["tracks_lots"] = True
    values = ProductValues(**{
        "name": current.name, **{k: v for k, v in given.items() if k != "gtins"},
        "gtins": tuple(given.get("gtins", ()))})
    present = frozenset({"code", *given}) | ({"reference"} if args.reference is not None
                                             else frozenset())
    request = ProductImport(current.code, values, present, args.supplier or "",
                            args.reference or "", args.pack_size,
                            True if args.reactivate else False if args.retire else None,
                            preferred=bool(args.preferred))
    result = upsert_product(db, request=request, actor=actor_for(config))
    print(_changed_sentence(_("Product"), result.code, result.fields))
    return 0


# --- locations ------------------------------------------------------------------------------

def _location_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    actions = _group(sub, common, "locations", _("locaties: lijst, toevoegen, wijzigen, "
                                                 "inlezen, exporteren"), "locations")
    add = actions.add_parser("add", parents=[common], help=_("een nieuwe locatie"))
    add.add_argument("code", metavar="CODE")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", required=True, type=_location_kind,
                     help=_("zone, site, magazijn, lokaal, kast, rek of voertuig"))
    add.add_argument("--parent", metavar="CODE", help=_("de locatie waaronder ze hangt"))
    add.set_defaults(handler=cmd_location_add)
    edit = actions.add_parser("edit", parents=[common], help=_("een locatie wijzigen"))
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--name")
    edit.add_argument("--parent", metavar="CODE", help=_("verplaats onder deze locatie"))
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--retire", action="store_true", help=_("buiten gebruik zetten"))
    state.add_argument("--reactivate", action="store_true", help=_("terug in gebruik nemen"))
    edit.add_argument("--transfer-to", metavar="CODE",
                      help=_("met --retire: boek de voorraad over naar deze locatie"))
    edit.set_defaults(handler=cmd_location_edit)


def _location_kind(text: str) -> str:
    from carma_logistiek.services.masterdata.import_kinds import KINDS_BY_WORD

    kind = KINDS_BY_WORD.get(text.strip().casefold())
    if kind is None:
        raise argparse.ArgumentTypeError(_(
            "onbekende soort '{kind}'; kies zone, site, magazijn, lokaal, kast, rek of "
            "voertuig", kind=text))
    return kind


def cmd_location_list(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import list_locations

    _config, db = open_database(args)
    rows = list_locations(db, include_retired=args.all)
    output.write(output.render(rows, args.format, record=_location_record,
                               columns=_location_columns()))
    return 0


def _location_record(row: LocationRow) -> dict[str, object]:
    return {"code": row.code, "name": row.name, "kind": row.kind, "parent": row.parent_code,
            "depth": row.depth, "holds_stock": row.holds_stock, "active": row.active}


def _location_columns() -> list[output.Column[LocationRow]]:
    from carma_logistiek.services.masterdata.exports import KIND_WORDS

    column = output.Column
    return [
        column(_("Code"), lambda r: r.code),
        column(_("Naam"), lambda r: ("  " * r.depth + r.name)[:50]),
        column(_("Soort"), lambda r: KIND_WORDS.get(r.kind, r.kind)),
        column(_("Hoort onder"), lambda r: r.parent_code or ""),
        column(_("Actief"), lambda r: _yes_no(r.active)),
    ]


def cmd_location_add(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import create_location

    config, db = open_database(args)
    row = create_location(db, code=args.code, name=args.name, kind=args.kind,
                          parent_code=args.parent, actor=actor_for(config))
    print(_("Locatie {code} ({name}) toegevoegd.", code=row.code, name=row.name))
    return 0


def cmd_location_edit(args: argparse.Namespace) -> int:
    from carma_logistiek.services.lookups import location_by_code
    from carma_logistiek.services.masterdata import list_locations
    from carma_logistiek.services.masterdata.import_kinds import LocationImport, upsert_location

    if args.transfer_to and not args.retire:
        return _usage(_("--transfer-to hoort bij --retire."))
    if args.name is None and args.parent is None and not (args.retire or args.reactivate):
        return _usage(_("Geef minstens één wijziging, bv. --name, --parent of --retire."))
    config, db = open_database(args)
    with db.read() as session:
        location_by_code(session, args.code, must_hold_stock=False)  # unknown: a sentence
    code = args.code.strip().upper()
    current = next(row for row in list_locations(db, include_retired=True) if row.code == code)
    present = frozenset({"code", "name", "kind"} | ({"parent"} if args.parent else set()))
    request = LocationImport(current.code, args.name if args.name is not None else current.name,
                             current.kind, args.parent.strip().upper() if args.parent else None,
                             present, True if args.reactivate else False if args.retire else None,
                             transfer_to=args.transfer_to)
    result = upsert_location(db, request=request, actor=actor_for(config))
    print(_changed_sentence(_("Locatie"), result.code, result.fields))
    return 0


# --- suppliers ------------------------------------------------------------------------------

SUPPLIER_OPTIONS = (("contact", "--contact"), ("email", "--email"), ("phone", "--phone"),
                    ("customer_number", "--customer-number"), ("notes", "--notes"))


def _supplier_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    actions = _group(sub, common, "suppliers", _("leveranciers: lijst, toevoegen, wijzigen, "
                                                 "inlezen, exporteren"), "suppliers")
    add = actions.add_parser("add", parents=[common], help=_("een nieuwe leverancier"))
    add.add_argument("code", metavar="CODE")
    add.add_argument("--name", required=True)
    _supplier_options(add)
    add.set_defaults(handler=cmd_supplier_add)
    edit = actions.add_parser("edit", parents=[common], help=_("een leverancier wijzigen"))
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--name")
    _supplier_options(edit)
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--retire", action="store_true", help=_("buiten gebruik zetten"))
    state.add_argument("--reactivate", action="store_true", help=_("terug in gebruik nemen"))
    edit.set_defaults(handler=cmd_supplier_edit)


def _supplier_options(parser: argparse.ArgumentParser) -> None:
    for _key, option in SUPPLIER_OPTIONS:
        parser.add_argument(option)
    parser.add_argument("--lead-time", type=int, metavar="DAYS",
                        help=_("levertijd in kalenderdagen"))


def cmd_supplier_list(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import list_suppliers

    _config, db = open_database(args)
    rows = list_suppliers(db, include_retired=args.all)
    output.write(output.render(rows, args.format, record=_supplier_record,
                               columns=_supplier_columns()))
    return 0


def _supplier_record(row: SupplierRow) -> dict[str, object]:
    return {"code": row.code, "name": row.name, "contact": row.contact, "email": row.email,
            "phone": row.phone, "customer_number": row.customer_number,
            "lead_time_days": row.lead_time_days, "products": row.product_count,
            "active": row.active}


def _supplier_columns() -> list[output.Column[SupplierRow]]:
    column = output.Column
    return [
        column(_("Code"), lambda r: r.code),
        column(_("Naam"), lambda r: r.name[:40]),
        column(_("Contactpersoon"), lambda r: r.contact[:30]),
        column(_("E-mail"), lambda r: r.email),
        column(_("Levertijd"), lambda r: "" if r.lead_time_days is None else str(
            r.lead_time_days)),
        column(_("Producten"), lambda r: str(r.product_count)),
        column(_("Actief"), lambda r: _yes_no(r.active)),
    ]


def _supplier_given(args: argparse.Namespace) -> dict[str, Any]:
    given = {key: getattr(args, key) for key, _option in SUPPLIER_OPTIONS
             if getattr(args, key) is not None}
    if args.lead_time is not None:
        given["lead_time_days"] = args.lead_time
    if args.name is not None:
        given["name"] = args.name
    return given


def cmd_supplier_add(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import SupplierValues, create_supplier

    config, db = open_database(args)
    row = create_supplier(db, code=args.code, values=SupplierValues(**_supplier_given(args)),
                          actor=actor_for(config))
    print(_("Leverancier {code} ({name}) toegevoegd.", code=row.code, name=row.name))
    return 0


def cmd_supplier_edit(args: argparse.Namespace) -> int:
    from carma_logistiek.services.masterdata import SupplierValues, get_supplier
    from carma_logistiek.services.masterdata.import_kinds import SupplierImport, upsert_supplier

    given = _supplier_given(args)
    if not given and not (args.retire or args.reactivate):
        return _usage(_("Geef minstens één wijziging, bv. --email of --retire."))
    config, db = open_database(args)
    current = get_supplier(db, args.code)
    values = SupplierValues(**{"name": current.name, **given})
    request = SupplierImport(current.code, values, frozenset({"code", *given}),
                             True if args.reactivate else False if args.retire else None)
    result = upsert_supplier(db, request=request, actor=actor_for(config))
    print(_changed_sentence(_("Leverancier"), result.code, result.fields))
    return 0


# --- shared ---------------------------------------------------------------------------------

LISTS: dict[str, Callable[[argparse.Namespace], int]] = {
    "products": cmd_product_list, "locations": cmd_location_list,
    "suppliers": cmd_supplier_list,
}


def _import_handler(kind: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        from carma_logistiek.services.import_specs import spec_named

        return import_file(args, spec_named(kind), Path(args.file))

    return handler


def _exports() -> dict[str, Callable[[Database], Any]]:
    from carma_logistiek.services import masterdata

    return {"products": masterdata.export_products, "locations": masterdata.export_locations,
            "suppliers": masterdata.export_suppliers}


def _export_handler(kind: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        from carma_logistiek.services.masterdata import write_export

        _config, db = open_database(args)
        table = _exports()[kind](db)
        path = write_export(table, Path(args.file))
        print(ngettext("{n} rij geschreven naar {file}.", "{n} rijen geschreven naar {file}.",
                       len(table.rows), file=str(path)))
        return 0

    return handler


def _changed_sentence(what: str, code: str, fields: tuple[str, ...]) -> str:
    if not fields:
        return _("{what} {code}: niets gewijzigd (alles was al zo).", what=what, code=code)
    return _("{what} {code} gewijzigd.", what=what, code=code)


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return 2
