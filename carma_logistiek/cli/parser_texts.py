"""argparse's own words (usage, the section titles, its error messages) in the user's language.

argparse looks its texts up through ``gettext`` with no catalogue of ours, so a Dutch --help
read "usage:", "positional arguments" and "show this help message and exit". While the
command line is parsed, ``in_user_language`` hands argparse's lookup our translations instead
(the English of every Dutch text below is argparse's own), and puts the original back after.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from carma_logistiek.i18n import N_, _

# argparse's msgid -> our Dutch msgid (whose English translation is argparse's msgid again).
ARGPARSE_TEXTS = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("opdrachten en argumenten"),
    "options": N_("opties"),
    "show this help message and exit": N_("toon deze hulp en stop"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: fout: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("bij %(argument_name)s: %(message)s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "the following arguments are required: %s": N_("deze argumenten ontbreken: %s"),
    "unrecognized arguments: %s": N_("onbekende argumenten: %s"),
    "expected one argument": N_("verwacht één waarde"),
    "expected at most one argument": N_("verwacht hoogstens één waarde"),
    "expected at least one argument": N_("verwacht minstens één waarde"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde voor %(type)s: %(value)r"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": N_("niet samen met argument %s"),
    "one of the arguments %s is required": N_("één van de argumenten %s is nodig"),
}


def translate(text: str) -> str:
    dutch = ARGPARSE_TEXTS.get(text)
    return _(dutch) if dutch is not None else text


@contextmanager
def in_user_language() -> Iterator[None]:
    """argparse speaks the current language inside this block (help, usage and errors)."""
    module: object = argparse
    original: Callable[[str], str] = module._  # type: ignore[attr-defined]
    module._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module._ = original  # type: ignore[attr-defined]
