"""The database (with its -wal and -shm), settings.json, the log and backups are created for
the user only: settings.json may hold a server password, the rest names people and stock."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from carma_logistiek.bootstrap import open_configured_database
from carma_logistiek.config import AppConfig, StoredSettings
from carma_logistiek.services import masterdata
from tests.support.actors import TESTER

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_folder_are_for_the_user_only(tmp_path: Path) -> None:
    path = tmp_path / "nieuw" / "data" / "carma.sqlite"
    db = open_configured_database(AppConfig(database_url=f"sqlite:///{path}", actor="tester"))
    masterdata.create_location(db, code="Z", name="Zone", kind="zone", parent_code=None,
                               actor=TESTER)
    assert mode(path.parent) == mode(path.parent.parent) == 0o700  # the new parents too
    made = [p for p in path.parent.iterdir() if p.name.startswith("carma.sqlite")]
    assert {p.name for p in made} >= {"carma.sqlite", "carma.sqlite-wal"}
    assert all(mode(p) == 0o600 for p in made), {p.name: oct(mode(p)) for p in made}
    db.dispose()


def test_settings_are_saved_for_the_user_only(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    StoredSettings(database_url="postgresql+psycopg://carma:geheim@db/carma").save(path)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    StoredSettings().save(path)  # saved again: still private
    assert mode(path) == 0o600


def test_the_log_and_its_rotations_are_for_the_user_only(tmp_path: Path) -> None:
    from ui.shell.app import PrivateLogFile

    handler = PrivateLogFile(tmp_path / "app.log", maxBytes=200, backupCount=2,
                             encoding="utf-8")
    logger = logging.getLogger("test.private.log")
    logger.addHandler(handler)
    try:
        for n in range(20):
            logger.warning("regel %d met wat tekst om te roteren", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    logs = sorted(tmp_path.glob("app.log*"))
    assert len(logs) == 3 and all(mode(p) == 0o600 for p in logs)
