"""What every command shares: the --db/--lang options, the configuration, the database, and
the one function that says who the command's writes are booked by.

The command line signs in, as the window does; who a command acts as, in this order:

1. ``--token`` or the ``CARMA_TOKEN`` environment variable: the token's account (scripts);
2. a demo database: its demo admin, or the demo user of ``--demo-role ROLE``;
3. a database without accounts (set-up mode): the operating-system user with every role, and
   (at a terminal) one line on stderr that says so, at the command's first write;
4. with ``trust_os_login`` in settings.json (a single PC's SQLite only): the account named
   like the operating-system user;
5. otherwise ``--user NAME`` (the operating-system user by default) and a password typed at
   the terminal; with no terminal and no token the command stops with a sentence.

The database a command gets is bound to that actor (``Database.as_actor``), so its reads are
checked against the actor's roles, and :func:`actor_for` hands its writes the same actor.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Protocol

from carma_logistiek.config import AppConfig, resolve_config, sqlite_path
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.errors import DatabaseUnavailable, _error
from carma_logistiek.i18n import N_, _

if TYPE_CHECKING:
    from carma_logistiek.db.uow import Database
    from carma_logistiek.services.accounts import SignedIn

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

ENV_TOKEN = "CARMA_TOKEN"

SignInNeeded = _error(
    "SignInNeeded",
    N_("Deze databank heeft gebruikers: meld u aan. Geef een token met --token of de "
       "omgevingsvariabele CARMA_TOKEN (een beheerder maakt er een met 'carma-logistiek users "
       "token create'), of start de opdracht in een terminal om het wachtwoord van {user} te "
       "typen (een andere gebruiker: --user NAAM)."),
)
SignInCancelled = _error(
    "SignInCancelled", N_("Geen wachtwoord getypt: er werd niets gedaan."))
DemoRoleOnlyInDemo = _error(
    "DemoRoleOnlyInDemo",
    N_("--demo-role kan enkel op een demodatabank; meld u aan met uw eigen gebruiker."),
)


class Command(Protocol):
    """A command's handler: the parsed arguments in, the exit code out."""

    def __call__(self, args: argparse.Namespace) -> int: ...


def common_options() -> argparse.ArgumentParser:
    """The options every command takes (a parent parser)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", help=_("SQLAlchemy-URL van de databank"))
    common.add_argument("--lang", choices=("nl", "en"), help=_("taal van de uitvoer"))
    common.add_argument("--token", metavar="TOKEN",
                        help=_("meld aan met een token (of CARMA_TOKEN); voor scripts"))
    common.add_argument("--user", metavar="NAAM",
                        help=_("meld aan als deze gebruiker (standaard: de gebruiker van het "
                               "besturingssysteem); het wachtwoord wordt gevraagd"))
    common.add_argument("--demo-role", metavar="ROL", choices=[role.value for role in Role],
                        help=_("op een demodatabank: werk als de demogebruiker van deze rol"))
    return common


@dataclass
class _SignIn:
    """What one command's sign-in came to (filled in once, by the first that needs it)."""

    actor: Actor | None = None
    signed_in: SignedIn | None = None
    # The password typed at sign-in, kept for ``users passwd`` (never written anywhere).
    password: str | None = None
    set_up_mode: bool = False
    said_set_up_mode: bool = False


@dataclass(frozen=True)
class CliConfig(AppConfig):
    """The configuration of one command: the app's, plus how the command signs in."""

    token: str | None = None
    user: str | None = None
    demo_role: str | None = None
    # ``users passwd`` may run while the password is a temporary one; nothing else may.
    allow_temporary_password: bool = False
    session: _SignIn = field(default_factory=_SignIn, compare=False, repr=False)

    @classmethod
    def of(cls, config: AppConfig, args: argparse.Namespace | None = None) -> CliConfig:
        values = {f.name: getattr(config, f.name) for f in fields(AppConfig)}
        return cls(**values,
                   token=getattr(args, "token", None) or os.environ.get(ENV_TOKEN) or None,
                   user=getattr(args, "user", None),
                   demo_role=getattr(args, "demo_role", None),
                   allow_temporary_password=bool(getattr(args, "temporary_password_ok",
                                                         False)))


