"""The ``carma-logistiek`` command: a subcommand runs the CLI (no Qt is loaded), otherwise the
window opens. Lives in ui/ because the core may not import Qt code, not even lazily."""

from __future__ import annotations

import sys

from carma_logistiek.cli import first_word


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # --help without a command lists the commands (the CLI's help names the window's options);
    # any word that is not an option's value is a command, and an unknown one is refused there
    # with the list of commands, before any window opens.
    wants_help = bool({"-h", "--help"} & set(args))
    if wants_help or first_word(args) is not None:
        from carma_logistiek.cli import main as cli_main

        return cli_main(args)
    from ui.shell.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
