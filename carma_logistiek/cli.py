"""``carma-logistiek <command>``: the same services as the window, from a terminal or a script.

Exit codes: 0 done, 1 refused by a rule or a check found a problem (message in Dutch on
stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from carma_logistiek.config import (
    AppConfig,
    demo_database_path,
    ensure_sqlite_folder,
    resolve_config,
    sqlite_url,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.errors import DomainError, InvalidDate, InvalidQuantity
from carma_logistiek.i18n import N_, _, format_date, ngettext, set_language

SUBCOMMANDS = ("demo", "migrate", "check", "stock", "book", "backup", "scan-image", "labels",
               "report", "kits")

BOOKING_KINDS = {
    "delivery": "delivery", "levering": "delivery",
    "pickup": "pickup", "afhaling": "pickup",
    "consumption": "consumption", "verbruik": "consumption",
    "transfer": "transfer", "overboeking": "transfer",
    "count": "count", "telling": "count",
    "write-off": "write-off", "afboeking": "write-off",
}
CSV_COLUMNS = ("kind", "product", "location", "qty", "lot", "expiry", "for", "key", "to",
               "reason", "note")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carma-logistiek",
        description=_("CARMA Logistiek: voorraad per locatie, van de commandolijn."))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help=_("SQLAlchemy-URL van de databank"))
    common.add_argument("--lang", choices=("nl", "en"), help=_("taal van de uitvoer"))
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", parents=[common], help=_("maak een demodatabank"))
    demo.add_argument("--scale", type=int, default=1, help=_("vermenigvuldig de gegevens"))
    sub.add_parser("migrate", parents=[common], help=_("werk het schema bij"))
    sub.add_parser("check", parents=[common], help=_("controleer voorraad tegen grootboek"))

    backup = sub.add_parser("backup", parents=[common],
                            help=_("maak een consistente kopie van de SQLite-databank"))
    backup.add_argument("--out", metavar="FILE.sqlite", required=True)

    stock = sub.add_parser("stock", parents=[common], help=_("toon de voorraad"))
    stock.add_argument("--location", metavar="CODE")
    stock.add_argument("--search", default="")
    stock.add_argument("--format", choices=("table", "csv", "json"), default="table")

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

    scan = sub.add_parser("scan-image", parents=[common],
                          help=_("lees de codes in afbeeldingen (één JSON-regel per code)"))
    scan.add_argument("files", nargs="+", metavar="FILE")
    _add_document_parsers(sub, common)
    from carma_logistiek.cli_kits import add_kits_parser

    add_kits_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    handler = COMMANDS[args.command]
    try:
        return handler(args)
    except DomainError as error:
        print(error.message(), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` or a closed pager: not an error worth a traceback.
        sys.stderr.close()
        return 0


def _config(args: argparse.Namespace) -> AppConfig:
    return resolve_config(db_url=args.db, language=args.lang)


def _open(args: argparse.Namespace) -> tuple[AppConfig, Database]:
    from carma_logistiek.bootstrap import open_configured_database

    config = _config(args)
    return config, open_configured_database(config)


# --- commands -------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from carma_logistiek.bootstrap import is_empty, open_configured_database
    from carma_logistiek.demo import create_demo_data

    if args.scale < 1:
        raise InvalidQuantity(quantity=args.scale)
    # Without --db the demo goes to its own file: demo data never lands in the real database.
    url = args.db or sqlite_url(demo_database_path())
    ensure_sqlite_folder(url)
    config = resolve_config(db_url=url, language=args.lang)
    db = open_configured_database(config)
    if not is_empty(db):
        print(_("De databank {db} bevat al gegevens; demogegevens worden enkel in een lege "
                "databank aangemaakt.", db=db.description), file=sys.stderr)
        return 1
    summary = create_demo_data(db, actor=config.actor, scale=args.scale,
                               progress=lambda text: print(text, file=sys.stderr))
    print(_("Demodatabank klaar: {db} — {locations} locaties, {products} producten, {lots} "
            "loten, {movements} bewegingen, {orders} bestellingen, {kits} EHBO-kits.",
            db=db.description, **summary.__dict__))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _unused, db = _open(args)
    print(_("Schema bijgewerkt: {db}", db=db.description))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from carma_logistiek.services.overview import verify_stock_levels

    _unused, db = _open(args)
    mismatches = verify_stock_levels(db)
    if not mismatches:
        print(_("In orde: elke voorraad komt overeen met de bewegingen in het grootboek."))
        return 0
    print(ngettext("{n} voorraadregel wijkt af van het grootboek:",
                   "{n} voorraadregels wijken af van het grootboek:", len(mismatches)),
          file=sys.stderr)
    for m in mismatches:
        print(f"  {m.location_code}  {m.product_code}  {m.lot_number or '-'}  "
              + _("voorraad {level}, grootboek {ledger}", level=m.level, ledger=m.ledger),
              file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy while the app may be running: SQLite's backup API includes the
    commits still in the -wal file, which a plain file copy would miss."""
    import sqlite3

    from sqlalchemy.engine import make_url

    config = _config(args)
    url = make_url(config.database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        print(_("Van een databank op een server maakt u een back-up met de hulpmiddelen van "
                "de server (bv. pg_dump voor PostgreSQL)."), file=sys.stderr)
        return 1
    source_path = Path(url.database)
    if not source_path.exists():
        print(_("De databank {db} bestaat niet.", db=source_path), file=sys.stderr)
        return 1
    target = Path(args.out)
    if target.exists():
        print(_("{file} bestaat al; kies een nieuwe bestandsnaam.", file=target), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    print(_("Back-up gemaakt: {file}", file=target))
    return 0


def cmd_stock(args: argparse.Namespace) -> int:
    from carma_logistiek.services.overview import stock_overview

    config, db = _open(args)
    rows = stock_overview(db, location_code=args.location, search=args.search,
                          horizon_days=config.expiry_horizon_days)
    records = [{
        "code": r.product_code, "name": r.product_name, "location": r.location_code,
        "quantity": r.quantity, "unit": r.unit, "minimum": r.minimum,
        "earliest_expiry": r.earliest_expiry.isoformat() if r.earliest_expiry else None,
        "status": r.status.value, "status_label": r.status.label,
    } for r in rows]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]) if records else ["code"])
        writer.writeheader()
        writer.writerows(records)
    else:
        _print_table(rows)
    return 0


