"""Managing accounts: the first admin, new accounts, roles per zone, password resets, tokens,
and one's own password.

An admin manages the roles of the zones they are admin of; an account itself (its password,
whether it is active, its tokens) is managed by an admin of its home zone. The system (an
actor without an account: tests, set-up mode) may do all of it. A zone never loses its last
active admin: nobody could give roles there any more.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import Account, AccountRole, AccountToken, StaffMember, Zone
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Permission, Role
from carma_logistiek.domain.accounts import (
    AccountsExist,
    CannotDeactivateSelf,
    DuplicateAccount,
    FirstAccountMustBeAdmin,
    LastAdmin,
    NotAdminOfZone,
    PasswordUnchanged,
    RoleRequired,
    UnknownAccount,
    UnknownStaffNumber,
    UnknownToken,
    UnknownZone,
    WrongCurrentPassword,
    check_password,
    clean_full_name,
    clean_staff_number,
    clean_username,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import NameRequired
from carma_logistiek.services.accounts.rows import (
    AccountRow,
    TokenCreated,
    TokenRevoked,
    TokenRow,
)
from carma_logistiek.services.command import Tx, read, write

TOKEN_NAME_LENGTH = 80


# --- the first admin and new accounts -------------------------------------------------------


@write(Permission.ACCOUNTS_ADMIN)
def create_first_admin(tx: Tx, /, *, username: str, password: str, full_name: str,
                       staff_number: str | None, actor: Actor) -> AccountRow:
    """The first account of a database, an admin of the actor's zone with the password they
    chose. Only while the database has no account at all; with a staff number that is not in
    the register yet, that staff member is added too."""
    session = tx.session
    if session.scalar(select(func.count()).select_from(Account)) != 0:
        raise AccountsExist()
    name = clean_username(username)
    check_password(password, username=name)
    full = clean_full_name(full_name)
    staff_id = _staff_id(session, staff_number, actor.zone, full_name=full, create=True)
    account = _new_account(session, name, full, staff_id, actor.zone,
                           password_hash=hash_password(password), must_change=False)
    session.add(AccountRole(account_id=account.id, zone=actor.zone, role=Role.ADMIN.value))
    return _changed(session, account)


@write(Permission.ACCOUNTS_ADMIN)
def create_account(tx: Tx, /, *, username: str, full_name: str, staff_number: str | None,
                   roles: frozenset[Role], zone: str, temporary_password: str,
                   actor: Actor) -> AccountRow:
    """A new account with ``roles`` in ``zone`` (its home zone) and a temporary password it
    must change at its first sign-in. The first account of a database must be an admin."""
    session = tx.session
    name = clean_username(username)
    full = clean_full_name(full_name)
    _require_zone(session, zone)
    _require_admin_of(session, actor, zone)
    if not roles:
        raise RoleRequired()
    if Role.ADMIN not in roles and session.scalar(
            select(func.count()).select_from(Account)) == 0:
        raise FirstAccountMustBeAdmin()
    check_password(temporary_password, username=name)
    staff_id = _staff_id(session, staff_number, zone, full_name=full, create=False)
    account = _new_account(session, name, full, staff_id, zone,
                           password_hash=hash_password(temporary_password), must_change=True)
    for role in sorted(roles):
        session.add(AccountRole(account_id=account.id, zone=zone, role=Role(role).value))
    return _changed(session, account)


def _new_account(session: Session, username: str, full_name: str, staff_id: int | None,
                 zone: str, *, password_hash: str, must_change: bool) -> Account:
    if session.scalar(select(exists().where(Account.username == username))):
        raise DuplicateAccount(username=username)
    account = Account(username=username, full_name=full_name, staff_id=staff_id,
                      password_hash=password_hash, must_change_password=must_change,
                      failed_attempts=0, home_zone=zone, active=True, demo=False)
    session.add(account)
    session.flush()
    return account


def _staff_id(session: Session, staff_number: str | None, zone: str, *, full_name: str,
              create: bool) -> int | None:
    number = clean_staff_number(staff_number)
    if number is None:
        return None
    # In ``zone``; the session's zone filter (the actor's zone) applies as well.
    found = session.scalar(select(StaffMember.id).where(StaffMember.number == number,
                                                        StaffMember.zone == zone))
    if found is not None:
        return found
    if not create:
        raise UnknownStaffNumber(number=number, zone=zone)
    first, _space, last = full_name.partition(" ")
    member = StaffMember(number=number, first_name=first, last_name=last or first, zone=zone)
    session.add(member)
    session.flush()
    return member.id


# --- roles, passwords, active ---------------------------------------------------------------


@write(Permission.ACCOUNTS_ADMIN)
def set_roles(tx: Tx, /, *, username: str, zone: str, roles: frozenset[Role],
              actor: Actor) -> AccountRow:
    """The roles ``username`` holds in ``zone`` become exactly ``roles`` (none: no access to
    that zone)."""
    session = tx.session
    account = _account(session, username)
    _require_zone(session, zone)
    _require_admin_of(session, actor, zone)
    wanted = {Role(role).value for role in roles}
    if Role.ADMIN.value not in wanted:
        _keep_an_admin(session, account, zone)
    session.execute(delete(AccountRole).where(AccountRole.account_id == account.id,
                                              AccountRole.zone == zone))
    for role in sorted(wanted):
        session.add(AccountRole(account_id=account.id, zone=zone, role=role))
    return _changed(session, account)


@write(Permission.ACCOUNTS_ADMIN)
def reset_password(tx: Tx, /, *, username: str, temporary_password: str,
                   actor: Actor) -> AccountRow:
    """A temporary password the account must change at its next sign-in; also lifts a lock."""
    session = tx.session
    account = _account(session, username)
    _require_admin_of(session, actor, account.home_zone)
    check_password(temporary_password, username=account.username)
    account.password_hash = hash_password(temporary_password)
    account.must_change_password = True
    account.failed_attempts = 0
    account.locked_until = None
    return _changed(session, account)


@write(Permission.ACCOUNTS_ADMIN)
def set_active(tx: Tx, /, *, username: str, active: bool, actor: Actor) -> AccountRow:
    """An inactive account cannot sign in (its tokens neither); its history keeps its name."""
    session = tx.session
    account = _account(session, username)
    _require_admin_of(session, actor, account.home_zone)
    if not active:
        if actor.account_id == account.id:
            raise CannotDeactivateSelf()
        zones = session.scalars(select(AccountRole.zone).where(
            AccountRole.account_id == account.id, AccountRole.role == Role.ADMIN.value))
        for zone in zones.all():
            _keep_an_admin(session, account, zone)
    account.active = active
    return _changed(session, account)


@write(Permission.ACCOUNT_SELF)
def change_password(tx: Tx, /, *, current: str, new: str, actor: Actor) -> AccountRow:
    """One's own password: the current one first, then a new one by the password rules."""
    session = tx.session
    account = _own_account(session, actor)
    if not verify_password(account.password_hash, current).matches:
        raise WrongCurrentPassword()
    check_password(new, username=account.username)
    if new == current:
        raise PasswordUnchanged()
    account.password_hash = hash_password(new)
    account.must_change_password = False
    account.failed_attempts = 0
    account.locked_until = None
    return _changed(session, account)


