"""The one path every file import takes: read, validate, preview, then write row by row.

1. ``read_rows`` reads a CSV file as people make them (Excel in Belgium: semicolons, cp1252
   or UTF-16; machines: commas, UTF-8) or an Excel workbook (.xlsx, openpyxl), and gives its
   header and each row's values with the file line (Excel: the row number) it ends on;
   ``read_table`` checks the header against required columns. A file that cannot be read, is
   not text or lacks a column is refused as a whole, before any row is written.
2. ``import_rows`` gives each row to a write (one transaction per row, through the command
   path) and tallies what happened: written, written by an earlier run (the same key), or
   refused with the reason. One refused row never stops the others, and every row is
   accounted for: the report's total is the number of rows.
   With ``atomic=True`` (master data) every row runs inside ONE transaction, the registered
   write ``imports.import_table``: each row's own command runs in a savepoint of it (checked
   and recorded as when called alone), and the rows are kept all together or not at all:
   a refused row keeps nothing unless the caller chose ``skip_refused`` (the window's explicit
   "Importeer de N goede rijen"), and a fault (database gone, a bug) keeps nothing, always.
3. With ``preview=True`` the very same writes run in one transaction that is rolled back
   (``db.uow.rehearsal``): each row sees the rows before it, exactly as in the real run, and
   nothing is kept. The preview is what the real run will do, not a guess next to it.

"A failed import changes nothing": a file that cannot be read or mapped writes nothing; an
atomic import with a refused row writes nothing unless the good rows were explicitly chosen;
a fault during an atomic run leaves the database as it was. A booking file keeps its per-row
semantics: its rows are independent bookings with keys, so a re-run books what is missing.

The kinds of file (bookings, minimums, and the master-data lists) are ``ImportSpec``s in
services/import_specs.py, which also holds the one-call ``run_import``.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeAlias, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from carma_logistiek.db.uow import Database, rehearsal
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.domain.errors import DatabaseUnavailable, DomainError
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.command import Tx, sequence_of_writes, write

__all__ = ["ImportAborted", "ImportFileColumns", "ImportFileUnreadable", "ImportReport",
           "Outcome", "RowOutcome", "RowWriter", "Table", "TableRow", "import_rows",
           "import_table", "read_rows", "read_table"]

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


@dataclass(frozen=True)
class Table:
    """A whole file, read: its name, its column names as written in the header (stripped) and
    its rows, whose values are keyed by the lower-case column name."""

    file: str
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]


def read_table(path: Path, *, required: Sequence[str]) -> Iterator[TableRow]:
    """The rows of a CSV or XLSX file; the whole file is read and its header checked first."""
    table = read_rows(path)
    columns = [name.lower() for name in table.headers]
    missing = [c for c in required if c not in columns]
    if missing:
        raise ImportFileColumns(file=path.name, missing=join_or(missing),
                                example=";".join(required))
    yield from table.rows


def join_or(names: Sequence[str]) -> str:
    """'a', 'a of b', 'a, b of c'."""
    head = ", ".join(names[:-1]) + (" " + _("of") + " " if len(names) > 1 else "")
    return head + names[-1]


_ZIP = b"PK\x03\x04"
# Old Excel files (.xls) and password-protected .xlsx files are OLE2 compound documents.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_rows(path: Path, *, sheets: Sequence[str] = ()) -> Table:
    """The header and rows of a CSV file or of an Excel workbook (.xlsx): the first sheet named
    as one of ``sheets`` (case and spaces ignored) when there is one, else the first sheet. The whole file
    is read before anything else happens; what cannot be read raises ImportFileUnreadable with
    what to do about it."""
    data = _read_bytes(path)
    if data.startswith(_OLE2):
        old = path.suffix.lower() == ".xls"
        raise ImportFileUnreadable(file=path.name, reason=_(
            "het is een oud Excel-bestand (.xls); open het in Excel en bewaar het als "
            "Excel-werkmap (.xlsx) of als CSV") if old else _(
            "het is met een wachtwoord beveiligd; open het in Excel, verwijder het wachtwoord "
            "(Bestand > Info > Werkmap beveiligen) en bewaar het opnieuw"))
    if data.startswith(_ZIP) or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, data, sheets)
    return _read_csv(path, data)


def _read_csv(path: Path, data: bytes) -> Table:
    text = _decode(path, data)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    headers = tuple((name or "").strip() for name in (reader.fieldnames or []))
    rows = []
    for raw in reader:
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items()
                  if isinstance(k, str)}
        rows.append(TableRow(reader.line_num, values, extra=len(raw.get(None) or ())))
    return Table(path.name, headers, tuple(rows))


def _read_xlsx(path: Path, data: bytes, names: Sequence[str]) -> Table:
    from openpyxl import load_workbook  # only when a workbook is read: a second at start-up

    damaged = _("het is geen geldig Excel-bestand (beschadigd of onvolledig); open het in "
                "Excel en bewaar het opnieuw als Excel-werkmap (.xlsx) of als CSV")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ImportFileUnreadable(file=path.name, reason=damaged) from None
    except Exception:  # openpyxl's own InvalidFileException and XML parse errors
        log.warning("workbook %s not readable", path, exc_info=True)
        raise ImportFileUnreadable(file=path.name, reason=damaged) from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise ImportFileUnreadable(file=path.name, reason=damaged)
        wanted = {_plain(name) for name in names if name}
        chosen = next((s for s in sheets if _plain(s.title) in wanted), sheets[0])
        return _sheet_table(path.name, chosen.iter_rows(values_only=True))
    except DomainError:
        raise
    except Exception:
        log.warning("workbook %s not readable", path, exc_info=True)
        raise ImportFileUnreadable(file=path.name, reason=damaged) from None
    finally:
        book.close()


def _sheet_table(name: str, cells: Iterator[tuple[object, ...]]) -> Table:
    """Header = the first row with a value; empty rows are skipped, and each row keeps its
    Excel row number as its line."""
    headers: tuple[str, ...] | None = None
    rows = []
    for number, raw in enumerate(cells, start=1):
        texts = [cell_text(value) for value in raw]
        if not any(texts):
            continue
        if headers is None:
            while texts and not texts[-1]:
                texts.pop()
            headers = tuple(texts)
            continue
        keys = [h.lower() for h in headers]
        values = dict(zip(keys, texts, strict=False))
        extra = sum(1 for text in texts[len(keys):] if text)
        rows.append(TableRow(number, values, extra=extra))
    return Table(name, headers or (), tuple(rows))


def cell_text(value: object) -> str:
    """A cell as the text a person reads in it: whole numbers without '.0', dates as ISO
    yyyy-mm-dd (a date-time at midnight is a date), yes/no as 'ja'/'nee'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _plain(text: str) -> str:
    return "".join(text.split()).casefold()


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
    UNCHANGED = "unchanged"  # the row equals what is stored (master data): nothing written


