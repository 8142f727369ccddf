"""Opening the database the app was configured for: folder, migrations, demo data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url

from carma_logistiek.config import (
    AppConfig,
    ensure_sqlite_folder,
    remember_default_database,
    sqlite_path,
)
from carma_logistiek.db.models import Location
from carma_logistiek.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from carma_logistiek.db.sqlite_files import (
    quick_check_problems,
    read_only,
    require_carma,
    schema_of,
)
from carma_logistiek.db.uow import Database, _translated_connection_errors
from carma_logistiek.domain.errors import DatabaseCorrupt, DatabaseMissing, DatabaseUnavailable
from carma_logistiek.i18n import _

Progress = Callable[[str], None]


def open_configured_database(config: AppConfig, progress: Progress | None = None) -> Database:
    """Upgrade the configured database to the newest schema and return a handle on it.

    For ``config.demo`` an empty database is filled with the CARMA demo data first. Slow on
    first start (seconds), so the UI calls this off the GUI thread.
    """
    report = progress or (lambda _text: None)
    require_database_url(config.database_url)
    require_existing_file(config)
    try:
        ensure_sqlite_folder(config.database_url)
    except OSError as error:  # a file where the folder should be, no permission, read-only disk
        raise DatabaseUnavailable(detail=f"{error.strerror or error}: {error.filename}") from error
    embedded = make_url(config.database_url).get_backend_name() == "sqlite"
    # Read once, before anything could change the file: one plain look on SQLite, one query on
    # a server; Alembic is loaded only when an upgrade is due.
    revision = sqlite_revision(config.database_url) if embedded else None
    db = Database(config.database_url)
    with _translated_connection_errors(config.database_url):
        if not embedded:
            revision = require_carma_revision(db)
        if revision != HEAD_REVISION:
            from carma_logistiek.db.migrate import upgrade_to_head

            if embedded and revision is not None:
                report(_("Back-up maken voor het bijwerken…"))
                backup_before_migration(config.database_url)
            report(_("Databank bijwerken…"))
            upgrade_to_head(config.database_url, db.engine)
    if config.demo and is_empty(db):
        from carma_logistiek.demo import create_demo_data
        from carma_logistiek.demo.actors import DEMO_ACTOR, as_actor

        report(_("Demogegevens aanmaken…"))
        create_demo_data(db, actor=as_actor(config.actor) if config.actor else DEMO_ACTOR)
    remember_default_database(config.database_url)
    return db


def require_existing_file(config: AppConfig) -> None:
    """An embedded database that is not there is made only when the configuration allows it
    (``create_database``); otherwise nothing is made, not even its folder."""
    path = sqlite_path(config.database_url)
    if path is None or config.create_database:
        return
    path = path.expanduser()
    if not path.is_file():
        raise DatabaseMissing(detail=str(path))


def require_carma_revision(db: Database) -> str | None:
    """The revision read through the engine (a server; SQLite is looked at before the engine
    opens it, see sqlite_revision), after making sure it is ours and not newer than this app:
    another program's tables, or a schema a newer version made, are refused unchanged."""
    with db.engine.connect() as connection:
        tables = frozenset(inspect(connection).get_table_names())
        revision = (connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                    if "alembic_version" in tables else None)
    require_carma(tables, revision, db.description, known_revisions=KNOWN_REVISIONS,
                  empty_ok=True)
    return revision


def sqlite_revision(url: str) -> str | None:
    """The same check for an embedded database, read-only and before the engine opens it
    (opening switches the file to WAL, which would change another program's file)."""
    path = Path(make_url(url).database or "")
    if not path.is_file() or path.stat().st_size == 0:
        return None  # a new database: made below
    with read_only(path) as file:
        tables, revision = schema_of(file)
        require_carma(tables, revision, str(path), known_revisions=KNOWN_REVISIONS,
                      empty_ok=True)
        # A damaged file is noticed before anything writes into it (SQLite would go on and
        # store bookings in it until a page it needs is the damaged one).
        problems = quick_check_problems(file)
    if problems:
        raise DatabaseCorrupt(detail=f"{path.name}: {problems[0]}")
    return revision


def backup_before_migration(url: str) -> None:
    """The database as the older version left it, checked, in the backup folder: a migration
    that goes wrong (or a newer version the zone wants to leave) is undone by restoring it.
    When the copy fails (a full disk) the migration does not start; the error says why."""
    from carma_logistiek.clock import local_now
    from carma_logistiek.db.backup_folder import BackupReason, take_backup

    take_backup(Path(make_url(url).database or ""), BackupReason.BEFORE_MIGRATION, local_now())


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Location)).scalar_one() == 0


def require_database_url(url: str) -> None:
    """A value SQLAlchemy cannot read as a URL is a sentence, not a traceback."""
    from sqlalchemy.exc import ArgumentError

    from carma_logistiek.domain.errors import BadDatabaseUrl

    try:
        make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise BadDatabaseUrl(detail=url) from None
