"""Issue 10's "done": a zone starts on an empty real database, reads its lists in from one
workbook (a bad row shown and not imported, fixed in "Excel", read again), books a delivery
and a pickup in the window, reverses the pickup, and finds the stock, the history and the
consumption chart telling the same story."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from pages import AppPage
from pages.consumption import ConsumptionPage
from pages.imports import ImportPage
from pages.reversal import ReverseDialogPage, RowMenuPage

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import masterdata
from carma_logistiek.services.stock.overview import movement_history, stock_overview
from ui.stock.product_detail import ProductDetailDialog
from ui.stock.reverse_dialog import ReverseBookingDialog

GOOD_GTIN = "5412345678908"
BAD_GTIN = "5412345678901"  # a wrong check digit, as a typo in a spreadsheet makes


@pytest.fixture
def empty_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A real database (not the demo), migrated and empty."""
    path = tmp_path / "zone.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def zone_lists(path: Path, *, gtin: str) -> Path:
    """The zone's lists as a logistics clerk keeps them: one workbook, a sheet per list."""
    book = openpyxl.Workbook()
    locations = book.active
    assert locations is not None
    locations.title = "Locaties"
    locations.append(["Code", "Naam", "Soort", "Hoort onder"])
    # A child before its parent: the order people happen to type them in.
    locations.append(["VRN-MAG", "Magazijn Voeren", "magazijn", "VRN"])
    locations.append(["PZV", "Politiezone Voeren", "zone", None])
    locations.append(["VRN", "Commissariaat Voeren", "site", "PZV"])
    products = book.create_sheet("Producten")
    products.append(["Code", "Naam", "Categorie", "Eenheid", "Vervaldatum", "GTIN"])
    products.append(["SPT", "Speekseltest", "Drugtesten", "stuk", "ja", gtin])
    products.append(["HSK-M", "Handschoenen nitril M", "Hygiëne", "doos", "nee", None])
    book.save(path)
    return path


def open_import(app: AppPage, window, qtbot) -> ImportPage:  # type: ignore[no-untyped-def]
    if window.first_start is not None and window.first_start.isVisible():
        window.first_start.import_button.click()  # the welcome's first way in
    else:
        window.import_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None
                    and window.import_dialog.isVisible(), timeout=5000)
    page = ImportPage(app, window.import_dialog)
    page.idle()
    return page


def consumed_this_month(chart: ConsumptionPage) -> float:
    """The chart's bars for the current month, summed over its series."""
    return sum(heights[-1] for heights in chart.bars().values())


def level(db: Database, product: str, location: str) -> int:
    rows = stock_overview(db, location_code=location, search=product)
    return sum(row.quantity for row in rows if row.product_code == product)


