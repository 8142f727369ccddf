"""Opening the database the app was configured for: folder, migrations, demo data."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, inspect, select, text

from carma_logistiek.config import AppConfig, ensure_sqlite_folder
from carma_logistiek.db.models import Location
from carma_logistiek.db.schema_version import HEAD_REVISION
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
    with _translated_connection_errors(config.database_url):
        if current_revision(db) != HEAD_REVISION:
            from carma_logistiek.db.migrate import upgrade_to_head

            report(_("Databank bijwerken…"))
            upgrade_to_head(config.database_url, db.engine)
    if config.demo and is_empty(db):
        from carma_logistiek.demo import create_demo_data
        from carma_logistiek.demo.actors import DEMO_ACTOR, as_actor

        report(_("Demogegevens aanmaken…"))
        create_demo_data(db, actor=as_actor(config.actor) if config.actor else DEMO_ACTOR)
    return db


def current_revision(db: Database) -> str | None:
    """The database's Alembic revision with one plain query (None for an empty database)."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Location)).scalar_one() == 0
