"""The backups the app keeps by itself: on a schedule, before each migration and before a
restore, each reason rotated on its own, and a damaged database noticed before it is used."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from carma_logistiek.bootstrap import open_configured_database
from carma_logistiek.cli import main
from carma_logistiek.config import AppConfig, sqlite_url
from carma_logistiek.db.backup_folder import (
    BackupPolicy,
    BackupReason,
    backup_due,
    backup_folder_for,
    list_backups,
    restore_keeping_aside,
    scheduled_backup,
    take_backup,
)
from carma_logistiek.db.migrate import alembic_config
from carma_logistiek.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from carma_logistiek.domain.errors import DatabaseCorrupt, DatabaseFull
from tests.integration.test_database_faults import database_path
from tests.support.disks import corrupt

MORNING = datetime(2026, 12, 2, 8, 0, 0)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "zone" / "carma-logistiek.sqlite"
    path.parent.mkdir()
    with sqlite3.connect(path) as file:
        file.execute("CREATE TABLE t (n INTEGER)")
        file.execute("INSERT INTO t VALUES (1)")
        file.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        file.execute("INSERT INTO alembic_version VALUES ('x')")
    return path


def test_a_backup_is_due_once_per_interval(database: Path) -> None:
    policy = BackupPolicy(interval=timedelta(hours=24))
    folder = backup_folder_for(database)
    assert backup_due(folder, MORNING, policy)
    assert scheduled_backup(database, MORNING, policy) is not None
    assert not backup_due(folder, MORNING + timedelta(hours=23), policy)
    assert scheduled_backup(database, MORNING + timedelta(hours=23), policy) is None
    # A manual copy or one before a migration does not stand in for the scheduled one.
    take_backup(database, BackupReason.MANUAL, MORNING + timedelta(hours=24), policy)
    assert backup_due(folder, MORNING + timedelta(hours=24), policy)
    # A clock set back (a backup "from the future") does not stop the schedule.
    assert backup_due(folder, MORNING - timedelta(days=3), policy)


def test_each_reason_is_rotated_on_its_own(database: Path) -> None:
    policy = BackupPolicy(keep=((BackupReason.SCHEDULED, 3), (BackupReason.BEFORE_MIGRATION, 1),
                                (BackupReason.BEFORE_RESTORE, 5), (BackupReason.MANUAL, 5)))
    take_backup(database, BackupReason.BEFORE_MIGRATION, MORNING, policy)
    for day in range(1, 6):
        take_backup(database, BackupReason.SCHEDULED, MORNING + timedelta(days=day), policy)
    kept = list_backups(backup_folder_for(database))
    scheduled = [b.taken_at.day for b in kept if b.reason is BackupReason.SCHEDULED]
    assert scheduled == [7, 6, 5]  # the newest three, newest first
    assert [b.reason for b in kept].count(BackupReason.BEFORE_MIGRATION) == 1


def test_two_backups_in_one_second_both_stay(database: Path) -> None:
    first = take_backup(database, BackupReason.MANUAL, MORNING)
    second = take_backup(database, BackupReason.MANUAL, MORNING)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert len(list_backups(backup_folder_for(database))) == 2


def test_other_files_in_the_folder_are_left_alone(database: Path) -> None:
    folder = backup_folder_for(database)
    folder.mkdir()
    (folder / "notities.txt").write_text("van de beheerder")
    (folder / "carma-logistiek-20261202-080000-gepland.sqlite.partial").write_bytes(b"")
    policy = BackupPolicy(keep=((BackupReason.SCHEDULED, 1), (BackupReason.BEFORE_MIGRATION, 1),
                                (BackupReason.BEFORE_RESTORE, 1), (BackupReason.MANUAL, 1)))
    for hour in range(3):
        take_backup(database, BackupReason.SCHEDULED, MORNING + timedelta(hours=hour), policy)
    assert (folder / "notities.txt").exists()
    assert len(list_backups(folder)) == 1


def test_a_failed_backup_removes_no_older_one(database: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    policy = BackupPolicy(keep=((BackupReason.SCHEDULED, 1), (BackupReason.BEFORE_MIGRATION, 1),
                                (BackupReason.BEFORE_RESTORE, 1), (BackupReason.MANUAL, 1)))
    take_backup(database, BackupReason.SCHEDULED, MORNING, policy)

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise DatabaseFull(detail="No space left on device")

    monkeypatch.setattr("carma_logistiek.db.backup_folder.backup_sqlite", full_disk)
    with pytest.raises(DatabaseFull):
        take_backup(database, BackupReason.SCHEDULED, MORNING + timedelta(days=1), policy)
    [kept] = list_backups(backup_folder_for(database))
    assert kept.taken_at == MORNING


def test_restore_keeps_the_current_one_in_the_list_and_never_rotates_its_source(
        database: Path) -> None:
    saved = take_backup(database, BackupReason.MANUAL, MORNING).path
    with sqlite3.connect(database) as file:
        file.execute("INSERT INTO t VALUES (2)")
    for minute in range(1, 8):  # more than the five kept from before a restore
        info = restore_keeping_aside(saved, database, known_revisions=("x",),
                                     now=MORNING + timedelta(minutes=minute))
        assert info.kept_aside is not None and info.kept_aside.exists()
        if minute == 1:  # the database as it was, with the row made after the backup
            with sqlite3.connect(info.kept_aside) as file:
                assert file.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 2
    kept = list_backups(backup_folder_for(database))
    aside = [b for b in kept if b.reason is BackupReason.BEFORE_RESTORE]
    assert len(aside) == 5 and aside[0].taken_at == MORNING + timedelta(minutes=7)
    assert saved.exists()


def test_the_database_is_copied_before_a_migration(tmp_path: Path) -> None:
    """A database at the previous revision: opening it makes a checked copy of it as it was
    (still at that revision) in the backup folder, then upgrades."""
    path = tmp_path / "zone.sqlite"
    url = sqlite_url(path)
    config = alembic_config(url)
    previous = KNOWN_REVISIONS[-2]
    command.upgrade(config, previous)
    db = open_configured_database(AppConfig(database_url=url))
    db.dispose()
    [copy] = list_backups(backup_folder_for(path))
    assert copy.reason is BackupReason.BEFORE_MIGRATION
    with sqlite3.connect(copy.path) as file:
        assert file.execute("SELECT version_num FROM alembic_version").fetchone()[0] == previous
    with sqlite3.connect(path) as file:
        assert file.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            HEAD_REVISION)
    # Opened again at head: no second copy.
    open_configured_database(AppConfig(database_url=url)).dispose()
    assert len(list_backups(backup_folder_for(path))) == 1


def test_a_migration_without_its_backup_does_not_start(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "zone.sqlite"
    url = sqlite_url(path)
    command.upgrade(alembic_config(url), KNOWN_REVISIONS[-2])
    before = path.read_bytes()

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise DatabaseFull(detail="No space left on device")

    monkeypatch.setattr("carma_logistiek.db.backup_folder.backup_sqlite", full_disk)
    with pytest.raises(DatabaseFull):
        open_configured_database(AppConfig(database_url=url))
    assert path.read_bytes() == before


def test_a_damaged_database_is_noticed_at_start_and_not_written(
        demo_url: str) -> None:
    path = database_path(demo_url)
    corrupt(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as refused:
        open_configured_database(AppConfig(database_url=demo_url))
    assert "zet de laatste back-up terug" in refused.value.message()
    assert path.read_bytes() == before
    # Reading a file in WAL mode makes SQLite's empty -wal beside it; nothing is written in it.
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_backup_without_out_goes_to_the_folder_and_backups_lists_it(
        demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["backup", "--db", demo_url]) == 0
    capsys.readouterr()
    assert main(["backups", "--db", demo_url]) == 0
    out = capsys.readouterr().out
    assert "handmatig" in out and str(backup_folder_for(database_path(demo_url))) in out


def test_a_missing_database_or_a_server_gets_a_sentence_and_no_file(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "weg.sqlite"
    assert main(["backup", "--db", sqlite_url(missing)]) == 1
    assert "bestaat niet; er werd geen back-up gemaakt" in capsys.readouterr().err
    assert not missing.exists()  # sqlite3.connect would have made an empty database there
    for args in (["backup"], ["backups"], ["restore", str(tmp_path / "x.sqlite")]):
        assert main([*args, "--db", "postgresql://carma@127.0.0.1:1/carma"]) == 1
        err = capsys.readouterr().err
        assert "hulpmiddelen van de server" in err and "Traceback" not in err
