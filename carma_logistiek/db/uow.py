"""Unit of work: one transaction per user action; it rolls back unless ``commit()`` is called."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

# The zone filter's session events (imported for their side effect: they listen on Session).
import carma_logistiek.db.zoning  # noqa: F401
from carma_logistiek.db.engine import describe_url, is_sqlite, make_engine
from carma_logistiek.domain.access import DEFAULT_ZONE, Actor
from carma_logistiek.domain.errors import (
    DatabaseCorrupt,
    DatabaseDiskError,
    DatabaseFull,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DatabaseVanished,
    NotADatabase,
    WrongPassword,
)


class Database:
    """The app's handle on one database: makes sessions for reads and for writes.

    Services receive a Database and open exactly one session per call, so every write is
    one transaction and partial bookings cannot exist.

    A handle can be bound to the person reading through it (:meth:`as_actor`): reads check
    their permission against that actor (services/command.py ``read``), and every session
    works in that actor's zone (``session.info["zone"]``, which db/zoning.py filters on). An
    unbound handle is the system: migrations, the demo builder, tests, and a database that has
    no accounts yet.
    """

    actor: Actor | None = None

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._write_engine = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if is_sqlite(url)
            else self.engine
        )
        self._file = FileIdentity.of(url)
        if self._file is not None and engine is None:
            # The file SQLite opens first is the one every write must still find.
            event.listen(self.engine, "connect", self._on_connect)

    def _on_connect(self, *_args: object) -> None:
        if self._file is not None:
            self._file.note()

    def as_actor(self, actor: Actor | None) -> Database:
        """The same database (one engine, one pool), read by ``actor`` in ``actor.zone``."""
        bound = copy.copy(self)
        bound.actor = actor
        return bound

    @property
    def zone(self) -> str:
        """The zone this handle works in: its actor's, or the default one."""
        return self.actor.zone if self.actor is not None else DEFAULT_ZONE

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends without an exception.

        On SQLite the file must still be the one opened: deleted or replaced behind the app's
        back, SQLite would go on "committing" into the deleted file (one ``os.stat``, see
        docs/benchmarks.md)."""
        if self._file is not None:
            self._file.require_same()
        with (
            _translated_connection_errors(self.url),
            Session(self._write_engine, expire_on_commit=False,
                    info={"zone": self.zone}) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; anything written in it is rolled back."""
        with (
            _translated_connection_errors(self.url),
            Session(self.engine, info={"zone": self.zone}) as session,
        ):
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()


