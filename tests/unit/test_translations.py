"""The English catalogue (gettext .po/.mo) is complete and current, found by Babel extraction.

The strings come from Babel extracting carma_logistiek/ and ui/ with the keywords of
pyproject.toml (``_ N_ ngettext:1,2 pgettext:1c,2``), exactly as `pybabel extract` and
scripts/translations.py see them; nothing here guesses where strings live. Two guards make sure
the extraction itself misses nothing: every marked call the Python parser finds is extracted
(Babel on Python 3.11 cannot see into f-strings), and every error template and enum label the
code defines is marked.
"""

from __future__ import annotations

import ast
import enum
import gettext
import importlib
import importlib.util
import pkgutil
import string
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pytest
from babel.messages.catalog import Catalog, Message

import carma_logistiek
from carma_logistiek import i18n
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.paths import locale_dir

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("carma_logistiek", "ui")
MARKERS = {"_", "N_", "ngettext", "pgettext"}
T = TypeVar("T")


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_tool",
                                                  ROOT / "scripts" / "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return tool.extract(ROOT)


@pytest.fixture(scope="module")
def english() -> Catalog:
    return tool.read_catalogue("en", ROOT)


def describe(message: Message) -> str:
    where = sorted({path for path, _line in message.locations})
    return f"  {tool._describe(message)!r}  ({', '.join(where[:3])})"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def extracted_ids(catalogue: Catalog) -> set[str]:
    """Every Dutch text the extraction found, singular and plural forms alike."""
    return {text for message in catalogue if message.id for text in forms(message.id)}


def test_extraction_finds_strings_of_every_kind(extracted: Catalog) -> None:
    ids = extracted_ids(extracted)
    assert "telling: {counted} geteld, {expected} verwacht" in ids  # _()
    assert "Afgehaald" in ids  # N_() in a dict of labels (ui/main_window.py)
    assert "Onvoldoende voorraad: er is {available} {unit} {product} op {location}" \
        "{lot_text}, u vraagt {requested}." in ids  # N_() error template
    assert any(template.startswith("Onbekende soort boeking") for template in ids)  # cli
    plural = extracted.get(("{n} regel", "{n} regels"))
    assert plural is not None and plural.pluralizable  # ngettext()


@pytest.mark.parametrize("folder", SCANNED)
def test_every_extracted_string_has_an_english_translation(
    folder: str, extracted: Catalog, english: Catalog
) -> None:
    missing = []
    for message in extracted:
        if not message.id or not any(path.startswith(f"{folder}/")
                                     for path, _line in message.locations):
            continue
        translated = english.get(message.id, context=message.context)
        if translated is None or translated.fuzzy or not all(forms(translated.string)):
            missing.append(describe(message))
        elif len(forms(translated.string)) != (2 if message.pluralizable else 1):
            missing.append(describe(message) + " has the wrong number of forms")
    assert not missing, ("missing from resources/locale/en/LC_MESSAGES/carma_logistiek.po "
                         "(python scripts/translations.py update, then translate):\n"
                         + "\n".join(sorted(missing)))


def test_the_catalogue_holds_no_obsolete_entries(extracted: Catalog, english: Catalog) -> None:
    obsolete = [describe(m) for m in english
                if m.id and extracted.get(m.id, context=m.context) is None]
    obsolete += [describe(m) for m in english.obsolete.values()]
    assert not obsolete, ("no longer in the code (python scripts/translations.py update drops "
                          "them):\n" + "\n".join(sorted(obsolete)))


def test_translations_keep_the_placeholders(english: Catalog) -> None:
    wrong = []
    for message in english:
        if not message.id:
            continue
        sources = forms(message.id)
        for index, translation in enumerate(forms(message.string)):
            source = sources[min(index, len(sources) - 1)]
            if translation and fields(source) != fields(translation):
                wrong.append(f"  {source!r} -> {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_core_translations_are_not_left_in_dutch(english: Catalog) -> None:
    def words(text: str) -> list[str]:
        literal = "".join(part for part, _, _, _ in string.Formatter().parse(text))
        return [w for w in literal.split() if any(c.isalpha() for c in w)]

    untranslated = [
        message.id for message in english
        if isinstance(message.id, str) and message.id == message.string
        and len(words(message.id)) > 1
        and any(path.startswith("carma_logistiek/") for path, _line in message.locations)
    ]
    assert not untranslated, untranslated


def test_the_committed_mo_matches_the_po(english: Catalog) -> None:
    """The .mo is committed (a plain pip install and PyInstaller copy it as it is); it must be
    the compiled .po, not an older one."""
    expected: dict[object, str] = {}
    for message in english:
        if not message.id or message.fuzzy:
            continue
        key = f"{message.context}\x04" if message.context else ""
        source = key + forms(message.id)[0]
        if message.pluralizable:
            for index, text in enumerate(forms(message.string)):
                expected[(source, index)] = text
        else:
            expected[source] = forms(message.string)[0]
    with (locale_dir() / "en" / "LC_MESSAGES" / "carma_logistiek.mo").open("rb") as file:
        compiled = dict(gettext.GNUTranslations(file)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)  # the header
    assert compiled == expected, "run: python scripts/translations.py compile"


def _marked_literals() -> dict[str, list[str]]:
    """Literal strings in marked calls, as the Python parser sees them ('path:line')."""
    found: dict[str, list[str]] = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in MARKERS):
                    continue
                texts = node.args[1:3] if node.func.id == "pgettext" else node.args[:2]
                if node.func.id in ("_", "N_"):
                    texts = node.args[:1]
                for arg in texts:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        where = f"{path.relative_to(ROOT)}:{node.lineno}"
                        found.setdefault(arg.value, []).append(where)
    return found