def _print_table(rows: Iterable) -> None:  # type: ignore[type-arg]
    header = (_("Code"), _("Product"), _("Locatie"), _("Aantal"), _("Min."), _("Vervalt"),
              _("Status"))
    lines = [header] + [
        (r.product_code, r.product_name[:40], r.location_code, f"{r.quantity} {r.unit}",
         str(r.minimum), format_date(r.earliest_expiry), r.status.label) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))


# --- booking --------------------------------------------------------------------------------

@dataclass(frozen=True)
class BookingRow:
    kind: str
    product: str
    location: str
    qty: str
    lot: str = ""
    expiry: str = ""
    recipient: str = ""
    key: str = ""
    to: str = ""
    reason: str = ""
    note: str = ""


def cmd_book(args: argparse.Namespace) -> int:
    if args.from_file:
        return _book_file(args, Path(args.from_file))
    if not args.kind or not args.product or not args.location or args.qty is None:
        print(_("Geef KIND, --product, --location en --qty op, of --from FILE.csv."),
              file=sys.stderr)
        return 2
    config, db = _open(args)
    row = BookingRow(args.kind, args.product, args.location, args.qty, args.lot or "",
                     args.expiry or "", args.recipient or "", args.key or "", args.to or "",
                     args.reason or "", args.note)
    result = book_row(db, row, actor=config.actor)
    _print_booking(result)
    return 0


def _print_booking(result) -> None:  # type: ignore[no-untyped-def]
    prefix = _("Al geboekt") if result.replayed else _("Geboekt")
    for line in result.lines:
        lot = f" lot {line.lot_number}" if line.lot_number else ""
        print(f"{prefix}: {line.quantity:+d} {line.unit} {line.product_code}{lot} "
              f"@ {line.location_code} → {line.level_after}  [{result.key}]")
    if not result.lines:
        print(prefix + ": " + _("geen verschil") + f" [{result.key}]")


def book_row(db: Database, row: BookingRow, *, actor: str):  # type: ignore[no-untyped-def]
    """Book one row with the stock service its kind names."""
    from carma_logistiek.services import stock
    from carma_logistiek.services.results import Recipient

    kind = BOOKING_KINDS.get(row.kind.strip().lower())
    if kind is None:
        raise UnknownKind(kind=row.kind)
    key = row.key or None
    lot = row.lot.strip() or None
    expiry = parse_date(row.expiry) if row.expiry.strip() else None
    recipient = Recipient.parse(row.recipient)
    if kind == "count":
        counted = _int(row.qty)
        return stock.record_count(db, location_code=row.location, actor=actor, key=key,
                                  note=row.note,
                                  lines=[stock.CountLine(row.product, counted, lot, expiry)])
    quantity = _int(row.qty)
    common = {"product_code": row.product, "quantity": quantity, "actor": actor, "key": key,
              "note": row.note}
    if kind == "delivery":
        return stock.record_delivery(db, location_code=row.location, lot_number=lot,
                                     expiry=expiry, **common)
    if kind in ("pickup", "consumption"):
        verb: Callable = stock.record_pickup if kind == "pickup" else stock.record_consumption
        return verb(db, location_code=row.location, lot_number=lot, recipient=recipient,
                    override_reason=row.reason or None, **common)
    if kind == "transfer":
        return stock.record_transfer(db, from_location=row.location, to_location=row.to,
                                     lot_number=lot, **common)
    return stock.write_off_expired(db, product_code=row.product, location_code=row.location,
                                   actor=actor, lot_number=lot, quantity=quantity, key=key,
                                   note=row.note)


