"""Bookings from a row of text: one given on the command line, or each row of a CSV file.

A row names its kind in English or Dutch (``levering``, ``afhaling``, …) and is booked by the
stock service of that kind. Every row of a file has a key, so importing the same file again
(after a crash, a kill, or by mistake) books only the rows that were not booked yet.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.domain.errors import DomainError, InvalidDate, InvalidQuantity
from carma_logistiek.i18n import N_, _
from carma_logistiek.services import stock
from carma_logistiek.services.command import sequence_of_writes
from carma_logistiek.services.results import BookingResult, Recipient

__all__ = ["BOOKING_KINDS", "CSV_COLUMNS", "REQUIRED_COLUMNS", "BookingFileColumns",
           "BookingFileUnreadable", "BookingRow", "ImportReport", "RejectedRow", "TooManyValues",
           "UnknownKind", "book_row", "import_bookings", "parse_date", "read_booking_csv"]

log = logging.getLogger(__name__)

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


class BookingFileUnreadable(DomainError):
    code = "BookingFileUnreadable"
    template = N_("Het bestand {file} kan niet gelezen worden: {reason}. Er werd niets geboekt.")
    field = None


class BookingFileColumns(DomainError):
    code = "BookingFileColumns"
    template = N_("Het bestand {file} heeft geen kolom {missing}. De eerste regel moet de "
                  "kolomnamen geven, bv. kind;product;location;qty. Er werd niets geboekt.")
    field = None


def read_booking_csv(path: Path) -> Iterator[tuple[int, BookingRow]]:
    """Rows of a booking file with the file line each one ends on, each with a key.

    A row without a ``key`` gets one from the file's name, its content and how many identical
    rows came before it in this file (two identical rows are two bookings): the same file run
    again, after a crash or after its refused rows were fixed, books exactly what is missing,
    and a row of another file is never taken for one that was already booked. Comma, semicolon
    (Excel in Belgium) or tab; UTF-8 with or without BOM, UTF-16 and Windows' cp1252. A file
    that cannot be read, is not text or lacks a column raises a DomainError before any row."""
    text = _decode(path, _read_bytes(path))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        names = ", ".join(missing[:-1]) + (" " + _("of") + " " if len(missing) > 1 else "")
        raise BookingFileColumns(file=path.name, missing=names + missing[-1])
    seen: Counter[str] = Counter()
    for raw in reader:
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items()
                  if isinstance(k, str)}
        fields = {c: values.get(c, "") for c in CSV_COLUMNS}
        if not fields["key"]:
            content = "\x1f".join(fields.values())
            seen[content] += 1
            identity = "\x1f".join((path.name, content, str(seen[content])))
            digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40]
            fields["key"] = f"csv-{digest}"
        row = BookingRow(
            fields["kind"], fields["product"], fields["location"], fields["qty"], fields["lot"],
            fields["expiry"], fields["for"], fields["key"], fields["to"], fields["reason"],
            fields["note"], extra=len(raw.get(None) or ()))
        yield reader.line_num, row


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BookingFileUnreadable(file=str(path), reason=_("het bestaat niet")) from None
    except IsADirectoryError:
        raise BookingFileUnreadable(file=str(path), reason=_("het is een map")) from None
    except PermissionError:
        raise BookingFileUnreadable(file=str(path),
                                    reason=_("u hebt geen leesrecht")) from None
    except OSError as error:
        raise BookingFileUnreadable(file=str(path),
                                    reason=error.strerror or _("leesfout")) from None


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM, or the NUL bytes that give it away) or cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif len(data) >= 2 and data[1::2].count(0) > len(data) // 4:
        candidates = ("utf-16-le",)
    elif len(data) >= 2 and data[0::2].count(0) > len(data) // 4:
        candidates = ("utf-16-be",)
    else:
        candidates = ("utf-8", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BookingFileUnreadable(
        file=path.name,
        reason=_("het is geen tekstbestand (UTF-8, UTF-16 of Windows-1252); bewaar het in "
                 "Excel als 'CSV UTF-8'"))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = next(iter(text.splitlines()), "")
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel  # one column, or an empty file: the column check says what is wrong


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
    row does not stop the others, nor does a fault in one (logged); ``on_rejected`` hears of
    each at once, with the file line it is on. The whole file is read before the first
    booking: a file that cannot be read, decoded or lacks a column books nothing."""
    rows = list(read_booking_csv(path))
    tally: Counter[str] = Counter()
    rejected: list[RejectedRow] = []
    for line_number, row in rows:
        try:
            result = book_row(db, row, actor=actor)
        except DomainError as error:
            reason = error.message()
        except Exception:  # a fault, not a rule: logged, and the other rows still go
            log.exception("booking file %s, line %d", path, line_number)
            reason = _("Onverwachte fout; er werd niets geboekt voor deze regel (details in "
                       "het logbestand).")
        else:
            tally["replayed" if result.replayed else "booked"] += 1
            continue
        rejected.append(RejectedRow(line_number, reason))
        if on_rejected is not None:
            on_rejected(rejected[-1])
    return ImportReport(tally["booked"], tally["replayed"], tuple(rejected))
