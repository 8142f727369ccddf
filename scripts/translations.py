"""Keep the gettext catalogues in step with the code.

    python scripts/translations.py update              extract, update every .po, compile the .mo
    python scripts/translations.py from-json [--keep]  merge resources/translations/*.json into
                                                       the .po first (then update and compile),
                                                       and delete the JSON files unless --keep
    python scripts/translations.py compile             only compile .po -> .mo

The strings are extracted with Babel from the files babel.cfg names, with the keywords of
pyproject.toml ``[tool.babel.extract_messages]`` (the same ones `pybabel extract` uses).
``update`` keeps every translation whose Dutch text is still in the code, adds new texts
untranslated and drops (and lists) the ones the code no longer uses. The .mo files are committed
next to their .po: a plain ``pip install .`` and PyInstaller copy package data as it is, and
tests/unit/test_translations.py fails when a .mo does not match its .po.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = "carma_logistiek"
LANGUAGES = ("en",)
PROJECT = "CARMA Logistiek"


def po_path(language: str, root: Path = ROOT) -> Path:
    return root / "resources" / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, root: Path = ROOT) -> Path:
    return po_path(language, root).with_suffix(".mo")


def extraction_settings(root: Path = ROOT) -> dict[str, object]:
    with (root / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["babel"]["extract_messages"]


def extract(root: Path = ROOT) -> Catalog:
    """Every marked string in the code, as Babel finds it (the template, .pot)."""
    settings = extraction_settings(root)
    keywords = parse_keywords(str(settings["keywords"]).split())
    with (root / str(settings["mapping_file"])).open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    template = Catalog(project=PROJECT, domain=DOMAIN, fuzzy=False)
    for folder in settings["input_paths"]:  # type: ignore[attr-defined]
        # The mapping's patterns are relative to the repository root; extract_from_dir matches
        # them against paths relative to the folder it walks, hence the walk from the root
        # with only this folder let through.
        for filename, lineno, message, comments, context in extract_from_dir(
            str(root),
            method_map,
            options_map,
            keywords=keywords,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
            directory_filter=_only_under(root, str(folder)),
        ):
            template.add(message, None, [(filename, lineno)], auto_comments=comments,
                         context=context)
    return template


def _only_under(root: Path, folder: str):  # type: ignore[no-untyped-def]
    def keep(dirpath: str) -> bool:
        relative = Path(dirpath).resolve().relative_to(root)
        parts = relative.parts
        if not parts:
            return True
        if any(part.startswith((".", "__pycache__")) for part in parts):
            return False
        return parts[0] == folder

    return keep


def read_catalogue(language: str, root: Path = ROOT) -> Catalog:
    path = po_path(language, root)
    if not path.exists():
        return Catalog(locale=language, project=PROJECT, domain=DOMAIN, fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def write_catalogue(catalogue: Catalog, language: str, root: Path = ROOT) -> None:
    with (root / "pyproject.toml").open("rb") as file:
        catalogue.version = tomllib.load(file)["project"]["version"]
    catalogue.project = PROJECT
    catalogue.copyright_holder = "Politiezone CARMA"
    catalogue.last_translator = catalogue.language_team = "CARMA Logistiek"
    catalogue.msgid_bugs_address = ""
    catalogue.header_comment = (
        f"# {Locale.parse(language).english_name} translations of CARMA Logistiek; the msgids are the Dutch"
        "\n# source texts. Made and kept up to date by: python scripts/translations.py update"
        "\n# Copyright (C) Politiezone CARMA")
    path = po_path(language, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Sorted by msgid, without line numbers: moving code (or whole files) does not reorder the
    # file, so branches that add strings merge without conflicts.
    with path.open("wb") as file:
        write_po(file, catalogue, width=100, sort_output=True, include_lineno=False,
                 ignore_obsolete=True)


def compile_catalogue(language: str, root: Path = ROOT) -> None:
    catalogue = read_catalogue(language, root)
    with mo_path(language, root).open("wb") as file:
        write_mo(file, catalogue, use_fuzzy=False)


def update(language: str, root: Path = ROOT, extra: dict[str, object] | None = None) -> list[str]:
    """Bring one .po in step with the code; ``extra`` (Dutch -> translation, from JSON) fills in
    or replaces translations: a string, or for a plural (ngettext) the list of forms, keyed by
    the Dutch singular. Returns what was dropped as obsolete."""
    catalogue = read_catalogue(language, root)
    template = extract(root)
    creation_date = catalogue.creation_date
    catalogue.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalogue.creation_date = creation_date
    dropped = sorted(_describe(message) for message in catalogue.obsolete.values())
    catalogue.obsolete.clear()
    unknown = [msgid for msgid, translation in (extra or {}).items()
               if not _translate(catalogue, msgid, translation)]
    _print(f"{language}: JSON entries for texts the code does not have", unknown)
    write_catalogue(catalogue, language, root)
    compile_catalogue(language, root)
    return dropped


def _translate(catalogue: Catalog, msgid: str, translation: object) -> bool:
    """Set one translation (after the catalogue was updated from the code, so a new plural is
    already a plural entry); False when the code has no such text."""
    existing = catalogue.get(msgid)
    if existing is None:
        return False
    if isinstance(existing.id, tuple):
        forms = translation if isinstance(translation, list) else [translation, translation]
        existing.string = tuple(str(form) for form in forms)
    else:
        existing.string = str(translation)
    existing.flags.discard("fuzzy")
    return True


def read_json_catalogues(language: str, root: Path = ROOT) -> tuple[dict[str, object], list[Path]]:
    merged: dict[str, object] = {}
    files = sorted((root / "resources" / "translations").glob(f"{language}.*json"))
    for path in files:
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged, files


def untranslated(catalogue: Catalog) -> list[Message]:
    def empty(message: Message) -> bool:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return not all(strings)

    return [m for m in catalogue if m.id and (empty(m) or m.fuzzy)]


def _describe(message: Message) -> str:
    text = message.id if isinstance(message.id, str) else " / ".join(message.id)
    return f"{message.context}: {text}" if message.context else text


def _print(title: str, lines: Iterable[str]) -> None:
    lines = list(lines)
    if lines:
        print(f"{title} ({len(lines)}):")
        for line in lines:
            print(f"  {line!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="extract, update the .po files, compile the .mo files")
    from_json = sub.add_parser("from-json", help="merge resources/translations/*.json first")
    from_json.add_argument("--keep", action="store_true", help="do not delete the JSON files")
    sub.add_parser("compile", help="compile the .po files to .mo")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if args.command == "compile":
            compile_catalogue(language)
            continue
        extra: dict[str, object] = {}
        json_files: list[Path] = []
        if args.command == "from-json":
            extra, json_files = read_json_catalogues(language)
            print(f"{language}: {len(extra)} entries from {len(json_files)} JSON files")
        _print(f"{language}: dropped, no longer in the code", update(language, extra=extra))
        _print(f"{language}: still to translate", map(_describe, untranslated(
            read_catalogue(language))))
        if args.command == "from-json" and not args.keep:
            for path in json_files:
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
