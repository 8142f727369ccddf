"""Afhaling by scanning: five products from the webcam stand-in (a video file through the real
CameraWorker and CameraSource), a handheld scanner typing fast, and the refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from scan_support import FIVE_PRODUCTS, add_genk_products, label, label_video

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services.stock import overview
from ui.widgets import sounds


@pytest.fixture
def player(fakes):  # type: ignore[no-untyped-def]
    return fakes.sounds


@pytest.fixture
def answers(fakes):  # type: ignore[no-untyped-def]
    return fakes.prompts


@pytest.fixture
def scan_window(open_app, database_url, qtbot):  # type: ignore[no-untyped-def]
    add_genk_products(database_url)
    app = open_app(database_url)
    app.press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.current() == "scan", timeout=2000)
    yield app
    app.close()


def quantity_at(db, product: str, location: str = "GNK-MAG") -> int:  # type: ignore[no-untyped-def]
    rows = overview.stock_overview(db, location_code=location, search=product)
    return sum(row.quantity for row in rows if row.product_code == product)


def scan(app, qtbot, text: str) -> bool:  # type: ignore[no-untyped-def]
    """A scan; returns whether it was accepted."""
    return app.scan.scan(text)


def test_five_products_by_webcam_book_as_one_basket(scan_window, qtbot, db, tmp_path, player):
    app = scan_window
    page = app.scan
    before = {code: quantity_at(db, code) for code in FIVE_PRODUCTS}
    video = label_video(
        tmp_path / "pickup.avi",
        [label("LOCATION", "GNK-MAG")] + [label("PRODUCT", code) for code in FIVE_PRODUCTS],
    )
    page.play_video(video)
    qtbot.waitUntil(lambda: len(page.basket()) == 5, timeout=15_000)
    qtbot.waitUntil(lambda: page.camera_state() == "ended", timeout=5000)
    assert page.location() == "GNK-MAG"
    assert [quantity for _code, quantity in page.basket()] == [1] * 5  # held in view: once
    assert page.field_has_focus()
    page.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.basket(), timeout=5000)
    history = [overview.movement_history(db, product_code=code)[0] for code in FIVE_PRODUCTS]
    assert {move.kind for move in history} == {MovementKind.PICKUP}
    assert len({move.booking_id for move in history}) == 1  # one booking, one transaction
    assert {code: quantity_at(db, code) for code in FIVE_PRODUCTS} == {
        code: before[code] - 1 for code in FIVE_PRODUCTS
    }
    assert history[0].lot_number == "L-NEW"  # FEFO passes over the expired lot
    assert player.played.count(sounds.SUCCESS) >= 7
    assert app.last_booking().startswith("Afgehaald: 1 x ")
    assert app.camera_text() == "Camera: video afgelopen"


def press(widget, key, text: str = "") -> bool:  # type: ignore[no-untyped-def]
    event = QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def type_with_clock(wedge, widget, text: str, step: float, clock: list[float]) -> None:
    for char in text:
        clock[0] += step
        key = Qt.Key.Key_A + (ord(char.upper()) - ord("A")) if char.isalpha() else Qt.Key.Key_0
        press(widget, key, char)


def test_wedge_burst_is_a_scan_and_never_lands_in_another_field(scan_window, qtbot, db):
    page = scan_window.scan
    clock = [1000.0]
    page.wedge.clock = lambda: clock[0]
    other = page.pickup.recipient_edit
    other.setFocus()
    qtbot.waitUntil(other.hasFocus, timeout=2000)
    burst = label("LOCATION", "GNK-MAG")
    with qtbot.waitSignal(page.wedge.scanned, timeout=2000) as signal:
        type_with_clock(page.wedge, other, burst, 0.004, clock)
        clock[0] += 0.004
        press(other, Qt.Key.Key_Return)
    assert signal.args == [burst]
    assert other.text() == ""
    qtbot.waitUntil(lambda: page.location() == "GNK-MAG", timeout=3000)
    # The product label the same way, then Enter books.
    type_with_clock(page.wedge, other, label("PRODUCT", "MOND"), 0.004, clock)
    clock[0] += 0.004
    press(other, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.basket()) == 1, timeout=3000)
    assert other.text() == ""
    # A person typing slowly in that field types normally.
    type_with_clock(page.wedge, other, "kast", 0.2, clock)
    qtbot.waitUntil(lambda: other.text() == "kast", timeout=2000)
    other.clear()
    page.refocus()
    page.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.basket(), timeout=3000)
    assert quantity_at(db, "MOND") == 49


def test_plus_minus_escape_and_basket_kept_on_refusal(scan_window, qtbot, db, player):
    page = scan_window.scan
    assert scan(scan_window, qtbot, label("LOCATION", "GNK-MAG"))
    assert scan(scan_window, qtbot, label("PRODUCT", "SPT"))
    assert scan(scan_window, qtbot, label("PRODUCT", "SPT"))  # again: one more
    assert page.basket()[0][1] == 2
    # A single key is held back a moment (a scanner burst?), then goes through as typing.
    page.type("+")
    qtbot.waitUntil(lambda: page.basket()[0][1] == 3, timeout=2000)
    page.type("-")
    qtbot.waitUntil(lambda: page.basket()[0][1] == 2, timeout=2000)
    assert scan(scan_window, qtbot, label("PRODUCT", "MOND"))
    page.press(Qt.Key.Key_Escape)  # drops MOND, the current line
    assert [code for code, _quantity in page.basket()] == ["SPT"]
    page.press(Qt.Key.Key_Escape)  # nothing current: nothing happens
    assert [code for code, _quantity in page.basket()] == ["SPT"]
    # Only 10 good saliva tests: the 11th is refused at the scan, red, with a Dutch sentence.
    for _i in range(8):
        assert scan(scan_window, qtbot, label("PRODUCT", "SPT"))
    assert not scan(scan_window, qtbot, label("PRODUCT", "SPT"))
    assert page.feedback() == "refused"
    assert page.message().startswith("Onvoldoende voorraad: er is maar 10 stuk")
    assert player.played[-1] == sounds.REFUSAL
    assert page.basket()[0][1] == 10


def test_refusals_book_nothing(scan_window, qtbot, db, answers, player):
    page = scan_window.scan
    assert not scan(scan_window, qtbot, label("PRODUCT", "SPT"))  # no location yet
    assert "Scan eerst het etiket van de locatie" in page.message()
    assert scan(scan_window, qtbot, label("LOCATION", "GNK-MAG"))
    assert not scan(scan_window, qtbot, "https://example.com/x")
    assert "geen etiket van CARMA Logistiek" in page.message()
    assert page.feedback() == "refused"
    assert not scan(scan_window, qtbot, label("PRODUCT", "NOPE"))
    # An expired lot label without a reason: refused, not in the basket.
    answers.reasons = [None]
    assert not scan(scan_window, qtbot, label("LOT", "SPT", "L-OLD"))
    assert "vervallen" in answers.asked[-1]
    assert page.basket() == []
    # Enter on an empty basket books nothing either.
    page.press(Qt.Key.Key_Return)
    assert "De mand is leeg" in page.message()
    assert quantity_at(db, "SPT") == 20
    assert player.played[0] == sounds.REFUSAL
    assert sounds.SUCCESS not in player.played[2:]  # only the location label was good


def test_expired_lot_with_a_reason_goes_out(scan_window, qtbot, db, answers):
    page = scan_window.scan
    scan(scan_window, qtbot, label("LOCATION", "GNK-MAG"))
    answers.reasons = ["opleiding"]
    page.scan_without_waiting(label("LOT", "SPT", "L-OLD"))  # red first, then the question
    qtbot.waitUntil(lambda: len(page.basket()) == 1, timeout=3000)
    assert page.feedback() == "ok"
    page.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.basket(), timeout=3000)
    move = overview.movement_history(db, product_code="SPT")[0]
    assert (move.lot_number, move.quantity, move.override_reason) == ("L-OLD", -1, "opleiding")


def test_a_typed_code_works_when_the_label_is_damaged(scan_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = scan_window.scan
    assert scan(scan_window, qtbot, "gnk-mag")  # the location, typed in lower case
    assert scan(scan_window, qtbot, "SPT")
    assert page.basket() == [("SPT", 1)]
