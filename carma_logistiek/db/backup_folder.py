"""The backups the app keeps by itself, in a folder next to the embedded database.

Each backup is a checked copy (db/backup.py) named after when it was taken and why:
``carma-logistiek-20261202-184900-gepland.sqlite``. Four reasons, each with its own rotation,
so a day of scheduled copies never pushes out the copy taken before a migration or a restore:

- ``gepland``: on the schedule (the app takes one at start and every few hours while it runs
  when the newest is older than the interval);
- ``voor-bijwerken``: before every migration, the database as the older version left it;
- ``voor-terugzetten``: the database as it was just before a backup was put back;
- ``handmatig``: ``carma-logistiek backup`` without ``--out``, or "Back-up maken" in the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from carma_logistiek.db.backup import BackupInfo, RestoreInfo, backup_sqlite, restore_sqlite
from carma_logistiek.i18n import N_

__all__ = ["BACKUP_FOLDER_NAME", "BackupPolicy", "BackupReason", "StoredBackup",
           "backup_due", "backup_folder_for", "list_backups", "restore_keeping_aside",
           "scheduled_backup", "take_backup"]

BACKUP_FOLDER_NAME = "back-ups"
_PREFIX = "carma-logistiek-"
_NAME = re.compile(r"^carma-logistiek-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite$")
_STAMP = "%Y%m%d-%H%M%S"


class BackupReason(StrEnum):
    SCHEDULED = "gepland"
    BEFORE_MIGRATION = "voor-bijwerken"
    BEFORE_RESTORE = "voor-terugzetten"
    MANUAL = "handmatig"

    @property
    def label(self) -> str:
        """What a person reads in the list (untranslated here: the caller translates)."""
        return _LABELS[self]


_LABELS = {
    BackupReason.SCHEDULED: N_("automatisch"),
    BackupReason.BEFORE_MIGRATION: N_("voor het bijwerken van het schema"),
    BackupReason.BEFORE_RESTORE: N_("voor het terugzetten van een back-up"),
    BackupReason.MANUAL: N_("handmatig"),
}


@dataclass(frozen=True)
class BackupPolicy:
    """How often and how many. Fourteen scheduled copies at one a day are two weeks back; the
    zone's database is a few MB, so the folder stays far under 100 MB."""

    interval: timedelta = timedelta(hours=24)
    keep: tuple[tuple[BackupReason, int], ...] = (
        (BackupReason.SCHEDULED, 14), (BackupReason.BEFORE_MIGRATION, 5),
        (BackupReason.BEFORE_RESTORE, 5), (BackupReason.MANUAL, 10))

    def keep_of(self, reason: BackupReason) -> int:
        return dict(self.keep)[reason]


DEFAULT_POLICY = BackupPolicy()


@dataclass(frozen=True)
class StoredBackup:
    path: Path
    taken_at: datetime
    reason: BackupReason
    size: int


def backup_folder_for(database: Path) -> Path:
    """Next to the database: the demo's backups stay with the demo, a real one's with it."""
    return database.parent / BACKUP_FOLDER_NAME


def list_backups(folder: Path) -> list[StoredBackup]:
    """The backups in ``folder``, newest first; files of other names (and ``.partial`` files
    of an attempt that was cut off) are not backups and are left alone."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            reason = BackupReason(match.group(3))
            taken_at = datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue
        found.append(StoredBackup(path, taken_at, reason, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backup_due(folder: Path, now: datetime, policy: BackupPolicy = DEFAULT_POLICY) -> bool:
    """True when no scheduled backup is younger than the interval (one from the future, a
    clock set back, counts as none)."""
    scheduled = [b for b in list_backups(folder) if b.reason is BackupReason.SCHEDULED
                 and b.taken_at <= now]
    return not scheduled or now - scheduled[0].taken_at >= policy.interval


def take_backup(database: Path, reason: BackupReason, now: datetime,
                policy: BackupPolicy = DEFAULT_POLICY) -> BackupInfo:
    """A checked copy of ``database`` into its backup folder, then the oldest of the same
    reason beyond the policy's number removed (only after the new one is verified)."""
    folder = backup_folder_for(database)
    info = backup_sqlite(database, _free_name(folder, now, reason))
    _rotate(folder, reason, policy.keep_of(reason))
    return info


def scheduled_backup(database: Path, now: datetime,
                     policy: BackupPolicy = DEFAULT_POLICY) -> BackupInfo | None:
    """The scheduled backup when one is due, else None (nothing done)."""
    if not database.is_file() or not backup_due(backup_folder_for(database), now, policy):
        return None
    return take_backup(database, BackupReason.SCHEDULED, now, policy)


def restore_keeping_aside(backup: Path, database: Path, *, known_revisions: tuple[str, ...],
                          now: datetime) -> RestoreInfo:
    """Put ``backup`` in place of ``database``; the current one goes into the backup folder
    first (reason ``voor-terugzetten``), where the restore list shows it: a restore of the
    wrong file is undone by restoring that one."""
    folder = backup_folder_for(database)
    info = restore_sqlite(backup, database, known_revisions=known_revisions,
                          kept_aside_as=_free_name(folder, now, BackupReason.BEFORE_RESTORE))
    _rotate(folder, BackupReason.BEFORE_RESTORE,
            DEFAULT_POLICY.keep_of(BackupReason.BEFORE_RESTORE), spare=backup)
    return info


def _free_name(folder: Path, now: datetime, reason: BackupReason) -> Path:
    """A name no backup has yet: two in the same second get a counter."""
    stamp = now.strftime(_STAMP)
    path = folder / f"{_PREFIX}{stamp}-{reason.value}.sqlite"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{_PREFIX}{stamp}-{counter}-{reason.value}.sqlite"
    return path


def _rotate(folder: Path, reason: BackupReason, keep: int, spare: Path | None = None) -> list[Path]:
    """Remove the oldest backups of ``reason`` beyond ``keep`` (never ``spare``, the one just
    restored from)."""
    same: Sequence[StoredBackup] = [b for b in list_backups(folder) if b.reason is reason]
    removed = []
    for old in same[keep:]:
        if spare is not None and old.path.resolve() == spare.resolve():
            continue
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed
