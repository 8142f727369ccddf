"""Every user-facing Dutch string has an English translation with the same placeholders.

Scans ``_("...")`` calls in carma_logistiek/ and ui/ (the UI helper keeps en.ui.json), plus the
texts that reach ``_()`` through a variable: error templates and status/movement labels.
"""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from carma_logistiek.domain import errors
from carma_logistiek.domain.orders import ORDER_STATUS_LABELS
from carma_logistiek.domain.stock import MOVEMENT_LABELS, STATUS_LABELS
from carma_logistiek.i18n import _catalogue
from carma_logistiek.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("carma_logistiek", "ui")


def wrapped_strings(folders: tuple[str, ...] = SCANNED) -> dict[str, list[str]]:
    """Dutch source text -> where it is used ('path:line')."""
    found: dict[str, list[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "_"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.setdefault(node.args[0].value, []).append(where)
    return found


def indirect_strings() -> dict[str, list[str]]:
    """Texts translated through a variable: ``_(self.template)``, ``_(STATUS_LABELS[self])``."""
    found: dict[str, list[str]] = {}
    for value in vars(errors).values():
        if isinstance(value, type) and issubclass(value, errors.DomainError):
            found.setdefault(value.template, []).append(f"errors.{value.__name__}")
    for name, labels in (
        ("STATUS_LABELS", STATUS_LABELS),
        ("MOVEMENT_LABELS", MOVEMENT_LABELS),
        ("ORDER_STATUS_LABELS", ORDER_STATUS_LABELS),
    ):
        for key, text in labels.items():
            found.setdefault(text, []).append(f"{name}[{key}]")
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_scanner_finds_known_strings() -> None:
    found = wrapped_strings()
    assert "telling: {counted} geteld, {expected} verwacht" in found


@pytest.mark.parametrize("folder", SCANNED)
def test_every_wrapped_string_has_an_english_translation(folder: str) -> None:
    catalogue = _catalogue("en")
    needed = wrapped_strings((folder,))
    if folder == "carma_logistiek":
        needed = {**needed, **indirect_strings()}
    missing = {text: where for text, where in needed.items() if text not in catalogue}
    assert not missing, "missing from resources/translations/en.*.json:\n" + "\n".join(
        f"  {text!r}  ({', '.join(where[:3])})" for text, where in sorted(missing.items())
    )


def test_translations_keep_the_placeholders() -> None:
    catalogue = _catalogue("en")
    wrong = {
        source: english
        for source, english in catalogue.items()
        if fields(source) != fields(english)
    }
    assert not wrong, f"placeholders differ: {wrong}"


def test_catalogue_files_are_valid_json_objects_of_strings() -> None:
    files = sorted((resources_dir() / "translations").glob("en.*json"))
    assert any(path.name == "en.core.json" for path in files)
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in data.items()), path


def test_core_translations_are_not_left_in_dutch() -> None:
    core = json.loads((resources_dir() / "translations" / "en.core.json").read_text("utf-8"))

    def words(text: str) -> list[str]:
        literal = "".join(part for part, _, _, _ in string.Formatter().parse(text))
        return [w for w in literal.split() if any(c.isalpha() for c in w)]

    untranslated = [k for k, v in core.items() if k == v and len(words(k)) > 1]
    assert not untranslated, untranslated
