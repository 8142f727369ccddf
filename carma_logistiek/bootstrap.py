"""Opening the database the app was configured for: folder, migrations, demo data."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url

from carma_logistiek.config import AppConfig, ensure_sqlite_folder
from carma_logistiek.db.models import Location
from carma_logistiek.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from carma_logistiek.db.uow import Database, _translated_connection_errors
from carma_logistiek.domain.errors import (
    DatabaseCorrupt,
    DatabaseUnavailable,
    ForeignDatabase,
    NewerSchema,
    NotADatabase,
)
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
    refuse_foreign_sqlite(config.database_url)
    db = Database(config.database_url)
    with _translated_connection_errors(config.database_url):
        if require_carma_revision(db) != HEAD_REVISION:
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


def require_carma_revision(db: Database) -> str | None:
    """The database's revision, after making sure it is ours and not newer than this app:
    another program's tables, or a schema a newer version made, are refused unchanged."""
    with db.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        if "alembic_version" not in tables:
            if tables:
                raise ForeignDatabase(detail=db.description)
            return None
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    _require_known(db.description, revision)
    return revision


def refuse_foreign_sqlite(url: str) -> None:
    """The same check for an embedded database, read-only and before the engine opens it:
    opening switches the file to WAL, which would change another program's file."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return
    path = Path(parsed.database)
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as file:
            tables = {row[0] for row in file.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = (file.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
    except sqlite3.DatabaseError as error:
        fault = (NotADatabase if "not a database" in str(error)
                 else DatabaseCorrupt if "malformed" in str(error) else DatabaseUnavailable)
        raise fault(detail=f"{path.name}: {error}") from error
    if revision is None:
        if tables - {"sqlite_sequence"}:
            raise ForeignDatabase(detail=str(path))
        return
    _require_known(str(path), revision[0])


def _require_known(description: str, revision: str | None) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerSchema(detail=description, revision=revision, head=HEAD_REVISION)


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Location)).scalar_one() == 0
