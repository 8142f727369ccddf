"""Lists as files (documents/tables.py), read back the way others will: CSV as Excel in
Belgium opens it (BOM, ;, CRLF), XLSX through openpyxl with its types; a formula typed into a
product name never runs; a failed write leaves no file and keeps an older one whole."""

from __future__ import annotations

import contextlib
import csv
import io
import secrets
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from carma_logistiek.documents.tables import (
    Amount,
    TableDiskFull,
    TableFolderMissing,
    TableFolderReadOnly,
    UnsupportedTableFormat,
    write_table,
)
from carma_logistiek.i18n import set_language
from tests.support import disks

HEADERS = ["Code", "Product", "Bruikbaar", "Minimum", "Prijs", "Vervaldatum", "Geboekt op",
           "Lot", "Opmerking"]
ROWS = [
    ["SPT", "Speekseltest (drugs) — één", Amount(10, "stuks"), 5, 2.5, date(2027, 1, 31),
     datetime(2026, 12, 3, 14, 5), True, None],
    ["=HYPERLINK(\"http://x\")", "+32 11 22 33 44", Amount(-2, "doos"), 0, 0.125, None, None,
     False, "@SUM(A1:A2)"],
    ["-1+1", "Handschoen\tnitril", 3, None, None, None, None, None, "lijn 1\nlijn 2"],
]


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_opens_in_belgian_excel_with_its_accents(tmp_path: Path) -> None:
    path = write_table(tmp_path / "voorraad.csv", HEADERS, ROWS)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, é stays é
    assert b"\r\n" in data and data.count(b"\r\n") == data.count(b"\n") - 1  # CRLF rows
    rows = read_csv(path)
    assert rows[0] == HEADERS
    assert rows[1] == ["SPT", "Speekseltest (drugs) — één", "10 stuks", "5", "2,5", "31/01/2027",
                       "03/12/2026 14:05", "ja", ""]
    assert rows[3][-1] == "lijn 1\nlijn 2"  # a note's line break stays inside its cell


def test_csv_makes_formulas_plain_text(tmp_path: Path) -> None:
    rows = read_csv(write_table(tmp_path / "lijst.csv", HEADERS, ROWS))
    assert rows[2][0] == "'=HYPERLINK(\"http://x\")"
    assert rows[2][1] == "'+32 11 22 33 44"
    assert rows[2][2] == "'-2 doos"
    assert rows[2][8] == "'@SUM(A1:A2)"
    assert rows[3][0] == "'-1+1"
    assert rows[3][1] == "Handschoen\tnitril"  # a tab inside is harmless, only at the start
    assert rows[2][3] == "0" and rows[2][4] == "0,125"  # numbers are not texts: no quote


def test_xlsx_keeps_types_and_formats(tmp_path: Path) -> None:
    path = write_table(tmp_path / "voorraad.xlsx", HEADERS, ROWS, title="Voorraad: 3/12")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet.title == "Voorraad 3 12"  # no : or / in a sheet's name
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I4"
    code, name, usable, minimum, price, expiry, booked, lot, note = sheet[2]
    assert (code.value, code.data_type) == ("SPT", "s")
    assert name.value == "Speekseltest (drugs) — één"
    assert usable.value == 10 and usable.data_type == "n"
    assert usable.number_format == '0 "stuks"'  # the number, shown with its unit
    assert minimum.value == 5 and isinstance(minimum.value, int)
    assert price.value == 2.5
    assert expiry.value.date() == date(2027, 1, 31) and expiry.number_format == "dd/mm/yyyy"
    assert booked.value == datetime(2026, 12, 3, 14, 5)
    assert booked.number_format == "dd/mm/yyyy hh:mm"
    assert lot.value == "ja" and note.value is None
    assert sheet["C3"].value == -2 and sheet["C3"].number_format == '0 "doos"'
    assert sheet["H3"].value == "nee"