@dataclass(frozen=True)
class RowOutcome:
    """What became of one row: its file line, the outcome and a sentence (what was written,
    or why it was refused) in the user's language."""

    line: int
    outcome: Outcome
    text: str


@dataclass(frozen=True)
class ImportReport:
    """Every row of the file, accounted for. ``preview``: nothing was kept. ``abandoned``: an
    atomic import met refused rows without ``skip_refused``, so nothing was kept either.
    ``changes``: the union of what the kept rows changed."""

    outcomes: tuple[RowOutcome, ...]
    preview: bool = False
    abandoned: bool = False
    changes: Changes = field(default=NO_CHANGES)

    @property
    def kept(self) -> bool:
        return not (self.preview or self.abandoned)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.outcomes if row.outcome is outcome)

    @property
    def written(self) -> int:
        return self.count(Outcome.WRITTEN)

    @property
    def replayed(self) -> int:
        return self.count(Outcome.REPLAYED)

    @property
    def unchanged(self) -> int:
        return self.count(Outcome.UNCHANGED)

    @property
    def refused(self) -> tuple[RowOutcome, ...]:
        return tuple(row for row in self.outcomes if row.outcome is Outcome.REFUSED)

    @property
    def total(self) -> int:
        return len(self.outcomes)


def _changes_of(answer: object) -> Changes:
    declared = getattr(answer, "changes", None)
    return declared if isinstance(declared, Changes) else NO_CHANGES


def _never(_answer: object) -> bool:
    return False


@dataclass(frozen=True)
class RowWriter(Generic[R, W]):
    """How an import writes one of its rows: ``apply(db, row)`` (a registered command, its own
    transaction), whether its answer was a replay, the sentence that says what it did, and
    what it changed (the answer's ``changes`` unless told otherwise)."""

    apply: Callable[[Database, R], W]
    replayed: Callable[[W], bool]
    describe: Callable[[W], str]
    changes: Callable[[W], Changes] = _changes_of
    # Whether the row equalled what was stored, so nothing was written (Outcome.UNCHANGED).
    unchanged: Callable[[W], bool] = _never


class ImportAborted(DomainError):
    code = "ImportAborted"
    template = N_("Het inlezen van {file} werd afgebroken bij regel {line}: {reason} Er werd "
                  "niets ingelezen; de databank is zoals voordien.")
    field = None


# A row given as a DomainError was refused before it reached its write (a value that is not
# one, e.g. "twaalf" as a minimum): it is reported with the others.
Rows: TypeAlias = Sequence[tuple[int, R | DomainError]]


