"""The one writer of the command line: the same rows as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from carma_logistiek.cli import output

ROWS = [("DT-SPK", "Speekseltest drugs", 12), ("HYG-HSK-M", "Wegwerphandschoenen M", 3)]
COLUMNS = [output.Column[tuple[str, str, int]]("Code", lambda r: r[0]),
           output.Column[tuple[str, str, int]]("Product", lambda r: r[1]),
           output.Column[tuple[str, str, int]]("Aantal", lambda r: str(r[2]))]


def record(row: tuple[str, str, int]) -> dict[str, object]:
    return {"code": row[0], "name": row[1], "quantity": row[2]}


def test_a_table_aligns_its_columns_without_trailing_spaces() -> None:
    text = output.render(ROWS, "table", record=record, columns=COLUMNS)
    assert text.splitlines() == [
        "Code       Product                Aantal",
        "DT-SPK     Speekseltest drugs     12",
        "HYG-HSK-M  Wegwerphandschoenen M  3",
    ]


def test_csv_and_json_carry_the_records() -> None:
    text = output.render(ROWS, "csv", record=record, columns=COLUMNS)
    assert "\r\n" in text  # RFC 4180, as Excel expects
    assert list(csv.DictReader(io.StringIO(text))) == [
        {"code": "DT-SPK", "name": "Speekseltest drugs", "quantity": "12"},
        {"code": "HYG-HSK-M", "name": "Wegwerphandschoenen M", "quantity": "3"}]
    assert json.loads(output.render(ROWS, "json", record=record, columns=COLUMNS)) == [
        record(row) for row in ROWS]
    assert "é" in output.json_text([{"name": "Verbandgaas stérile"}])  # not \u00e9


def test_no_rows_still_give_a_header_and_an_empty_list() -> None:
    assert output.render([], "csv", record=record, columns=COLUMNS) == "code\r\n"
    assert output.render([], "json", record=record, columns=COLUMNS) == "[]\n"
    assert output.render([], "table", record=record, columns=COLUMNS) == "Code  Product  Aantal\n"
    with pytest.raises(ValueError, match="xml"):
        output.render(ROWS, "xml", record=record, columns=COLUMNS)


def test_a_file_gets_the_bytes_as_they_are(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    output.write("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", out)
    assert out.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def test_the_file_of_an_embedded_database_is_read_as_sqlalchemy_reads_it() -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from carma_logistiek.config import sqlite_path

    for url in ("sqlite:////srv/carma/zone.sqlite", "sqlite:///relatief/zone.sqlite",
                "sqlite+pysqlite:////tmp/a b/zone.sqlite?timeout=5", "sqlite://",
                "sqlite:///:memory:", "postgresql://u:p@host/carma",
                "mssql+pyodbc://u:p@dsn"):
        parsed = make_url(url)
        expected = (Path(parsed.database) if parsed.get_backend_name() == "sqlite"
                    and parsed.database not in (None, "", ":memory:") else None)
        assert sqlite_path(url) == expected, url
