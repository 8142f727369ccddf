"""A list as a file: CSV or XLSX, chosen by the file's suffix (Lijst exporteren…, Ctrl+Shift+E).

The cells come as plain values (text, numbers, dates, yes/no, nothing) and keep their type:
a number stays a number, a date a real date shown dd/mm/yyyy, so Excel sorts and sums them.
``Amount`` is a number shown with its unit ("12 stuks"): in XLSX a number with the unit in its
number format, in CSV the text as shown.

- CSV is written as Excel in Belgium opens it with a double-click: UTF-8 with a BOM (else the
  accents break), ``;`` between the cells (the list separator of a Belgian Windows), CRLF line
  ends, decimal commas.
- XLSX (openpyxl): a bold, frozen header row with an autofilter, columns as wide as their
  contents.
- A text that starts like a formula (= + - @, a tab or a carriage return) could run in the
  spreadsheet of whoever opens the file (CSV injection, OWASP): in CSV it gets a leading quote
  ``'``, in XLSX it is a text cell (never a formula) marked so that editing it keeps it text.

The file is written next to its destination under a temporary name and moved into place, so a
failed write (a full disk, no permission) leaves no half file and keeps an older file whole.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _, format_date, format_datetime

SUFFIXES = (".xlsx", ".csv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in characters
MEASURED_ROWS = 500  # the rows measured for a column's width
SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Amount:
    """A number shown with its unit ("12 stuks"), for a column that mixes units."""

    number: int | float
    unit: str

    def __str__(self) -> str:
        return f"{_number_text(self.number)} {self.unit}".strip()


Cell = str | int | float | date | datetime | bool | Amount | None


# --- errors: a sentence for the user, nothing written ------------------------------------
class TableExportError(DomainError):
    code = "TableExportError"
    template = N_("De lijst kon niet bewaard worden in {file}: {reason}.")


class UnsupportedTableFormat(DomainError):
    code = "UnsupportedTableFormat"
    template = N_("Een lijst wordt bewaard als .xlsx (Excel) of .csv, niet als '{suffix}'. "
                  "Kies een van die twee.")


class TableFolderMissing(DomainError):
    code = "TableFolderMissing"
    template = N_("De map {folder} bestaat niet; de lijst werd niet bewaard. Kies een andere "
                  "map.")


class TableFolderReadOnly(DomainError):
    code = "TableFolderReadOnly"
    template = N_("U mag niet schrijven in de map {folder}; de lijst werd niet bewaard. Kies "
                  "een andere map, bijvoorbeeld Documenten.")


class TableFileInUse(DomainError):
    code = "TableFileInUse"
    template = N_("{file} kon niet vervangen worden: het is alleen-lezen of nog open (in "
                  "Excel?). Sluit het en probeer opnieuw, of kies een andere naam.")


class TableDiskFull(DomainError):
    code = "TableDiskFull"
    template = N_("De schijf is vol: {file} werd niet bewaard. Maak plaats vrij of kies een "
                  "andere schijf.")


# --- writing -------------------------------------------------------------------------------
def write_table(path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *,
                title: str = "") -> Path:
    """Write ``headers`` and ``rows`` to ``path`` as .csv or .xlsx (by its suffix) and return
    the path. ``title`` names the XLSX sheet. Raises a ``DomainError`` with a sentence when the
    file cannot be written; then nothing is left behind."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedTableFormat(suffix=target.suffix or target.name)
    folder = target.parent
    if not folder.is_dir():
        raise TableFolderMissing(folder=str(folder))
    content = list(rows)
    partial = _create_partial(target)
    try:
        if suffix == ".csv":
            _write_csv(partial, headers, content)
        else:
            _write_xlsx(partial, headers, content, title)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _fault(error, target, replacing=False) from error
        raise
    try:
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _fault(error, target, replacing=True) from error
    return target