@sequence_of_writes
def import_rows(db: Database, rows: Rows[R], writer: RowWriter[R, W], *,
                preview: bool = False, source: str = "",
                on_outcome: Callable[[RowOutcome], None] | None = None,
                atomic: bool = False, skip_refused: bool = False,
                actor: Actor | None = None) -> ImportReport:
    """Write each row, or (``preview``) rehearse every write and keep none.

    Per row (default): each row its own transaction; a refused row and a fault in one row
    (logged with ``source`` and its line) do not stop the others. ``atomic`` (needs ``actor``):
    all rows in one transaction, kept together or not at all (see the module's docstring); a
    fault raises ImportAborted and keeps nothing. A preview of an atomic import shows each
    row's fate as if the good rows were kept."""
    if preview:
        with rehearsal(db) as trial:
            report = _run(trial, rows, writer, source, on_outcome, atomic, True, actor)
            return ImportReport(report.outcomes, preview=True)
    return _run(db, rows, writer, source, on_outcome, atomic, skip_refused, actor)


def _run(db: Database, rows: Rows[R], writer: RowWriter[R, W], source: str,
         on_outcome: Callable[[RowOutcome], None] | None, atomic: bool, skip_refused: bool,
         actor: Actor | None) -> ImportReport:
    if not atomic:
        return _import(db, rows, writer, source, on_outcome, atomic=False)
    if actor is None:
        raise TypeError("an atomic import needs the actor")
    try:
        return import_table(db, rows=rows, writer=writer, source=source,
                            skip_refused=skip_refused, on_outcome=on_outcome, actor=actor)
    except _Abandoned as abandoned:
        return ImportReport(abandoned.outcomes, abandoned=True)


class _Abandoned(Exception):
    """Raised out of the one transaction to roll it back, with what each row would have done."""

    def __init__(self, outcomes: tuple[RowOutcome, ...]) -> None:
        super().__init__("import abandoned")
        self.outcomes = outcomes


@write(Permission.MASTERDATA_EDIT, name="imports.import_table")
def import_table(tx: Tx, /, *, rows: Rows[Any], writer: RowWriter[Any, Any], source: str,
                 skip_refused: bool, actor: Actor,
                 on_outcome: Callable[[RowOutcome], None] | None = None) -> ImportReport:
    """Every row of an atomic import in this one transaction: each row's own command runs in
    a savepoint (a refused row undoes only itself). Refused rows without ``skip_refused``, or
    a fault in any row, roll the whole transaction back."""
    within = _WithinTransaction(tx.session)
    report = _import(within, rows, writer, source, on_outcome, atomic=True)
    if report.refused and not skip_refused:
        raise _Abandoned(report.outcomes)
    return report


class _WithinTransaction(Database):
    """A stand-in for the database whose writes run in savepoints of one open transaction
    (as db.uow's rehearsal, but kept when that transaction commits)."""

    def __init__(self, session: Session) -> None:
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        super().__init__(engine.url.render_as_string(hide_password=False), engine)
        self._session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._session.begin_nested():
            yield self._session

    @contextmanager
    def read(self) -> Iterator[Session]:
        savepoint = self._session.begin_nested()
        try:
            yield self._session
        finally:
            savepoint.rollback()

    def dispose(self) -> None:
        """The engine belongs to the database the import runs on."""


def _import(db: Database, rows: Rows[R], writer: RowWriter[R, W], source: str,
            on_outcome: Callable[[RowOutcome], None] | None, *, atomic: bool) -> ImportReport:
    outcomes: list[RowOutcome] = []
    changes = NO_CHANGES
    for line, row in rows:
        if isinstance(row, DomainError):
            done = RowOutcome(line, Outcome.REFUSED, row.message())
        else:
            try:
                answer = writer.apply(db, row)
            except DatabaseUnavailable as error:
                if atomic:  # the one transaction is lost: nothing of it will land
                    raise ImportAborted(file=source, line=line, reason=error.message()) from None
                done = RowOutcome(line, Outcome.REFUSED, error.message())
            except DomainError as error:
                done = RowOutcome(line, Outcome.REFUSED, error.message())
            except Exception:  # a fault, not a rule: logged
                log.exception("import %s, line %d", source, line)
                if atomic:
                    raise ImportAborted(file=source, line=line, reason=_(
                        "onverwachte fout (details in het logbestand).")) from None
                done = RowOutcome(line, Outcome.REFUSED, _(
                    "Onverwachte fout; er werd niets geboekt voor deze regel (details in het "
                    "logbestand)."))
            else:
                kind = (Outcome.REPLAYED if writer.replayed(answer) else
                        Outcome.UNCHANGED if writer.unchanged(answer) else Outcome.WRITTEN)
                done = RowOutcome(line, kind, writer.describe(answer))
                changes = changes | writer.changes(answer)
        outcomes.append(done)
        if on_outcome is not None:
            on_outcome(done)
    return ImportReport(tuple(outcomes), changes=changes)
