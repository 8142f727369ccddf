"""Sound copies of the embedded database, and the check that says whether a file is sound.

A backup that copies a damaged database is just as damaged, and one that a full disk cut off
half-way is a 0-byte file that blocks the next attempt. So: the source is checked first, the
copy is written next to the target as ``.partial`` (readable by the user only), checked again
and only then renamed to the target; a failure removes the partial file and says which fault
it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from carma_logistiek.config import private_folder
from carma_logistiek.db.sqlite_files import (
    integrity_problems,
    read_only,
    require_carma,
    schema_of,
)
from carma_logistiek.db.uow import fault_from_text
from carma_logistiek.domain.errors import (
    DatabaseCorrupt,
    DatabaseFull,
    DatabaseUnavailable,
    DomainError,
    NotADatabase,
)
from carma_logistiek.i18n import N_

__all__ = ["BackupFailed", "BackupInfo", "BackupSourceMissing", "BackupTargetExists", "RestoreInfo",
           "RestoreSourceMissing", "backup_sqlite", "restore_sqlite"]

class BackupTargetExists(DomainError):
    code = "BackupTargetExists"
    template = N_("{file} bestaat al; kies een nieuwe bestandsnaam.")
    field = None


class BackupSourceMissing(DomainError):
    code = "BackupSourceMissing"
    template = N_("De databank {file} bestaat niet; er werd geen back-up gemaakt.")
    field = None


class BackupFailed(DomainError):
    code = "BackupFailed"
    template = N_("De back-up kon niet gemaakt worden ({detail}); er bleef geen half bestand "
                  "achter. Probeer opnieuw, eventueel naar een andere map.")
    field = None


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int


def backup_sqlite(source: Path, target: Path) -> BackupInfo:
    """Copy ``source`` to ``target`` with SQLite's online backup (commits still in the -wal
    file included, while the app may be running), checked before and after."""
    if not source.is_file():  # sqlite3.connect would make an empty database there
        raise BackupSourceMissing(file=str(source))
    if target.exists():
        raise BackupTargetExists(file=str(target))
    partial = target.with_name(target.name + ".partial")
    try:
        private_folder(target.parent)
        with closing(sqlite3.connect(source)) as original:
            _require_sound(original, source)
            _create_private(partial)
            with closing(sqlite3.connect(partial)) as copy:
                original.backup(copy)
            with closing(sqlite3.connect(partial)) as copy:
                _require_sound(copy, partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        _remove_partial(partial)
        raise _fault(error) from error
    except DomainError:
        _remove_partial(partial)
        raise
    return BackupInfo(target, target.stat().st_size)


def _remove_partial(partial: Path) -> None:
    """The cut-off copy and the journal SQLite wrote next to it: nothing half is left."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def _require_sound(connection: sqlite3.Connection, path: Path) -> None:
    problems = integrity_problems(connection)
    if problems:
        raise DatabaseCorrupt(detail=f"{path.name}: {problems[0]}")


def _create_private(path: Path) -> None:
    """An empty file only the user may read; SQLite keeps the mode of the file it opens."""
    path.unlink(missing_ok=True)  # a partial left by a crashed attempt
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _fault(error: sqlite3.Error | OSError) -> DomainError:
    text = str(error)
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return DatabaseFull(detail=text)
    found = fault_from_text(text, text)
    if found is not None:
        return found
    if isinstance(error, sqlite3.OperationalError):
        return DatabaseUnavailable(detail=text)
    return BackupFailed(detail=text)


class RestoreSourceMissing(DomainError):
    code = "RestoreSourceMissing"
    template = N_("De back-up {file} bestaat niet of is geen bestand; er werd niets teruggezet.")
    field = None


@dataclass(frozen=True)
class RestoreInfo:
    restored: Path
    kept_aside: Path | None


def _keep_aside(current: Path, aside: Path) -> None:
    """A checked copy of the current database; a damaged one (the usual reason to restore)
    cannot be checked or copied page by page, so its bytes are kept as they are, -wal file
    included, for whoever wants to look at it later."""
    try:
        backup_sqlite(current, aside)
    except (DatabaseCorrupt, NotADatabase):
        private_folder(aside.parent)
        for suffix in ("", "-wal"):
            source = current.with_name(current.name + suffix)
            if source.is_file():
                target = aside.with_name(aside.name + suffix)
                _create_private(target)
                shutil.copyfile(source, target)


def restore_sqlite(backup: Path, current: Path, *, known_revisions: tuple[str, ...],
                   kept_aside_as: Path) -> RestoreInfo:
    """Put ``backup`` in place of ``current``: only a sound CARMA database of a revision this
    app knows, and only after the current database was copied aside to ``kept_aside_as`` (with
    the same checks as a backup). The copy goes through SQLite's backup API, so the -wal file
    of the current database is taken along and then superseded, never left behind stale."""
    if not backup.is_file():
        raise RestoreSourceMissing(file=str(backup))
    try:
        with read_only(backup) as source:
            _require_sound(source, backup)
            tables, revision = schema_of(source)
            require_carma(tables, revision, str(backup), known_revisions=known_revisions,
                          empty_ok=False)
            aside = None
            if current.is_file() and current.stat().st_size:
                _keep_aside(current, kept_aside_as)
                aside = kept_aside_as
            else:
                private_folder(current.parent)
                _create_private(current)
            with closing(sqlite3.connect(current, timeout=2)) as target:
                source.backup(target)
                _require_sound(target, current)
    except (sqlite3.Error, OSError) as error:
        raise _fault(error) from error
    return RestoreInfo(current, aside)
