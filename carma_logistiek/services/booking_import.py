"""Bookings from a row of text: one given on the command line, or each row of a CSV file.

A row names its kind in English or Dutch (``levering``, ``afhaling``, …) and is booked by the
stock service of that kind. Every row of a file has a key, so importing the same file again
(after a crash, a kill, or by mistake) books only the rows that were not booked yet.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.errors import DomainError, InvalidDate, InvalidQuantity
from carma_logistiek.i18n import N_
from carma_logistiek.services import stock
from carma_logistiek.services.command import sequence_of_writes
from carma_logistiek.services.results import BookingResult, Recipient

__all__ = ["BOOKING_KINDS", "CSV_COLUMNS", "BookingRow", "ImportReport", "RejectedRow",
           "UnknownKind", "book_row", "import_bookings", "parse_date", "read_booking_csv"]

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


@sequence_of_writes
def book_row(db: Database, row: BookingRow, *, actor: Actor) -> BookingResult:
    """Book one row with the stock service its kind names. Bad text (an unknown kind, a
    quantity or date that is not one) is refused in Dutch before anything is booked."""
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


def _int(text: str) -> int:
    cleaned = str(text).strip()
    if not cleaned.lstrip("-").isdigit():
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


def read_booking_csv(path: Path) -> Iterator[tuple[int, BookingRow]]:
    """Rows of a booking file with their line numbers, each with a key: its own ``key``
    column, or one derived from its content and how many identical rows came before it (two
    identical rows are two bookings). Comma, semicolon (Excel in Belgium) or tab; a BOM is
    fine."""
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


@dataclass(frozen=True)
class RejectedRow:
    """A row of the file that was refused, with the reason in the user's language."""

    line: int
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows booked now, rows booked by an earlier run, rows refused."""

    booked: int
    replayed: int
    rejected: tuple[RejectedRow, ...]

    @property
    def total(self) -> int:
        return self.booked + self.replayed + len(self.rejected)


@sequence_of_writes
def import_bookings(db: Database, path: Path, *, actor: Actor,
                    on_rejected: Callable[[RejectedRow], None] | None = None) -> ImportReport:
    """Book every row of a booking CSV, each in its own transaction with its own key, so a
    re-run after a crash or a kill books exactly the rows that were not booked yet. A refused
    row does not stop the others; ``on_rejected`` hears of it at once. The whole file is read
    before the first booking: a file that cannot be read books nothing."""
    rows = list(read_booking_csv(path))
    tally: Counter[str] = Counter()
    rejected: list[RejectedRow] = []
    for line_number, row in rows:
        try:
            result = book_row(db, row, actor=actor)
        except DomainError as error:
            rejected.append(RejectedRow(line_number, error.message()))
            if on_rejected is not None:
                on_rejected(rejected[-1])
            continue
        tally["replayed" if result.replayed else "booked"] += 1
    return ImportReport(tally["booked"], tally["replayed"], tuple(rejected))
