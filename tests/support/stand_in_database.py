"""A database that is never reached: every session it is asked for raises :class:`Reached`.

The permission matrix calls services on it: a call that gets as far as asking for a session
passed its permission check, and nothing runs, so no argument needs to be valid."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from carma_logistiek.db.uow import Database


class Reached(Exception):
    """The call passed its permission check and asked the database for a session."""


class StandInDatabase(Database):
    """No engine, no file; ``as_actor`` binds it to an actor like a real handle."""

    def __init__(self) -> None:  # no super().__init__: there is nothing to connect to
        self.url = "sqlite:///stand-in.db"

    @contextmanager
    def read(self) -> Iterator[Session]:
        raise Reached()
        yield  # pragma: no cover - makes this a generator

    @contextmanager
    def write(self) -> Iterator[Session]:
        raise Reached()
        yield  # pragma: no cover - makes this a generator

    def dispose(self) -> None:
        """Nothing to close."""
