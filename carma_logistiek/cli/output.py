"""The one writer for what commands print: aligned tables for people, CSV and JSON for
machines, JSON lines for streams, and files written byte for byte.

A command describes its rows once (a record per row for CSV and JSON, columns for the table)
and ``render`` makes the chosen format; every command formats the same way.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

__all__ = ["FORMATS", "Column", "csv_text", "json_text", "print_json_line", "render",
           "table_text", "write"]

T = TypeVar("T")
Record = Mapping[str, object]

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a table: its (translated) header and the text of a row's cell."""

    header: str
    cell: Callable[[T], str]


def render(rows: Sequence[T], format: str, *, record: Callable[[T], Record],
           columns: Sequence[Column[T]]) -> str:
    """The rows as ``format``: "json" and "csv" from ``record``, "table" from ``columns``."""
    if format == "json":
        return json_text([record(row) for row in rows])
    if format == "csv":
        return csv_text([record(row) for row in rows])
    if format == "table":
        return table_text([c.header for c in columns],
                          ([c.cell(row) for c in columns] for row in rows))
    raise ValueError(f"unknown output format {format!r}; use one of {FORMATS}")


def table_text(header: Sequence[str], lines: Iterable[Sequence[str]]) -> str:
    """Columns padded to their widest cell, two spaces apart, one line per row."""
    table = [list(header), *(list(line) for line in lines)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        + "\n" for line in table)


def csv_text(records: Sequence[Record]) -> str:
    """A header and a line per record (RFC 4180 line ends); without records the header is
    just "code", so a consumer still finds its key column."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else ["code"])
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def json_text(records: Sequence[Record]) -> str:
    """A JSON array, one key per line, non-ASCII kept as is (names are Dutch)."""
    return json.dumps(list(records), ensure_ascii=False, indent=1) + "\n"


def print_json_line(record: Record) -> None:
    """One record as one JSON line, flushed at once: a stream a script can read as it comes."""
    print(json.dumps(record, ensure_ascii=False), flush=True)


def write(text: str, out: Path | None = None) -> None:
    """To standard output, or to the file ``out`` as UTF-8 bytes: no platform translates the
    line ends (iCalendar is CRLF by definition)."""
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_bytes(text.encode("utf-8"))
