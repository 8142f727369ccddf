"""Code uit foto lezen… (Ctrl+Shift+O) on the scan screen: a picture the first attempt cannot
read is read the hard way off the GUI thread and arrives as a scan; a picture without a code,
with a code that cannot be read, or a file that is no picture, gets the red sentence; the scan
field has the focus again every time."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from scan_support import label

from carma_logistiek.scanning.harder import first_attempt, read_still
from tests.support.hard_images import (
    SCALE,
    _code_image,
    damaged_label_picture,
    inverted,
    make_image,
)


@pytest.fixture
def scan_window(open_app, database_url, qtbot):  # type: ignore[no-untyped-def]
    app = open_app(database_url)
    app.press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.current() == "scan", timeout=2000)
    yield app
    app.close()


def hard_location_photo(path: Path, text: str) -> Path:
    """A photo of a location label, white on dark and soft, that the easy path misses and the
    hard way reads (the first such one of a few generated pictures: deterministic)."""
    code = _code_image("qr", text, False, SCALE)
    for seed in range(12):
        image = inverted(code, "qr", np.random.default_rng(seed), seed)
        if not first_attempt(image).codes and read_still(image).texts == [text]:
            assert cv2.imwrite(str(path), image)
            return path
    raise AssertionError("no hard picture of the label among the generated ones")


def write(path: Path, symbology: str | None, condition: str, index: int) -> Path:
    """A hard image, or with symbology "damaged" a code decoded but failing its checks."""
    image = (damaged_label_picture() if symbology == "damaged"
             else make_image(symbology, condition, index, seed=1).image)
    assert cv2.imwrite(str(path), image)
    return path


def read_through_the_action(page, fakes, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+O in the scan field, the file dialog answers ``path``; until it is read."""
    fakes.file_dialogs.open = str(path)
    reader = page.screen.photo
    qtbot.keyClick(page.screen.scan_field, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert fakes.file_dialogs.asked[-1] == "Code uit foto lezen"
    assert reader.busy and "wordt gelezen" in page.message()  # off the GUI thread
    assert not reader.button.isEnabled()
    qtbot.waitUntil(lambda: not reader.busy, timeout=10_000)
    assert reader.button.isEnabled()


def test_a_hard_picture_of_a_location_label_sets_the_location(scan_window, fakes, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    page = scan_window.scan
    assert page.screen.photo.button.isVisible()
    assert page.screen.photo.button.text() == "Code uit foto lezen…"
    photo = hard_location_photo(tmp_path / "kast.png", label("LOCATION", "GNK-MAG"))
    with qtbot.waitSignal(page.handled, timeout=10_000) as handled:
        read_through_the_action(page, fakes, qtbot, photo)
    assert handled.args == [True]
    assert page.location() == "GNK-MAG"  # resolved as a scan of the label would be
    assert page.feedback() == "ok"
    assert page.field_has_focus()


@pytest.mark.parametrize(("symbology", "condition", "index", "sentence"), [
    (None, "blurred", 0, "Op de afbeelding is geen leesbare code gevonden."),
    ("damaged", "blurred", 0,
     "Er staat een code op de afbeelding, maar ze is niet betrouwbaar te lezen; er werd niets "
     "gescand."),
])
def test_a_picture_without_a_readable_code_is_refused_with_a_sentence(  # type: ignore[no-untyped-def]
        scan_window, fakes, qtbot, tmp_path, symbology, condition, index, sentence):
    page = scan_window.scan
    photo = write(tmp_path / "foto.png", symbology, condition, index)
    with qtbot.waitSignal(page.handled, timeout=10_000) as handled:
        read_through_the_action(page, fakes, qtbot, photo)
    assert handled.args == [False]
    assert page.feedback() == "refused"
    assert page.message().startswith(sentence)
    assert page.location() is None
    assert page.field_has_focus()


def test_a_file_that_is_no_picture_gets_its_sentence(scan_window, fakes, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    page = scan_window.scan
    broken = tmp_path / "kapot.jpg"
    broken.write_bytes(b"#!/bin/sh\necho geen foto\n")
    with qtbot.waitSignal(page.handled, timeout=10_000) as handled:
        read_through_the_action(page, fakes, qtbot, broken)
    assert handled.args == [False]
    assert "kan niet als afbeelding gelezen worden" in page.message()
    assert page.field_has_focus()


def test_a_cancelled_dialog_changes_nothing(scan_window, fakes, qtbot):  # type: ignore[no-untyped-def]
    page = scan_window.scan
    before = page.message()
    fakes.file_dialogs.open = ""
    page.screen.photo.button.click()
    assert fakes.file_dialogs.asked == ["Code uit foto lezen"]
    assert not page.screen.photo.busy and page.message() == before
    assert page.field_has_focus()
