"""Signing in: with a password, a token, as a demo user, or trusting the operating system.

Every attempt is ONE registered write (``accounts.sign_in``) that records its outcome: a
failure counts towards the lockout and is in the audit trail even though the caller then gets
a refusal, so the public functions raise :class:`SignInRefused` only after that write
committed. Its actor is the name that tries to sign in, with no role: signing in is the one
thing no role is needed for (Permission.SIGN_IN is public).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import Account, AccountRole, AccountToken, Zone
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import DEFAULT_ZONE, Actor, Permission, Role
from carma_logistiek.domain.accounts import (
    MAX_FAILED_ATTEMPTS,
    USERNAME_LENGTH,
    AccountInactive,
    AccountLocked,
    Lockout,
    NoRoleInZone,
    NotADemoDatabase,
    SignInRefused,
    TrustedSignInRefused,
    WrongCredentials,
    WrongToken,
    hash_password,
    token_hash,
)
from carma_logistiek.domain.accounts import (
    verify_password as password_matches,
)
from carma_logistiek.domain.changes import NO_CHANGES, Changes
from carma_logistiek.services.accounts.rows import SetupState, SignedIn
from carma_logistiek.services.command import Tx, read, sequence_of_writes, write


class Method(StrEnum):
    PASSWORD = "password"
    TOKEN = "token"
    DEMO = "demo"
    TRUSTED = "os"  # the operating-system login, on a single PC's SQLite only


@dataclass(frozen=True)
class SignInAttempt:
    """What one attempt came to: signed in, or the refusal to raise once it is recorded."""

    signed_in: SignedIn | None
    refusal: SignInRefused | None
    changes: Changes = NO_CHANGES


@write(Permission.SIGN_IN, name="accounts.sign_in")
def _attempt(tx: Tx, /, *, method: Method, username: str = "", password: str = "",
             token: str = "", zone: str | None = None, actor: Actor) -> SignInAttempt:
    session = tx.session
    if method == Method.TOKEN:
        account = _account_of_token(session, token)
        if account is None:
            return SignInAttempt(None, WrongToken())
    else:
        account = session.scalar(select(Account).where(Account.username == username))
    if method == Method.PASSWORD:
        refusal = _check_password(account, password)
        if refusal is not None:
            changes = _changed(account) if account is not None else NO_CHANGES
            return SignInAttempt(None, refusal, changes)
    elif method == Method.DEMO:
        if account is None or not account.demo or _has_real_accounts(session):
            return SignInAttempt(None, NotADemoDatabase())
    elif method == Method.TRUSTED:
        if session.get_bind().dialect.name != "sqlite":
            return SignInAttempt(None, TrustedSignInRefused())
        if account is None or account.demo:
            return SignInAttempt(None, WrongCredentials(limit=MAX_FAILED_ATTEMPTS))
    assert account is not None
    return _enter(session, account, zone)


def _check_password(account: Account | None, password: str) -> SignInRefused | None:
    """None when ``password`` is the account's; otherwise the refusal, with the failure
    counted on the account (and the account locked at the fifth)."""
    now = utc_now()
    if account is None:
        # As slow as a wrong password, so a guesser cannot tell names that exist.
        password_matches(_unknown_name_hash(), password)
        return WrongCredentials(limit=MAX_FAILED_ATTEMPTS)
    lockout = Lockout(account.failed_attempts, account.locked_until)
    if lockout.is_locked(now):
        assert lockout.locked_until is not None
        return AccountLocked.until(lockout.locked_until)
    check = password_matches(account.password_hash, password)
    if not check.matches:
        lockout = lockout.after_failure(now)
        account.failed_attempts = lockout.failed_attempts
        account.locked_until = lockout.locked_until
        if lockout.locked_until is not None:
            return AccountLocked.until(lockout.locked_until)
        return WrongCredentials(limit=MAX_FAILED_ATTEMPTS)
    if check.new_hash is not None:
        account.password_hash = check.new_hash
    account.failed_attempts = 0
    account.locked_until = None
    return None


def _enter(session: Session, account: Account, zone: str | None) -> SignInAttempt:
    if not account.active:
        return SignInAttempt(None, AccountInactive(username=account.username), _changed(account))
    chosen = zone or account.home_zone
    held = session.execute(select(AccountRole.zone, AccountRole.role)
                           .where(AccountRole.account_id == account.id)).all()
    roles = frozenset(Role(role) for role_zone, role in held if role_zone == chosen)
    if not roles:
        return SignInAttempt(None, NoRoleInZone(username=account.username, zone=chosen),
                             _changed(account))
    account.last_sign_in_at = utc_now()
    signed_in = SignedIn(
        actor=Actor(user=account.username, roles=roles, zone=chosen, account_id=account.id),
        must_change_password=bool(account.must_change_password),
        zones=tuple(sorted({role_zone for role_zone, _role in held})),
        full_name=account.full_name,
        demo=bool(account.demo),
    )
    return SignInAttempt(signed_in, None, _changed(account))


def _changed(account: Account) -> Changes:
    return Changes(accounts=frozenset({account.username}))


def _account_of_token(session: Session, token: str) -> Account | None:
    return session.scalar(
        select(Account).join(AccountToken, AccountToken.account_id == Account.id)
        .where(AccountToken.token_hash == token_hash(token), AccountToken.revoked_at.is_(None)))


def _has_real_accounts(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Account)
                          .where(Account.demo.is_(False))) != 0


@cache
def _unknown_name_hash() -> str:
    return hash_password("no account has this password")


def _outcome(attempt: SignInAttempt) -> SignedIn:
    if attempt.refusal is not None:
        raise attempt.refusal
    assert attempt.signed_in is not None
    return attempt.signed_in


def _who(db: Database, username: str, zone: str | None) -> Actor:
    """The actor of an attempt: the name tried, with no role, in the zone it signs in to (its
    home zone when none or an unknown one is chosen), so the attempt is recorded in a zone."""
    with db.read() as session:
        if zone is None or session.get(Zone, zone) is None:
            zone = session.scalar(select(Account.home_zone).where(Account.username == username))
    return Actor(user=username, zone=zone or DEFAULT_ZONE)


# --- the public ways in ---------------------------------------------------------------------


def sign_in(db: Database, *, username: str, password: str, zone: str | None = None) -> SignedIn:
    """Sign in with a user name and password, into ``zone`` (the account's home zone when
    None). Refused with :class:`SignInRefused`: the same sentence for an unknown name and a
    wrong password; locked; inactive; no role in that zone. A failure is counted and recorded
    before the refusal is raised."""
    name = username.strip().lower()
    if not name or len(name) > USERNAME_LENGTH:
        raise WrongCredentials(limit=MAX_FAILED_ATTEMPTS)  # no account can have that name
    attempt = _attempt(db, method=Method.PASSWORD, username=name, password=password,
                       zone=zone, actor=_who(db, name, zone))
    return _outcome(attempt)


def sign_in_with_token(db: Database, *, token: str) -> SignedIn:
    """Sign in with a token an admin made (``users token create``), into the home zone."""
    with db.read() as session:
        account = _account_of_token(session, token)
        who = (Actor(user=account.username, zone=account.home_zone) if account is not None
               else Actor(user="token"))
    return _outcome(_attempt(db, method=Method.TOKEN, token=token.strip(), actor=who))


def sign_in_demo(db: Database, *, role: Role) -> SignedIn:
    """Sign in as the demo user of ``role`` ("demo-logistiek"); only on a demo database."""
    name = demo_username(role)
    # Not recorded, unlike every other way in: a demo account has no password to guard and
    # the demo's data is made up, and recording it would turn every command run on a demo
    # database (a refused restore, a stock list) into a write. In a read: the sign-in time
    # _enter sets is rolled back with it.
    with db.read() as session:
        account = session.scalar(select(Account).where(Account.username == name))
        if account is None or not account.demo or _has_real_accounts(session):
            raise NotADemoDatabase()
        attempt = _enter(session, account, None)
    return _outcome(attempt)


def sign_in_trusted(db: Database, *, username: str, zone: str | None = None) -> SignedIn:
    """Sign in as the account named like the operating-system user, without a password:
    the "trust the operating-system login" mode of a single PC. Refused on a database server
    (anyone who reaches the server could claim any name)."""
    name = username.strip().lower()
    if not name or len(name) > USERNAME_LENGTH:
        raise WrongCredentials(limit=MAX_FAILED_ATTEMPTS)
    return _outcome(_attempt(db, method=Method.TRUSTED, username=name, zone=zone,
                             actor=_who(db, name, zone)))


@sequence_of_writes
def verify_password(db: Database, *, password: str, actor: Actor) -> None:
    """Is ``password`` the signed-in person's (unlocking a locked window)? Failures count
    like sign-in failures; raises :class:`SignInRefused`. A demo user has no password: the
    demo unlocks without one."""
    with db.read() as session:
        demo = session.scalar(select(Account.demo).where(Account.username == actor.user))
    who = Actor(user=actor.user, zone=actor.zone)
    if demo:
        attempt = _attempt(db, method=Method.DEMO, username=actor.user, zone=actor.zone,
                           actor=who)
    else:
        attempt = _attempt(db, method=Method.PASSWORD, username=actor.user, password=password,
                           zone=actor.zone, actor=who)
    _outcome(attempt)


def demo_username(role: Role) -> str:
    return f"demo-{role.value}"


@read(Permission.SIGN_IN)
def setup_state(db: Database) -> SetupState:
    """No accounts yet (set-up mode), only the demo's, or real accounts (everyone signs in)."""
    with db.read() as session:
        if session.scalar(select(func.count()).select_from(Account)) == 0:
            return SetupState.NO_ACCOUNTS
        return SetupState.ACCOUNTS if _has_real_accounts(session) else SetupState.DEMO
