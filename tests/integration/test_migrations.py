"""Alembic builds every schema: empty -> head on SQLite and PostgreSQL, the models and the
migrations agree (no pending autogenerate diff), and SQL Server gets the same schema rendered
offline (no SQL Server can run on these machines; the DDL is what can be checked)."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, MetaData, Table, inspect
from sqlalchemy.dialects import mssql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex, CreateTable

from carma_logistiek.db.engine import make_engine
from carma_logistiek.db.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    migration_transaction,
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
        "accounts",
        "account_roles",
        "account_tokens",
        "staff_members",
        "staff_states",
        "audit_entries",
        "audit_records",
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


def test_zones_upgrade_keeps_a_database_in_use(db_url: str) -> None:
    """0009 rebuilds tables other rows point at (SQLite batch mode): the rows stay, become
    PZ CARMA's, and the audit trail still refuses to be changed."""
    engine = make_engine(db_url)
    config = alembic_config(db_url)
    try:
        with migration_transaction(engine) as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0008")
        with engine.begin() as connection:
            for sql in (
                "INSERT INTO locations (id, code, name, kind, path, active, created_at, "
                "created_by) VALUES (1, 'MAG', 'Magazijn', 'storeroom', '/1/', true, "
                "'2026-01-01', 'x')",
                "INSERT INTO products (id, code, name, category, unit, tracks_lots, "
                "tracks_expiry, gtin, active, created_at, created_by, notes) VALUES (1, 'P', "
                "'P', '', 'stuk', false, false, '5412345678908', true, '2026-01-01', 'x', '')",
                "INSERT INTO product_gtins (gtin, product_id) VALUES ('5412345678908', 1)",
                "INSERT INTO lots (id, product_id, lot_number, created_at, created_by) "
                "VALUES (1, 1, '', '2026-01-01', 'x')",
                "INSERT INTO stock_levels (location_id, lot_id, product_id, quantity) "
                "VALUES (1, 1, 1, 5)",
                "INSERT INTO sequences (name, value) VALUES ('B2026', 3)",
            ):
                connection.exec_driver_sql(sql)
            connection.execute(Table("audit_entries", MetaData(), autoload_with=connection)
                               .insert().values(_required_values(connection, "audit_entries")))
        upgrade_to_head(db_url, engine)
        with engine.connect() as connection:
            for table in ("locations", "products", "product_gtins", "sequences",
                          "audit_entries"):
                zones = connection.exec_driver_sql(f"SELECT zone FROM {table}").scalars().all()
                assert zones == ["CARMA"], table
            assert connection.exec_driver_sql(
                "SELECT quantity FROM stock_levels").scalar_one() == 5
        with pytest.raises(DBAPIError), engine.begin() as connection:
            connection.exec_driver_sql("UPDATE audit_entries SET actor = 'y'")
    finally:
        engine.dispose()


def _required_values(connection: Connection, table: str) -> dict[str, object]:
    """A value for every column a row of ``table`` needs (whatever 0008 made it hold)."""
    values: dict[str, object] = {}
    for column in inspect(connection).get_columns(table):
        if column["nullable"] or column.get("default") is not None or column["name"] == "id":
            continue
        python_type = column["type"].python_type
        values[column["name"]] = (datetime(2026, 1, 1) if python_type is datetime
                                  else python_type() if python_type is not str else "x")
    return values


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
