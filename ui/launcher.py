"""``python -m ui.launcher`` and bundle scripts that name this file keep working; the launcher
itself lives in ui/shell/launcher.py."""

from __future__ import annotations

import sys

from ui.shell.launcher import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