def _int(text: str) -> int:
    cleaned = str(text).strip()
    if not cleaned.lstrip("-").isdigit():
        raise InvalidQuantity(quantity=cleaned or "niets")
    return int(cleaned)


def parse_date(text: str) -> date:
    """YYYY-MM-DD (machines) or dd/mm/yyyy (people)."""
    cleaned = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise InvalidDate(value=text)


class UnknownKind(DomainError):
    code = "UnknownKind"
    template = N_("Onbekende soort boeking '{kind}'. Gebruik levering, afhaling, verbruik, "
                   "overboeking, telling of afboeking.")
    field = "kind"


def _book_file(args: argparse.Namespace, path: Path) -> int:
    """Each row in its own transaction with its own key, so a re-run after a crash or a kill
    books exactly the rows that were not booked yet."""
    config, db = _open(args)
    rows = list(read_booking_csv(path))
    tally: Counter[str] = Counter()
    for line_number, row in rows:
        try:
            result = book_row(db, row, actor=config.actor)
        except DomainError as error:
            tally["rejected"] += 1
            print(_("Regel {line}: geweigerd: {reason}", line=line_number,
                    reason=error.message()), file=sys.stderr)
            continue
        tally["replayed" if result.replayed else "booked"] += 1
    print(ngettext("{booked} geboekt, {replayed} waren al geboekt, {rejected} geweigerd "
                   "(van {n} regel).", "{booked} geboekt, {replayed} waren al geboekt, {rejected} "
                   "geweigerd (van {n} regels).", len(rows), booked=tally["booked"],
                   replayed=tally["replayed"], rejected=tally["rejected"]))
    return 1 if tally["rejected"] else 0


