"""Accounts and signing in, on SQLite and PostgreSQL: the first admin, sign-in and the lockout,
temporary passwords, roles per zone, tokens, the demo's users, and no password in clear.

argon2 is slow on purpose (a quarter of a second a hash here): each test makes few accounts.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from carma_logistiek.clock import utc_now
from carma_logistiek.config import sqlite_path
from carma_logistiek.db.models import Account, Base, Zone
from carma_logistiek.db.uow import Database
from carma_logistiek.demo.accounts import create_demo_accounts
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.accounts import (
    AccountInactive,
    AccountLocked,
    AccountsExist,
    FirstAccountMustBeAdmin,
    LastAdmin,
    NoRoleInZone,
    NotADemoDatabase,
    NotAdminOfZone,
    PasswordIsUsername,
    SignInRefused,
    WrongCredentials,
    WrongCurrentPassword,
    WrongToken,
)
from carma_logistiek.domain.errors import PermissionDenied
from carma_logistiek.services import accounts
from tests.support.actors import TESTER

ADMIN_PASSWORD = "paard-batterij-nietje"
TEMPORARY = "tijdelijk-wachtwoord-1"


def first_admin(db: Database, username: str = "beheerder") -> accounts.AccountRow:
    return accounts.create_first_admin(db, username=username, password=ADMIN_PASSWORD,
                                       full_name="Bea Heerder", staff_number=None, actor=TESTER)


def stored(db: Database, username: str) -> Account:
    with db.read() as session:
        account = session.scalar(select(Account).where(Account.username == username))
        assert account is not None
        session.expunge(account)  # its values as read, after the read session ends
        return account


def add_zone(db: Database, code: str) -> None:
    with db.write() as session:
        session.add(Zone(code=code, name=f"PZ {code.title()}"))


def test_a_new_database_is_set_up_by_its_first_admin(db) -> None:  # type: ignore[no-untyped-def]
    assert accounts.setup_state(db) is accounts.SetupState.NO_ACCOUNTS
    row = accounts.create_first_admin(db, username=" Bea.Heerder ", password=ADMIN_PASSWORD,
                                      full_name="Bea  Heerder", staff_number="01209",
                                      actor=TESTER)
    assert (row.username, row.full_name, row.staff_number) == ("bea.heerder", "Bea Heerder",
                                                               "01209")
    assert row.roles == {"CARMA": (Role.ADMIN,)} and not row.must_change_password
    assert accounts.setup_state(db) is accounts.SetupState.ACCOUNTS
    with pytest.raises(AccountsExist):
        first_admin(db, "tweede")

    signed = accounts.sign_in(db, username="BEA.HEERDER", password=ADMIN_PASSWORD)
    assert signed.actor.user == "bea.heerder" and signed.actor.roles == {Role.ADMIN}
    assert signed.actor.zone == "CARMA" and signed.actor.account_id is not None
    assert (signed.zones, signed.full_name, signed.demo, signed.must_change_password) == (
        ("CARMA",), "Bea Heerder", False, False)
    assert stored(db, "bea.heerder").last_sign_in_at is not None


def test_an_unknown_name_and_a_wrong_password_get_the_same_sentence(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    with pytest.raises(WrongCredentials) as unknown:
        accounts.sign_in(db, username="niemand", password=ADMIN_PASSWORD)
    with pytest.raises(WrongCredentials) as wrong:
        accounts.sign_in(db, username="beheerder", password="verkeerd-wachtwoord")
    assert unknown.value.message() == wrong.value.message()
    assert stored(db, "beheerder").failed_attempts == 1  # counted, though it raised


def test_five_failures_lock_the_account_and_a_success_resets_the_count(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    for _attempt in range(2):
        with pytest.raises(WrongCredentials):
            accounts.sign_in(db, username="beheerder", password="verkeerd-wachtwoord")
    accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD)
    assert stored(db, "beheerder").failed_attempts == 0

    for _attempt in range(4):
        with pytest.raises(WrongCredentials):
            accounts.sign_in(db, username="beheerder", password="verkeerd-wachtwoord")
    with pytest.raises(AccountLocked) as locked:
        accounts.sign_in(db, username="beheerder", password="verkeerd-wachtwoord")
    assert "vergrendeld" in locked.value.message()
    # Locked: even the right password is refused, until the lock has passed.
    with pytest.raises(AccountLocked):
        accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD)
    until = stored(db, "beheerder").locked_until
    assert until is not None and timedelta(minutes=14) < until - utc_now() <= timedelta(
        minutes=15)

    with db.write() as session:  # a quarter of an hour later
        session.execute(update(Account).values(locked_until=utc_now() - timedelta(seconds=1)))
    assert accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD).actor.roles
    assert (stored(db, "beheerder").failed_attempts, stored(db, "beheerder").locked_until) == (
        0, None)


def test_a_temporary_password_must_be_changed_and_a_reset_lifts_the_lock(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    admin = accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD).actor
    accounts.create_account(db, username="an.peeters", full_name="An Peeters",
                            staff_number=None, roles=frozenset({Role.LOGISTICS}), zone="CARMA",
                            temporary_password=TEMPORARY, actor=admin)
    signed = accounts.sign_in(db, username="an.peeters", password=TEMPORARY)
    assert signed.must_change_password and signed.actor.roles == {Role.LOGISTICS}

    with pytest.raises(WrongCurrentPassword):
        accounts.change_password(db, current="niet-het-huidige", new="mijn-eigen-zin",
                                 actor=signed.actor)
    with pytest.raises(PasswordIsUsername):
        accounts.change_password(db, current=TEMPORARY, new="An.Peeters", actor=signed.actor)
    row = accounts.change_password(db, current=TEMPORARY, new="mijn-eigen-zin",
                                   actor=signed.actor)
    assert not row.must_change_password and row.changes.accounts == {"an.peeters"}
    assert not accounts.sign_in(db, username="an.peeters",
                                password="mijn-eigen-zin").must_change_password

    with db.write() as session:  # locked after five failures
        session.execute(update(Account).where(Account.username == "an.peeters")
                        .values(locked_until=utc_now() + timedelta(minutes=10)))
    accounts.reset_password(db, username="an.peeters", temporary_password="nog-een-tijdelijk",
                            actor=admin)
    again = accounts.sign_in(db, username="an.peeters", password="nog-een-tijdelijk")
    assert again.must_change_password


def test_roles_are_per_zone_and_only_a_zones_admin_grants_them(db) -> None:  # type: ignore[no-untyped-def]
    add_zone(db, "VOEREN")
    first_admin(db)
    admin = accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD).actor
    accounts.create_account(db, username="koen", full_name="Koen Claes", staff_number=None,
                            roles=frozenset({Role.READER}), zone="CARMA",
                            temporary_password=TEMPORARY, actor=admin)
    # The CARMA admin is no admin of Voeren.
    with pytest.raises(NotAdminOfZone):
        accounts.set_roles(db, username="koen", zone="VOEREN",
                           roles=frozenset({Role.FLEET}), actor=admin)
    row = accounts.set_roles(db, username="koen", zone="VOEREN",
                             roles=frozenset({Role.FLEET, Role.READER}), actor=TESTER)
    assert row.roles == {"CARMA": (Role.READER,), "VOEREN": (Role.READER, Role.FLEET)}

    at_home = accounts.sign_in(db, username="koen", password=TEMPORARY)
    assert (at_home.actor.zone, at_home.actor.roles, at_home.zones) == (
        "CARMA", {Role.READER}, ("CARMA", "VOEREN"))
    away = accounts.sign_in(db, username="koen", password=TEMPORARY, zone="VOEREN")
    assert (away.actor.zone, away.actor.roles) == ("VOEREN", {Role.FLEET, Role.READER})
    with pytest.raises(NoRoleInZone) as refused:
        accounts.sign_in(db, username="koen", password=TEMPORARY, zone="BILZEN")
    assert "geen rol in zone BILZEN" in refused.value.message()

    accounts.set_roles(db, username="koen", zone="VOEREN", roles=frozenset(), actor=TESTER)
    with pytest.raises(NoRoleInZone):
        accounts.sign_in(db, username="koen", password=TEMPORARY, zone="VOEREN")


def test_the_last_admin_stays_and_an_inactive_account_cannot_sign_in(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    admin = accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD).actor
    with pytest.raises(LastAdmin):
        accounts.set_roles(db, username="beheerder", zone="CARMA",
                           roles=frozenset({Role.READER}), actor=TESTER)
    with pytest.raises(LastAdmin):
        accounts.set_active(db, username="beheerder", active=False, actor=TESTER)
    accounts.create_account(db, username="lezer", full_name="Lea Zer", staff_number=None,
                            roles=frozenset({Role.READER}), zone="CARMA",
                            temporary_password=TEMPORARY, actor=admin)
    accounts.set_active(db, username="lezer", active=False, actor=admin)
    with pytest.raises(AccountInactive):
        accounts.sign_in(db, username="lezer", password=TEMPORARY)
    # Listing and managing accounts is the admin's; a reader is refused by the service.
    reader = Actor(user="lezer", roles=frozenset({Role.READER}))
    with pytest.raises(PermissionDenied):
        accounts.list_accounts(db.as_actor(reader))
    listed = accounts.list_accounts(db.as_actor(admin))
    assert [(r.username, r.active) for r in listed] == [("beheerder", True), ("lezer", False)]


def test_the_first_account_must_be_an_admin(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FirstAccountMustBeAdmin):
        accounts.create_account(db, username="lezer", full_name="Lea Zer", staff_number=None,
                                roles=frozenset({Role.READER}), zone="CARMA",
                                temporary_password=TEMPORARY, actor=TESTER)
    assert accounts.setup_state(db) is accounts.SetupState.NO_ACCOUNTS


def test_a_token_signs_in_until_it_is_revoked(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    created = accounts.create_token(db, username="beheerder", name="nachtelijke import",
                                    actor=TESTER)
    assert created.token.startswith("carma_")
    signed = accounts.sign_in_with_token(db, token=created.token + "\n")
    assert signed.actor.user == "beheerder" and signed.actor.roles == {Role.ADMIN}
    with pytest.raises(WrongToken):
        accounts.sign_in_with_token(db, token="carma_" + "x" * 43)
    [token] = accounts.list_accounts(db)[0].tokens
    assert (token.id, token.name, token.active) == (created.id, "nachtelijke import", True)
    accounts.revoke_token(db, token_id=created.id, actor=TESTER)
    with pytest.raises(WrongToken):
        accounts.sign_in_with_token(db, token=created.token)


def test_the_demo_has_a_user_per_role_and_signs_in_without_a_password(db) -> None:  # type: ignore[no-untyped-def]
    create_demo_accounts(db)
    assert accounts.setup_state(db) is accounts.SetupState.DEMO
    for role in Role:
        signed = accounts.sign_in_demo(db, role=role)
        assert signed.actor.user == f"demo-{role.value}" and signed.actor.roles == {role}
        assert signed.demo and signed.full_name.startswith("Demo ")
    assert accounts.sign_in_demo(db, role=Role.DPO).full_name == "Demo DPO"
    with pytest.raises(WrongCredentials):  # a demo user has no password to guess
        accounts.sign_in(db, username="demo-beheerder", password="")
    # Once a real account exists, the database is no demo any more.
    accounts.create_account(db, username="echt", full_name="Echte Beheerder",
                            staff_number=None, roles=frozenset({Role.ADMIN}), zone="CARMA",
                            temporary_password=TEMPORARY, actor=TESTER)
    assert accounts.setup_state(db) is accounts.SetupState.ACCOUNTS
    with pytest.raises(NotADemoDatabase):
        accounts.sign_in_demo(db, role=Role.ADMIN)


def test_the_lock_screen_checks_the_password_and_counts_failures(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    actor = accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD).actor
    accounts.verify_password(db, password=ADMIN_PASSWORD, actor=actor)
    with pytest.raises(SignInRefused):
        accounts.verify_password(db, password="verkeerd-wachtwoord", actor=actor)
    assert stored(db, "beheerder").failed_attempts == 1


def test_trusting_the_os_login_works_on_sqlite_only(db, db_url: str) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    if sqlite_path(db_url) is None:
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in_trusted(db, username="beheerder")
        assert "databankserver" in refused.value.message()
    else:
        assert accounts.sign_in_trusted(db, username="Beheerder").actor.user == "beheerder"
        with pytest.raises(WrongCredentials):
            accounts.sign_in_trusted(db, username="iemand-anders")


def test_no_password_or_token_is_in_the_database_in_clear(db) -> None:  # type: ignore[no-untyped-def]
    first_admin(db)
    created = accounts.create_token(db, username="beheerder", name="script", actor=TESTER)
    with pytest.raises(WrongCredentials):
        accounts.sign_in(db, username="beheerder", password="fout-geraden-zin")
    accounts.reset_password(db, username="beheerder", temporary_password=TEMPORARY,
                            actor=TESTER)
    accounts.sign_in(db, username="beheerder", password=TEMPORARY)
    # Every row of every table (the audit trail included), as text.
    with db.read() as session:
        rows = repr([session.execute(select(table)).all()
                     for table in Base.metadata.sorted_tables])
    assert "beheerder" in rows and "$argon2id$" in rows
    secrets = (ADMIN_PASSWORD, "fout-geraden-zin", TEMPORARY, created.token)
    assert not [secret for secret in secrets if secret in rows]
    path = sqlite_path(db.url)
    if path is not None:  # and the file's bytes, with what is still in its -wal file
        db.dispose()
        content = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
        assert b"beheerder" in content  # the file is readable as bytes: the check can fail
        assert not [secret for secret in secrets
                    if secret.encode() in content or secret.encode("utf-16-le") in content]
