"""``book``: one booking from the options, or every row of a CSV file (``--from``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from carma_logistiek.cli.common import actor_for, open_database
from carma_logistiek.i18n import N_, _, ngettext
from carma_logistiek.services.booking_import import BOOKING_KINDS
from carma_logistiek.services.imports import Outcome

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.imports import RowOutcome
    from carma_logistiek.services.results import BookingResult


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    book = sub.add_parser("book", parents=[common], help=_("boek een beweging"))
    book.add_argument("kind", nargs="?", choices=sorted(BOOKING_KINDS))
    book.add_argument("--from", dest="from_file", metavar="FILE.csv")
    book.add_argument("--product", metavar="CODE")
    book.add_argument("--location", metavar="CODE")
    book.add_argument("--to", metavar="CODE", help=_("bestemming bij een overboeking"))
    book.add_argument("--qty", metavar="N")
    book.add_argument("--lot", metavar="L")
    book.add_argument("--expiry", metavar="YYYY-MM-DD")
    book.add_argument("--for", dest="recipient", metavar="WHO")
    book.add_argument("--reason", help=_("reden om een vervallen lot toch uit te geven"))
    book.add_argument("--note", default="")
    book.add_argument("--key", metavar="KEY")
    book.add_argument("--preview", action="store_true",
                      help=_("met --from: toon wat elke regel zou doen en boek niets"))
    book.set_defaults(handler=cmd_book)


def cmd_book(args: argparse.Namespace) -> int:
    if args.from_file:
        return _book_file(args, Path(args.from_file))
    if not args.kind or not args.product or not args.location or args.qty is None:
        print(_("Geef KIND, --product, --location en --qty op, of --from FILE.csv."),
              file=sys.stderr)
        return 2
    from carma_logistiek.services.booking_import import BookingRow, book_row

    config, db = open_database(args)
    row = BookingRow(args.kind, args.product, args.location, args.qty, args.lot or "",
                     args.expiry or "", args.recipient or "", args.key or "", args.to or "",
                     args.reason or "", args.note)
    _print_booking(book_row(db, row, actor=actor_for(config)))
    return 0


def _print_booking(result: BookingResult) -> None:
    prefix = _("Al geboekt") if result.replayed else _("Geboekt")
    for line in result.lines:
        lot = f" lot {line.lot_number}" if line.lot_number else ""
        print(f"{prefix}: {line.quantity:+d} {line.unit} {line.product_code}{lot} "
              f"@ {line.location_code} → {line.level_after}  [{result.key}]")
    if not result.lines:
        print(prefix + ": " + _("geen verschil") + f" [{result.key}]")


def _book_file(args: argparse.Namespace, path: Path) -> int:
    """Every row booked or refused with its line; ``--preview`` shows what each row would do
    (the same bookings, rehearsed and rolled back) and books nothing. Exit 1 when a row is (or
    would be) refused, so a script can stop before the real run."""
    from carma_logistiek.services.booking_import import import_bookings

    config, db = open_database(args)
    preview = bool(args.preview)
    report = import_bookings(db, path, actor=actor_for(config), preview=preview,
                             on_outcome=_print_preview if preview else _print_refused)
    counts = {"booked": report.written, "replayed": report.replayed,
              "rejected": len(report.refused)}
    if preview:
        print(ngettext("Voorbeeld, er werd niets geboekt. Te boeken: {booked}, al geboekt: "
                       "{replayed}, te weigeren: {rejected} (van {n} regel).",
                       "Voorbeeld, er werd niets geboekt. Te boeken: {booked}, al geboekt: "
                       "{replayed}, te weigeren: {rejected} (van {n} regels).", report.total,
                       **counts))
    else:
        print(ngettext("{booked} geboekt, {replayed} waren al geboekt, {rejected} geweigerd "
                       "(van {n} regel).", "{booked} geboekt, {replayed} waren al geboekt, "
                       "{rejected} geweigerd (van {n} regels).", report.total, **counts))
    return 1 if report.refused else 0


def _print_refused(row: RowOutcome) -> None:
    if row.outcome is Outcome.REFUSED:
        print(_("Regel {line}: geweigerd: {reason}", line=row.line, reason=row.text),
              file=sys.stderr)


PREVIEW_TEXTS = {
    "written": N_("Regel {line}: zou geboekt worden: {what}"),
    "replayed": N_("Regel {line}: al geboekt: {what}"),
    "refused": N_("Regel {line}: zou geweigerd worden: {what}"),
}


def _print_preview(row: RowOutcome) -> None:
    print(_(PREVIEW_TEXTS[row.outcome.value], line=row.line, what=row.text),
          file=sys.stderr if row.outcome is Outcome.REFUSED else sys.stdout)
