"""Handheld scanners as they really type: recorded key sequences (tests/data/scanner/) with a
Shift press before capitals (QWERTY) or digits (AZERTY), AltGr, NumLock around keypad digits,
and Enter, keypad Enter, Tab or no suffix at all. Each must be one scan, with nothing left in
whichever field had the cursor."""

from __future__ import annotations

import pytest
from key_recordings import Press, Replayer, load, recordings
from kit_support import kit_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from scan_support import add_genk_products

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services.stock import overview

ALL = recordings()
STAFF_LABELS = [name for name in ALL if "-staff-" in name]
KIT_LABELS = [name for name in ALL if "-kit-" in name]
PRODUCT_LABELS = [name for name in ALL if "-product-" in name]


@pytest.fixture
def counter(open_app, database_url, qtbot):  # type: ignore[no-untyped-def]
    """The scan screen in pickup mode at the Genk storeroom."""
    add_genk_products(database_url)
    app = open_app(database_url)
    app.go("scan")
    assert app.scan.scan("CL1:CARMA:L:GNK-MAG")
    yield app
    app.close()


def recipient_field(app):  # type: ignore[no-untyped-def]
    """The "Voor wie" input (whatever widget carries it, its line edit takes the keys)."""
    field = app.scan.screen.pickup.recipient_edit
    return field.lineEdit() if hasattr(field, "lineEdit") and field.lineEdit() else field


def focus(widget, qtbot) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def scans_of(app, qtbot, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Replay one recording into the focused widget; the scans the wedge emitted."""
    wedge = app.scan.wedge
    scanned: list[str] = []
    wedge.scanned.connect(scanned.append)
    recording = load(name)
    replay = Replayer(wedge)
    replay.play(recording)
    if recording.suffix == "none":  # the burst ends by the wedge's timer
        qtbot.waitUntil(lambda: bool(scanned), timeout=2000)
    replay.wait(1.0)  # the clerk's next key comes later than a suffix would
    qtbot.wait(80)  # longer than the wedge's hold: a leftover key would have been released
    wedge.scanned.disconnect(scanned.append)
    return scanned


@pytest.mark.parametrize("name", ALL)
def test_every_recorded_burst_is_one_scan_and_leaves_the_scan_field_empty(
    counter, qtbot, name
) -> None:  # type: ignore[no-untyped-def]
    field = counter.scan.screen.scan_field
    focus(field, qtbot)
    assert scans_of(counter, qtbot, name) == [load(name).code]
    assert field.text() == ""


@pytest.mark.parametrize("name", PRODUCT_LABELS)
def test_a_product_label_scanned_into_voor_wie_goes_to_the_basket(counter, qtbot, name) -> None:  # type: ignore[no-untyped-def]
    field = recipient_field(counter)
    focus(field, qtbot)
    code = load(name).code.rsplit(":", 1)[-1]
    scans_of(counter, qtbot, name)
    qtbot.waitUntil(lambda: [c for c, _q in counter.scan.basket()] == [code], timeout=3000)
    assert field.text() == ""


@pytest.mark.parametrize("name", STAFF_LABELS)
def test_a_staff_label_sets_voor_wie_and_books_for_that_person(counter, qtbot, db, name) -> None:  # type: ignore[no-untyped-def]
    page = counter.scan
    assert page.scan("CL1:CARMA:P:MOND")
    focus(page.screen.scan_field, qtbot)
    scans_of(counter, qtbot, name)
    qtbot.waitUntil(lambda: "01209" in recipient_field(counter).text(), timeout=3000)
    assert page.field_text() == ""
    page.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.basket(), timeout=5000)
    move = overview.movement_history(db, product_code="MOND")[0]
    assert move.kind == MovementKind.PICKUP
    assert "01209" in str(move.recipient)


@pytest.mark.parametrize("name", KIT_LABELS)
def test_a_scanned_kit_label_opens_the_kit_in_controle(app, qtbot, db, name) -> None:  # type: ignore[no-untyped-def]
    kit_database(db)
    panel = app.kits.check()
    focus(panel.scan_field, qtbot)
    recording = load(name)
    Replayer(panel.wedge).play(recording)
    qtbot.waitUntil(lambda: panel.sheet is not None, timeout=5000)
    assert panel.sheet.detail.kit.code == "KIT-001"
    assert panel.scan_field.text() == ""


def test_a_person_typing_with_shift_types_as_usual(counter, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = recipient_field(counter)
    focus(field, qtbot)
    scanned: list[str] = []
    counter.scan.wedge.scanned.connect(scanned.append)
    Replayer(counter.scan.wedge).type_slowly("Jan VERMEULEN")
    qtbot.wait(80)
    assert (field.text(), scanned) == ("Jan VERMEULEN", [])


def test_three_fast_keys_of_a_person_are_typing_not_a_scan(counter, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A fast typist's roll-over (three keys within a few ms) without Enter stays typing."""
    field = recipient_field(counter)
    focus(field, qtbot)
    replay = Replayer(counter.scan.wedge)
    for char in "abc":
        replay.wait(0.01)
        replay.send(Press(char, ord(char.upper()), 0, 0))
    qtbot.waitUntil(lambda: field.text() == "abc", timeout=2000)


def test_windows_altgr_is_ctrl_alt_and_still_part_of_the_burst(counter, qtbot) -> None:  # type: ignore[no-untyped-def]
    """On Windows AltGr arrives as Ctrl+Alt: AltGr+é is '@' with both modifiers held."""
    field = counter.scan.screen.scan_field
    focus(field, qtbot)
    ctrl_alt = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier).value
    replay = Replayer(counter.scan.wedge)
    scanned: list[str] = []
    counter.scan.wedge.scanned.connect(scanned.append)
    for char in "ZONE@12":
        replay.wait(0.002)
        if char == "@":
            replay.send(Press("", Qt.Key.Key_Control.value, 0, 0))
            replay.send(Press("", Qt.Key.Key_Alt.value, ctrl_alt, 0))
            replay.send(Press("@", Qt.Key.Key_At.value, ctrl_alt, 0))
        else:
            replay.send(Press(char, ord(char), 0, 0))
    replay.send(Press("\r", Qt.Key.Key_Return.value, 0, 0))
    assert scanned == ["ZONE@12"]
    assert field.text() == ""