# --- tokens ---------------------------------------------------------------------------------


@write(Permission.ACCOUNTS_ADMIN)
def create_token(tx: Tx, /, *, username: str, name: str, actor: Actor) -> TokenCreated:
    """A token for a script that acts as ``username``. It is in the result once and nowhere
    else: the database keeps only its sha256."""
    session = tx.session
    account = _account(session, username)
    _require_admin_of(session, actor, account.home_zone)
    label = " ".join(name.split())
    if not label or len(label) > TOKEN_NAME_LENGTH:
        raise NameRequired()
    token = new_token()
    row = AccountToken(account_id=account.id, name=label, token_hash=token_hash(token))
    session.add(row)
    session.flush()
    return TokenCreated(token=token, id=row.id, name=label, username=account.username,
                        created_at=row.created_at,
                        changes=Changes(accounts=frozenset({account.username})))


@write(Permission.ACCOUNTS_ADMIN)
def revoke_token(tx: Tx, /, *, token_id: int, actor: Actor) -> TokenRevoked:
    """The token no longer signs in. Revoking it again changes nothing more."""
    session = tx.session
    found = session.execute(select(AccountToken, Account)
                            .join(Account, Account.id == AccountToken.account_id)
                            .where(AccountToken.id == token_id)).first()
    if found is None:
        raise UnknownToken(token_id=token_id)
    token, account = found
    _require_admin_of(session, actor, account.home_zone)
    if token.revoked_at is None:
        token.revoked_at = utc_now()
    return TokenRevoked(id=token.id, username=account.username,
                        changes=Changes(accounts=frozenset({account.username})))


