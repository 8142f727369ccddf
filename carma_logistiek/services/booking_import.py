"""Bookings from a row of text: one given on the command line, or each row of a CSV file.

A row names its kind in English or Dutch (``levering``, ``afhaling``, …) and is booked by the
stock service of that kind. Every row of a file has a key, so importing the same file again
(after a crash, a kill, or by mistake) books only the rows that were not booked yet.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.errors import DomainError, InvalidDate, InvalidQuantity
from carma_logistiek.i18n import N_, _
from carma_logistiek.services import stock
from carma_logistiek.services.command import sequence_of_writes
from carma_logistiek.services.import_specs import (
    LOCATION_ALIASES,
    PRODUCT_ALIASES,
    Column,
    ImportSpec,
    MappedRow,
    register,
)
from carma_logistiek.services.imports import (
    ImportFileColumns,
    ImportFileUnreadable,
    ImportReport,
    RowOutcome,
    RowWriter,
    import_rows,
    read_table,
)
from carma_logistiek.services.results import BookingResult, Recipient

__all__ = ["BOOKINGS", "BOOKING_KINDS", "CSV_COLUMNS", "REQUIRED_COLUMNS", "BookingFileColumns",
           "BookingFileUnreadable", "BookingRow", "ImportReport", "RowOutcome", "TooManyValues",
           "UnknownKind", "book_row", "describe_booking", "import_bookings", "parse_date",
           "read_booking_csv"]

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


class UnknownKind(DomainError):
    code = "UnknownKind"
    template = N_("Onbekende soort boeking '{kind}'. Gebruik levering, afhaling, verbruik, "
                   "overboeking, telling of afboeking.")
    field = "kind"


class TooManyValues(DomainError):
    code = "TooManyValues"
    template = N_("Deze regel heeft meer waarden dan de eerste regel kolommen heeft; staat er "
                  "een scheidingsteken te veel in?")
    field = None


@dataclass(frozen=True)
class BookingRow:
    """One booking as text, as typed or as read from a CSV file; ``book_row`` checks it."""

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
    # Values past the header's last column (a stray separator): the row is refused, not guessed.
    extra: int = 0


@sequence_of_writes
def book_row(db: Database, row: BookingRow, *, actor: Actor) -> BookingResult:
    """Book one row with the stock service its kind names. Bad text (an unknown kind, a
    quantity or date that is not one) is refused in Dutch before anything is booked."""
    if row.extra:
        raise TooManyValues(extra=row.extra)
    kind = BOOKING_KINDS.get(row.kind.strip().lower())
    if kind is None:
        raise UnknownKind(kind=row.kind)
    key = row.key or None
    lot = row.lot.strip() or None
    expiry = parse_date(row.expiry) if row.expiry.strip() else None
    recipient = Recipient.parse(row.recipient)
    quantity = _int(row.qty)
    if kind == "count":
        return stock.record_count(db, location_code=row.location, actor=actor, key=key,
                                  note=row.note,
                                  lines=[stock.CountLine(row.product, quantity, lot, expiry)])
    if kind == "delivery":
        return stock.record_delivery(db, product_code=row.product, quantity=quantity,
                                     actor=actor, key=key, note=row.note,
                                     location_code=row.location, lot_number=lot, expiry=expiry)
    if kind in ("pickup", "consumption"):
        verb = stock.record_pickup if kind == "pickup" else stock.record_consumption
        return verb(db, product_code=row.product, quantity=quantity, actor=actor, key=key,
                    note=row.note, location_code=row.location, lot_number=lot,
                    recipient=recipient, override_reason=row.reason or None)
    if kind == "transfer":
        return stock.record_transfer(db, product_code=row.product, quantity=quantity,
                                     actor=actor, key=key, note=row.note,
                                     from_location=row.location, to_location=row.to,
                                     lot_number=lot)
    return stock.write_off_expired(db, product_code=row.product, location_code=row.location,
                                   actor=actor, lot_number=lot, quantity=quantity, key=key,
                                   note=row.note)


# ASCII digits only: str.isdigit() also takes "²", "٣" and "𝟑", which int() reads as 3 or
# refuses with a ValueError; a quantity is typed or exported, never superscript.
_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)


def _int(text: str) -> int:
    cleaned = str(text).strip()
    if not _INTEGER.fullmatch(cleaned):
        raise InvalidQuantity(quantity=cleaned or "niets")
    return int(cleaned)


def parse_date(text: str) -> date:
    """YYYY-MM-DD (machines) or dd/mm/yyyy and dd-mm-yyyy (people); else InvalidDate."""
    cleaned = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise InvalidDate(value=text)


REQUIRED_COLUMNS = ("kind", "product", "location", "qty")

# The file's faults are the import path's own (services/imports.py); these names stay for the
# booking file's callers.
BookingFileUnreadable = ImportFileUnreadable
BookingFileColumns = ImportFileColumns


def read_booking_csv(path: Path) -> Iterator[tuple[int, BookingRow]]:
    """Rows of a booking file with the file line each one ends on, each with a key.

    A row without a ``key`` gets one from the file's name, its content and how many identical
    rows came before it in this file (two identical rows are two bookings): the same file run
    again, after a crash or after its refused rows were fixed, books exactly what is missing,
    and a row of another file is never taken for one that was already booked. Comma, semicolon
    (Excel in Belgium) or tab; UTF-8 with or without BOM, UTF-16 and Windows' cp1252. A file
    that cannot be read, is not text or lacks a column raises a DomainError before any row."""
    seen: Counter[str] = Counter()
    for table_row in read_table(path, required=REQUIRED_COLUMNS):
        fields = {c: table_row.values.get(c, "") for c in CSV_COLUMNS}
        if not fields["key"]:
            fields["key"] = _file_row_key(path.name, list(fields.values()), seen)
        row = BookingRow(
            fields["kind"], fields["product"], fields["location"], fields["qty"], fields["lot"],
            fields["expiry"], fields["for"], fields["key"], fields["to"], fields["reason"],
            fields["note"], extra=table_row.extra)
        yield table_row.line, row


def _file_row_key(file_name: str, values: list[str], seen: Counter[str]) -> str:
    """The key of a row without one: the file's name, the row's values (in CSV_COLUMNS order)
    and how many identical rows came before it. The window's import and ``book --from`` make
    the same key, so neither books again what the other booked."""
    content = "\x1f".join(values)
    seen[content] += 1
    identity = "\x1f".join((file_name, content, str(seen[content])))
    return "csv-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40]


def describe_booking(result: BookingResult) -> str:
    """One line of what a booking did: '+5 doos HANDSCH-M @ GNK-MAG → 25', lines joined."""
    parts = []
    for line in result.lines:
        lot = f" lot {line.lot_number}" if line.lot_number else ""
        parts.append(f"{line.quantity:+d} {line.unit} {line.product_code}{lot} "
                     f"@ {line.location_code} → {line.level_after}")
    return "; ".join(parts) or _("geen verschil")


@sequence_of_writes
def import_bookings(db: Database, path: Path, *, actor: Actor, preview: bool = False,
                    on_outcome: Callable[[RowOutcome], None] | None = None) -> ImportReport:
    """Book every row of a booking CSV, each in its own transaction with its own key, so a
    re-run after a crash or a kill books exactly the rows that were not booked yet; or, with
    ``preview``, rehearse them all and keep nothing. Every row ends booked, already booked or
    refused with its file line and the reason; ``on_outcome`` hears of each at once. The whole
    file is read before the first booking: a file that cannot be read, decoded or lacks a
    column books nothing."""
    rows = list(read_booking_csv(path))
    writer: RowWriter[BookingRow, BookingResult] = RowWriter(
        apply=lambda target, row: book_row(target, row, actor=actor),
        replayed=lambda result: result.replayed,
        describe=describe_booking,
    )
    return import_rows(db, rows, writer, preview=preview, source=str(path),
                       on_outcome=on_outcome)


# --- the booking file as a kind of the window's import (services/import_specs.py) -------------

def _parse_booking(row: MappedRow) -> BookingRow:
    # book_row checks the text (kind, quantity, date) when the row is written, as for the CLI.
    text = row.text
    return BookingRow(text("kind"), text("product"), text("location"), text("qty"), text("lot"),
                      text("expiry"), text("for"), text("key"), text("to"), text("reason"),
                      text("note"), extra=row.extra)


def _booking_keys(file_name: str, rows: list[tuple[int, BookingRow | DomainError]]
                  ) -> list[tuple[int, BookingRow | DomainError]]:
    seen: Counter[str] = Counter()
    keyed: list[tuple[int, BookingRow | DomainError]] = []
    for line, row in rows:
        if isinstance(row, BookingRow) and not row.key:
            values = [row.kind, row.product, row.location, row.qty, row.lot, row.expiry,
                      row.recipient, "", row.to, row.reason, row.note]
            row = replace(row, key=_file_row_key(file_name, values, seen))
        keyed.append((line, row))
    return keyed


def _booking_writer(actor: Actor) -> RowWriter[BookingRow, BookingResult]:
    return RowWriter(apply=lambda target, row: book_row(target, row, actor=actor),
                     replayed=lambda result: result.replayed, describe=describe_booking)


BOOKINGS: ImportSpec[BookingRow, BookingResult] = register(ImportSpec(
    kind="bookings",
    label=N_("Boekingen"),
    columns=(
        Column("kind", N_("Soort"), required=True,
               aliases=("soort boeking", "type", "beweging", "movement", "mouvement")),
        Column("product", N_("Product"), required=True, aliases=PRODUCT_ALIASES),
        Column("location", N_("Locatie"), required=True,
               aliases=(*LOCATION_ALIASES, "van", "from", "de")),
        Column("qty", N_("Aantal"), required=True,
               aliases=("hoeveelheid", "quantity", "qté", "quantité", "nombre", "number")),
        Column("lot", N_("Lot"), aliases=("lotnummer", "partij", "lot number", "batch",
                                          "numéro de lot")),
        Column("expiry", N_("Vervaldatum"), aliases=("vervalt", "houdbaar tot", "expiry date",
                                                     "expiration", "date d'expiration",
                                                     "péremption")),
        Column("for", N_("Voor"), aliases=("ontvanger", "recipient", "pour", "destinataire")),
        Column("key", N_("Sleutel"), aliases=("boekingssleutel", "booking key", "clé")),
        Column("to", N_("Naar"), aliases=("bestemming", "destination", "vers")),
        Column("reason", N_("Reden"), aliases=("motivering", "raison", "motif")),
        Column("note", N_("Opmerking"), aliases=("notitie", "commentaar", "comment", "remark",
                                                 "remarque")),
    ),
    parse=_parse_booking,
    writer=_booking_writer,
    atomic=False,
    finish=_booking_keys,
))