def config_of(args: argparse.Namespace) -> CliConfig:
    """The configuration with this command's --db and --lang applied; a database that is not
    there is made only by ``migrate --create`` (and ``demo``)."""
    config = CliConfig.of(resolve_config(db_url=args.db, language=args.lang), args)
    if getattr(args, "create", False):
        return replace(config, create_database=True)
    return config


def open_database(args: argparse.Namespace) -> tuple[CliConfig, Database]:
    """The configuration and its database, migrated to the current schema, bound to the
    person the command signs in as."""
    from carma_logistiek.bootstrap import open_configured_database

    config = config_of(args)
    db = open_configured_database(config)
    return config, db.as_actor(_signed_in_actor(config, db))


def actor_for(config: AppConfig) -> Actor:
    """Who a command's writes are booked by: the person it signed in as (see the module's
    docstring). Every CLI write takes its actor from here; each write still checks its
    permission against it."""
    cli = config if isinstance(config, CliConfig) else CliConfig.of(config)
    if cli.session.actor is None:
        from carma_logistiek.bootstrap import open_configured_database

        try:
            db = open_configured_database(cli)
        except DatabaseUnavailable:
            # Nothing to sign in to (a missing or unreachable database): the command that
            # asked (restore) checks what it may do against the file itself.
            cli.session.actor = Actor.with_every_role(cli.with_actor().actor)
        else:
            _signed_in_actor(cli, db)
    if cli.session.set_up_mode and not cli.session.said_set_up_mode and PROMPT.is_watched():
        cli.session.said_set_up_mode = True
        print(_("Nog geen gebruikers in deze databank: {user} werkt met alle rollen. Maak de "
                "eerste beheerder met: carma-logistiek users add NAAM --name \"Voornaam Naam\" "
                "--role beheerder", user=cli.session.actor.user if cli.session.actor else ""),
              file=sys.stderr)
    assert cli.session.actor is not None
    return cli.session.actor


def signed_in(config: AppConfig) -> _SignIn:
    """How the command signed in (``users passwd`` needs the password typed at sign-in)."""
    return config.session if isinstance(config, CliConfig) else _SignIn()


def _signed_in_actor(config: CliConfig, db: Database) -> Actor:
    if config.session.actor is None:
        config.session.actor = _sign_in(config, db)
    return config.session.actor


def _sign_in(config: CliConfig, db: Database) -> Actor:
    from carma_logistiek.domain.accounts import MustChangePassword, TrustedSignInRefused
    from carma_logistiek.services import accounts

    if config.token:
        return _keep(config, accounts.sign_in_with_token(db, token=config.token))
    state = accounts.setup_state(db)
    if state is accounts.SetupState.DEMO:
        role = Role(config.demo_role) if config.demo_role else Role.ADMIN
        return _keep(config, accounts.sign_in_demo(db, role=role))
    if config.demo_role:
        raise DemoRoleOnlyInDemo()
    os_user = config.with_actor().actor
    if state is accounts.SetupState.NO_ACCOUNTS:
        config.session.set_up_mode = True
        return Actor.with_every_role(os_user)
    user = config.user or os_user
    if config.trust_os_login and user == os_user:
        if sqlite_path(config.database_url) is None:
            raise TrustedSignInRefused()
        return _keep(config, accounts.sign_in_trusted(db, username=os_user))
    if not PROMPT.is_terminal():
        raise SignInNeeded(user=user)
    password = PROMPT.password(_("Wachtwoord van {user}: ", user=user))
    signed = accounts.sign_in(db, username=user, password=password)
    if signed.must_change_password and not config.allow_temporary_password:
        raise MustChangePassword()
    config.session.password = password
    return _keep(config, signed)


def _keep(config: CliConfig, signed: SignedIn) -> Actor:
    config.session.signed_in = signed
    return signed.actor


class Prompt:
    """Asking the person at the terminal; a test puts a fake in its place (``PROMPT``)."""

    def is_terminal(self) -> bool:
        return sys.stdin is not None and sys.stdin.isatty()

    def password(self, prompt: str) -> str:
        try:
            return getpass.getpass(prompt)
        except (EOFError, KeyboardInterrupt):  # Ctrl+D or Ctrl+C at the question
            print(file=sys.stderr)
            raise SignInCancelled() from None

    def is_watched(self) -> bool:
        """Does a person read stderr? A script's log (and a test's capture) stays as it was
        before sign-in existed: the set-up mode line is for people."""
        return sys.stderr is not None and sys.stderr.isatty()


PROMPT = Prompt()