def test_a_shortcut_in_the_middle_of_typing_is_not_swallowed(counter, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+A is a command, not a character: the held keys are typed, the Ctrl+A reaches the
    field (and selects what was typed)."""
    field = counter.scan.screen.scan_field
    focus(field, qtbot)
    replay = Replayer(counter.scan.wedge)
    for char in "abcd":
        replay.wait(0.002)
        replay.send(Press(char, ord(char.upper()), 0, 0))
    replay.wait(0.002)
    replay.send(Press("\x01", Qt.Key.Key_A.value, Qt.KeyboardModifier.ControlModifier.value, 0))
    assert field.text() == "abcd"
    assert field.selectedText() == "abcd"


def test_an_enter_right_after_a_suffixless_scan_is_its_suffix_not_a_booking(
    counter, qtbot, db
) -> None:  # type: ignore[no-untyped-def]
    """A scanner whose Enter comes after the wedge's timer (or that sends CR LF): the late
    Enter belongs to the scan. On the empty scan field Enter books the basket, so it must not
    get through; an Enter a second later is the clerk's and books."""
    page = counter.scan
    focus(page.screen.scan_field, qtbot)
    name = "qwerty-us-product-none"
    scans_of(counter, qtbot, name)
    qtbot.waitUntil(lambda: [c for c, _q in page.basket()] == ["SPT"], timeout=3000)
    replay = Replayer(page.wedge)
    replay.now = page.wedge._scanned_at + 0.09
    replay.send(Press("\r", Qt.Key.Key_Return.value, 0, 0))
    qtbot.wait(200)
    assert [c for c, _q in page.basket()] == ["SPT"]  # not booked
    replay.wait(1.0)
    replay.send(Press("\r", Qt.Key.Key_Return.value, 0, 0))
    qtbot.waitUntil(lambda: not page.basket(), timeout=5000)
    assert overview.movement_history(db, product_code="SPT")[0].kind == MovementKind.PICKUP


def test_a_scan_in_a_dialog_of_another_window_is_left_alone(counter, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The wedge listens to the scan screen's window only: a field in a separate window
    gets the keys as typing."""
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    focus(other, qtbot)
    assert QApplication.focusWidget() is other
    Replayer(counter.scan.wedge).play(load("azerty-be-staff-enter"))
    assert other.text() == "CL1:CARMA:S:01209"


def test_a_scanner_set_to_us_qwerty_on_a_belgian_pc_is_read_and_the_clerk_is_told(
    counter, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = counter.scan
    focus(page.screen.scan_field, qtbot)
    assert scans_of(counter, qtbot, "us-scanner-on-azerty-be-staff-enter") == ["CL&MCQR?QMSMà&éàç"]
    qtbot.waitUntil(lambda: "01209" in recipient_field(counter).text(), timeout=3000)
    hint = page.screen.keyboard_hint
    assert hint.isVisible() and "toetsenbordindeling" in hint.text()
    assert page.scan("CL1:CARMA:P:MOND")  # a scan read as sent: the hint goes
    assert not hint.isVisible()
