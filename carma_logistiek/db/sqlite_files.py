"""An embedded database file looked at without changing it: opened read-only, its schema and
revision read, its pages checked. Opening it through the engine would switch it to WAL, which
must not happen to another program's file or to a backup that is only being checked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from carma_logistiek.db.uow import fault_from_text
from carma_logistiek.domain.errors import DatabaseUnavailable, ForeignDatabase, NewerSchema

__all__ = ["MAX_PROBLEMS", "file_integrity_problems", "integrity_problems", "quick_check_problems",
           "read_only", "require_carma", "schema_of"]

# The first problems SQLite reports are enough to say the file is damaged; the full list of a
# badly damaged file runs to thousands of lines.
MAX_PROBLEMS = 10


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write; a driver error becomes the fault's own sentence."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as file:
            yield file
    except sqlite3.DatabaseError as error:
        raise (fault_from_text(str(error), f"{path.name}: {error}")
               or DatabaseUnavailable(detail=f"{path.name}: {error}")) from error


def schema_of(connection: sqlite3.Connection) -> tuple[frozenset[str], str | None]:
    """The file's tables (SQLite's own left out) and its Alembic revision, if it has one."""
    tables = frozenset(row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    if "alembic_version" not in tables:
        return tables, None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return tables, row[0] if row else None


def require_carma(tables: frozenset[str], revision: str | None, description: str, *,
                  known_revisions: tuple[str, ...], empty_ok: bool) -> None:
    """Refuse another program's database and one a newer version of the app upgraded. An
    empty database is fine where a new one may be made (``empty_ok``)."""
    if revision is None:
        if tables or not empty_ok:
            raise ForeignDatabase(detail=description)
        return
    if revision not in known_revisions:
        raise NewerSchema(detail=description, revision=revision, head=known_revisions[-1])


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """SQLite's own integrity check of every page and index; [] when the file is sound."""
    rows = connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def quick_check_problems(connection: sqlite3.Connection) -> list[str]:
    """SQLite's quick check: every page read and its structure checked, without matching each
    index against its table (a tenth of the time of the integrity check), made at every start.
    A file SQLite cannot read is one problem, in SQLite's words."""
    try:
        rows = connection.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def file_integrity_problems(path: Path) -> list[str]:
    """The integrity check of a file, read-only; a file SQLite cannot even read is one
    problem, said in SQLite's words."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as file:
            return integrity_problems(file)
    except sqlite3.DatabaseError as error:
        return [str(error)]
