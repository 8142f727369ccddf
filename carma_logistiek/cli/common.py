"""What every command shares: the --db/--lang options, the configuration, the database, and
the one function that says who the command's writes are booked by."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from carma_logistiek.config import AppConfig, resolve_config
from carma_logistiek.domain.access import Actor
from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from carma_logistiek.db.uow import Database

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


class Command(Protocol):
    """A command's handler: the parsed arguments in, the exit code out."""

    def __call__(self, args: argparse.Namespace) -> int: ...


def common_options() -> argparse.ArgumentParser:
    """The options every command takes (a parent parser)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help=_("SQLAlchemy-URL van de databank"))
    common.add_argument("--lang", choices=("nl", "en"), help=_("taal van de uitvoer"))
    return common


def config_of(args: argparse.Namespace) -> AppConfig:
    """The configuration with this command's --db and --lang applied; a database that is not
    there is made only by ``migrate --create`` (and ``demo``)."""
    config = resolve_config(db_url=args.db, language=args.lang)
    if getattr(args, "create", False):
        return replace(config, create_database=True)
    return config


def open_database(args: argparse.Namespace) -> tuple[AppConfig, Database]:
    """The configuration and its database, migrated to the current schema."""
    from carma_logistiek.bootstrap import open_configured_database

    config = config_of(args)
    return config, open_configured_database(config)


def actor_for(config: AppConfig) -> Actor:
    """Who a command's writes are booked by: the configured user (the operating-system user
    unless the configuration names one) with every role, since the command line has no
    sign-in yet. Every CLI write takes its actor from here; each write still checks its
    permission against it."""
    return Actor.with_every_role(config.actor)
