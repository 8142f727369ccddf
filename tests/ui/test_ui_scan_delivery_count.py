"""Levering and Telling by scanning, and a scan screen without a camera."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from scan_support import label

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import masterdata
from carma_logistiek.services.scans import link_gtin
from carma_logistiek.services.stock import counting, overview
from tests.support.actors import person
from ui.camera.worker import CameraSettings


@pytest.fixture
def answers(fakes):  # type: ignore[no-untyped-def]
    return fakes.prompts


@pytest.fixture
def scan_window(app):  # type: ignore[no-untyped-def]
    app.go("scan")
    return app


def scan(page, qtbot, text: str) -> bool:  # type: ignore[no-untyped-def]
    return page.scan(text)


def ean13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def test_gs1_code_fills_lot_and_expiry_and_books_a_delivery(scan_window, qtbot, db) -> None:
    gtin = ean13("541000000001")  # the test catalogue's GTIN has a wrong check digit
    link_gtin(db, product_code="SPT", gtin=gtin, actor=person("tester"))
    box = f"(01)0{gtin}(17)281130(10)LOT-77"
    screen = scan_window.scan  # the scan page
    screen.mode("delivery")
    panel = screen.delivery
    assert scan(screen, qtbot, label("LOCATION", "BRE-MAG"))
    assert scan(screen, qtbot, box)
    assert panel.product.code == "SPT"
    assert (panel.lot_edit.text(), panel.expiry_edit.text()) == ("LOT-77", "30/11/2028")
    assert panel.quantity_edit.text() == "1"
    assert scan(screen, qtbot, box)  # a second box: one more
    assert panel.quantity_edit.text() == "2"
    panel.quantity_edit.setText("12")
    qtbot.keyClick(panel.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.product is None, timeout=3000)
    move = overview.movement_history(db, product_code="SPT")[0]
    assert (move.kind, move.quantity, move.lot_number) == (MovementKind.DELIVERY, 12, "LOT-77")
    assert move.location_code == "BRE-MAG"
    assert screen.message().startswith("Geleverd: 12 x Speekseltest")


def test_unknown_gtin_is_linked_then_delivered(scan_window, qtbot, db) -> None:
    screen = scan_window.scan  # the scan page
    screen.mode("delivery")
    gtin = ean13("541000000099")
    assert scan(screen, qtbot, label("LOCATION", "GNK-MAG"))
    assert not scan(screen, qtbot, gtin)
    assert f"Streepjescode {gtin} is aan geen enkel product gekoppeld" in screen.message()
    assert screen.link_offered()
    dialog = screen.open_link_dialog()
    qtbot.keyClicks(dialog.product, "MOND")
    with qtbot.waitSignal(screen.handled, timeout=3000):
        dialog.accept()
    qtbot.waitUntil(lambda: screen.delivery.product is not None, timeout=3000)
    assert screen.delivery.product.code == "MOND"
    screen.delivery.quantity_edit.setText("5")
    qtbot.keyClick(screen.delivery.quantity_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.delivery.product is None, timeout=3000)
    move = overview.movement_history(db, product_code="MOND")[0]
    assert (move.kind, move.quantity) == (MovementKind.DELIVERY, 5)
    assert masterdata.get_product(db, "MOND").gtin == gtin


def test_count_books_missing_and_unexpected_and_remembers(scan_window, qtbot, db, answers):
    screen = scan_window.scan  # the scan page
    screen.mode("count")
    panel = screen.count
    assert scan(screen, qtbot, label("LOCATION", "GNK-MAG"))
    qtbot.waitUntil(lambda: panel.sheet is not None, timeout=3000)
    assert panel.last_label.text().endswith("Nog nooit geteld")
    assert {(d.product_code, d.lot_number) for d in panel.differences} == {
        ("SPT", "L-OLD"),
        ("SPT", "L-NEW"),
        ("MOND", ""),
    }
    for _i in range(3):
        assert scan(screen, qtbot, label("LOT", "SPT", "L-NEW"))
    assert scan(screen, qtbot, label("PRODUCT", "PLS"))  # lies in Bree: unexpected here
    assert not scan(screen, qtbot, label("PRODUCT", "SPT"))  # two lots: scan the lot label
    states = {(d.product_code, d.lot_number): d.state for d in panel.differences}
    assert states == {
        ("SPT", "L-OLD"): "missing",
        ("SPT", "L-NEW"): "short",
        ("MOND", ""): "missing",
        ("PLS", ""): "unexpected",
    }
    assert panel.table.item(0, 4).data(Qt.ItemDataRole.UserRole + 1)[0] in (
        "ontbreekt",
        "te weinig",
    )
    screen.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.sheet is not None and not panel.found, timeout=5000)
    assert "4 verschillen" in answers.asked[-1]
    sheet = counting.count_sheet(db, "GNK-MAG")
    assert sheet.last_counted_by == "tester"
    assert {(line.product_code, line.lot_number): line.expected for line in sheet.expected} == {
        ("SPT", "L-NEW"): 3,
        ("PLS", ""): 1,
    }
    qtbot.waitUntil(lambda: "door tester" in panel.last_label.text(), timeout=3000)


def test_missing_camera_is_shown_and_the_wedge_still_works(scan_window, qtbot, db) -> None:
    screen = scan_window.scan  # the scan page
    screen.use_camera(CameraSettings(source=7))
    qtbot.waitUntil(lambda: screen.camera_state() == "missing", timeout=5000)
    assert scan_window.camera_text() == "Camera: niet gevonden"
    assert "Geen camera gevonden (7)" in screen.camera_message()
    # A handheld scanner: a fast burst ending in Enter, into the scan field.
    with qtbot.waitSignal(screen.handled, timeout=3000):
        screen.type_and_enter(label("LOCATION", "GNK-MAG"))
    with qtbot.waitSignal(screen.handled, timeout=3000):
        screen.type_and_enter(label("PRODUCT", "MOND"))
    assert screen.field_text() == ""
    screen.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Afgehaald" in scan_window.last_booking(), timeout=3000)
    assert overview.movement_history(db, product_code="MOND")[0].quantity == -1
    assert date.today()  # the clock is real; nothing here depends on it
