"""Bestellingen: create, mark ordered, receive partially, cancel with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt

from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.services import orders
from carma_logistiek.services.stock import overview
from tests.support.actors import person


def test_order_life_cycle(app, qtbot, db, recorded_errors) -> None:
    app.go("orders")
    screen = app.orders
    dialog = screen.new_order("GNK-MAG")
    qtbot.keyClicks(dialog.supplier, "Draeger Safety Belux")  # QTest types ASCII only
    qtbot.keyClicks(dialog.new_product, "MOND")
    qtbot.keyClicks(dialog.new_quantity, "20")
    qtbot.keyClick(dialog.new_quantity, Qt.Key.Key_Return)  # adds the line, does not save
    assert dialog.isVisible() and dialog.line_inputs() == [("MOND", 20)]
    dialog.accept()
    qtbot.waitUntil(lambda: screen.row_count() == 1, timeout=3000)
    app.wait_idle()
    number = screen.current().number
    assert screen.current().status is OrderStatus.REQUESTED

    screen.mark_ordered()
    qtbot.waitUntil(lambda: screen.current().status is OrderStatus.ORDERED, timeout=3000)

    receive = screen.receive()
    assert receive.quantity.text() == "20"  # what is still outstanding
    receive.quantity.setText("5")
    receive.accept()
    qtbot.waitUntil(
        lambda: screen.current().status is OrderStatus.PARTIALLY_DELIVERED, timeout=3000
    )
    assert screen.cell(0, "Status") == "deels geleverd"
    rows = overview.stock_overview(db, location_code="GNK-MAG", search="MOND")
    assert rows[0].quantity == 55
    assert "Geleverd: 5 x Mondstuk alcoholtest" in app.last_booking()

    cancel = screen.cancel()
    cancel.accept()  # no reason: refused inline, nothing changes
    assert cancel.form.error_text("reason") == "Geef een reden op."
    assert orders.get_order(db, number).status is OrderStatus.PARTIALLY_DELIVERED
    qtbot.keyClicks(cancel.reason, "Leverancier levert niet meer")
    qtbot.keyClick(cancel.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.current().status is OrderStatus.CANCELLED, timeout=3000)
    assert orders.get_order(db, number).cancel_reason == "Leverancier levert niet meer"

    assert screen.edit() is None  # a cancelled order cannot be edited
    assert (
        recorded_errors[-1][1] == f"Bestelling {number} is geannuleerd en kan niet meer "
        "gewijzigd worden."
    )


def test_order_needs_supplier_and_lines(app, qtbot) -> None:
    app.go("orders")
    dialog = app.orders.new_order("GNK-MAG")
    dialog.accept()
    assert dialog.form.error_text("lines") == "Een bestelling heeft minstens één bestellijn nodig."
    dialog.new_product.setText("PLS")
    dialog.new_quantity.setText("3")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("supplier")), timeout=3000)
    assert dialog.form.error_text("supplier") == "Vul de leverancier in."


def test_search_and_status_filter(app, qtbot, db) -> None:
    for supplier in ("Lyreco", "Medi-Market"):
        orders.create_order(
            db, supplier=supplier, location_code="GNK-MAG", lines=[("PLS", 2)], actor=person("tester")
        )
    app.go("orders")
    screen = app.orders
    screen.refresh()
    qtbot.waitUntil(lambda: screen.row_count() == 2, timeout=3000)
    screen.type_search("lyre")
    qtbot.waitUntil(lambda: screen.row_count() == 1, timeout=3000)
    screen.clear_search()
    screen.filter_status("geleverd")
    qtbot.waitUntil(lambda: screen.row_count() == 0, timeout=3000)
