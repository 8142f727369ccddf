"""The window fits a 1024x768 screen with a window manager, whatever screen is shown, and the
first window fits the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect

from ui.shell.main_window import PREFERRED_SIZE, first_geometry

SMALL_SCREEN = (1024, 768)
FRAME = 12  # openbox's borders; the title bar is counted in the height


def test_every_screen_and_scan_mode_fits_1024_px(app, qtbot) -> None:
    window = app.window
    # The longest texts the status bar shows: a booking and a database path deep in folders.
    window.last_booking_label.setText(
        "Afgehaald: 12 x Speekseltest drugs (DrugWipe 6S), "
        "3 x Mondstuk alcoholtest — Berging wijkkantoor Bree"
    )
    window.database_label.setText("Databank: /home/gebruiker/" + "heel-lange-map/" * 8)
    for name in ("stock", "scan", "orders", "kits"):
        app.go(name)
        if name == "scan":
            for mode in ("pickup", "delivery", "count"):
                app.scan.screen.set_mode(mode)
                assert window.minimumSizeHint().width() <= SMALL_SCREEN[0] - FRAME, mode
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALL_SCREEN[0] - FRAME, name
        assert hint.height() <= SMALL_SCREEN[1] - 40, name
    window.resize(*SMALL_SCREEN)
    qtbot.waitUntil(lambda: window.width() == SMALL_SCREEN[0], timeout=2000)


def test_first_window_fits_the_free_area_of_the_screen() -> None:
    frame = QMargins(4, 28, 4, 4)
    laptop = QRect(0, 0, 1366, 768 - 40)  # a task bar of 40 px at the bottom
    geometry = first_geometry(laptop, frame)
    assert laptop.contains(geometry.marginsAdded(frame))
    assert geometry.width() == PREFERRED_SIZE.width()
    small = QRect(0, 0, 1024, 768)
    geometry = first_geometry(small, frame)
    assert small.contains(geometry.marginsAdded(frame))
    assert geometry.width() == 1024 - 8 and geometry.height() == 768 - 32
    wide = QRect(1920, 0, 1920, 1080)  # the second screen
    geometry = first_geometry(wide, frame)
    assert wide.contains(geometry) and geometry.size() == PREFERRED_SIZE


def test_window_opens_within_a_small_screen_without_remembered_geometry(window) -> None:
    available = QRect(0, 0, 1024, 738)
    window.place_on_screen(available)
    assert available.contains(window.geometry())
    assert window.width() <= 1024
