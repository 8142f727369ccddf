"""Booking dialogs, driven from the keyboard like a clerk at the counter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services.stock import overview
from tests.support.actors import person


def quantity_at(db, product: str, location: str) -> int:  # type: ignore[no-untyped-def]
    rows = overview.stock_overview(db, location_code=location, search=product)
    return sum(row.quantity for row in rows if row.product_code == product)


def movements(db, product: str) -> list:  # type: ignore[no-untyped-def]
    return overview.movement_history(db, product_code=product)


def open_pickup(app, location: str = "GNK-MAG"):  # type: ignore[no-untyped-def]
    app.stock.choose_location(location)
    app.press(Qt.Key.Key_F3)
    return app.wait_dialog()


def test_keyboard_only_pickup_books_and_updates_screen(app, qtbot, db) -> None:
    dialog = open_pickup(app)
    assert dialog.windowTitle() == "Afhaling"
    assert dialog.focusWidget() is dialog.product
    qtbot.keyClicks(dialog.product, "SPT")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.quantity_edit, "\b2")  # replace the default 1
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    assert not dialog.isVisible()
    assert quantity_at(db, "SPT", "GNK-MAG") == 18
    newest = movements(db, "SPT")[0]
    # FEFO skipped the expired lot, and the ledger says who booked it.
    assert (newest.kind, newest.quantity, newest.lot_number) == (MovementKind.PICKUP, -2, "L-NEW")
    assert newest.recorded_by == "tester"
    qtbot.waitUntil(lambda: "Afgehaald" in app.last_booking(), timeout=2000)
    assert app.last_booking() == "Afgehaald: 2 x Speekseltest — Magazijn Genk"


def test_product_by_gtin_and_recipient(app, qtbot, db) -> None:
    from carma_logistiek.services import masterdata

    masterdata.create_location(db, code="VITO-01", name="Mercedes Vito 1", kind="vehicle",
                               parent_code="GNK", actor=person("t"))
    dialog = open_pickup(app)
    qtbot.keyClicks(dialog.product, "5410000000019")  # what a barcode scanner types
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    dialog.recipient.setText("vehicle:VITO-01")
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    assert movements(db, "SPT")[0].recipient == "vehicle:VITO-01"


def test_too_large_quantity_is_refused_inline_and_books_nothing(app, qtbot, db) -> None:
    before = len(movements(db, "MOND"))
    dialog = open_pickup(app)
    qtbot.keyClicks(dialog.product, "MOND")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.quantity_edit, "\b999")
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("quantity")), timeout=3000)
    assert dialog.form.error_text("quantity").startswith("Onvoldoende voorraad: er is 50 stuk")
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.quantity_edit
    assert len(movements(db, "MOND")) == before
    assert quantity_at(db, "MOND", "GNK-MAG") == 50


def test_empty_product_and_bad_quantity_are_caught_before_the_database(app, qtbot) -> None:
    dialog = open_pickup(app)
    qtbot.keyClick(dialog.product, Qt.Key.Key_Return)
    assert "Kies een product" in dialog.form.error_text("product")
    dialog.product.setText("MOND")
    dialog.quantity_edit.setText("abc")
    dialog.accept()
    assert "geheel getal groter dan nul" in dialog.form.error_text("quantity")
    assert dialog.form.error_text("product") == ""


def test_expired_lot_needs_a_reason(app, qtbot, db) -> None:
    dialog = open_pickup(app)
    qtbot.keyClicks(dialog.product, "SPT")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.lots_loaded_count > 0, timeout=3000)
    # The FEFO suggestion is the good lot; the clerk picks the expired one on purpose.
    assert dialog.lot.currentData() == "L-NEW"
    dialog.lot.setCurrentIndex(dialog.lot.findData("L-OLD"))
    assert dialog.reason.isVisibleTo(dialog)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("lot")), timeout=3000)
    assert "is vervallen sinds" in dialog.form.error_text("lot")
    assert quantity_at(db, "SPT", "GNK-MAG") == 20
    qtbot.keyClicks(dialog.reason, "Oefening, geen echte controle")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    newest = movements(db, "SPT")[0]
    assert (newest.lot_number, newest.override_reason) == ("L-OLD", "Oefening, geen echte controle")


def test_double_enter_books_once(app, qtbot, db) -> None:
    before = len(movements(db, "MOND"))
    dialog = open_pickup(app)
    dialog.product.setText("MOND")
    dialog.accept()
    dialog.accept()  # second Enter while the first is on its way
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    assert len(movements(db, "MOND")) == before + 1
    # A retry with the dialog's key (say after a lost connection) replays, never books twice.
    from carma_logistiek.services import stock

    replay = stock.record_pickup(
        db, product_code="MOND", location_code="GNK-MAG", quantity=1, actor=person("tester"), key=dialog.key
    )
    assert replay.replayed
    assert len(movements(db, "MOND")) == before + 1


def test_delivery_transfer_count_and_write_off(app, qtbot, db) -> None:
    def book(kind: str, fill) -> None:  # type: ignore[no-untyped-def]
        app.stock.choose_location("GNK-MAG")
        dialog = app.open_booking(kind)
        fill(dialog)
        dialog.product.editingFinished.emit()
        app.wait_idle()
        dialog.accept()
        qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)

    def delivery(d) -> None:  # type: ignore[no-untyped-def]
        d.product.setText("SPT")
        d.quantity_edit.setText("5")
        d.lot_edit.setText("L-2030")
        d.expiry.setText("31/12/2030")

    book("delivery", delivery)
    assert quantity_at(db, "SPT", "GNK-MAG") == 25

    def transfer(d) -> None:  # type: ignore[no-untyped-def]
        d.product.setText("MOND")
        d.to_location.set_code("BRE-MAG")
        d.quantity_edit.setText("7")

    book("transfer", transfer)
    assert quantity_at(db, "MOND", "BRE-MAG") == 7

    def count(d) -> None:  # type: ignore[no-untyped-def]
        d.product.setText("MOND")
        d.counted.setText("40")

    book("count", count)
    assert quantity_at(db, "MOND", "GNK-MAG") == 40

    def write_off(d) -> None:  # type: ignore[no-untyped-def]
        d.product.setText("SPT")

    book("write_off", write_off)
    assert quantity_at(db, "SPT", "GNK-MAG") == 15  # the 10 expired ones are gone
    assert app.last_booking() == "Afgeboekt: 10 x Speekseltest — Magazijn Genk"


def test_delivery_without_expiry_is_refused_next_to_the_field(app, qtbot) -> None:
    dialog = app.open_booking("delivery")
    dialog.product.setText("SPT")
    dialog.quantity_edit.setText("5")
    dialog.lot_edit.setText("NEW-LOT")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("expiry")), timeout=3000)
    assert "vervaldatum" in dialog.form.error_text("expiry")
    dialog.expiry.setText("31/02/2030")
    dialog.accept()
    assert "Ongeldige datum" in dialog.form.error_text("expiry")