def test_every_marked_call_is_extracted(extracted: Catalog) -> None:
    """A marked string Babel does not see (e.g. ``_()`` inside an f-string) ships in Dutch."""
    ids = extracted_ids(extracted)
    unseen = {text: where for text, where in _marked_literals().items() if text not in ids}
    assert not unseen, "Babel cannot see these (move them out of the f-string):\n" + "\n".join(
        f"  {text!r}  ({', '.join(where[:3])})" for text, where in sorted(unseen.items()))


def _all_modules() -> list[ModuleType]:
    modules = [carma_logistiek]
    for info in pkgutil.walk_packages(carma_logistiek.__path__, "carma_logistiek."):
        if info.name.startswith(("carma_logistiek.migrations", "carma_logistiek.resources")):
            continue  # env.py runs Alembic when imported; resources holds no code
        if info.name.endswith(".__main__"):
            continue  # runs the command line when imported
        modules.append(importlib.import_module(info.name))
    return modules


def _subclasses(cls: type[T]) -> list[type[T]]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def test_every_error_template_and_label_is_marked(extracted: Catalog) -> None:
    """Texts translated later (``_(self.template)``, ``_(LABELS[self])``) must be marked with
    N_() where they are defined, or the extraction cannot find them."""
    _all_modules()
    ids = extracted_ids(extracted)
    unmarked = [f"  {cls.__module__}.{cls.__name__}.template: {cls.template!r}"
                for cls in _subclasses(DomainError) if cls.template not in ids]
    for cls in _subclasses(enum.Enum):
        if not cls.__module__.startswith("carma_logistiek.") or \
                not isinstance(getattr(cls, "label", None), property):
            continue
        labels = {member.name: getattr(member, "label") for member in cls}  # noqa: B009
        unmarked += [f"  {cls.__name__}.{name}.label: {label!r}"
                     for name, label in labels.items() if label not in ids]
    assert not unmarked, "wrap these in N_() where they are defined:\n" + "\n".join(unmarked)


# --- the i18n functions ---------------------------------------------------------------------
def test_ngettext_chooses_the_form_in_dutch_and_in_english() -> None:
    assert i18n.ngettext("{n} regel", "{n} regels", 1) == "1 regel"
    assert i18n.ngettext("{n} regel", "{n} regels", 2) == "2 regels"
    assert i18n.ngettext("{n} regel", "{n} regels", 0) == "0 regels"
    i18n.set_language("en")
    assert i18n.ngettext("{n} regel", "{n} regels", 1) == "1 row"
    assert i18n.ngettext("{n} regel", "{n} regels", 3) == "3 rows"
    assert i18n.ngettext("{n} lijn, {units}", "{n} lijnen, {units}", 1,
                         units=i18n.ngettext("{n} stuk", "{n} stuks", 1)) == "1 line, 1 item"


def test_underscore_translates_then_fills_in() -> None:
    i18n.set_language("en")
    assert i18n._("Onbekend product: '{code}'. Controleer de code of scan opnieuw.",
                  code="X1") == "Unknown product: 'X1'. Check the code or scan again."
    assert i18n._("nog niet vertaald {x}", x=1) == "nog niet vertaald 1"  # falls back to Dutch


def test_n_marks_without_translating() -> None:
    i18n.set_language("en")
    assert i18n.N_("Afgehaald") == "Afgehaald"
    assert i18n._(i18n.N_("Afgehaald")) == "Picked up"


def test_pgettext_keeps_contexts_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Dutch text needs a context yet; this shows a context reaches the catalogue."""
    catalogue = Catalog(locale="en", domain=i18n.DOMAIN)
    catalogue.add("Open", "Open (status)", context="bestelling")
    catalogue.add("Open", "Open it")
    from io import BytesIO

    from babel.messages.mofile import write_mo

    buffer = BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    compiled = gettext.GNUTranslations(buffer)
    monkeypatch.setattr(i18n, "translations", lambda language: compiled)
    i18n.set_language("en")
    assert i18n.pgettext("bestelling", "Open") == "Open (status)"
    assert i18n._("Open") == "Open it"
    assert i18n.pgettext("bestelling", "{n} open", n=2) == "2 open"
