"""Alembic builds every schema: empty -> head on SQLite and PostgreSQL, the models and the
migrations agree (no pending autogenerate diff), and SQL Server gets the same schema rendered
offline (no SQL Server can run on these machines; the DDL is what can be checked)."""

from __future__ import annotations

import io
import re

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.dialects import mssql
from sqlalchemy.schema import CreateIndex, CreateTable

from carma_logistiek.db.engine import make_engine
from carma_logistiek.db.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    needs_upgrade,
    upgrade_to_head,
)
from carma_logistiek.db.models import Base

TABLES = sorted(Base.metadata.tables)


def test_models_cover_the_expected_tables() -> None:
    assert set(TABLES) >= {
        "locations",
        "products",
        "product_minimums",
        "lots",
        "bookings",
        "stock_movements",
        "stock_levels",
        "purchase_orders",
        "order_lines",
        "sequences",
    }


def test_empty_database_to_head(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is None
        assert needs_upgrade(engine)
        upgrade_to_head(db_url, engine)
        assert current_revision(engine) == head_revision()
        assert not needs_upgrade(engine)
        assert set(inspect(engine).get_table_names()) == {*TABLES, "alembic_version"}
        upgrade_to_head(db_url, engine)  # idempotent: a second start changes nothing
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_upgrade_without_an_engine(db_url: str) -> None:
    """The alembic CLI path: env.py makes its own engine from the URL."""
    upgrade_to_head(db_url)
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ (write a migration): {diff}"


def test_filtered_gtin_index_allows_many_products_without_gtin(db) -> None:  # type: ignore[no-untyped-def]
    indexes = {ix["name"]: ix for ix in inspect(db.engine).get_indexes("products")}
    assert indexes["uq_products_gtin"]["unique"]


# --- SQL Server, offline ---------------------------------------------------------------


def render_mssql() -> str:
    """``alembic upgrade head --sql`` for SQL Server. Needs no driver (pyodbc) and no server."""
    config = alembic_config("mssql+pyodbc://carma@carma-sql/carma?driver=ODBC+Driver+18")
    buffer = io.StringIO()
    config.output_buffer = buffer
    command.upgrade(config, "head", sql=True)
    return buffer.getvalue()


def test_migrations_render_for_sql_server() -> None:
    sql = render_mssql()
    created = set(re.findall(r"CREATE TABLE (\w+)", sql))
    assert created >= {*TABLES, "alembic_version"}, sorted(set(TABLES) - created)
    gtin_index = re.search(r"CREATE UNIQUE (?:NONCLUSTERED )?INDEX uq_products_gtin[^;\n]*", sql)
    assert gtin_index, "the filtered unique index on products.gtin is missing"
    assert "WHERE gtin IS NOT NULL" in gtin_index.group(0)
    assert "id BIGINT NOT NULL IDENTITY" in sql  # the ledger ids
    assert "BIT NOT NULL" in sql  # booleans
    assert "GO" in sql.splitlines()  # batches for sqlcmd
    assert f"'{head_revision()}'" in sql  # ends at the newest revision


def test_models_compile_for_sql_server() -> None:
    dialect = mssql.dialect()
    for table in Base.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert f"CREATE TABLE {table.name}" in ddl
        assert "TEXT" not in ddl.upper().replace("CONTEXT", "")  # every string has a length
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))
    # The GTIN filter for SQL Server lives in the migration (checked in the offline render
    # above), not in the models: dialect options there would load every dialect at start-up.


def test_offline_render_does_not_need_pyodbc() -> None:
    try:
        import pyodbc  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyodbc is installed here; the render above proves nothing about its absence")
    assert "CREATE TABLE stock_movements" in render_mssql()


def test_schema_version_constant_is_the_newest_migration() -> None:
    from carma_logistiek.db.schema_version import HEAD_REVISION

    assert head_revision() == HEAD_REVISION, (
        "update carma_logistiek/db/schema_version.py after adding a migration"
    )


def test_the_known_revisions_are_every_migration_oldest_first() -> None:
    from alembic.script import ScriptDirectory

    from carma_logistiek.db.migrate import alembic_config
    from carma_logistiek.db.schema_version import KNOWN_REVISIONS

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    newest_first = [script.revision for script in scripts.walk_revisions()]
    assert tuple(reversed(newest_first)) == KNOWN_REVISIONS, (
        "add the new revision to KNOWN_REVISIONS in carma_logistiek/db/schema_version.py"
    )


def test_app_start_upgrades_an_old_database_and_skips_alembic_when_current(
        sqlite_url: str) -> None:
    from carma_logistiek.bootstrap import open_configured_database, require_carma_revision
    from carma_logistiek.config import AppConfig

    db = open_configured_database(AppConfig(database_url=sqlite_url))
    assert require_carma_revision(db) == head_revision()
    # A second start finds the database current: same result, no Alembic run needed.
    again = open_configured_database(AppConfig(database_url=sqlite_url))
    assert require_carma_revision(again) == head_revision()
