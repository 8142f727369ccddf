"""The parser of every command and the one place that turns a refusal into an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from carma_logistiek.cli import booking, database, documents, kits, scanning, stock
from carma_logistiek.cli.common import Command, common_options
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _, set_language

# In the order --help lists them.
COMMAND_GROUPS = (database, stock, booking, scanning, documents, kits)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carma-logistiek",
        description=_("CARMA Logistiek: voorraad per locatie, van de commandolijn."),
        epilog=_("Zonder opdracht opent het venster (opties --db, --demo en --lang)."))
    common = common_options()
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.add_parsers(sub, common)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run its command; a rule's refusal is a Dutch sentence and exit code 1."""
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    handler: Command = args.handler
    try:
        return handler(args)
    except DomainError as error:
        print(error.message(), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` or a closed pager: not an error worth a traceback.
        sys.stderr.close()
        return 0
