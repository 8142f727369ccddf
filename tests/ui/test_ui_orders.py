"""Bestellingen: create, mark ordered, receive partially, cancel with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt

from carma_logistiek.domain.orders import OrderStatus
from carma_logistiek.services import orders, overview
from tests.support.actors import person


def test_order_life_cycle(window, qtbot, db, wait_idle, recorded_errors) -> None:
    window.show_screen(2)
    screen = window.orders
    screen.new_order("GNK-MAG")
    dialog = screen.dialog
    qtbot.keyClicks(dialog.supplier, "Draeger Safety Belux")  # QTest types ASCII only
    qtbot.keyClicks(dialog.new_product, "MOND")
    qtbot.keyClicks(dialog.new_quantity, "20")
    qtbot.keyClick(dialog.new_quantity, Qt.Key.Key_Return)  # adds the line, does not save
    assert dialog.isVisible() and dialog.line_inputs() == [("MOND", 20)]
    dialog.accept()
    qtbot.waitUntil(lambda: screen.table.table_model().rowCount() == 1, timeout=3000)
    wait_idle(window)
    number = screen.current_order.number
    assert screen.current_order.status is OrderStatus.REQUESTED

    screen.mark_ordered()
    qtbot.waitUntil(lambda: screen.current_order.status is OrderStatus.ORDERED, timeout=3000)

    screen.receive()
    receive = screen.dialog
    assert receive.quantity.text() == "20"  # what is still outstanding
    receive.quantity.setText("5")
    receive.accept()
    qtbot.waitUntil(
        lambda: screen.current_order.status is OrderStatus.PARTIALLY_DELIVERED, timeout=3000
    )
    model = screen.table.table_model()
    status_column = [c.header for c in model.columns].index("Status")
    assert model.index(0, status_column).data() == "deels geleverd"
    rows = overview.stock_overview(db, location_code="GNK-MAG", search="MOND")
    assert rows[0].quantity == 55
    assert "Geleverd: 5 x Mondstuk alcoholtest" in window.last_booking_label.text()

    screen.cancel()
    cancel = screen.dialog
    cancel.accept()  # no reason: refused inline, nothing changes
    assert cancel.form.error_text("reason") == "Geef een reden op."
    assert orders.get_order(db, number).status is OrderStatus.PARTIALLY_DELIVERED
    qtbot.keyClicks(cancel.reason, "Leverancier levert niet meer")
    qtbot.keyClick(cancel.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.current_order.status is OrderStatus.CANCELLED, timeout=3000)
    assert orders.get_order(db, number).cancel_reason == "Leverancier levert niet meer"

    screen.edit_order()  # a cancelled order cannot be edited
    assert screen.dialog is None
    assert (
        recorded_errors[-1][1] == f"Bestelling {number} is geannuleerd en kan niet meer "
        "gewijzigd worden."
    )


def test_order_needs_supplier_and_lines(window, qtbot) -> None:
    window.show_screen(2)
    window.orders.new_order("GNK-MAG")
    dialog = window.orders.dialog
    dialog.accept()
    assert dialog.form.error_text("lines") == "Een bestelling heeft minstens één bestellijn nodig."
    dialog.new_product.setText("PLS")
    dialog.new_quantity.setText("3")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("supplier")), timeout=3000)
    assert dialog.form.error_text("supplier") == "Vul de leverancier in."


def test_search_and_status_filter(window, qtbot, db, wait_idle) -> None:
    for supplier in ("Lyreco", "Medi-Market"):
        orders.create_order(
            db, supplier=supplier, location_code="GNK-MAG", lines=[("PLS", 2)], actor=person("tester")
        )
    window.show_screen(2)
    screen = window.orders
    screen.refresh()
    qtbot.waitUntil(lambda: screen.table.table_model().rowCount() == 2, timeout=3000)
    qtbot.keyClicks(screen.search, "lyre")
    qtbot.waitUntil(lambda: screen.table.table_model().rowCount() == 1, timeout=3000)
    screen.search.clear()
    screen.status_filter.setCurrentIndex(screen.status_filter.findText("geleverd"))
    qtbot.waitUntil(lambda: screen.table.table_model().rowCount() == 0, timeout=3000)
