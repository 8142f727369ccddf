"""Bestand > Importeren… (Ctrl+Shift+I): a booking file with one refused row, previewed and
confirmed; a minimums workbook with a bad row, fixed in "Excel", read again and imported; a file
that cannot be read is a sentence in the dialog."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pages import AppPage
from pages.imports import ImportPage
from sqlalchemy import select

from carma_logistiek.db.models import Location, Product, ProductMinimum
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.changes import Changes
from carma_logistiek.services.stock.overview import stock_overview
from ui.shell.services import AppServices


def level(db: Database, product: str, location: str) -> int:
    rows = stock_overview(db, location_code=location, search=product)
    return sum(row.quantity for row in rows if row.product_code == product)


def minimums(db: Database) -> dict[tuple[str, str], int]:
    with db.read() as session:
        rows = session.execute(
            select(Product.code, Location.code, ProductMinimum.minimum)
            .join(Product, Product.id == ProductMinimum.product_id)
            .join(Location, Location.id == ProductMinimum.location_id)).all()
    return {(product, location): minimum for product, location, minimum in rows}


def test_a_booking_file_with_one_refused_row_books_exactly_the_good_rows(
        app: AppPage, fakes: AppServices, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "boekingen.csv"
    # As Excel in Belgium saves it: semicolons, Windows-1252, CRLF.
    path.write_bytes("soort;artikel;locatie;aantal;opmerking\r\n"
                     "levering;MOND;GNK-MAG;5;café\r\n"
                     "afhaling;MOND;GNK-MAG;2;\r\n"
                     "afhaling;PLS;BRE-MAG;99;\r\n".encode("cp1252"))
    fakes.file_dialogs.open = str(path)  # type: ignore[attr-defined]
    heard: list[Changes] = []
    app.context.changed.connect(heard.append)
    page = ImportPage.open_from_menu(app)
    assert page.kinds()[0] == "Boekingen" and "Minimumvoorraden" in page.kinds()
    page.choose_kind("Boekingen")
    page.choose_file()
    assert page.step().startswith("Stap 2 van 4")
    assert (page.column_of("kind"), page.column_of("product"), page.column_of("qty")) == (
        "soort", "artikel", "aantal")
    assert page.column_of("lot") == "(niet gebruikt)"
    assert page.sample_rows() == 3
    page.press_enter()  # Voorbeeld tonen
    assert page.counts() == "3 rijen: 2 goed, 1 geweigerd"
    line, badge, reason = page.preview_rows()[0]  # refused rows first
    assert (line, badge) == ("4", "Geweigerd") and "Onvoldoende voorraad" in reason
    assert page.default_button() is page.dialog.reread_button  # Enter does not import
    assert level(db, "MOND", "GNK-MAG") == 50  # the preview kept nothing
    assert page.dialog.import_button.text() == "Importeer de 2 goede rijen…"
    page.click(page.dialog.import_button)
    [question] = fakes.prompts.questions  # type: ignore[attr-defined]
    assert "1 rij werd geweigerd en wordt NIET ingelezen" in question.text
    assert question.yes == "Importeer de 2 goede rijen"
    assert page.step().startswith("Stap 4 van 4")
    assert page.result() == "2 rijen ingelezen. 1 rij niet (geweigerd)."
    assert level(db, "MOND", "GNK-MAG") == 53 and level(db, "PLS", "BRE-MAG") == 5
    assert any(("MOND", "GNK-MAG") in changes.stock for changes in heard)
    page.press_enter()  # Sluiten
    assert not page.dialog.isVisible()


def _minimums_workbook(path: Path, bad: object) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([])  # Excel lists often start with an empty line
    sheet.append(["Artikelcode", "Magazijn", "Bestelpunt"])
    sheet.append(["SPT", "GNK-MAG", 12.0])
    sheet.append(["MOND", "GNK-MAG", bad])
    sheet.append(["PLS", "BRE-MAG", 0])
    book.save(path)
    return path


def test_minimums_bad_row_shown_fixed_read_again_and_imported(
        app: AppPage, fakes: AppServices, db: Database, tmp_path: Path) -> None:
    path = _minimums_workbook(tmp_path / "minima.xlsx", "veel")
    fakes.file_dialogs.open = str(path)  # type: ignore[attr-defined]
    page = ImportPage.open_from_menu(app)
    page.choose_kind("Minimumvoorraden")
    page.choose_file()
    assert page.column_of("minimum") == "Bestelpunt"
    page.press_enter()
    assert page.counts() == "3 rijen: 2 goed, 1 geweigerd"
    assert page.preview_rows()[0] == (
        "4", "Geweigerd", "Kolom Bestelpunt: 'veel' is geen geldige waarde; geef een geheel "
        "getal, 0 of meer.")
    assert minimums(db) == {("PLS", "BRE-MAG"): 10}
    _minimums_workbook(path, 30)  # fixed in Excel and saved
    page.press_enter()  # Opnieuw lezen: the default while a row is refused
    assert page.counts() == "3 rijen: 3 goed, 0 geweigerd"
    assert page.default_button() is page.dialog.import_button
    page.press_enter()  # Importeren: no question when every row is good
    assert not fakes.prompts.questions  # type: ignore[attr-defined]
    assert page.result() == "3 rijen ingelezen."
    # "minimum 0" cleared Bree's plasters.
    assert minimums(db) == {("SPT", "GNK-MAG"): 12, ("MOND", "GNK-MAG"): 30}


def test_a_file_that_cannot_be_read_is_a_sentence_in_the_dialog(
        app: AppPage, fakes: AppServices, tmp_path: Path) -> None:
    old = tmp_path / "oud.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    fakes.file_dialogs.open = str(old)  # type: ignore[attr-defined]
    page = ImportPage.open_from_menu(app)
    page.choose_file()
    assert page.step().startswith("Stap 1 van 4")
    assert "oud Excel-bestand (.xls)" in page.error()
    assert not fakes.prompts.errors  # type: ignore[attr-defined]
    page.qtbot.keyClick(page.dialog, page_key_escape())
    assert not page.dialog.isVisible()


def page_key_escape():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Key.Key_Escape
