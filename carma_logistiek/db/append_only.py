"""Append-only tables, enforced by the database: triggers that refuse UPDATE and DELETE.

Used by the migrations (0008 creates them on the audit trail). A migration that rebuilds one of
these tables on SQLite (``batch_alter_table`` copies it into a new table and drops the old one,
and its triggers with it) must call :func:`drop_triggers` before and :func:`create_triggers`
after, for that table.

- SQLite: ``BEFORE UPDATE`` and ``BEFORE DELETE`` triggers that ``RAISE(ABORT, …)``.
- PostgreSQL: one trigger function raising an exception, row triggers before UPDATE or DELETE
  and a statement trigger before TRUNCATE. On a server where the app has its own role, granting
  that role only INSERT and SELECT on these tables is the stronger guard (a trigger can be
  dropped by the table's owner; a missing grant cannot be worked around by the app).
- SQL Server: an ``INSTEAD OF UPDATE, DELETE`` trigger that THROWs. Rendered offline only:
  no SQL Server runs on the build machines, so it is untested against a server.
"""

from __future__ import annotations

from typing import Any

APPEND_ONLY_TABLES = ("audit_entries", "audit_records")

# The words every backend's refusal carries, so a test (and a log reader) can recognise it.
REFUSAL = "is append-only"

_PG_FUNCTION = "carma_refuse_change"


def _dialect_of(op: Any) -> str:
    """``op`` is alembic's ``op`` (a migration's operations proxy)."""
    return str(op.get_context().dialect.name)


def create_triggers(op: Any, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> None:
    dialect = _dialect_of(op)
    if dialect == "postgresql":
        op.execute(
            f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '% {REFUSAL}', TG_TABLE_NAME; END $$"
        )
    for table in tables:
        for sql in _create_sql(dialect, table):
            op.execute(sql)


def drop_triggers(op: Any, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> None:
    dialect = _dialect_of(op)
    for table in tables:
        for sql in _drop_sql(dialect, table):
            op.execute(sql)


def drop_function(op: Any) -> None:
    """PostgreSQL: the shared trigger function, once no table uses it any more."""
    if _dialect_of(op) == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()")


def _create_sql(dialect: str, table: str) -> list[str]:
    message = f"{table} {REFUSAL}"
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            for verb in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        return [
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE PROCEDURE {_PG_FUNCTION}()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE PROCEDURE {_PG_FUNCTION}()",
        ]
    if dialect == "mssql":
        return [
            f"CREATE TRIGGER {table}_no_change ON {table} INSTEAD OF UPDATE, DELETE AS "
            f"BEGIN THROW 51000, '{message}', 1; END"
        ]
    raise NotImplementedError(f"no append-only triggers for {dialect}")


def _drop_sql(dialect: str, table: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete")]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{what} ON {table}"
                for what in ("change", "truncate")]
    if dialect == "mssql":
        return [f"DROP TRIGGER IF EXISTS {table}_no_change"]
    raise NotImplementedError(f"no append-only triggers for {dialect}")
