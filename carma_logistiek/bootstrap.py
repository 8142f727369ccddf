"""Opening the database the app was configured for: folder, migrations, demo data."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from carma_logistiek.config import AppConfig, ensure_sqlite_folder
from carma_logistiek.db.migrate import upgrade_to_head
from carma_logistiek.db.models import Location
from carma_logistiek.db.uow import Database, _translated_connection_errors
from carma_logistiek.domain.errors import DatabaseUnavailable
from carma_logistiek.i18n import _

Progress = Callable[[str], None]


def open_configured_database(config: AppConfig, progress: Progress | None = None) -> Database:
    """Upgrade the configured database to the newest schema and return a handle on it.

    For ``config.demo`` an empty database is filled with the CARMA demo data first. Slow on
    first start (seconds), so the UI calls this off the GUI thread.
    """
    report = progress or (lambda _text: None)
    try:
        ensure_sqlite_folder(config.database_url)
    except OSError as error:  # a file where the folder should be, no permission, read-only disk
        raise DatabaseUnavailable(detail=f"{error.strerror or error}: {error.filename}") from error
    db = Database(config.database_url)
    report(_("Databank bijwerken…"))
    with _translated_connection_errors(config.database_url):
        upgrade_to_head(config.database_url, db.engine)
    if config.demo and is_empty(db):
        from carma_logistiek.demo import create_demo_data

        report(_("Demogegevens aanmaken…"))
        create_demo_data(db, actor=config.actor or "demo")
    return db


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Location)).scalar_one() == 0
