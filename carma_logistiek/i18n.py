"""Translation of user-facing text. Dutch (nl-BE) is the source language.

Every user-facing string is written in Dutch in the code and wrapped in ``_()``; the
English catalogue (resources/translations/en.json) maps the Dutch text to English. A test
walks the source tree and fails when a wrapped string has no English entry, so the
translation cannot silently fall behind.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache

from carma_logistiek.paths import resources_dir

SUPPORTED_LANGUAGES = ("nl", "en")
_current_language = "nl"


def set_language(language: str) -> None:
    global _current_language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current_language = language


def current_language() -> str:
    return _current_language


@cache
def _catalogue(language: str) -> dict[str, str]:
    """All ``<language>.*.json`` files merged (en.core.json, en.ui.json, ...), one per part
    of the code so that translations of different parts never conflict."""
    merged: dict[str, str] = {}
    for path in sorted((resources_dir() / "translations").glob(f"{language}.*json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def _(text: str, **fields: object) -> str:
    """Translate Dutch source ``text`` to the current language and fill in ``fields``."""
    if _current_language != "nl":
        text = _catalogue(_current_language).get(text, text)
    return text.format(**fields) if fields else text


def format_date(value: date | None) -> str:
    """Dates as the users write them: dd/mm/yyyy (both languages; the zone is Belgian)."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""
