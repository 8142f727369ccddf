"""The parser of every command and the one place that turns a refusal into an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from carma_logistiek.cli import (
    SUBCOMMANDS,
    VALUE_OPTIONS,
    audit,
    booking,
    database,
    documents,
    first_word,
    imports,
    kits,
    masterdata,
    orders,
    people,
    reports,
    scanning,
    stock,
    users,
    zones,
)
from carma_logistiek.cli.common import Command, common_options, config_of
from carma_logistiek.cli.parser_texts import in_user_language
from carma_logistiek.domain.errors import DatabaseMissing, DomainError
from carma_logistiek.i18n import _, set_language

# In the order --help lists them.
COMMAND_GROUPS = (database, stock, booking, imports, scanning, documents, reports, kits,
                  orders, masterdata, users, people, zones, audit)


class CommandListFormatter(argparse.HelpFormatter):
    """argparse measures the commands' names without the indent they are printed with, so the
    longest one (scan-image) went on a line of its own; measure them as printed."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            longest = max((len(name) for name in action.choices), default=0)
            printed = longest + self._current_indent + self._indent_increment
            self._action_max_length = max(self._action_max_length, printed)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carma-logistiek", formatter_class=CommandListFormatter,
        description=_("CARMA Logistiek: voorraad per locatie, van de commandolijn."),
        epilog=_("Zonder opdracht opent het venster (opties --db, --demo en --lang)."))
    common = common_options()
    sub = parser.add_subparsers(dest="command", required=True, title=_("opdrachten"),
                                metavar=_("opdracht"))
    for group in COMMAND_GROUPS:
        group.add_parsers(sub, common)
    return parser


def language_option(argv: Sequence[str]) -> str | None:
    """The value of --lang before anything is parsed (the help and usage errors need it)."""
    words = list(argv)
    for index, word in enumerate(words):
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and index + 1 < len(words):
            return words[index + 1]
    return None


def options_after_command(words: list[str], command: str | None) -> list[str]:
    """``--lang en stock`` as ``stock --lang en``: the options every command takes may come
    first, as they do for the window; without a command only --help is left to parse."""
    if command is None:
        kept, skip = [], False
        for word in words:
            if skip:
                skip = False
            elif word in VALUE_OPTIONS:
                skip = True
            elif not word.startswith(tuple(f"{option}=" for option in VALUE_OPTIONS)):
                kept.append(word)
        return kept
    index = _command_index(words, command)
    return [command, *words[:index], *words[index + 1:]]


def _command_index(words: list[str], command: str) -> int:
    skip = False
    for index, word in enumerate(words):
        if skip:
            skip = False
        elif word in VALUE_OPTIONS:
            skip = True
        elif word == command:
            return index
    raise ValueError(command)


def unknown_command(word: str) -> str:
    return _("Onbekende opdracht '{command}'. Bekende opdrachten: {commands}. Zonder opdracht "
             "opent het venster; 'carma-logistiek --help' zegt wat elke opdracht doet.",
             command=word, commands=", ".join(SUBCOMMANDS))


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run its command; a rule's refusal is a Dutch sentence and exit code 1,
    an unknown command or wrong usage a sentence and exit code 2."""
    words = list(sys.argv[1:] if argv is None else argv)
    if language_option(words) in ("nl", "en"):
        set_language(language_option(words) or "nl")
    command = first_word(words)
    if command is not None and command not in SUBCOMMANDS:
        print(unknown_command(command), file=sys.stderr)
        return 2
    with in_user_language():
        args = build_parser().parse_args(options_after_command(words, command))
    if args.lang:
        set_language(args.lang)
    handler: Command = args.handler
    try:
        return handler(args)
    except DatabaseMissing as error:
        print(error.message(), file=sys.stderr)
        print(_("Een nieuwe, lege databank maken: carma-logistiek migrate --create --db {url}",
                url=config_of(args).database_url), file=sys.stderr)
        return 1
    except DomainError as error:
        print(error.message(), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` or a closed pager: not an error worth a traceback.
        sys.stderr.close()
        return 0
