"""``stock``: the stock per location, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import open_database
from carma_logistiek.i18n import _, format_date

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.results import StockRow


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    stock = sub.add_parser("stock", parents=[common], help=_("toon de voorraad"))
    stock.add_argument("--location", metavar="CODE")
    stock.add_argument("--search", default="")
    stock.add_argument("--format", choices=output.FORMATS, default="table")
    stock.set_defaults(handler=cmd_stock)


def cmd_stock(args: argparse.Namespace) -> int:
    from carma_logistiek.services.stock.overview import stock_overview

    config, db = open_database(args)
    rows = stock_overview(db, location_code=args.location, search=args.search,
                          horizon_days=config.expiry_horizon_days)
    output.write(output.render(rows, args.format, record=_record, columns=_columns()))
    return 0


def _record(row: StockRow) -> dict[str, object]:
    return {
        "code": row.product_code, "name": row.product_name, "location": row.location_code,
        "quantity": row.quantity, "unit": row.unit, "minimum": row.minimum,
        "earliest_expiry": row.earliest_expiry.isoformat() if row.earliest_expiry else None,
        "status": row.status.value, "status_label": row.status.label,
    }


def _columns() -> list[output.Column[StockRow]]:
    column = output.Column
    return [
        column(_("Code"), lambda r: r.product_code),
        column(_("Product"), lambda r: r.product_name[:40]),
        column(_("Locatie"), lambda r: r.location_code),
        column(_("Aantal"), lambda r: f"{r.quantity} {r.unit}"),
        column(_("Min."), lambda r: str(r.minimum)),
        column(_("Vervalt"), lambda r: format_date(r.earliest_expiry)),
        column(_("Status"), lambda r: r.status.label),
    ]
