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

__all__ = ["SUBCOMMANDS", "main"]

# Every command, in the order --help lists them (a test holds this to the parser).
SUBCOMMANDS = ("demo", "migrate", "check", "backup", "backups", "restore", "stock", "book",
               "scan-image", "labels", "report", "kits")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (``argv`` without the program name; the process arguments if None)
    and return its exit code."""
    from carma_logistiek.cli.run import run

    return run(argv)
