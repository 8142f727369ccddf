"""The shell: screens, status bar, window title, startup errors, unexpected errors."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt

from carma_logistiek.config import AppConfig
from tests.support.actors import TESTER
from ui.shell import app as ui_app


def test_window_opens_on_the_stuurbord_with_honest_status_bar(app) -> None:
    assert app.current() == "dashboard"
    # Stuurbord first, then the features; none empty
    assert app.rail_titles()[:5] == ["Stuurbord", "Voorraad", "Scannen", "Bestellingen", "EHBO"]
    assert "carma.sqlite" in app.database_text()
    assert "tester" in app.user_text()
    assert app.camera_text() == "Camera: niet in gebruik"
    assert not app.demo_marked()
    assert "DEMO" not in app.title()


def test_switching_screens_with_rail_and_shortcut(app, qtbot) -> None:
    app.go("orders")
    assert app.current() == "orders"
    app.press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.current() == "stock", timeout=2000)


def test_demo_database_is_marked(open_app, database_url) -> None:
    app = open_app(database_url, demo=True)
    assert "DEMO" in app.title()
    assert app.demo_marked()
    app.close()


def test_unreachable_database_shows_a_dutch_error(qtbot, fakes, recorded_errors) -> None:
    from pages import AppPage

    from ui.shell.app import build_window

    config = AppConfig(database_url="postgresql+psycopg://nobody@127.0.0.1:9/none", actor="tester")
    window = build_window(config, fakes, open_now=True, actor=TESTER)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(recorded_errors), timeout=10_000)
    title, text = recorded_errors[0]
    assert title == "Databank niet geopend"
    assert "niet bereikbaar" in text
    assert "Traceback" not in text
    assert not AppPage(window, qtbot).rail_enabled()
    window.close()


def test_unexpected_error_is_logged_and_shown_politely(
    isolated_home, fakes, recorded_errors, qapp
) -> None:
    previous = sys.excepthook
    log_path = ui_app.setup_logging()
    try:
        ui_app.install_excepthook(log_path, fakes.prompts)
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
        for handler in logging.getLogger().handlers[:]:
            if getattr(handler, "baseFilename", "") == str(log_path):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert "ZeroDivisionError: boom" in log_path.read_text(encoding="utf-8")
    title, text = recorded_errors[-1]
    assert title == "Onverwachte fout"
    assert str(log_path) in text and "Traceback" not in text


def test_arguments_are_parsed() -> None:
    options = ui_app.parse_args(["--db", "sqlite:///x.sqlite", "--lang", "en", "--demo"])
    assert (options.db_url, options.lang, options.demo) == ("sqlite:///x.sqlite", "en", True)
