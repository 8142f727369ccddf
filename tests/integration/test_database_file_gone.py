"""A database file that is not there is never made silently, and one deleted or replaced while
the app has it open refuses every booking instead of "committing" into a deleted file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from carma_logistiek import config as app_config
from carma_logistiek.bootstrap import open_configured_database
from carma_logistiek.cli import main
from carma_logistiek.config import resolve_config, sqlite_url
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.errors import DatabaseMissing, DatabaseVanished
from carma_logistiek.services import stock as st
from tests.support.actors import TESTER

VANISHED = "is verdwenen of vervangen terwijl het programma open was; er werd niets geboekt."


@pytest.fixture
def zone_db(sqlite_template: Path, tmp_path: Path, make_zone):  # type: ignore[no-untyped-def]
    path = tmp_path / "carma.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(sqlite_url(path))
    zone = make_zone(db)
    yield db, zone, path
    db.dispose()


def deliver(db: Database, zone) -> object:  # type: ignore[no-untyped-def]
    return st.record_delivery(
        db, product_code=zone.gloves, location_code=zone.storeroom, quantity=3, actor=TESTER
    )


def test_a_deleted_file_refuses_the_next_booking(zone_db) -> None:  # type: ignore[no-untyped-def]
    db, zone, path = zone_db
    deliver(db, zone)  # the file is there: booked
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(DatabaseVanished) as refused:
        deliver(db, zone)
    assert (
        str(refused.value) == f"De databank {path} {VANISHED} Sluit het programma en "
        "start het opnieuw; is het bestand weg, zet dan de laatste back-up terug."
    )
    assert not path.exists()  # and nothing made a new one


def test_a_replaced_file_refuses_the_next_booking(zone_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, zone, path = zone_db
    deliver(db, zone)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as source, sqlite3.connect(other) as copy:
        source.backup(copy)
    bookings_before = _bookings(other)
    other.replace(path)  # another file under the same name (a copy put back by hand)
    with pytest.raises(DatabaseVanished):
        deliver(db, zone)
    assert _bookings(path) == bookings_before


def _bookings(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM bookings").fetchone()[0])


def test_a_mistyped_db_path_makes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "carma.sqlite"
    config = resolve_config(db_url=sqlite_url(missing))
    with pytest.raises(DatabaseMissing) as refused:
        open_configured_database(config)
    assert str(refused.value).startswith(f"De databank {missing} bestaat niet.")
    assert not missing.parent.exists()


def test_the_cli_refuses_a_missing_database_and_says_how_to_make_one(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "typo" / "carma.sqlite"
    url = sqlite_url(missing)
    assert main(["stock", "--db", url]) == 1
    err = capsys.readouterr().err
    assert f"De databank {missing} bestaat niet." in err
    assert f"carma-logistiek migrate --create --db {url}" in err and "Traceback" not in err
    assert not missing.parent.exists()
    assert main(["migrate", "--create", "--db", url]) == 0
    assert missing.is_file()


def test_the_default_database_is_made_on_the_first_start_only() -> None:
    default = app_config.default_database_path()
    first = resolve_config()
    assert first.create_database
    open_configured_database(first).dispose()
    assert default.is_file()
    default.unlink()  # deleted since: the next start says so instead of starting empty
    with pytest.raises(DatabaseMissing):
        open_configured_database(resolve_config())
    assert not default.exists()
    assert resolve_config(demo=True).create_database  # the demo is always made when missing
