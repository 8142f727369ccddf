"""The "voor wie" picker: part of a vehicle's name typed, picked with the arrows and Enter,
booked, and found by name on the movement; a scanned label shows the name too; ``staff:zzz``
is refused in the window and on the command line with the same sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from scan_support import label

from carma_logistiek.cli import main
from carma_logistiek.db.uow import Database
from carma_logistiek.services import masterdata
from carma_logistiek.services.stock import overview
from tests.support.actors import person

STAFF_ZZZ = (
    "'zzz' is geen personeelsnummer: een personeelsnummer bestaat enkel uit cijfers "
    "(bv. 01209). Scan de personeelskaart of kies de persoon uit de lijst."
)


def add_vehicles(url: str) -> None:
    db = Database(url)
    try:
        for code, name in (
            ("VITO-01", "Mercedes Vito 1 (interventie Genk)"),
            ("VITO-02", "Mercedes Vito 2 (interventie Genk)"),
            ("VITO-10", "Mercedes Vito 10 (interventie Bree)"),
        ):
            masterdata.create_location(
                db, code=code, name=name, kind="vehicle", parent_code="GNK", actor=person("t")
            )
    finally:
        db.dispose()


@pytest.fixture
def vehicles_app(open_app, database_url):  # type: ignore[no-untyped-def]
    add_vehicles(database_url)
    app = open_app(database_url)
    yield app
    app.close()


def open_pickup(app):  # type: ignore[no-untyped-def]
    app.stock.choose_location("GNK-MAG")
    app.press(Qt.Key.Key_F3)
    dialog = app.wait_dialog()
    app.qtbot.waitUntil(lambda: bool(dialog.recipient.candidates()), timeout=3000)
    return dialog


def test_part_of_a_vehicle_name_picked_with_the_keyboard_is_booked_and_shown_by_name(  # type: ignore[no-untyped-def]
    vehicles_app, qtbot, db
) -> None:
    app = vehicles_app
    dialog = open_pickup(app)
    qtbot.keyClicks(dialog.product, "SPT")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    picker = dialog.recipient
    picker.setFocus()
    qtbot.keyClicks(picker, "vito genk")
    assert picker.matches_visible()
    # Every word anywhere, in natural order; Bree's Vito 10 does not hold "genk".
    assert picker.match_texts()[:2] == [
        "Mercedes Vito 1 (interventie Genk) (voertuig, VITO-01)",
        "Mercedes Vito 2 (interventie Genk) (voertuig, VITO-02)",
    ]
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert picker.current_match().endswith("(voertuig, VITO-02)")
    qtbot.keyClick(picker, Qt.Key.Key_Return)  # picks; it does not book yet
    assert not picker.matches_visible()
    assert picker.text() == "Voertuig VITO-02 — Mercedes Vito 2 (interventie Genk)"
    assert dialog.isVisible() and dialog.booking is None
    qtbot.keyClick(picker, Qt.Key.Key_Return)  # the list is closed: Enter books
    qtbot.waitUntil(lambda: dialog.booking is not None, timeout=3000)
    newest = overview.movement_history(db, product_code="SPT")[0]
    assert (newest.recipient, newest.recipient_name) == (
        "vehicle:VITO-02",
        "Mercedes Vito 2 (interventie Genk)",
    )
    # The product's history shows the name next to the code.
    app.context.open_product_requested.emit("SPT", "GNK-MAG")
    detail = app.wait_dialog()
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=3000)
    movements = detail.movements.table_model()
    column = [c.header for c in movements.columns].index("Voor wie")
    assert movements.index(0, column).data() == (
        "Voertuig VITO-02 — Mercedes Vito 2 (interventie Genk)"
    )


def test_escape_closes_the_list_and_keeps_the_text_and_the_dialog(vehicles_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_pickup(vehicles_app)
    picker = dialog.recipient
    picker.setFocus()
    qtbot.keyClicks(picker, "bree")
    assert picker.match_texts()[:2] == [
        "Magazijn Bree (locatie, BRE-MAG)",
        "Mercedes Vito 10 (interventie Bree) (voertuig, VITO-10)",
    ]
    # What the list cannot know is offered as free text, marked so, last.
    assert picker.match_texts()[-1] == "«bree» als vrije tekst (niet uit een register)"
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert not picker.matches_visible()
    assert picker.text() == "bree"
    assert dialog.isVisible()
    # Down opens the list again; the old syntax and a bare code still name the vehicle.
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert picker.matches_visible()
    picker.clear()
    qtbot.keyClicks(picker, "vehicle:vito-1")
    assert [text.rsplit(", ", 1)[-1] for text in picker.match_texts()] == ["VITO-10)"]
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert str(picker.recipient()) == "vehicle:vito-1"  # no such vehicle: the service says so
    picker.clear()
    qtbot.keyClicks(picker, "vito-01")
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert str(picker.recipient()) == "vehicle:VITO-01"
    qtbot.keyClick(picker, Qt.Key.Key_Tab)  # leaving the field shows whom the code names
    assert picker.text() == "Voertuig VITO-01 — Mercedes Vito 1 (interventie Genk)"


def test_staff_zzz_is_refused_in_the_dialog_next_to_voor_wie(vehicles_app, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    before = len(overview.movement_history(db, product_code="MOND"))
    dialog = open_pickup(vehicles_app)
    qtbot.keyClicks(dialog.product, "MOND")
    qtbot.keyClick(dialog.product, Qt.Key.Key_Tab)
    picker = dialog.recipient
    picker.setFocus()
    qtbot.keyClicks(picker, "staff:zzz")
    assert not picker.matches_visible()  # nobody is called that
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("recipient")), timeout=3000)
    assert dialog.form.error_text("recipient") == STAFF_ZZZ
    assert dialog.focusWidget() is picker
    assert len(overview.movement_history(db, product_code="MOND")) == before


@pytest.fixture
def counter(vehicles_app, qtbot):  # type: ignore[no-untyped-def]
    """The scan screen in pickup mode at the Genk storeroom, its picker loaded."""
    vehicles_app.go("scan")
    assert vehicles_app.scan.scan(label("LOCATION", "GNK-MAG"))
    picker = vehicles_app.scan.pickup.recipient_edit
    qtbot.waitUntil(lambda: bool(picker.candidates()), timeout=3000)
    return vehicles_app


def test_on_the_scan_screen_a_picked_vehicle_is_booked_with_the_basket(counter, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    page = counter.scan
    picker = page.pickup.recipient_edit
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus, timeout=2000)
    qtbot.keyClicks(picker, "vito 1")
    # The scanner's wedge holds fast keys a moment before they reach the field.
    qtbot.waitUntil(picker.matches_visible, timeout=2000)
    assert picker.current_match() == "Mercedes Vito 1 (interventie Genk) (voertuig, VITO-01)"
    # The list lies over the scan screen, in its window: the wedge still sees every key.
    assert picker.matches.window() is page.screen.window()
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.text() == "Voertuig VITO-01 — Mercedes Vito 1 (interventie Genk)"
    assert page.field_has_focus()  # picked: the scan field has the cursor again
    assert page.scan(label("PRODUCT", "MOND"))
    page.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.basket(), timeout=5000)
    move = overview.movement_history(db, product_code="MOND")[0]
    assert (move.recipient, move.recipient_name) == (
        "vehicle:VITO-01",
        "Mercedes Vito 1 (interventie Genk)",
    )
    assert picker.text() == ""


def test_a_scanned_label_shows_the_name_and_a_staff_number_its_kind(counter, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = counter.scan
    picker = page.pickup.recipient_edit
    assert page.scan(label("VEHICLE", "VITO-10"))
    assert picker.text() == "Voertuig VITO-10 — Mercedes Vito 10 (interventie Bree)"
    assert page.message() == "Voor wie: Voertuig VITO-10 — Mercedes Vito 10 (interventie Bree)"
    assert page.scan(label("STAFF", "01209"))
    assert picker.text() == "Personeelslid 01209 — Janssens Jan"  # from the staff register
    assert str(picker.recipient()) == "staff:01209"
    assert not page.scan(label("STAFF", "ABC"))  # a staff card prints digits
    assert page.message() == STAFF_ZZZ.replace("zzz", "ABC")
    assert picker.text() == "Personeelslid 01209 — Janssens Jan"


def test_staff_zzz_typed_on_the_scan_screen_is_refused_and_the_basket_kept(
    counter, qtbot, db
) -> None:  # type: ignore[no-untyped-def]
    page = counter.scan
    picker = page.pickup.recipient_edit
    assert page.scan(label("PRODUCT", "MOND"))
    picker.setText("staff:zzz")
    page.refocus()
    with qtbot.waitSignal(page.handled, timeout=3000) as answer:
        page.press(Qt.Key.Key_Return)
    assert answer.args == [False]
    assert page.message() == STAFF_ZZZ
    assert page.basket() == [("MOND", 1)]
    assert overview.movement_history(db, product_code="MOND")[0].recipient != "staff:zzz"


def test_staff_zzz_is_refused_on_the_command_line_with_the_same_sentence(  # type: ignore[no-untyped-def]
    database_url, capsys
) -> None:
    args = [
        "book",
        "afhaling",
        "--db",
        database_url,
        "--product",
        "MOND",
        "--location",
        "GNK-MAG",
        "--qty",
        "1",
    ]
    assert main([*args, "--for", "staff:zzz"]) == 1
    assert STAFF_ZZZ in capsys.readouterr().err
    assert main([*args, "--for", "staff:01209"]) == 0


def test_a_click_on_a_match_picks_it_and_the_cursor_stays_in_the_field(vehicles_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_pickup(vehicles_app)
    picker = dialog.recipient
    picker.setFocus()
    qtbot.keyClicks(picker, "mercedes")
    matches = picker.matches
    rect = matches.visualItemRect(matches.item(2))
    qtbot.mouseClick(matches.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.text() == "Voertuig VITO-10 — Mercedes Vito 10 (interventie Bree)"
    assert not picker.matches_visible()
    assert picker.hasFocus()


def test_a_staff_number_not_in_the_register_is_refused_and_the_basket_kept(
    counter, qtbot, db
) -> None:  # type: ignore[no-untyped-def]
    """The staff register knows who exists: a card of nobody in it books nothing, and says
    so in one sentence (the picker offers the register's people, with their names)."""
    page = counter.scan
    picker = page.pickup.recipient_edit
    qtbot.waitUntil(lambda: bool(picker.candidates()), timeout=3000)
    assert ("staff", "01209", "Janssens Jan") in {
        (c.kind, c.code, c.name) for c in picker.candidates()}
    assert not any(c.code == "04711" for c in picker.candidates())
    assert page.scan(label("STAFF", "04711"))
    assert page.scan(label("PRODUCT", "MOND"))
    with qtbot.waitSignal(page.handled, timeout=5000) as answer:
        page.press(Qt.Key.Key_Return)
    assert answer.args == [False]
    assert page.message().startswith("Personeelslid 04711 staat niet in het personeelsregister")
    assert page.basket() == [("MOND", 1)]
    assert overview.movement_history(db, product_code="MOND")[0].recipient != "staff:04711"
