"""``carma-logistiek <command>``: the same services as the window, from a terminal or a script.

One module per command group (``database``: demo, migrate, check, backup; ``stock``;
``booking``; ``scanning``; ``documents``: labels, report; ``kits``), the parser and the error
handling in ``run``, and one writer for tables, CSV and JSON in ``output``. The use cases
themselves live in carma_logistiek.services; a command parses, calls one, and prints.

Exit codes: 0 done, 1 refused by a rule or a check found a problem (message in Dutch on
stderr), 2 wrong usage.

Importing this package is cheap (the launcher reads ``SUBCOMMANDS`` at every start): the
command modules load when ``main`` runs.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["SUBCOMMANDS", "VALUE_OPTIONS", "first_word", "main"]

# Every command, in the order --help lists them (a test holds this to the parser).
SUBCOMMANDS = ("demo", "migrate", "check", "backup", "backups", "restore", "stock", "book",
               "import", "scan-image", "labels", "report", "kits", "orders", "products",
               "locations", "suppliers", "users", "staff", "zones", "audit")


# Options the window and every command take with a value: the word after them is no command.
VALUE_OPTIONS = ("--db", "--lang", "--token", "--user", "--demo-role")


def first_word(argv: Sequence[str]) -> str | None:
    """The first argument that is not an option or an option's value: the command, if any."""
    words = iter(argv)
    for word in words:
        if word in VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (``argv`` without the program name; the process arguments if None)
    and return its exit code."""
    from carma_logistiek.cli.run import run

    return run(argv)
