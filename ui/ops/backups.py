"""Backups of the embedded database from the window: the scheduled one, one on request, the
list to restore from, and the restore itself (the database closed, the file put back, the
database opened again; the window then reloads every screen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carma_logistiek.config import sqlite_path
from ui.ops.core import QueryOp

if TYPE_CHECKING:
    from carma_logistiek.services.backups import BackupInfo, RestoreInfo, StoredBackup
    from ui.shell.context import AppContext as Context

# The services (and SQLAlchemy behind them) load when a backup is made or listed, not with
# the window's frame.

__all__ = ["backup_folder", "is_embedded", "restore_backup",
           "scheduled_backup", "stored_backups", "take_backup"]


def is_embedded(context: Context) -> bool:
    """An embedded database has backups here; a server's are made with its own tools."""
    return sqlite_path(context.config.database_url) is not None


def backup_folder(context: Context) -> Path:
    from carma_logistiek.services import backups

    return backups.backup_folder(context.config.database_url)


def scheduled_backup(context: Context) -> QueryOp[BackupInfo | None]:
    """The scheduled backup when one is due. It runs on the worker between other jobs, so no
    write of this window runs during the copy; SQLite handles other programs' writes."""
    url = context.config.database_url

    def run(_db: Any) -> BackupInfo | None:
        from carma_logistiek.services import backups

        return backups.backup_when_due(url)

    return QueryOp(context, run)


def take_backup(context: Context) -> QueryOp[BackupInfo]:
    url = context.config.database_url

    def run(_db: Any) -> BackupInfo:
        from carma_logistiek.services import backups

        return backups.backup_now(url)

    return QueryOp(context, run)


def stored_backups(context: Context) -> list[StoredBackup]:
    """The backups in the folder, newest first: a directory listing, read at once (the list
    must show when the database could not be opened at all)."""
    from carma_logistiek.services import backups

    return backups.backups_of(context.config.database_url)


def restore_backup(context: Context, backup: Path, *, done: Callable[[RestoreInfo], None],
                   refused: Callable[[BaseException], None]) -> None:
    """Put ``backup`` in place of the database: the worker closes the database, checks and
    restores the file (the current one kept in the backup folder first) and opens it again.
    ``refused`` hears why when the file was not restored; the old database is open again."""
    url = context.config.database_url
    actor = context.actor

    def between() -> RestoreInfo:
        from carma_logistiek.services import backups

        return backups.restore(url, backup, actor=actor)

    def answered(answer: Any) -> None:
        context.runner.reopened.disconnect(answered)
        if isinstance(answer, BaseException):
            refused(answer)
        else:
            done(answer)

    context.runner.reopened.connect(answered)
    context.runner.reopen(between)
