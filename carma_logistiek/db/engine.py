"""Engines per backend, with the settings each one needs to be safe for several clients."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 30_000


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``. SQLite gets WAL, foreign keys, a busy timeout and
    ``BEGIN IMMEDIATE`` for writes; servers get connection health checks."""
    if is_sqlite(url):
        return _sqlite_engine(url, echo=echo)
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_recycle=1800)


def _sqlite_engine(url: str, *, echo: bool) -> Engine:
    # Pooled connections: opening one runs the PRAGMAs below, which would otherwise cost
    # more than the booking itself.
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not pysqlite, decide when a transaction begins (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if make_url(url).database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            # FULL, not WAL's usual NORMAL: NORMAL can lose the last bookings on a power cut,
            # and a booking the clerk saw confirmed must survive that. It costs ~0.3 ms per
            # commit here (docs/benchmarks.md).
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # Writers take the write lock at BEGIN, so two writers queue on the busy timeout
        # instead of one failing with "database is locked" when it upgrades a read lock.
        # Readers stay DEFERRED and never block writers (WAL).
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def describe_url(url: str) -> str:
    """What the status bar shows: the file for SQLite, host/database for a server.
    Never the password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.get_backend_name()}://{host}{port}/{parsed.database or ''}"
