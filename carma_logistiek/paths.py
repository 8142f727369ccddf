"""Where bundled resources and migrations live, in a source checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder that holds resources/ and db/migrations/.

    In a PyInstaller bundle that is the unpack folder (sys._MEIPASS); in a checkout
    (editable install) it is the repository root next to this package.
    """
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir:
        return Path(bundle_dir)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def migrations_dir() -> Path:
    return project_root() / "db" / "migrations"
