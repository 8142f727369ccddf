"""Every wrapped string of the window has an English translation, and English really shows."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from carma_logistiek.paths import resources_dir

UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def wrapped_strings() -> set[str]:
    found: set[str] = set()
    for path in UI_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_every_ui_string_has_an_english_entry() -> None:
    catalogue: dict[str, str] = {}
    for path in (resources_dir() / "translations").glob("en.*json"):
        catalogue.update(json.loads(path.read_text(encoding="utf-8")))
    missing = sorted(wrapped_strings() - catalogue.keys())
    assert missing == []


def test_window_in_english(open_window, database_url) -> None:
    from carma_logistiek.i18n import set_language

    set_language("en")
    window = open_window(database_url)
    assert [window.rail.item(i).text() for i in range(3)] == ["Stock", "Scan", "Orders"]
    assert window.camera_label.text() == "Camera: not in use"
    window.close()
