"""One transaction for a use case composed of several reads.

A composition (a label sheet, the stock report, the kit check's sheet) calls read services that
each open their own ``db.read()``. Inside ``one_transaction(db)`` they all get the same session:
one connection and one transaction for the whole composition instead of one per item, so the
rows agree with each other and a sheet of 200 lots does not take 200 round trips to the pool.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from carma_logistiek.db.uow import Database

__all__ = ["CompositionWrote", "one_transaction"]


class CompositionWrote(RuntimeError):
    """A composition is a read: a service inside it asked for a write session. A programming
    error, never a user's: the write would have landed outside the composition's transaction."""


class _SharedReadDatabase(Database):
    """The same database, where every ``read()`` is the composition's one session."""

    def __init__(self, db: Database, session: Session) -> None:
        # Shares the engine of ``db``; it is not ours to dispose.
        self.url = db.url
        self.engine = db.engine
        self._session = session
        # The reads inside check their own permission against the composition's reader, and
        # ``zone`` (a label's payload) is theirs, not the default one.
        self.actor = db.actor

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def write(self) -> Iterator[Session]:
        raise CompositionWrote("a write inside a read-only composition")
        yield self._session  # pragma: no cover - makes this a generator

    def dispose(self) -> None:
        """The composition's database is borrowed: the engine stays open."""


@contextmanager
def one_transaction(db: Database) -> Iterator[Database]:
    """A Database whose reads all run in one session (one transaction), rolled back at the end.

    Nested compositions join the outer one. Writes inside raise ``CompositionWrote``."""
    if isinstance(db, _SharedReadDatabase):
        yield db
        return
    with db.read() as session:
        yield _SharedReadDatabase(db, session)