def test_xlsx_never_writes_a_formula(tmp_path: Path) -> None:
    path = write_table(tmp_path / "lijst.xlsx", HEADERS, ROWS)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    for ref, text in (("A3", "=HYPERLINK(\"http://x\")"), ("B3", "+32 11 22 33 44"),
                      ("I3", "@SUM(A1:A2)"), ("A4", "-1+1")):
        cell = sheet[ref]
        assert (cell.value, cell.data_type) == (text, "s"), ref
        assert cell.quotePrefix, ref  # editing it in Excel keeps it text
    assert not sheet["B2"].quotePrefix
    # Nothing anywhere in the file is a formula element.
    with contextlib.closing(__import__("zipfile").ZipFile(path)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_xlsx_columns_are_as_wide_as_their_contents(tmp_path: Path) -> None:
    long = "Verbanddoos type B volgens DIN 13157 met extra set"
    endless = "Opmerking " * 30
    path = write_table(tmp_path / "breed.xlsx", ["Nr", "Product", "Opmerking"],
                       [[1, long, endless], [2, "kort", ""]])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    narrow, wide, capped = (sheet.column_dimensions[c].width for c in "ABC")
    assert narrow < 10 < len(long) <= wide < capped == 60


def test_the_suffix_chooses_and_another_is_refused(tmp_path: Path) -> None:
    assert write_table(tmp_path / "HOOFDLETTERS.XLSX", ["a"], [[1]]).exists()
    with pytest.raises(UnsupportedTableFormat) as refused:
        write_table(tmp_path / "lijst.pdf", ["a"], [[1]])
    assert "'.pdf'" in refused.value.message() and ".xlsx" in refused.value.message()
    assert list(tmp_path.iterdir()) == [tmp_path / "HOOFDLETTERS.XLSX"]


def test_a_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(TableFolderMissing) as refused:
        write_table(tmp_path / "weg" / "lijst.csv", ["a"], [[1]])
    assert "bestaat niet" in refused.value.message()


def test_english_says_yes_and_no(tmp_path: Path) -> None:
    set_language("en")
    try:
        rows = read_csv(write_table(tmp_path / "en.csv", ["a"], [[True], [False]]))
    finally:
        set_language("nl")
    assert [row[0] for row in rows[1:]] == ["yes", "no"]


def test_a_new_export_replaces_the_old_one_whole(tmp_path: Path) -> None:
    path = tmp_path / "lijst.xlsx"
    write_table(path, ["a"], [[1]])
    write_table(path, ["a"], [[2], [3]])
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None and [c.value for c in sheet["A"]] == ["a", 2, 3]
    assert [p.name for p in tmp_path.iterdir()] == ["lijst.xlsx"]


# --- disks that refuse ---------------------------------------------------------------------
@contextlib.contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    try:
        with disks.small_disk(folder, size) as disk:
            yield disk
    except disks.MountRefused as refused:
        pytest.skip(f"mounting a small tmpfs is not permitted here: {refused}")


def test_a_full_disk_is_a_sentence_and_keeps_the_old_file(tmp_path: Path) -> None:
    # Random texts: ~600 kB as CSV, and still ~300 kB once XLSX has zipped them.
    rows = [[n, secrets.token_hex(100), date(2027, 1, 1)] for n in range(3000)]
    with small_disk(tmp_path / "schijf") as disk:
        old = write_table(disk / "lijst.csv", ["nr", "tekst", "datum"], rows[:3])
        before = old.read_bytes()
        filler = disks.fill(disk, leave_free=64 * 1024)
        for name in ("lijst.csv", "lijst.xlsx"):
            with pytest.raises(TableDiskFull) as refused:
                write_table(disk / name, ["nr", "tekst", "datum"], rows)
            assert "schijf is vol" in refused.value.message()
        assert old.read_bytes() == before
        assert sorted(p.name for p in disk.iterdir() if p != filler) == ["lijst.csv"]


def test_a_read_only_folder_is_a_sentence(tmp_path: Path) -> None:
    with small_disk(tmp_path / "alleen-lezen") as disk:
        done = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("remounting read-only is not permitted here")
        with pytest.raises(TableFolderReadOnly) as refused:
            write_table(disk / "lijst.xlsx", ["a"], [[1]])
        assert "niet schrijven" in refused.value.message()
        assert list(disk.iterdir()) == []
