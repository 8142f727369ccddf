"""Where the package data lives: translations and other resources, and the Alembic migrations.

Both are installed inside the package's namespace (``carma_logistiek.resources`` from the
repository's resources/, ``carma_logistiek.migrations`` from db/migrations/; see
pyproject.toml) and found through importlib.resources, so the same code works in an editable
install (the folders at the top of the checkout), in a wheel (site-packages) and in the
PyInstaller bundle (build.spec puts them at the same place under the unpack folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES_PACKAGE = "carma_logistiek.resources"
MIGRATIONS_PACKAGE = "carma_logistiek.migrations"
# A checkout used without installing it (PYTHONPATH=.) has no mapping for the data packages;
# their folders are then where the repository keeps them.
_CHECKOUT = Path(__file__).resolve().parent.parent
_CHECKOUT_FOLDERS = {RESOURCES_PACKAGE: _CHECKOUT / "resources",
                     MIGRATIONS_PACKAGE: _CHECKOUT / "db" / "migrations"}


def _package_folder(package: str) -> Path:
    """The folder of a data package on disk.

    Alembic and gettext want real files, and every way this app is installed keeps them as real
    files (no zip imports), so anything else is a broken installation, said plainly.
    """
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle_dir:
        # PyInstaller: build.spec collects the package data under the unpack folder by its
        # dotted path; importlib.resources would answer the same, this does not depend on it.
        folder = Path(bundle_dir).joinpath(*package.split("."))
    else:
        # Imported here: importlib.resources costs ~15 ms at import (tempfile, zipfile), and
        # the window starts in Dutch without needing any resource.
        from importlib.resources import files

        try:
            location = files(package)
        except ModuleNotFoundError:
            location = _CHECKOUT_FOLDERS[package]
        if not isinstance(location, Path):
            raise RuntimeError(f"{package} is not installed as a folder: {location!r}")
        folder = location
    if not folder.is_dir():
        raise RuntimeError(f"{package} is missing from this installation (looked in {folder})")
    return folder


def resources_dir() -> Path:
    """resources/: translations (locale/), and later icons and sounds."""
    return _package_folder(RESOURCES_PACKAGE)


def locale_dir() -> Path:
    """The gettext catalogues: locale/<language>/LC_MESSAGES/carma_logistiek.mo."""
    return resources_dir() / "locale"


def migrations_dir() -> Path:
    """db/migrations/: Alembic's env.py and versions/."""
    return _package_folder(MIGRATIONS_PACKAGE)
