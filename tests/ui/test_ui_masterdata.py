"""Stamgegevens from the keyboard: a location tree, a product with a GTIN, a supplier and a
minimum, an edit, a duplicate code refused at its field, and retiring a location that still
holds stock (it asks where the stock goes)."""

from __future__ import annotations

import pytest
from pages.masterdata import MasterdataPage
from PySide6.QtCore import Qt

from carma_logistiek.domain.access import Permission
from carma_logistiek.services import masterdata
from carma_logistiek.services.stock.overview import stock_overview
from tests.support.actors import TESTER
from ui.masterdata.dialogs import (
    MoveLocationDialog,
    NewLocationDialog,
    RenameLocationDialog,
    RetireLocationDialog,
    SupplierDialog,
)
from ui.masterdata.product_dialog import ProductDialog

pytestmark = pytest.mark.usefixtures("window")


@pytest.fixture
def page(app) -> MasterdataPage:  # type: ignore[no-untyped-def]
    return MasterdataPage(app).open()


def test_a_location_tree_is_made_and_renamed_from_the_keyboard(page, db) -> None:
    page.locations_tab()
    page.select_location("CARMA")
    page.key(Qt.Key.Key_Insert)
    dialog = page.wait_dialog(NewLocationDialog)
    assert dialog.focusWidget() is dialog.code  # the cursor starts in the first field
    assert dialog.kind.currentData() == "site"  # under the zone: a site
    page.type("hslt")
    page.tab_key()
    page.type("Hasselt")
    page.enter()
    page.wait_closed(dialog)
    assert page.screen.locations.selected_code() == "HSLT"  # the new place is selected
    page.screen.locations.tree.setFocus()
    page.key(Qt.Key.Key_Insert)
    dialog = page.wait_dialog(NewLocationDialog)
    assert dialog.kind.currentData() == "storeroom"  # under a site: a storeroom
    page.type("HSLT-MAG")
    page.tab_key()
    page.type("Magazijn Hasselt")
    page.enter()
    page.wait_closed(dialog)
    assert (1, "Hasselt") in page.tree_names()
    names = page.tree_names()
    assert names[names.index((1, "Hasselt")) + 1] == (2, "Magazijn Hasselt")
    # F2 renames the selected place (not a delivery, as elsewhere in the window).
    page.select_location("HSLT-MAG")
    page.key(Qt.Key.Key_F2)
    dialog = page.wait_dialog(RenameLocationDialog)
    page.type("Magazijn Hasselt-centrum")  # the old name is selected: typing replaces it
    page.enter()
    page.wait_closed(dialog)
    rows = {row.code: row for row in masterdata.list_locations(db)}
    assert rows["HSLT-MAG"].name == "Magazijn Hasselt-centrum"
    assert rows["HSLT-MAG"].parent_code == "HSLT"
    # The pickers of every other dialog know the new place at once.
    assert page.app.context.location("HSLT-MAG") is not None