class FileIdentity:
    """Which file an embedded database is (device and inode, as ``os.stat`` says), noted when
    it is first seen, so a write can tell that the file is gone or another one took its place."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: tuple[int, int] | None = None
        self.note()

    @classmethod
    def of(cls, url: str) -> FileIdentity | None:
        if not is_sqlite(url):
            return None
        database = make_url(url).database
        return None if database in (None, "", ":memory:") else cls(os.path.abspath(database or ""))

    def _stat(self) -> tuple[int, int] | None:
        try:
            found = os.stat(self.path)
        except OSError:  # gone, or a folder on its path is gone or became a file
            return None
        return found.st_dev, found.st_ino

    def note(self) -> None:
        if self.seen is None:
            self.seen = self._stat()

    def require_same(self) -> None:
        now = self._stat()
        if self.seen is None:  # not made yet when the handle was made: the first write makes it
            self.seen = now
            return
        if now != self.seen:
            raise DatabaseVanished(detail=self.path)


@contextmanager
def rehearsal(db: Database) -> Iterator[Database]:
    """A stand-in for ``db`` whose writes are tried and never kept: all of them run in one
    transaction that is rolled back at the end, each write in its own savepoint (a refused
    write undoes only itself, as its own transaction would). A preview of an import runs the
    real commands through it, so it shows what the real run will do, row by row.

    On SQLite the transaction holds the write lock from the first write until the end, as a
    long booking would: other desks wait (busy timeout) for the preview to finish."""
    with (
        _translated_connection_errors(db.url),
        Session(db.engine, expire_on_commit=False, info={"zone": db.zone}) as session,
    ):
        session.begin()
        try:
            yield _Rehearsal(db, session)
        finally:
            session.rollback()


class _Rehearsal(Database):
    def __init__(self, db: Database, session: Session) -> None:
        super().__init__(db.url, db.engine)
        self.actor = db.actor
        self._session = session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with _translated_connection_errors(self.url), self._session.begin_nested():
            yield self._session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translated_connection_errors(self.url):
            savepoint = self._session.begin_nested()
            try:
                yield self._session
            finally:
                savepoint.rollback()

    def dispose(self) -> None:
        """The engine belongs to the database rehearsed on."""


@contextmanager
def _translated_connection_errors(url: str) -> Iterator[None]:
    """A lost or refused connection, or a database that cannot be written, becomes a Dutch
    sentence that says which fault it is; the transaction never landed."""
    try:
        yield
    except DBAPIError as error:
        fault = database_fault(error)
        if fault is not None:
            raise fault from error
        raise


# The driver's words for the faults that have their own sentence (SQLite's messages, which are
# stable across versions, and PostgreSQL's). A lost connection is any other OperationalError.
_FAULTS: tuple[tuple[str, type[DatabaseUnavailable]], ...] = (
    ("database is locked", DatabaseLocked),
    ("database table is locked", DatabaseLocked),
    ("database or disk is full", DatabaseFull),
    ("no space left on device", DatabaseFull),
    ("disk i/o error", DatabaseDiskError),
    ("attempt to write a readonly database", DatabaseReadOnly),
    ("readonly database", DatabaseReadOnly),
    ("database disk image is malformed", DatabaseCorrupt),
    ("malformed database schema", DatabaseCorrupt),
    ("file is not a database", NotADatabase),
    ("password authentication failed", WrongPassword),
    ("role \"", WrongPassword),
)


def fault_from_text(text: str, detail: str) -> DatabaseUnavailable | None:
    """The fault a driver's message names (from SQLAlchemy, or sqlite3 used directly), with
    ``detail`` in its sentence; None when the words name none of them."""
    lowered = text.lower()
    for words, fault in _FAULTS:
        if words in lowered:
            found: DatabaseUnavailable = fault(detail=detail)
            return found
    return None


def database_fault(error: DBAPIError) -> DatabaseUnavailable | None:
    """The sentence for a driver error that is a fault of the database, or None for an error
    that is a programming error (left to surface as one)."""
    found = fault_from_text(str(error.orig or error), _short_reason(error))
    if found is not None:
        return found
    if isinstance(error, OperationalError) or error.connection_invalidated:
        return DatabaseUnavailable(detail=_short_reason(error))
    return None


# Two transactions waited on each other (deadlock) or could not be serialised: the database
# rolled one back and nothing of it landed, so running it again is safe and usually succeeds.
# PostgreSQL: 40P01 deadlock_detected, 40001 serialization_failure; SQL Server reports
# deadlock victims (error 1205) with SQLSTATE 40001 as well.
_WRITE_CONFLICT_SQLSTATES = frozenset({"40001", "40P01"})


def is_write_conflict(error: BaseException | None) -> bool:
    """True when ``error`` (or the error it was raised from) is a deadlock or serialisation
    failure, which the caller may retry as a whole transaction."""
    while error is not None:
        orig = getattr(error, "orig", None)
        if orig is not None:
            state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
            if state is None and getattr(orig, "args", None):
                state = str(orig.args[0])  # pyodbc puts the SQLSTATE first
            return state in _WRITE_CONFLICT_SQLSTATES
        error = error.__cause__
    return False


def _short_reason(error: DBAPIError) -> str:
    text = str(error.orig or error).strip().splitlines()
    return text[0][:160] if text else type(error).__name__


def open_database(url: str) -> Database:
    return Database(url)
