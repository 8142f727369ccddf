"""Translation of user-facing text with gettext. Dutch (nl-BE) is the source language.

Every user-facing string is written in Dutch in the code and marked, so that Babel extracts it
into resources/locale/<language>/LC_MESSAGES/carma_logistiek.po (see the README, "Translations"):

- ``_(text, **fields)``: translate now, then fill in ``fields`` with ``str.format``;
- ``N_(text)``: mark a string where it is defined (an error template, a dict of labels) and
  translate it later with ``_(variable)``;
- ``ngettext(singular, plural, n, **fields)``: the form for ``n`` ("1 regel", "2 regels"),
  with ``{n}`` available in the text;
- ``pgettext(context, text, **fields)``: the same Dutch word that needs different translations.

The core and the UI share this one catalogue system (the core may not use Qt's). A test extracts
every marked string and fails when one has no English translation or the catalogue holds
entries the code no longer uses.
"""

from __future__ import annotations

import gettext
import logging
from datetime import date, datetime
from functools import cache

from carma_logistiek.paths import locale_dir

DOMAIN = "carma_logistiek"
SOURCE_LANGUAGE = "nl"
SUPPORTED_LANGUAGES = ("nl", "en")
log = logging.getLogger(__name__)
_current_language = SOURCE_LANGUAGE


def set_language(language: str) -> None:
    global _current_language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current_language = language


def current_language() -> str:
    return _current_language


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; the source language needs none (its plural
    rule, one vs. other, is gettext's default)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as catalogue:
            return gettext.GNUTranslations(catalogue)
    except OSError:
        # A broken installation should still speak (Dutch) rather than stop; the packaging
        # tests make sure every way of installing carries the catalogue.
        log.error("translations for %r not found at %s; showing Dutch", language, path)
        return gettext.NullTranslations()


def _fill(text: str, fields: dict[str, object]) -> str:
    return text.format(**fields) if fields else text


def _(text: str, **fields: object) -> str:
    """Translate Dutch source ``text`` to the current language and fill in ``fields``."""
    return _fill(translations(_current_language).gettext(text), fields)


def N_(text: str) -> str:
    """Mark ``text`` for extraction only; it is translated later, where it is shown."""
    return text


def ngettext(singular: str, plural: str, n: int, **fields: object) -> str:
    """The singular or plural form for ``n`` in the current language, with ``{n}`` and
    ``fields`` filled in."""
    text = translations(_current_language).ngettext(singular, plural, n)
    return text.format(**{"n": n, **fields})


def pgettext(context: str, text: str, **fields: object) -> str:
    """Translate ``text`` as meant in ``context`` (e.g. "status" vs. "action")."""
    return _fill(translations(_current_language).pgettext(context, text), fields)


def format_date(value: date | None) -> str:
    """Dates as the users write them: dd/mm/yyyy (both languages; the zone is Belgian)."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""
