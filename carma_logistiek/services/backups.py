"""Backups of the embedded database as the app and the command line use them, by database
URL: the folder next to the database, the scheduled copy, one on request, the list, a restore.

Only an embedded database has a file to copy; for a server every function says so with
``ServerBackup`` (the server's own tools make and restore its backups)."""

from __future__ import annotations

from pathlib import Path

from carma_logistiek.clock import local_now
from carma_logistiek.config import sqlite_path
from carma_logistiek.db.backup import BackupInfo, RestoreInfo, backup_sqlite
from carma_logistiek.db.backup_folder import (
    BackupReason,
    StoredBackup,
    backup_folder_for,
    list_backups,
    restore_keeping_aside,
    scheduled_backup,
    take_backup,
)
from carma_logistiek.db.schema_version import KNOWN_REVISIONS
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_

__all__ = ["BackupInfo", "BackupReason", "RestoreInfo", "ServerBackup", "StoredBackup",
           "backup_folder", "backup_now", "backup_to", "backup_when_due", "backups_of", "restore"]


class ServerBackup(DomainError):
    code = "ServerBackup"
    template = N_("Een databank op een server krijgt zijn back-ups met de hulpmiddelen van de "
                  "server (bv. pg_dump en pg_restore voor PostgreSQL).")
    field = None


def _file(url: str) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise ServerBackup()
    return path


def backup_folder(url: str) -> Path:
    return backup_folder_for(_file(url))


def backups_of(url: str) -> list[StoredBackup]:
    """The backups kept for this database, newest first ([] on a server)."""
    path = sqlite_path(url)
    return list_backups(backup_folder_for(path)) if path is not None else []


def backup_when_due(url: str) -> BackupInfo | None:
    """The scheduled backup when the newest is older than the interval, else None."""
    path = sqlite_path(url)
    return scheduled_backup(path, local_now()) if path is not None else None


def backup_now(url: str) -> BackupInfo:
    """A backup on request, into the backup folder."""
    return take_backup(_file(url), BackupReason.MANUAL, local_now())


def backup_to(url: str, target: Path) -> BackupInfo:
    """A backup on request, to a file of the user's choosing (another disk, a share)."""
    return backup_sqlite(_file(url), target)


def restore(url: str, backup: Path, *, actor: Actor) -> RestoreInfo:
    """Put ``backup`` in place (the database must be closed: the app closes it first); the
    current file is kept in the backup folder. Only for an administrator."""
    actor.require(Permission.ADMIN)
    return restore_keeping_aside(backup, _file(url), known_revisions=KNOWN_REVISIONS,
                                 now=local_now())
