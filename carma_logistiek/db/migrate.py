"""Alembic, driven from code: the app and the CLI upgrade to head with the same call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from carma_logistiek.paths import migrations_dir


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    # Alembic's Config runs values through ConfigParser interpolation; escape '%' in passwords.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for the whole upgrade. On SQLite with its foreign keys switched off:
    SQLite alters a table by rebuilding it (batch mode), and dropping the old copy of a table
    other rows point at fails while the keys are on. SQLite's own procedure for it: keys off
    outside the transaction, ``foreign_key_check`` before the commit, keys on again."""
    with engine.connect() as connection:
        raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" \
            else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # autocommit: isolation_level is None
        try:
            with connection.begin():
                yield connection
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise RuntimeError(f"the upgrade broke a foreign key: {tuple(broken)}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade_to_head(url: str, engine: Engine | None = None) -> None:
    config = alembic_config(url)
    if engine is not None:
        with migration_transaction(engine) as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    else:
        command.upgrade(config, "head")


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()