def test_a_product_with_a_gtin_a_supplier_and_a_minimum_from_the_keyboard(page, db) -> None:
    masterdata.create_supplier(db, code="MEDI", values=masterdata.SupplierValues(
        name="Medisupply NV"), actor=TESTER)
    page.products_tab()
    page.key(Qt.Key.Key_Insert)
    dialog = page.wait_dialog(ProductDialog)
    assert dialog.focusWidget() is dialog.code
    page.type("hdl")
    page.tab_key()
    page.type("Handschoenen nitril")
    page.tab_key()
    page.type("EHBO")
    page.key(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Barcodes
    page.type("5410000000026")
    page.enter()  # a scanner's Enter adds the code; it does not save
    assert dialog.isVisible()
    assert dialog.gtins.gtins() == ("5410000000026",)
    page.key(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Leveranciers
    page.type("Medi")
    page.tab_key()
    page.type("NIT-100")
    page.tab_key()
    page.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.type("100")
    page.enter()
    assert [link.supplier_code for link in dialog.suppliers.links()] == ["MEDI"]
    page.key(Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # Minimum per locatie
    page.type("Magazijn")  # typing jumps to the first match (Bree), Down to the next
    page.key(Qt.Key.Key_Down)
    assert dialog.minimums.location.code() == "GNK-MAG"
    page.tab_key()
    page.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.type("5")
    page.tab_key()
    page.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.type("20")
    page.enter()
    assert [(limit.location_code, limit.minimum, limit.maximum)
            for limit in dialog.minimums.limits()] == [("GNK-MAG", 5, 20)]
    page.key(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # back to the GTIN field
    page.enter()  # empty: Enter saves, from any tab
    page.wait_closed(dialog)
    details = masterdata.get_product_details(db, "HDL")
    assert details.name == "Handschoenen nitril"
    assert details.category == "EHBO"
    assert details.gtins == ("5410000000026",)
    assert [(s.supplier_code, s.reference, s.pack_size, s.preferred)
            for s in details.suppliers] == [("MEDI", "NIT-100", 100, True)]
    assert [(m.location_code, m.minimum, m.maximum) for m in details.minimums] == [
        ("GNK-MAG", 5, 20)]
    assert "HDL" in page.product_codes()
    assert page.screen.products.selected_code() == "HDL"


def test_editing_a_product_keeps_its_code_and_changes_its_name(page, db) -> None:
    page.products_tab()
    page.select_product("PLS")
    page.enter()  # Enter opens the selected product
    dialog = page.wait_dialog(ProductDialog)
    assert dialog.code.isReadOnly()
    assert "etiketten" in dialog.code.toolTip()
    assert not dialog.unit.isEnabled()  # stock was booked in it: the unit is fixed
    assert dialog.focusWidget() is dialog.name
    page.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.type("Pleisters assorti")
    page.enter()
    page.wait_closed(dialog)
    assert masterdata.get_product_details(db, "PLS").name == "Pleisters assorti"
    page.qtbot.waitUntil(lambda: any(
        row.name == "Pleisters assorti" for row in page.screen.products.table.table_model().rows()),
        timeout=5000)


def test_a_duplicate_code_is_said_at_the_field_and_nothing_is_saved(page, db) -> None:
    before = masterdata.list_products(db, include_retired=True)
    page.products_tab()
    page.key(Qt.Key.Key_Insert)
    dialog = page.wait_dialog(ProductDialog)
    page.type("SPT")
    page.tab_key()
    page.type("Nog een speekseltest")
    page.enter()
    page.app.wait_idle()
    assert dialog.isVisible()
    assert "SPT" in dialog.error_text("code") and "bestaat al" in dialog.error_text("code")
    assert dialog.tabs.currentIndex() == 0
    assert masterdata.list_products(db, include_retired=True) == before
    assert page.app.context.services.prompts.errors == []  # the sentence, not a message box


def test_retiring_a_location_with_stock_asks_where_the_stock_goes(page, db) -> None:
    page.locations_tab()
    page.select_location("BRE-MAG")
    page.key(Qt.Key.Key_Delete)
    dialog = page.wait_dialog(RetireLocationDialog)
    question = page.app.context.services.prompts.questions[-1]
    assert question.destructive and "Magazijn Bree" in question.text
    assert "voorraad" in dialog.intro.text()  # the service's sentence, with the numbers
    page.enter()  # Enter is Annuleren here: nothing happens by a stray key
    page.wait_closed(dialog)
    assert "BRE-MAG" in {row.code for row in masterdata.list_locations(db)}
    page.select_location("BRE-MAG")
    page.key(Qt.Key.Key_Delete)
    dialog = page.wait_dialog(RetireLocationDialog)
    dialog.target.set_code("GNK-MAG")
    dialog.ok_button.click()
    page.wait_closed(dialog)
    assert "BRE-MAG" not in {row.code for row in masterdata.list_locations(db)}
    levels = {(row.product_code, row.location_code): row.quantity
              for row in stock_overview(db)}
    assert levels.get(("PLS", "GNK-MAG")) == 5
    assert not levels.get(("PLS", "BRE-MAG"))


def test_a_supplier_from_the_keyboard_and_a_wrong_email_said_at_its_field(page, db) -> None:
    page.suppliers_tab()
    page.key(Qt.Key.Key_Insert)
    dialog = page.wait_dialog(SupplierDialog)
    page.type("medi")
    page.tab_key()
    page.type("Medisupply NV")
    page.tab_key()
    page.type("An Peeters")
    page.tab_key()
    page.type("an.peeters")  # no @: refused, nothing saved
    page.enter()
    page.app.wait_idle()
    assert dialog.isVisible()
    assert "e-mailadres" in dialog.form.error_text("email")
    assert masterdata.list_suppliers(db, include_retired=True) == []
    assert dialog.focusWidget() is dialog.email  # the cursor is where the fix goes
    page.type("an@medisupply.be")
    page.tab_key(3)  # telefoon, klantnummer, levertermijn
    page.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    page.type("5")
    page.enter()
    page.wait_closed(dialog)
    supplier = masterdata.get_supplier(db, "MEDI")
    assert (supplier.name, supplier.contact, supplier.email, supplier.lead_time_days) == (
        "Medisupply NV", "An Peeters", "an@medisupply.be", 5)
    assert page.screen.suppliers.selected_code() == "MEDI"


def test_esc_with_unsaved_changes_asks_before_throwing_them_away(page, db) -> None:
    prompts = page.app.context.services.prompts
    page.products_tab()
    page.select_product("MOND")
    page.enter()
    dialog = page.wait_dialog(ProductDialog)
    page.key(Qt.Key.Key_Escape)  # nothing changed: closes at once
    page.wait_closed(dialog)
    assert prompts.questions == []
    page.select_product("MOND")
    page.enter()
    dialog = page.wait_dialog(ProductDialog)
    page.type(" (oud model)")
    prompts.answer = False  # "Verder bewerken"
    page.key(Qt.Key.Key_Escape)
    assert dialog.isVisible() and prompts.questions[-1].destructive
    prompts.answer = True
    page.key(Qt.Key.Key_Escape)
    page.wait_closed(dialog)
    assert masterdata.get_product_details(db, "MOND").name == "Mondstuk alcoholtest"


def test_without_the_right_to_edit_everything_shows_and_nothing_changes(
        monkeypatch, open_app, database_url, qtbot) -> None:
    from ui.shell.context import AppContext

    monkeypatch.setattr(AppContext, "may",
                        lambda self, permission: permission != Permission.MASTERDATA_EDIT)
    app = open_app(database_url)
    page = MasterdataPage(app).open()
    assert page.screen.readonly_note.isVisible()
    page.products_tab()
    assert not page.screen.products.new_button.isEnabled()
    page.key(Qt.Key.Key_Insert)
    qtbot.wait(200)
    assert app.window.dialog is None  # Ins makes nothing
    page.select_product("SPT")
    page.enter()
    dialog = page.wait_dialog(ProductDialog)  # shown, to read
    assert dialog.name.isReadOnly() and not dialog.save_button.isEnabled()
    dialog.reject()
    app.close()


def test_a_location_moves_under_another_parent(page, db) -> None:
    page.locations_tab()
    page.select_location("BRE-MAG")
    page.screen.locations.ask_move()
    dialog = page.wait_dialog(MoveLocationDialog)
    offered = [dialog.parent_combo.itemData(i) for i in range(dialog.parent_combo.count())]
    assert "BRE-MAG" not in offered  # never under itself
    dialog.parent_combo.set_code("GNK")
    page.enter()
    page.wait_closed(dialog)
    rows = {row.code: row for row in masterdata.list_locations(db)}
    assert rows["BRE-MAG"].parent_code == "GNK"
    names = page.tree_names()
    assert names[names.index((1, "Genk")) + 1:names.index((1, "Genk")) + 3] == [
        (2, "Magazijn Bree"), (2, "Magazijn Genk")]


def test_a_photo_is_chosen_shown_and_saved(page, db, fakes, tmp_path) -> None:
    from PySide6.QtGui import QColor, QImage

    photo = tmp_path / "spt.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#1565c0"))
    image.save(str(photo))
    not_a_photo = tmp_path / "lijst.png"
    not_a_photo.write_text("code;naam\n", encoding="utf-8")
    page.products_tab()
    page.select_product("SPT")
    page.enter()
    dialog = page.wait_dialog(ProductDialog)
    page.key(Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    fakes.file_dialogs.open = str(not_a_photo)
    dialog.photo.choose_button.click()
    assert "geen afbeelding" in dialog.error_text("photo")
    fakes.file_dialogs.open = str(photo)
    dialog.photo.choose_button.click()
    assert dialog.error_text("photo") == ""
    assert not dialog.photo.thumbnail.pixmap().isNull()
    dialog.save_button.click()
    page.wait_closed(dialog)
    assert masterdata.get_product_details(db, "SPT").has_photo
    assert masterdata.product_photo(db, "SPT") is not None
