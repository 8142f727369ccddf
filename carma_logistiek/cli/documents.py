"""``labels`` and ``report``: QR label sheets and the stock report, as PDF files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carma_logistiek.cli.common import open_database
from carma_logistiek.i18n import _, ngettext

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers

LABEL_KINDS = {"product": "product", "lot": "lot", "location": "location", "locatie": "location"}
REPORT_ONLY = {"all": "all", "under-minimum": "under_minimum", "expiring": "expiring"}


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    labels = sub.add_parser("labels", parents=[common],
                            help=_("druk QR-etiketten af (A4, 3 x 8 etiketten van 70 x 37 mm)"))
    labels.add_argument("kind", choices=sorted(LABEL_KINDS))
    labels.add_argument("--location", metavar="CODE",
                        help=_("enkel wat op deze locatie (en eronder) ligt"))
    labels.add_argument("--product", metavar="CODE", nargs="+", action="extend",
                        help=_("enkel deze producten"))
    labels.add_argument("--offset", type=int, default=0, metavar="N",
                        help=_("sla de eerste N posities van het eerste blad over (0-23)"))
    labels.add_argument("--copies", type=int, default=1, metavar="N",
                        help=_("aantal exemplaren van elk etiket"))
    labels.add_argument("--cut-lines", action="store_true",
                        help=_("teken de randen van de etiketten (voor gewoon papier)"))
    labels.add_argument("--out", metavar="FILE.pdf", required=True)
    labels.set_defaults(handler=cmd_labels)

    report = sub.add_parser("report", help=_("maak een rapport als PDF"))
    kinds = report.add_subparsers(dest="report", required=True)
    stock = kinds.add_parser("stock", parents=[common],
                             help=_("voorraadrapport per locatie met status"))
    stock.add_argument("--location", metavar="CODE")
    stock.add_argument("--only", choices=list(REPORT_ONLY), default="all",
                       help=_("enkel onder minimum, of enkel vervallen of vervalt binnenkort"))
    stock.add_argument("--out", metavar="FILE.pdf", required=True)
    stock.set_defaults(handler=cmd_report)


def cmd_labels(args: argparse.Namespace) -> int:
    from carma_logistiek.documents.labels import check_sheet_options, render_label_sheet
    from carma_logistiek.services.documents import label_sheet

    check_sheet_options(offset=args.offset, copies=args.copies)
    kind = LABEL_KINDS[args.kind]
    if kind == "location" and args.product:
        print(_("--product hoort niet bij locatie-etiketten; kies een locatie met "
                "--location."), file=sys.stderr)
        return 2
    config, db = open_database(args)
    specs = label_sheet(db, kind=kind, product_codes=args.product or (),
                        location_code=args.location)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    info = render_label_sheet(specs, out, offset=args.offset, copies=args.copies,
                              zone_name=config.zone_name, cut_lines=args.cut_lines)
    print(ngettext("{n} etiket op {sheets}: {file}", "{n} etiketten op {sheets}: {file}",
                   info.labels_printed,
                   sheets=ngettext("{n} blad", "{n} bladen", info.pages), file=out))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from carma_logistiek.services.documents import stock_report

    config, db = open_database(args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    info = stock_report(db, out=out, zone_name=config.zone_name, location_code=args.location,
                        only=REPORT_ONLY[args.only], horizon_days=config.expiry_horizon_days)
    print(ngettext("Voorraadrapport: {n} regel op {pages}: {file}",
                   "Voorraadrapport: {n} regels op {pages}: {file}", info.rows,
                   pages=ngettext("{n} pagina", "{n} pagina's", info.pages), file=out))
    return 0