# --- reading --------------------------------------------------------------------------------


@read(Permission.ACCOUNTS_ADMIN)
def list_accounts(db: Database) -> list[AccountRow]:
    """The accounts of this zone (at home here or holding a role here), by user name; the
    system sees every account."""
    zone = db.zone
    with db.read() as session:
        query = select(Account).order_by(Account.username)
        if db.actor is not None and db.actor.account_id is not None:
            here = select(AccountRole.account_id).where(AccountRole.zone == zone)
            query = query.where((Account.home_zone == zone) | Account.id.in_(here))
        return [_row(session, account) for account in session.scalars(query).all()]


@read(Permission.ACCOUNTS_ADMIN)
def get_account(db: Database, username: str) -> AccountRow:
    """One account, as the list shows it (for the users screen after a write)."""
    with db.read() as session:
        return _row(session, _account(session, username))


# --- helpers --------------------------------------------------------------------------------


def _account(session: Session, username: str) -> Account:
    name = username.strip().lower()
    account = session.scalar(select(Account).where(Account.username == name))
    if account is None:
        raise UnknownAccount(username=username.strip())
    return account


def _own_account(session: Session, actor: Actor) -> Account:
    if actor.account_id is not None:
        account = session.get(Account, actor.account_id)
        if account is not None:
            return account
    return _account(session, actor.user)


def _require_zone(session: Session, zone: str) -> None:
    if session.get(Zone, zone) is None:
        raise UnknownZone(zone=zone)


def _require_admin_of(session: Session, actor: Actor, zone: str) -> None:
    """The actor is an admin of ``zone``: the write's permission check covered the actor's own
    zone; another zone needs the admin role held there."""
    if actor.account_id is None or zone == actor.zone:
        return
    held = session.scalar(select(exists().where(AccountRole.account_id == actor.account_id,
                                                AccountRole.zone == zone,
                                                AccountRole.role == Role.ADMIN.value)))
    if not held:
        raise NotAdminOfZone(zone=zone)


def _keep_an_admin(session: Session, account: Account, zone: str) -> None:
    """Refuse when ``account`` is the last active admin of ``zone``."""
    admins = set(session.scalars(
        select(Account.id).join(AccountRole, AccountRole.account_id == Account.id)
        .where(AccountRole.zone == zone, AccountRole.role == Role.ADMIN.value,
               Account.active.is_(True), Account.demo.is_(False))))
    if admins == {account.id}:
        raise LastAdmin(username=account.username, zone=zone)


def _changed(session: Session, account: Account) -> AccountRow:
    session.flush()
    return replace(_row(session, account),
                   changes=Changes(accounts=frozenset({account.username})))


def _row(session: Session, account: Account) -> AccountRow:
    roles: dict[str, list[Role]] = {}
    for zone, role in session.execute(select(AccountRole.zone, AccountRole.role)
                                      .where(AccountRole.account_id == account.id)
                                      .order_by(AccountRole.zone, AccountRole.role)):
        roles.setdefault(zone, []).append(Role(role))
    staff_number = None
    if account.staff_id is not None:
        staff_number = session.scalar(
            select(StaffMember.number).where(StaffMember.id == account.staff_id))
    tokens = tuple(
        TokenRow(token.id, token.name, token.created_at, token.revoked_at)
        for token in session.scalars(select(AccountToken)
                                     .where(AccountToken.account_id == account.id)
                                     .order_by(AccountToken.id)))
    return AccountRow(
        username=account.username, full_name=account.full_name, staff_number=staff_number,
        roles={zone: tuple(held) for zone, held in roles.items()},
        active=bool(account.active), must_change_password=bool(account.must_change_password),
        locked_until=account.locked_until, last_sign_in_at=account.last_sign_in_at,
        tokens=tokens, demo=bool(account.demo), home_zone=account.home_zone)
