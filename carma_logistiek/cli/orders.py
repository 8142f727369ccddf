"""``orders suggest``: the order list (bestellijst), and with --create its purchase orders."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import actor_for, open_database
from carma_logistiek.domain.reordering import DEFAULT_CONSUMPTION_DAYS
from carma_logistiek.i18n import _, ngettext

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.reordering import OrderListLine


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    orders = sub.add_parser("orders", help=_("bestellijst en bestellingen"))
    actions = orders.add_subparsers(dest="orders_action", required=True)
    suggest = actions.add_parser(
        "suggest", parents=[common],
        help=_("wat onder het minimum zit, met een voorgestelde hoeveelheid"))
    suggest.add_argument("--supplier", metavar="CODE", help=_("enkel deze leverancier"))
    suggest.add_argument("--location", metavar="CODE",
                         help=_("enkel deze locatie en wat eronder ligt"))
    suggest.add_argument("--days", type=int, default=DEFAULT_CONSUMPTION_DAYS, metavar="N",
                         help=_("verbruik over de laatste N dagen (standaard {days})",
                                days=DEFAULT_CONSUMPTION_DAYS))
    suggest.add_argument("--format", choices=output.FORMATS, default="table")
    suggest.add_argument("--create", action="store_true",
                         help=_("maak de bestellingen aan: één per leverancier en locatie"))
    suggest.add_argument("--key", metavar="KEY",
                         help=_("sleutel van de aanvraag: dezelfde sleutel maakt niets "
                                "dubbel"))
    suggest.set_defaults(handler=cmd_suggest)


def cmd_suggest(args: argparse.Namespace) -> int:
    from carma_logistiek.services import reordering

    config, db = open_database(args)
    listed = reordering.order_list(db, supplier_code=args.supplier,
                                   location_code=args.location, days=args.days)
    if not args.create:
        output.write(output.render(list(listed.lines), args.format, record=_record,
                                   columns=_columns()))
        return 0
    chosen = tuple(reordering.OrderListChoice(line.product_code, line.location_code,
                                              line.supplier_code, line.suggested)
                   for line in listed.lines if line.supplier_code is not None)
    skipped = len(listed.lines) - len(chosen)
    if skipped:
        print(ngettext("{n} lijn zonder leverancier niet besteld: koppel een leverancier in "
                       "Stamgegevens.",
                       "{n} lijnen zonder leverancier niet besteld: koppel een leverancier "
                       "in Stamgegevens.", skipped), file=sys.stderr)
    if not chosen:
        print(_("Niets te bestellen."))
        return 0
    made = reordering.create_orders_from_list(db, lines=chosen, actor=actor_for(config),
                                              key=args.key)
    print(ngettext("{n} bestelling aangemaakt (aangevraagd): {numbers}",
                   "{n} bestellingen aangemaakt (aangevraagd): {numbers}", len(made.orders),
                   numbers=", ".join(made.numbers)))
    return 0


def _record(line: OrderListLine) -> dict[str, object]:
    return {
        "code": line.product_code, "name": line.product_name, "location": line.location_code,
        "on_hand": line.on_hand, "on_order": line.on_order, "minimum": line.minimum,
        "maximum": line.maximum, "consumed": line.consumed, "target": line.target,
        "suggested": line.suggested, "unit": line.unit, "supplier": line.supplier_code,
        "supplier_name": line.supplier_name, "reference": line.reference,
        "pack_size": line.pack_size, "reason": line.reason,
    }


def _columns() -> list[output.Column[OrderListLine]]:
    column = output.Column
    return [
        column(_("Leverancier"), lambda r: r.supplier_code or _("zonder leverancier")),
        column(_("Code"), lambda r: r.product_code),
        column(_("Product"), lambda r: r.product_name[:36]),
        column(_("Locatie"), lambda r: r.location_code),
        column(_("Voorraad"), lambda r: str(r.on_hand)),
        column(_("Besteld"), lambda r: str(r.on_order)),
        column(_("Min."), lambda r: str(r.minimum)),
        column(_("Verbruik"), lambda r: str(r.consumed)),
        column(_("Voorstel"), lambda r: f"{r.suggested} {r.unit}"),
    ]