def _create_partial(target: Path) -> Path:
    """An empty file beside ``target`` with the mode a new file gets (the umask's), so the
    export can be shared as any file the user saves."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as error:
        raise _fault(error, target, replacing=False) from error
    return partial


def _fault(error: OSError, target: Path, *, replacing: bool) -> DomainError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return TableDiskFull(file=str(target))
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        if replacing and target.exists():
            return TableFileInUse(file=str(target))
        return TableFolderReadOnly(folder=str(target.parent))
    return TableExportError(file=str(target), reason=error.strerror or _("schrijffout"))


def _write_csv(path: Path, headers: Sequence[str], rows: list[Sequence[Cell]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_guarded(header) for header in headers])
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    _write_bytes(path, buffer.getvalue().encode("utf-8-sig"))


def csv_text(value: Cell) -> str:
    """A cell as Belgian Excel reads it back: decimal comma, dd/mm/yyyy, ja/nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return _guarded(str(value))


def _number_text(number: int | float) -> str:
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return str(number).replace(".", ",")


def _guarded(text: str) -> str:
    """A text that a spreadsheet would run as a formula, made plain text with a quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write_xlsx(path: Path, headers: Sequence[str], rows: list[Sequence[Cell]],
                title: str) -> None:
    from openpyxl import Workbook  # ~100 ms at import: only when an XLSX is written
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _sheet_title(title)
    workbook.properties.title = title or None
    workbook.properties.creator = "CARMA Logistiek"
    bold = Font(bold=True)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        _set_text(cell, header)
        cell.font = bold
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _set_value(sheet.cell(row=row_number, column=column), value)
    sheet.freeze_panes = "A2"
    if headers:
        last = get_column_letter(len(headers))
        sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for column, width in enumerate(column_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # Zipped in memory first: a disk that fills up half-way then fails one plain write
    # (openpyxl leaves its zip file open when its own write fails).
    buffer = io.BytesIO()
    workbook.save(buffer)
    _write_bytes(path, buffer.getvalue())


def _write_bytes(path: Path, data: bytes) -> None:
    with path.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _set_value(cell: Any, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        _set_text(cell, _("ja") if value else _("nee"))
    elif isinstance(value, int | float):
        cell.value = value
    elif isinstance(value, Amount):
        cell.value = value.number
        cell.number_format = _unit_format(value)
    elif isinstance(value, datetime):
        # Local as shown (Excel has no time zones), to the second.
        cell.value = value.replace(tzinfo=None, microsecond=0)
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy"
    else:
        _set_text(cell, str(value))


def _set_text(cell: Any, text: str) -> None:
    """Text stays text: never a formula, and one that looks like one is quote-prefixed so
    that editing it in Excel keeps it text."""
    cell.value = _printable(text)
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _printable(text: str) -> str:
    # XML 1.0 refuses most control characters (openpyxl raises IllegalCharacterError).
    return "".join(c for c in text if c >= " " or c in "\t\n\r")


def _unit_format(amount: Amount) -> str:
    unit = amount.unit.replace('"', "'")
    # "0.##" would show 2.0 as "2."; General shows 2 and 2,5 (in the reader's locale).
    number = "0" if isinstance(amount.number, int) else "General"
    return f'{number} "{unit}"' if unit else number


def _sheet_title(title: str) -> str:
    cleaned = " ".join(title.translate(SHEET_TITLE_FORBIDDEN).split()).strip("'")
    return cleaned[:31] or _("Lijst")


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """Each column as wide as its header and its longest cell (of the first rows), within
    bounds; the autofilter's arrow needs two characters beside the header."""
    widths: list[float] = []
    for column, header in enumerate(headers):
        longest = len(header) + 2
        for row in rows[:MEASURED_ROWS]:
            if column < len(row):
                longest = max(longest, _shown_length(row[column]))
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 1))))
    return widths


def _shown_length(value: Cell) -> int:
    if value is None:
        return 0
    text = csv_text(value) if not isinstance(value, Amount) else str(value)
    return max((len(line) for line in text.splitlines()), default=0)
