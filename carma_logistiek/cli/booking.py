"""``book``: one booking from the options, every row of a CSV file (``--from``), or the
storno of a booking made by mistake (``--reverse BOOKING --reason TEXT``)."""

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
    from carma_logistiek.db.uow import Database
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
    book.add_argument("--reason", help=_("reden om een vervallen lot toch uit te geven; met "
                                         "--reverse: waarom de boeking fout was"))
    book.add_argument("--note", default="")
    book.add_argument("--key", metavar="KEY")
    book.add_argument("--reverse", metavar="BOOKING",
                      help=_("draai boeking BOOKING terug (storno), het nummer uit de kolom "
                             "Boeking; met --reason"))
    book.add_argument("--preview", action="store_true",
                      help=_("met --from of --reverse: toon wat er zou gebeuren en boek niets"))
    book.set_defaults(handler=cmd_book)


def cmd_book(args: argparse.Namespace) -> int:
    if args.reverse is not None:
        return _reverse(args)
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


# --- storno -------------------------------------------------------------------------------
def _reverse(args: argparse.Namespace) -> int:
    """``book --reverse BOOKING --reason TEXT``: the storno, or with ``--preview`` what it would
    book. Wrong usage exits 2; a refusal (reversed before, a storno, not enough stock) 1, and
    nothing is written."""
    from carma_logistiek.domain.reversal import InvalidBookingNumber, parse_booking_number

    try:
        booking_id = parse_booking_number(args.reverse)
    except InvalidBookingNumber as error:
        print(error.message(), file=sys.stderr)
        return 2
    reason = (args.reason or "").strip()
    if args.kind or args.from_file:
        print(_("--reverse draait een bestaande boeking terug: geef geen soort of --from op."),
              file=sys.stderr)
        return 2
    if not reason and not args.preview:
        print(_("Geef met --reason op waarom boeking #{booking} fout was; de reden blijft bij "
                "de storno bewaard.", booking=booking_id), file=sys.stderr)
        return 2
    config, db = open_database(args)
    if args.preview:
        return _preview_reversal(db, booking_id)
    from carma_logistiek.services import stock

    result = stock.reverse_booking(db, booking_id=booking_id, reason=reason,
                                   actor=actor_for(config), key=args.key)
    prefix = _("Al teruggedraaid") if result.replayed else _("Teruggedraaid")
    print(_("{prefix}: boeking #{booking}, storno #{storno}", prefix=prefix,
            booking=booking_id, storno=result.booking_id))
    _print_lines(_("Storno"), result)
    return 0


def _preview_reversal(db: Database, booking_id: int) -> int:
    from carma_logistiek.i18n import format_datetime
    from carma_logistiek.services.stock.reversal import booking_to_reverse

    booking = booking_to_reverse(db, booking_id)
    print(_("Boeking #{booking}: {kind}, {when} door {who}", booking=booking.booking_id,
            kind=booking.kind.label, when=format_datetime(booking.booked_at),
            who=booking.booked_by))
    for line in booking.lines:
        lot = f" lot {line.lot_number}" if line.lot_number else ""
        quantity = f"{line.storno_quantity:+d}"
        print(_("Zou terugdraaien: {quantity} {unit} {product}{lot} @ {location} → {level}",
                quantity=quantity, unit=line.unit,
                product=line.product_code, lot=lot, location=line.location_code,
                level=line.level_after))
    if booking.refusal is not None:
        print(booking.refusal.message(), file=sys.stderr)
        return 1
    print(_("Voorbeeld, er werd niets geboekt."))
    return 0


def _print_lines(prefix: str, result: BookingResult) -> None:
    for line in result.lines:
        lot = f" lot {line.lot_number}" if line.lot_number else ""
        print(f"{prefix}: {line.quantity:+d} {line.unit} {line.product_code}{lot} "
              f"@ {line.location_code} → {line.level_after}  [{result.key}]")
