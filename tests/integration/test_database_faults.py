"""A damaged database is noticed, a backup is checked before it says done, and each fault of
the database gets its own sentence (SQLite; the server's faults by their driver messages)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from carma_logistiek.cli import main
from carma_logistiek.db.backup import BackupTargetExists, backup_sqlite
from carma_logistiek.db.uow import database_fault
from carma_logistiek.domain.errors import (
    DatabaseCorrupt,
    DatabaseDiskError,
    DatabaseFull,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnavailable,
    NotADatabase,
    WrongPassword,
)
from tests.support.disks import corrupt


def database_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_check_finds_a_damaged_database_and_backup_refuses_to_copy_it(
        demo_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = database_path(demo_url)
    corrupt(path)
    assert main(["check", "--db", demo_url]) == 1
    err = capsys.readouterr().err
    assert "beschadigd" in err and "Traceback" not in err
    target = tmp_path / "backup.sqlite"
    assert main(["backup", "--db", demo_url, "--out", str(target)]) == 1
    assert "beschadigd" in capsys.readouterr().err
    assert not target.exists() and not target.with_name(target.name + ".partial").exists()


def test_a_backup_is_checked_private_and_never_overwrites(demo_url: str, tmp_path: Path,
                                                           capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "back-ups" / "carma.sqlite"
    assert main(["backup", "--db", demo_url, "--out", str(target)]) == 0
    assert "nagekeken" in capsys.readouterr().out
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(BackupTargetExists):
        backup_sqlite(database_path(demo_url), target)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write into a read-only folder")
def test_a_backup_into_a_read_only_folder_leaves_nothing(demo_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseUnavailable):
            backup_sqlite(database_path(demo_url), folder / "b.sqlite")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_another_file_is_not_a_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "notities.sqlite"
    text.write_text("dit is geen databank\n" * 200, encoding="utf-8")
    assert main(["stock", "--db", f"sqlite:///{text}"]) == 1
    err = capsys.readouterr().err
    assert "geen databank" in err and "Traceback" not in err
    assert text.read_text(encoding="utf-8") == "dit is geen databank\n" * 200


@pytest.mark.parametrize(("driver_says", "fault"), [
    ("database is locked", DatabaseLocked),
    ("database or disk is full", DatabaseFull),
    ("disk I/O error", DatabaseDiskError),  # a disk with a few KiB left (docs/reliability.md)
    ("attempt to write a readonly database", DatabaseReadOnly),
    ("database disk image is malformed", DatabaseCorrupt),
    ("file is not a database", NotADatabase),
    ('FATAL:  password authentication failed for user "carma"', WrongPassword),
    ("connection to server at \"db\" (10.0.0.5), port 5432 failed: Connection refused",
     DatabaseUnavailable),
])
def test_each_fault_of_the_database_has_its_own_sentence(driver_says: str, fault: type) -> None:
    wrapper = DatabaseError if "malformed" in driver_says or "not a" in driver_says \
        else OperationalError
    error = wrapper("SELECT 1", {}, sqlite3.OperationalError(driver_says))
    found = database_fault(error)
    assert type(found) is fault
    assert found.message() != DatabaseUnavailable(detail="x").message() or \
        fault is DatabaseUnavailable


def test_another_programs_sqlite_file_is_never_changed(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE klanten (id INTEGER PRIMARY KEY, naam TEXT)")
        other.execute("INSERT INTO klanten (naam) VALUES ('Jansen')")
    before = path.read_bytes()
    for command in (["check"], ["migrate"], ["stock"]):
        assert main([*command, "--db", f"sqlite:///{path}"]) == 1
        err = capsys.readouterr().err
        assert "ander programma" in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()
    with sqlite3.connect(path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_database_from_a_newer_version_is_named_as_such(demo_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(database_path(demo_url)) as newer:
        newer.execute("UPDATE alembic_version SET version_num = '0099'")
    for command in (["migrate"], ["stock"], ["check"]):
        assert main([*command, "--db", demo_url]) == 1
        err = capsys.readouterr().err
        assert "nieuwere versie van CARMA Logistiek" in err and "0099" in err
        assert "Traceback" not in err


def test_a_backup_restores_and_the_current_database_is_kept_aside(
        demo_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "zaterdag.sqlite"
    assert main(["backup", "--db", demo_url, "--out", str(saved)]) == 0
    assert main(["book", "levering", "--product", "HYG-HSK-L", "--location", "GNK-MAG",
                 "--qty", "7", "--key", "na-de-back-up", "--db", demo_url]) == 0
    capsys.readouterr()
    assert main(["restore", str(saved), "--db", demo_url]) == 0
    out = capsys.readouterr().out
    assert "teruggezet en nagekeken" in out and "opzij" in out
    current = database_path(demo_url)
    with sqlite3.connect(current) as restored:
        assert restored.execute("SELECT COUNT(*) FROM bookings WHERE idempotency_key = "
                                "'na-de-back-up'").fetchone()[0] == 0
    [aside] = (current.parent / "back-ups").glob("carma-logistiek-*-voor-terugzetten.sqlite")
    with sqlite3.connect(aside) as kept:
        assert kept.execute("SELECT COUNT(*) FROM bookings WHERE idempotency_key = "
                            "'na-de-back-up'").fetchone()[0] == 1
    assert main(["check", "--db", demo_url]) == 0


def test_a_damaged_foreign_or_newer_backup_is_not_restored(
        demo_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    current = database_path(demo_url)
    damaged = tmp_path / "kapot.sqlite"
    assert main(["backup", "--db", demo_url, "--out", str(damaged)]) == 0
    corrupt(damaged)
    newer = tmp_path / "nieuwer.sqlite"
    assert main(["backup", "--db", demo_url, "--out", str(newer)]) == 0
    with sqlite3.connect(newer) as file:
        file.execute("UPDATE alembic_version SET version_num = '0099'")
    foreign = tmp_path / "ander.sqlite"
    with sqlite3.connect(foreign) as file:
        file.execute("CREATE TABLE klanten (id INTEGER PRIMARY KEY)")
    capsys.readouterr()
    before = current.read_bytes()
    for bad, words in ((damaged, "beschadigd"), (newer, "nieuwere versie"),
                       (foreign, "ander programma"), (tmp_path / "weg.sqlite", "bestaat niet")):
        assert main(["restore", str(bad), "--db", demo_url]) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err
    assert current.read_bytes() == before
    assert not list((current.parent / "back-ups").glob("*"))
