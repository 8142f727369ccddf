"""Afhaling by scanning: five products from the webcam stand-in (a video file through the real
CameraWorker and CameraSource), a handheld scanner typing fast, and the refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from scan_support import FIVE_PRODUCTS, add_genk_products, label, label_video, play_video

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services import overview
from ui.scan import panel as scan_panel
from ui.widgets import sounds


@pytest.fixture
def player(monkeypatch):  # type: ignore[no-untyped-def]
    recorder = sounds.RecordingPlayer()
    monkeypatch.setattr(sounds, "player", recorder)
    return recorder


@pytest.fixture
def answers(monkeypatch):  # type: ignore[no-untyped-def]
    scripted = scan_panel.ScriptedScanPrompts()
    monkeypatch.setattr(scan_panel, "prompts", scripted)
    return scripted


@pytest.fixture
def scan_window(open_window, database_url, player, answers, qtbot):  # type: ignore[no-untyped-def]
    add_genk_products(database_url)
    window = open_window(database_url)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_screen() is window.scan, timeout=2000)
    yield window
    window.close()


def quantity_at(db, product: str, location: str = "GNK-MAG") -> int:  # type: ignore[no-untyped-def]
    rows = overview.stock_overview(db, location_code=location, search=product)
    return sum(row.quantity for row in rows if row.product_code == product)


def scan(window, qtbot, text: str) -> bool:  # type: ignore[no-untyped-def]
    """Type a code into the scan field and press Enter; returns whether it was accepted."""
    with qtbot.waitSignal(window.scan.scan_handled, timeout=3000) as signal:
        window.scan.scan_text(text)
    return signal.args[0]


def test_five_products_by_webcam_book_as_one_basket(scan_window, qtbot, db, tmp_path, player):
    window = scan_window
    before = {code: quantity_at(db, code) for code in FIVE_PRODUCTS}
    video = label_video(
        tmp_path / "pickup.avi",
        [label("LOCATION", "GNK-MAG")] + [label("PRODUCT", code) for code in FIVE_PRODUCTS],
    )
    play_video(window, video)
    pickup = window.scan.pickup
    qtbot.waitUntil(lambda: len(pickup.entries) == 5, timeout=15_000)
    qtbot.waitUntil(lambda: window.scan.camera_state == "ended", timeout=5000)
    assert window.scan.location_code == "GNK-MAG"
    assert [entry.quantity for entry in pickup.entries] == [1] * 5  # held in view: counted once
    assert window.scan.scan_field.hasFocus()
    qtbot.keyClick(window.scan.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not pickup.entries, timeout=5000)
    history = [overview.movement_history(db, product_code=code)[0] for code in FIVE_PRODUCTS]
    assert {move.kind for move in history} == {MovementKind.PICKUP}
    assert len({move.booking_id for move in history}) == 1  # one booking, one transaction
    assert {code: quantity_at(db, code) for code in FIVE_PRODUCTS} == {
        code: before[code] - 1 for code in FIVE_PRODUCTS
    }
    assert history[0].lot_number == "L-NEW"  # FEFO passes over the expired lot
    assert player.played.count(sounds.SUCCESS) >= 7
    assert window.last_booking_label.text().startswith("Afgehaald: 1 x ")
    assert window.camera_label.text() == "Camera: video afgelopen"


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
    window = scan_window
    screen = window.scan
    clock = [1000.0]
    screen.wedge.clock = lambda: clock[0]
    other = screen.pickup.recipient_edit
    other.setFocus()
    qtbot.waitUntil(other.hasFocus, timeout=2000)
    burst = label("LOCATION", "GNK-MAG")
    with qtbot.waitSignal(screen.wedge.scanned, timeout=2000) as signal:
        type_with_clock(screen.wedge, other, burst, 0.004, clock)
        clock[0] += 0.004
        press(other, Qt.Key.Key_Return)
    assert signal.args == [burst]
    assert other.text() == ""
    qtbot.waitUntil(lambda: screen.location_code == "GNK-MAG", timeout=3000)
    # The product label the same way, then Enter books.
    type_with_clock(screen.wedge, other, label("PRODUCT", "MOND"), 0.004, clock)
    clock[0] += 0.004
    press(other, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(screen.pickup.entries) == 1, timeout=3000)
    assert other.text() == ""
    # A person typing slowly in that field types normally.
    type_with_clock(screen.wedge, other, "kast", 0.2, clock)
    qtbot.waitUntil(lambda: other.text() == "kast", timeout=2000)
    other.clear()
    screen.refocus()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.pickup.entries, timeout=3000)
    assert quantity_at(db, "MOND") == 49


def test_plus_minus_escape_and_basket_kept_on_refusal(scan_window, qtbot, db, player):
    screen = scan_window.scan
    assert scan(scan_window, qtbot, label("LOCATION", "GNK-MAG"))
    assert scan(scan_window, qtbot, label("PRODUCT", "SPT"))
    assert scan(scan_window, qtbot, label("PRODUCT", "SPT"))  # again: one more
    assert screen.pickup.entries[0].quantity == 2
    # A single key is held back a moment (a scanner burst?), then goes through as typing.
    qtbot.keyClicks(screen.scan_field, "+")
    qtbot.waitUntil(lambda: screen.pickup.entries[0].quantity == 3, timeout=2000)
    qtbot.keyClicks(screen.scan_field, "-")
    qtbot.waitUntil(lambda: screen.pickup.entries[0].quantity == 2, timeout=2000)
    assert scan(scan_window, qtbot, label("PRODUCT", "MOND"))
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Escape)  # drops MOND, the current line
    assert [e.product.code for e in screen.pickup.entries] == ["SPT"]
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Escape)  # nothing current: nothing happens
    assert [e.product.code for e in screen.pickup.entries] == ["SPT"]
    # Only 10 good saliva tests: the 11th is refused at the scan, red, with a Dutch sentence.
    for _i in range(8):
        assert scan(scan_window, qtbot, label("PRODUCT", "SPT"))
    assert not scan(scan_window, qtbot, label("PRODUCT", "SPT"))
    assert screen.feedback_state == "refused"
    assert screen.message.text().startswith("Onvoldoende voorraad: er is maar 10 stuk")
    assert player.played[-1] == sounds.REFUSAL
    assert screen.pickup.entries[0].quantity == 10


def test_refusals_book_nothing(scan_window, qtbot, db, answers, player):
    screen = scan_window.scan
    assert not scan(scan_window, qtbot, label("PRODUCT", "SPT"))  # no location yet
    assert "Scan eerst het etiket van de locatie" in screen.message.text()
    assert scan(scan_window, qtbot, label("LOCATION", "GNK-MAG"))
    assert not scan(scan_window, qtbot, "https://example.com/x")
    assert "geen etiket van CARMA Logistiek" in screen.message.text()
    assert screen.feedback_state == "refused"
    assert not scan(scan_window, qtbot, label("PRODUCT", "NOPE"))
    # An expired lot label without a reason: refused, not in the basket.
    answers.reasons = [None]
    assert not scan(scan_window, qtbot, label("LOT", "SPT", "L-OLD"))
    assert "vervallen" in answers.asked[-1]
    assert screen.pickup.entries == []
    # Enter on an empty basket books nothing either.
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    assert "De mand is leeg" in screen.message.text()
    assert quantity_at(db, "SPT") == 20
    assert player.played[0] == sounds.REFUSAL
    assert sounds.SUCCESS not in player.played[2:]  # only the location label was good


def test_expired_lot_with_a_reason_goes_out(scan_window, qtbot, db, answers):
    screen = scan_window.scan
    scan(scan_window, qtbot, label("LOCATION", "GNK-MAG"))
    answers.reasons = ["opleiding"]
    screen.scan_text(label("LOT", "SPT", "L-OLD"))  # red first, then the question
    qtbot.waitUntil(lambda: len(screen.pickup.entries) == 1, timeout=3000)
    assert screen.feedback_state == "ok"
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.pickup.entries, timeout=3000)
    move = overview.movement_history(db, product_code="SPT")[0]
    assert (move.lot_number, move.quantity, move.override_reason) == ("L-OLD", -1, "opleiding")


def test_a_typed_code_works_when_the_label_is_damaged(scan_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    screen = scan_window.scan
    assert scan(scan_window, qtbot, "gnk-mag")  # the location, typed in lower case
    assert scan(scan_window, qtbot, "SPT")
    assert [(e.product.code, e.quantity) for e in screen.pickup.entries] == [("SPT", 1)]