def test_a_new_zone_from_an_empty_database_to_a_consistent_story(  # type: ignore[no-untyped-def]
        open_window, empty_url, qtbot, fakes, tmp_path) -> None:
    window = open_window(empty_url)
    app = AppPage(window, qtbot)
    assert window.first_start is not None and window.stack.currentWidget() is window.first_start
    workbook = zone_lists(tmp_path / "lijsten.xlsx", gtin=BAD_GTIN)
    fakes.file_dialogs.open = str(workbook)
    db = Database(empty_url)  # a second handle: the window's own lives on its worker
    try:
        # 1. The locations, from the welcome's "Lijsten importeren…".
        page = open_import(app, window, qtbot)
        page.choose_kind("Locaties")
        page.choose_file()
        page.press_enter()  # Voorbeeld tonen
        assert page.counts() == "3 rijen: 3 goed, 0 geweigerd"
        page.press_enter()  # Importeren
        assert page.result() == "3 rijen ingelezen."
        page.press_enter()  # Sluiten
        assert [row.code for row in masterdata.list_locations(db)] == ["PZV", "VRN", "VRN-MAG"]
        qtbot.waitUntil(lambda: window.first_start is None
                        or not window.first_start.isVisible(), timeout=5000)

        # 2. The products: the bad GTIN is shown and nothing is imported.
        page = open_import(app, window, qtbot)
        page.choose_kind("Producten")
        page.choose_file()
        page.press_enter()
        assert page.counts() == "2 rijen: 1 goed, 1 geweigerd"
        line, badge, reason = page.preview_rows()[0]  # refused rows first
        assert (line, badge) == ("2", "Geweigerd") and BAD_GTIN in reason
        assert page.default_button() is page.dialog.reread_button  # Enter does not import
        assert masterdata.list_products(db) == []
        # Fixed in Excel and saved; "Opnieuw lezen" (Enter), then import.
        zone_lists(workbook, gtin=GOOD_GTIN)
        page.press_enter()
        assert page.counts() == "2 rijen: 2 goed, 0 geweigerd"
        page.press_enter()
        assert page.result() == "2 rijen ingelezen."
        page.press_enter()
        assert {row.code for row in masterdata.list_products(db)} == {"SPT", "HSK-M"}
        assert masterdata.get_product_details(db, "SPT").gtins == (GOOD_GTIN,)

        # 3. A delivery and a pickup through the window's dialogs.
        app.go("stock")
        qtbot.waitUntil(lambda: "VRN-MAG" in [row.code for row in window.context.locations],
                        timeout=5000)
        app.stock.choose_location("VRN-MAG")

        def book(kind: str, fill) -> None:  # type: ignore[no-untyped-def]
            dialog = app.open_booking(kind)
            fill(dialog)
            dialog.product.editingFinished.emit()
            app.wait_idle()
            dialog.accept()
            qtbot.waitUntil(lambda: dialog.booking is not None, timeout=5000)

        def delivery(dialog) -> None:  # type: ignore[no-untyped-def]
            dialog.product.setText(GOOD_GTIN)  # what the scanner types from the box
            dialog.quantity_edit.setText("50")
            dialog.lot_edit.setText("L2611")
            dialog.expiry.setText("30/06/2030")

        def pickup(dialog) -> None:  # type: ignore[no-untyped-def]
            dialog.product.setText("SPT")
            dialog.quantity_edit.setText("6")

        book("delivery", delivery)
        book("pickup", pickup)
        assert level(db, "SPT", "VRN-MAG") == 44
        chart = ConsumptionPage(window, qtbot)
        app.go("consumption")
        chart.ask(product="SPT", period="month")
        assert consumed_this_month(chart) == 6
        assert chart.table()[-1][-1] == "6"  # the table under the chart: this month's total
        app.go("stock")

        # 4. The pickup was a mistake: reversed from the product's history, by keyboard.
        window.context.open_product_requested.emit("SPT", "")
        detail = app.wait_dialog()
        assert isinstance(detail, ProductDetailDialog)
        qtbot.waitUntil(lambda: detail.detail is not None, timeout=5000)
        detail.movements.selectRow(0)  # the newest line: the pickup
        RowMenuPage(qtbot, detail.movements).choose_by_key("Boeking terugdraaien…")
        qtbot.waitUntil(lambda: isinstance(app.dialog, ReverseBookingDialog), timeout=5000)
        reverse = ReverseDialogPage(qtbot, app.dialog)
        reverse.wait_loaded()
        reverse.type_reason("verkeerde doos genomen")
        reverse.press_enter()
        qtbot.waitUntil(lambda: level(db, "SPT", "VRN-MAG") == 50, timeout=5000)
        app.wait_idle()
        detail.reject()

        # 5. The story agrees: stock, history and the consumption chart.
        history = movement_history(db, product_code="SPT")
        pickups = [m for m in history if m.kind is MovementKind.PICKUP]
        assert sorted(m.quantity for m in pickups) == [-6, 6]
        original = next(m for m in pickups if m.quantity == -6)
        storno = next(m for m in pickups if m.quantity == 6)
        assert original.reversed_by == storno.booking_id
        assert storno.reverses == original.booking_id
        assert [m.kind for m in history if m.kind is MovementKind.DELIVERY] == [
            MovementKind.DELIVERY]
        assert level(db, "SPT", "VRN-MAG") == 50
        # The chart: the storno puts the 6 back in the month of the pickup it reverses.
        app.go("consumption")
        chart.ask(product="SPT", period="month")
        assert consumed_this_month(chart) == 0
        assert [row[-1] for row in chart.table()] == ["0"] * len(chart.table())
    finally:
        db.dispose()
    window.close()
