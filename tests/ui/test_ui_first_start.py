"""The first start on an empty real database: a welcome with three ways in instead of an empty
window; it steps aside once there is a location. Not on a database with data, nor the demo."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from carma_logistiek.config import AppConfig
from carma_logistiek.db.uow import Database
from carma_logistiek.services import masterdata
from ui.masterdata.dialogs import NewLocationDialog
from ui.masterdata.product_dialog import ProductDialog
from ui.shell.first_start import demo_command, needs_first_start


@pytest.fixture
def empty_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A real database, migrated and empty: no location, no product."""
    path = tmp_path / "empty.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def panel_of(window):  # type: ignore[no-untyped-def]
    panel = window.first_start
    assert panel is not None, "no welcome on an empty database"
    return panel


def test_an_empty_database_says_what_to_do(open_window, empty_url, qtbot) -> None:
    window = open_window(empty_url)
    panel = panel_of(window)
    assert window.stack.currentWidget() is panel
    texts = [panel.import_button.text(), panel.create_button.text(), panel.demo_button.text()]
    assert texts == ["Lijsten importeren…", "Eerste locatie en product aanmaken",
                     "Demo bekijken"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.import_button, timeout=2000)
    qtbot.keyClick(panel.import_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.create_button  # Tab walks the buttons
    qtbot.keyClick(panel.create_button, Qt.Key.Key_Return)  # Enter presses it
    qtbot.waitUntil(lambda: isinstance(window.dialog, NewLocationDialog), timeout=5000)
    window.dialog.reject()
    window.close()


def test_the_first_location_and_product_from_the_welcome(open_window, empty_url, qtbot,
                                                         fakes) -> None:
    window = open_window(empty_url)
    panel = panel_of(window)
    panel.create_button.click()
    qtbot.waitUntil(lambda: isinstance(window.dialog, NewLocationDialog), timeout=5000)
    dialog = window.dialog
    assert dialog.kind.currentData() == "zone"  # the first place is the zone itself
    dialog.code.setText("PZV")
    dialog.name.setText("Politiezone Voeren")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: isinstance(window.dialog, ProductDialog), timeout=5000)
    assert window.stack.currentWidget() is window.screen_named("masterdata")  # panel gone
    product = window.dialog
    product.code.setText("SPT")
    product.name.setText("Speekseltest")
    product.save_button.click()
    qtbot.waitUntil(lambda: not product.isVisible(), timeout=5000)
    check = Database(empty_url)  # a second handle: the window's own lives on its worker
    try:
        assert [row.code for row in masterdata.list_locations(check)] == ["PZV"]
        assert [row.code for row in masterdata.list_products(check)] == ["SPT"]
    finally:
        check.dispose()
    assert fakes.prompts.errors == []
    window.close()


def test_the_import_button_opens_the_import_of_the_file_menu(open_window, empty_url,
                                                              qtbot) -> None:
    window = open_window(empty_url)
    triggered: list[bool] = []
    window.import_action.triggered.connect(lambda *_args: triggered.append(True))
    panel_of(window).import_button.click()
    assert triggered == [True]
    dialog = getattr(window, "import_dialog", None)
    if dialog is not None:
        dialog.reject()
    window.close()


def test_the_demo_button_starts_the_demo_apart(open_window, empty_url) -> None:
    window = open_window(empty_url)
    panel = panel_of(window)
    started: list[str] = []
    panel.start_demo = lambda language: started.append(language) or True
    panel.demo_button.click()
    assert started == ["nl"]
    assert "tweede venster" in panel.message.text()
    program, arguments = demo_command("en")
    assert "--demo" in arguments and arguments[-2:] == ["--lang", "en"]
    assert program
    window.close()


def test_a_database_with_data_opens_on_its_screens(window) -> None:
    assert window.first_start is None
    assert window.stack.currentWidget() is not window.loading


def test_the_demo_never_shows_the_welcome(empty_url) -> None:
    """The demo fills itself on its first start: never "this database is empty" there."""
    context = SimpleNamespace(config=AppConfig(database_url=empty_url, demo=True),
                              locations=[], products=[])
    assert not needs_first_start(SimpleNamespace(context=context))  # type: ignore[arg-type]
    context.config = AppConfig(database_url=empty_url)
    assert needs_first_start(SimpleNamespace(context=context))  # type: ignore[arg-type]