def read_booking_csv(path: Path) -> Iterable[tuple[int, BookingRow]]:
    """Rows of a booking file, each with a key: its own ``key`` column, or one derived from its
    content and how many identical rows came before it (two identical rows are two bookings)."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    seen: Counter[str] = Counter()
    for line_number, raw in enumerate(reader, start=2):
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        fields = {c: values.get(c, "") for c in CSV_COLUMNS}
        if not fields["key"]:
            digest = hashlib.sha256("\x1f".join(fields.values()).encode()).hexdigest()[:32]
            seen[digest] += 1
            fields["key"] = f"csv-{digest}-{seen[digest]}"
        yield line_number, BookingRow(
            fields["kind"], fields["product"], fields["location"], fields["qty"], fields["lot"],
            fields["expiry"], fields["for"], fields["key"], fields["to"], fields["reason"],
            fields["note"])


# --- scan-image -----------------------------------------------------------------------------

def cmd_scan_image(args: argparse.Namespace) -> int:
    """One JSON line per code found in each file: what it is and, with --db, what it resolves
    to. A file that cannot be read gives a line with "error"; the exit code is then 1."""
    from carma_logistiek.scanning.decoders import decode_image_file

    db = _open(args)[1] if args.db else None
    status = 0
    for file in args.files:
        try:
            codes = decode_image_file(file)
        except DomainError as error:
            _print_json({"file": file, "error": error.message()})
            status = 1
            continue
        for code in codes:
            _print_json({"file": file, "symbology": code.symbology, "text": code.text,
                         **describe_scan(code.text, db)})
    return status


def describe_scan(text: str, db: Database | None = None) -> dict[str, object]:
    """What a scanned text means, as JSON-ready fields ("kind", "code", "lot", "gs1",
    "product", "location" or "error")."""
    from carma_logistiek.domain.errors import UnknownScan
    from carma_logistiek.scanning.interpret import ManufacturerCode, OwnLabel, interpret
    from carma_logistiek.scanning.payloads import KIND_NAMES

    fields: dict[str, object] = {}
    try:
        meaning = interpret(text)
    except DomainError as error:
        return {"kind": None, "error": error.message()}
    if isinstance(meaning, OwnLabel):
        payload = meaning.payload
        fields.update(kind=KIND_NAMES[payload.kind], zone=payload.zone, code=payload.code)
        if payload.lot is not None:
            fields["lot"] = payload.lot
    elif isinstance(meaning, ManufacturerCode):
        gs1 = meaning.gs1
        fields.update(kind="manufacturer", gs1={
            "gtin": gs1.gtin, "lot": gs1.lot,
            "expiry": gs1.expiry.isoformat() if gs1.expiry else None,
            "serial": gs1.serial, "quantity": gs1.quantity})
    else:
        return {"kind": None, "reason": meaning.reason, "error": UnknownScan().message()}
    if db is not None:
        from carma_logistiek.services.scans import resolve_scan

        try:
            result = resolve_scan(db, text)
        except DomainError as error:
            fields["error"] = error.message()
        else:
            fields["resolved_kind"] = result.kind
            if result.product is not None:
                fields["product"] = {"code": result.product.code, "name": result.product.name}
            if result.location is not None:
                fields["location"] = {"code": result.location.code,
                                      "name": result.location.name}
    return fields


def _print_json(record: dict[str, object]) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


# --- labels and report (PDF) ------------------------------------------------------------------

LABEL_KINDS = {"product": "product", "lot": "lot", "location": "location", "locatie": "location"}
REPORT_ONLY = {"all": "all", "under-minimum": "under_minimum", "expiring": "expiring"}


def cmd_kits(args: argparse.Namespace) -> int:
    from carma_logistiek.cli_kits import cmd_kits as run

    return run(args)


def _add_document_parsers(sub, common: argparse.ArgumentParser) -> None:  # type: ignore[no-untyped-def]
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

    report = sub.add_parser("report", help=_("maak een rapport als PDF"))
    kinds = report.add_subparsers(dest="report", required=True)
    stock = kinds.add_parser("stock", parents=[common],
                             help=_("voorraadrapport per locatie met status"))
    stock.add_argument("--location", metavar="CODE")
    stock.add_argument("--only", choices=list(REPORT_ONLY), default="all",
                       help=_("enkel onder minimum, of enkel vervallen of vervalt binnenkort"))
    stock.add_argument("--out", metavar="FILE.pdf", required=True)


def cmd_labels(args: argparse.Namespace) -> int:
    from carma_logistiek.documents.labels import (
        NothingToPrint,
        check_sheet_options,
        render_label_sheet,
    )
    from carma_logistiek.services import labels as label_service

    check_sheet_options(offset=args.offset, copies=args.copies)
    config, db = _open(args)
    kind = LABEL_KINDS[args.kind]
    if kind == "product":
        specs = label_service.product_labels(db, args.product, location_code=args.location)
    elif kind == "lot":
        specs = label_service.lot_labels(db, args.location, args.product)
    else:
        if args.product:
            print(_("--product hoort niet bij locatie-etiketten; kies een locatie met "
                    "--location."), file=sys.stderr)
            return 2
        specs = label_service.location_labels(db, args.location)
    if not specs:
        what = {
            "product": _("geen producten gevonden."),
            "lot": _("geen loten met voorraad gevonden (producten zonder lotnummer krijgen "
                     "geen lotetiket)."),
            "location": _("geen locaties gevonden."),
        }[kind]
        raise NothingToPrint(what=what)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    info = render_label_sheet(specs, out, offset=args.offset, copies=args.copies,
                              zone_name=config.zone_name, cut_lines=args.cut_lines)
    print(_("{count} etiketten op {pages} blad(en): {file}", count=info.labels_printed,
            pages=info.pages, file=out))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from carma_logistiek.documents.stock_report import stock_report

    config, db = _open(args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    info = stock_report(db, out=out, zone_name=config.zone_name, location_code=args.location,
                        only=REPORT_ONLY[args.only], horizon_days=config.expiry_horizon_days)
    print(ngettext("Voorraadrapport: {n} regel op {pages}: {file}",
                   "Voorraadrapport: {n} regels op {pages}: {file}", info.rows,
                   pages=ngettext("{n} pagina", "{n} pagina's", info.pages), file=out))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "migrate": cmd_migrate,
    "check": cmd_check,
    "stock": cmd_stock,
    "book": cmd_book,
    "backup": cmd_backup,
    "scan-image": cmd_scan_image,
    "labels": cmd_labels,
    "report": cmd_report,
    "kits": cmd_kits,
}

if __name__ == "__main__":
    sys.exit(main())
