"""Every marked string of the window has an English translation, and English really shows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("translations_tool",
                                                  ROOT / "scripts" / "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_ui_string_has_an_english_entry() -> None:
    tool = _tool()
    english = tool.read_catalogue("en", ROOT)
    ui_messages = [message for message in tool.extract(ROOT)
                   if message.id and any(path.startswith("ui/") for path, _ in message.locations)]
    assert len(ui_messages) > 200  # the extraction really walked ui/
    missing = sorted(
        tool._describe(message) for message in ui_messages
        if not (found := english.get(message.id, context=message.context))
        or found.fuzzy or not all(found.string if message.pluralizable else (found.string,))
    )
    assert missing == []


def test_window_in_english(open_window, database_url) -> None:
    from carma_logistiek.i18n import set_language

    set_language("en")
    window = open_window(database_url)
    rail = [window.rail.item(i).text() for i in range(window.rail.count())]
    assert rail == ["Dashboard", "Stock", "Scan", "Orders", "First aid", "Consumption",
                    "Master data", "Staff", "Users", "Audit"]
    assert window.camera_label.text() == "Camera: not in use"
    window.close()


def test_counts_in_english_use_the_plural_rule(open_window, database_url, qtbot) -> None:
    from carma_logistiek.i18n import set_language

    set_language("en")
    window = open_window(database_url)
    stock = window.screen_named("stock")
    qtbot.waitUntil(lambda: stock.count_label.text() == "3 rows", timeout=3000)
    stock.set_location("BRE-MAG")
    qtbot.waitUntil(lambda: stock.count_label.text() == "1 row", timeout=3000)  # not "1 rows"
    window.close()
