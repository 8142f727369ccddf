"""Accounts: signing in (password, demo), the first admin, one's own password, unlocking the
locked window, and the Gebruikers screen's reads and writes.

One function per user action. The service package is imported inside ``run`` (on the database
worker), so the window starts without SQLAlchemy. A password only travels inside the closure
that hands it to the service: it is never logged, kept or shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.i18n import N_
from ui.ops.core import QueryOp, WriteOp

if TYPE_CHECKING:
    from carma_logistiek.services.accounts import (
        AccountRow,
        SignedIn,
        TokenCreated,
        TokenRevoked,
    )
    from ui.shell.context import AppContext as Context

# The roles as people call them (the sign-in's demo choice and the Gebruikers screen).
ROLE_TITLES: dict[Role, str] = {
    Role.ADMIN: N_("Beheerder"),
    Role.LOGISTICS: N_("Logistiek"),
    Role.PREVENTION: N_("Preventieadviseur"),
    Role.FLEET: N_("Wagenpark"),
    Role.PURCHASING: N_("Aankoop"),
    Role.STAFF: N_("Personeelslid"),
    Role.READER: N_("Lezer"),
    # The data protection officer: the word the zones use (the GDPR's abbreviation).
    Role.DPO: N_("DPO"),
}


def setup_actor(context: Context) -> Actor:
    """Who acts while a database has no account yet: the operating-system user with every
    role (set-up mode), as the CLI does."""
    return Actor.with_every_role(context.config.actor or "setup")


# --- signing in -----------------------------------------------------------------------------
def setup_state(context: Context) -> QueryOp[str]:
    """"NO_ACCOUNTS", "DEMO" or "ACCOUNTS" (the name of the service's SetupState)."""

    def run(db: Any) -> str:
        from carma_logistiek.services import accounts

        return str(accounts.setup_state(db).name)

    return QueryOp(context, run)


def sign_in(context: Context, *, username: str, password: str,
            zone: str | None = None) -> QueryOp[SignedIn]:
    """A query to the window (nothing on screen changes); the service records the attempt."""

    def run(db: Any) -> SignedIn:
        from carma_logistiek.services import accounts

        return accounts.sign_in(db, username=username, password=password, zone=zone)

    return QueryOp(context, run)


def sign_in_demo(context: Context, *, role: Role) -> QueryOp[SignedIn]:
    def run(db: Any) -> SignedIn:
        from carma_logistiek.services import accounts

        return accounts.sign_in_demo(db, role=role)

    return QueryOp(context, run)


def sign_in_trusted(context: Context, *, username: str) -> QueryOp[SignedIn]:
    """settings.json's ``trust_os_login`` on a single PC: the account named like the
    operating-system user, without a password (the service refuses it on a server)."""

    def run(db: Any) -> SignedIn:
        from carma_logistiek.services import accounts

        return accounts.sign_in_trusted(db, username=username)

    return QueryOp(context, run)


def create_first_admin(context: Context, *, username: str, password: str, full_name: str,
                       staff_number: str | None) -> QueryOp[SignedIn]:
    """Set-up mode: the first admin, then signed in as them (one job on the worker)."""
    actor = setup_actor(context)

    def run(db: Any) -> SignedIn:
        from carma_logistiek.services import accounts

        made = accounts.create_first_admin(db, username=username, password=password,
                                           full_name=full_name, staff_number=staff_number,
                                           actor=actor)
        return accounts.sign_in(db, username=made.username, password=password)

    return QueryOp(context, run)


def verify_password(context: Context, *, password: str) -> QueryOp[None]:
    """Unlocking the locked window: the signed-in person's password (failures count)."""
    actor = context.actor

    def run(db: Any) -> None:
        from carma_logistiek.services import accounts

        accounts.verify_password(db, password=password, actor=actor)

    return QueryOp(context, run)


def change_password(context: Context, *, current: str, new: str,
                    actor: Actor | None = None) -> WriteOp[AccountRow]:
    """``actor``: the person who just signed in with a temporary password (not yet the
    context's actor); otherwise the signed-in person."""
    who = actor or context.actor

    def run(db: Any) -> AccountRow:
        from carma_logistiek.services import accounts

        return accounts.change_password(db, current=current, new=new, actor=who)

    return WriteOp(context, run)


# --- the Gebruikers screen ------------------------------------------------------------------
def list_accounts(context: Context) -> QueryOp[list[AccountRow]]:
    def run(db: Any) -> list[AccountRow]:
        from carma_logistiek.services import accounts

        return accounts.list_accounts(db)

    return QueryOp(context, run)


def _write(context: Context, service: str, /, **kwargs: Any) -> WriteOp[Any]:
    actor = context.actor

    def run(db: Any) -> Any:
        from carma_logistiek.services import accounts

        return getattr(accounts, service)(db, **kwargs, actor=actor)

    return WriteOp(context, run)


def create_account(context: Context, *, username: str, full_name: str,
                   staff_number: str | None, roles: frozenset[Role],
                   temporary_password: str) -> WriteOp[AccountRow]:
    return _write(context, "create_account", username=username, full_name=full_name,
                  staff_number=staff_number, roles=roles, zone=context.actor.zone,
                  temporary_password=temporary_password)


def reset_password(context: Context, *, username: str,
                   temporary_password: str) -> WriteOp[AccountRow]:
    return _write(context, "reset_password", username=username,
                  temporary_password=temporary_password)


def set_roles(context: Context, *, username: str, roles: frozenset[Role]) -> WriteOp[AccountRow]:
    return _write(context, "set_roles", username=username, zone=context.actor.zone, roles=roles)


def set_active(context: Context, *, username: str, active: bool) -> WriteOp[AccountRow]:
    return _write(context, "set_active", username=username, active=active)


def create_token(context: Context, *, username: str, name: str) -> WriteOp[TokenCreated]:
    return _write(context, "create_token", username=username, name=name)


def revoke_token(context: Context, *, token_id: int) -> WriteOp[TokenRevoked]:
    return _write(context, "revoke_token", token_id=token_id)


def temporary_password() -> str:
    """A temporary password for a new account or a reset (the domain's readable groups);
    made on the GUI thread: the domain module loads no database."""
    from carma_logistiek.domain.accounts import temporary_password as make

    return make()
