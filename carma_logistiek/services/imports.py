"""The one path every file import takes: read, validate, preview, then write row by row.

1. ``read_table`` reads a CSV file as people make them (Excel in Belgium: semicolons, cp1252
   or UTF-16; machines: commas, UTF-8), checks its header and yields each row's values with
   the file line it ends on. A file that cannot be read, is not text or lacks a column is
   refused as a whole, before any row is written.
2. ``import_rows`` gives each row to a write (one transaction per row, through the command
   path) and tallies what happened: written, written by an earlier run (the same key), or
   refused with the reason. One refused row never stops the others, and every row is
   accounted for: the report's total is the number of rows.
3. With ``preview=True`` the very same writes run in one transaction that is rolled back
   (``db.uow.rehearsal``): each row sees the rows before it, exactly as in the real run, and
   nothing is kept. The preview is what the real run will do, not a guess next to it.

The booking file (services/booking_import.py) is the first user; the master-data imports of
products, locations and suppliers take the same path.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar

from carma_logistiek.db.uow import Database, rehearsal
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _

__all__ = ["ImportFileColumns", "ImportFileUnreadable", "ImportReport", "Outcome", "RowOutcome",
           "TableRow", "import_rows", "read_table"]

log = logging.getLogger(__name__)

R = TypeVar("R")
W = TypeVar("W")


class ImportFileUnreadable(DomainError):
    code = "ImportFileUnreadable"
    template = N_("Het bestand {file} kan niet gelezen worden: {reason}. Er werd niets "
                  "ingelezen.")
    field = None


class ImportFileColumns(DomainError):
    code = "ImportFileColumns"
    template = N_("Het bestand {file} heeft geen kolom {missing}. De eerste regel moet de "
                  "kolomnamen geven, bv. {example}. Er werd niets ingelezen.")
    field = None


@dataclass(frozen=True)
class TableRow:
    """One row of the file: the file line it ends on, its values by (lower-case) column name,
    and how many values stood past the header's last column (a stray separator)."""

    line: int
    values: dict[str, str]
    extra: int = 0


def read_table(path: Path, *, required: Sequence[str]) -> Iterator[TableRow]:
    """The rows of a CSV file; the whole file is read and its header checked first."""
    text = _decode(path, _read_bytes(path))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [c for c in required if c not in columns]
    if missing:
        names = ", ".join(missing[:-1]) + (" " + _("of") + " " if len(missing) > 1 else "")
        raise ImportFileColumns(file=path.name, missing=names + missing[-1],
                                example=";".join(required))
    for raw in reader:
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items()
                  if isinstance(k, str)}
        yield TableRow(reader.line_num, values, extra=len(raw.get(None) or ()))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFileUnreadable(file=str(path), reason=_("het bestaat niet")) from None
    except IsADirectoryError:
        raise ImportFileUnreadable(file=str(path), reason=_("het is een map")) from None
    except PermissionError:
        raise ImportFileUnreadable(file=str(path),
                                   reason=_("u hebt geen leesrecht")) from None
    except OSError as error:
        raise ImportFileUnreadable(file=str(path),
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
    raise ImportFileUnreadable(
        file=path.name,
        reason=_("het is geen tekstbestand (UTF-8, UTF-16 of Windows-1252); bewaar het in "
                 "Excel als 'CSV UTF-8'"))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = next(iter(text.splitlines()), "")
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel  # one column, or an empty file: the column check says what is wrong


class Outcome(StrEnum):
    WRITTEN = "written"
    REPLAYED = "replayed"  # the same key was written by an earlier run: nothing new
    REFUSED = "refused"


@dataclass(frozen=True)
class RowOutcome:
    """What became of one row: its file line, the outcome and a sentence (what was written,
    or why it was refused) in the user's language."""

    line: int
    outcome: Outcome
    text: str


@dataclass(frozen=True)
class ImportReport:
    """Every row of the file, accounted for. ``preview``: nothing was kept."""

    outcomes: tuple[RowOutcome, ...]
    preview: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.outcomes if row.outcome is outcome)

    @property
    def written(self) -> int:
        return self.count(Outcome.WRITTEN)

    @property
    def replayed(self) -> int:
        return self.count(Outcome.REPLAYED)

    @property
    def refused(self) -> tuple[RowOutcome, ...]:
        return tuple(row for row in self.outcomes if row.outcome is Outcome.REFUSED)

    @property
    def total(self) -> int:
        return len(self.outcomes)


@dataclass(frozen=True)
class RowWriter(Generic[R, W]):
    """How an import writes one of its rows: ``apply(db, row)`` (a command, its own
    transaction), whether its answer was a replay, and the sentence that says what it did."""

    apply: Callable[[Database, R], W]
    replayed: Callable[[W], bool]
    describe: Callable[[W], str]


def import_rows(db: Database, rows: Sequence[tuple[int, R]], writer: RowWriter[R, W], *,
                preview: bool = False, source: str = "",
                on_outcome: Callable[[RowOutcome], None] | None = None) -> ImportReport:
    """Write each row, or (``preview``) rehearse every write and keep none. A refused row and
    a fault in one row (logged with ``source`` and its line) do not stop the others."""
    if preview:
        with rehearsal(db) as trial:
            return _import(trial, rows, writer, True, source, on_outcome)
    return _import(db, rows, writer, False, source, on_outcome)


def _import(db: Database, rows: Sequence[tuple[int, R]], writer: RowWriter[R, W],
            preview: bool, source: str,
            on_outcome: Callable[[RowOutcome], None] | None) -> ImportReport:
    outcomes: list[RowOutcome] = []
    for line, row in rows:
        try:
            answer = writer.apply(db, row)
        except DomainError as error:
            done = RowOutcome(line, Outcome.REFUSED, error.message())
        except Exception:  # a fault, not a rule: logged, and the other rows still go
            log.exception("import %s, line %d", source, line)
            done = RowOutcome(line, Outcome.REFUSED, _(
                "Onverwachte fout; er werd niets geboekt voor deze regel (details in het "
                "logbestand)."))
        else:
            kind = Outcome.REPLAYED if writer.replayed(answer) else Outcome.WRITTEN
            done = RowOutcome(line, kind, writer.describe(answer))
        outcomes.append(done)
        if on_outcome is not None:
            on_outcome(done)
    return ImportReport(tuple(outcomes), preview=preview)
