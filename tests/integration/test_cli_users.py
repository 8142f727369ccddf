"""The command line signs in: a token, a password at the terminal, the demo's users, set-up
mode, the trusted OS login; and ``users …`` manages the accounts.

A database with accounts books nothing for someone who did not sign in, whatever the
operating system says the user is called (``LOGNAME=hoofdcommissaris``)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from carma_logistiek.cli import common as cli_common
from carma_logistiek.cli import main
from carma_logistiek.config import settings_path
from carma_logistiek.db.models import Booking
from carma_logistiek.demo.accounts import create_demo_accounts
from carma_logistiek.domain.access import Role
from carma_logistiek.services import accounts
from tests.support.actors import TESTER

PASSWORD = "paard-batterij-nietje"


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


class FakeTerminal:
    """Someone at a terminal who types the given passwords, one per question."""

    def __init__(self, *typed: str) -> None:
        self.typed = list(typed)
        self.asked: list[str] = []

    def is_terminal(self) -> bool:
        return True

    def password(self, prompt: str) -> str:
        self.asked.append(prompt)
        return self.typed.pop(0)

    def is_watched(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def typing(*typed: str) -> FakeTerminal:
        fake = FakeTerminal(*typed)
        monkeypatch.setattr(cli_common, "PROMPT", fake)
        monkeypatch.setattr("carma_logistiek.cli.users.PROMPT", fake)
        return fake
    return typing


def admin_with_token(db) -> str:  # type: ignore[no-untyped-def]
    accounts.create_first_admin(db, username="beheerder", password=PASSWORD,
                                full_name="Bea Heerder", staff_number=None, actor=TESTER)
    return accounts.create_token(db, username="beheerder", name="tests", actor=TESTER).token


def bookings(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return list(session.scalars(select(Booking.booked_by).order_by(Booking.id)))


def deliver(db_url: str, zone, *extra: str) -> int:  # type: ignore[no-untyped-def]
    return main(["book", "delivery", "--db", db_url, "--product", zone.gloves, "--location",
                 zone.storeroom, "--qty", "2", *extra])


def test_a_token_signs_the_command_in_and_its_writes_are_that_persons(
        db, db_url, zone, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    token = admin_with_token(db)
    assert deliver(db_url, zone, "--token", token) == 0
    monkeypatch.setenv("CARMA_TOKEN", token)
    assert deliver(db_url, zone) == 0
    assert bookings(db) == ["beheerder", "beheerder"]
    assert "Nog geen gebruikers" not in capsys.readouterr().err

    assert deliver(db_url, zone, "--token", "carma_" + "x" * 43) == 1
    err = capsys.readouterr().err
    assert "token is onbekend of ingetrokken" in err and "Traceback" not in err
    assert len(bookings(db)) == 2


def test_with_accounts_the_os_user_books_nothing_without_signing_in(db, db_url, zone) -> None:  # type: ignore[no-untyped-def]
    admin_with_token(db)
    env = {**os.environ, "LOGNAME": "hoofdcommissaris", "USER": "hoofdcommissaris"}
    env.pop("CARMA_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "carma_logistiek.cli", "book", "delivery", "--db", db_url,
         "--product", zone.gloves, "--location", zone.storeroom, "--qty", "5"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1, done.stderr
    assert "meld u aan" in done.stderr and "hoofdcommissaris" in done.stderr
    assert "Traceback" not in done.stderr
    assert bookings(db) == []


def test_a_password_typed_at_the_terminal_signs_in(db, db_url, zone, capsys, terminal) -> None:  # type: ignore[no-untyped-def]
    admin_with_token(db)
    asked = terminal(PASSWORD)
    assert deliver(db_url, zone, "--user", "Beheerder") == 0
    assert asked.asked == ["Wachtwoord van Beheerder: "]
    terminal("verkeerd-wachtwoord")
    assert deliver(db_url, zone, "--user", "beheerder") == 1
    assert "verkeerd wachtwoord" in capsys.readouterr().err
    assert bookings(db) == ["beheerder"]


def test_a_temporary_password_is_changed_first_with_users_passwd(db, db_url, zone, capsys,
                                                                 terminal) -> None:  # type: ignore[no-untyped-def]
    token = admin_with_token(db)
    assert main(["users", "add", "an.peeters", "--name", "An Peeters", "--role", "logistiek",
                 "--db", db_url, "--token", token]) == 0
    out = capsys.readouterr().out
    assert "Gebruiker an.peeters aangemaakt (An Peeters), rollen in CARMA: logistiek." in out
    temporary = out.rsplit(": ", 1)[1].strip()

    terminal(temporary)
    assert deliver(db_url, zone, "--user", "an.peeters") == 1
    assert "users passwd" in capsys.readouterr().err
    terminal(temporary, "mijn-eigen-lange-zin", "mijn-eigen-lange-zin")
    assert main(["users", "passwd", "--db", db_url, "--user", "an.peeters"]) == 0
    assert "Wachtwoord van an.peeters gewijzigd." in capsys.readouterr().out
    terminal("mijn-eigen-lange-zin")
    assert deliver(db_url, zone, "--user", "an.peeters") == 0
    assert bookings(db) == ["an.peeters"]


def test_set_up_mode_says_so_and_makes_the_first_admin(db, db_url, capsys, monkeypatch,
                                                       terminal) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LOGNAME", "jan")
    terminal()
    assert main(["users", "add", "lezer", "--name", "Lea Zer", "--role", "lezer",
                 "--db", db_url]) == 1
    assert "eerste gebruiker van een databank moet beheerder zijn" in capsys.readouterr().err
    assert main(["users", "add", "Jan", "--name", "Jan Janssens", "--staff", "01209",
                 "--role", "beheerder", "--db", db_url]) == 1
    assert "geen personeelslid met nummer 01209" in capsys.readouterr().err
    assert main(["users", "add", "Jan", "--name", "Jan Janssens", "--role", "beheerder",
                 "--db", db_url]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("Nog geen gebruikers in deze databank: jan werkt met alle "
                                   "rollen.")
    assert "Tijdelijk wachtwoord" in captured.out
    assert accounts.setup_state(db) is accounts.SetupState.ACCOUNTS
    [row] = accounts.list_accounts(db)
    assert (row.username, row.roles, row.must_change_password) == (
        "jan", {"CARMA": (Role.ADMIN,)}, True)


def test_users_commands_manage_accounts_and_tokens(db, db_url, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    token = admin_with_token(db)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    signed = ["--db", db_url, "--token", token]
    assert main(["users", "add", "koen", "--name", "Koen Claes", "--role", "lezer",
                 "--role", "wagenpark", "--password-stdin", *signed],
                ) == 1  # no line on stdin: said, nothing made
    assert "Geen wachtwoord gekregen" in capsys.readouterr().err
    assert main(["users", "add", "koen", "--name", "Koen Claes", "--role", "lezer", *signed]) == 0
    assert main(["users", "set-role", "koen", "--role", "aankoop", "--role", "lezer",
                 *signed]) == 0
    assert "koen heeft in CARMA nu: aankoop, lezer." in capsys.readouterr().out
    assert main(["users", "deactivate", "koen", *signed]) == 0
    assert main(["users", "token", "create", "koen", "--name", "export", *signed]) == 0
    captured = capsys.readouterr()
    new_token = captured.out.strip().splitlines()[-1]
    assert new_token.startswith("carma_") and "maar één keer getoond" in captured.err
    assert main(["stock", "--db", db_url, "--token", new_token]) == 1  # inactive account
    assert "uitgeschakeld" in capsys.readouterr().err
    assert main(["users", "activate", "koen", *signed]) == 0
    assert main(["users", "reset-password", "koen", *signed]) == 0
    assert "Tijdelijk wachtwoord" in capsys.readouterr().out

    assert main(["users", "list", "--format", "json", *signed]) == 0
    listed = {row["username"]: row for row in json.loads(capsys.readouterr().out)}
    assert listed["koen"]["roles"] == {"CARMA": ["aankoop", "lezer"]}
    assert listed["koen"]["must_change_password"] is True
    [koen_token] = listed["koen"]["tokens"]
    assert main(["users", "token", "revoke", str(koen_token["id"]), *signed]) == 0
    assert f"Token {koen_token['id']} van koen is ingetrokken." in capsys.readouterr().out
    assert main(["users", "list", *signed]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:3] == ["Gebruiker", "Naam",
                                                                   "Personeelsnr."]
    # The last admin keeps the role: a sentence, exit 1.
    assert main(["users", "set-role", "beheerder", "--role", "lezer", *signed]) == 1
    assert "laatste actieve beheerder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["users", "add", "zonder-naam", "--role", "lezer", *signed])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        main(["users", "add", "x", "--name", "X", "--role", "koning", *signed])
    assert usage.value.code == 2


def test_a_reader_is_refused_account_commands(db, db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    admin_with_token(db)
    accounts.create_account(db, username="lezer", full_name="Lea Zer", staff_number=None,
                            roles=frozenset({Role.READER}), zone="CARMA",
                            temporary_password="tijdelijk-wachtwoord", actor=TESTER)
    token = accounts.create_token(db, username="lezer", name="t", actor=TESTER).token
    assert main(["users", "list", "--db", db_url, "--token", token]) == 1
    err = capsys.readouterr().err
    assert "lezer mag dit niet doen" in err and "accounts.admin" in err


def test_the_demo_signs_in_as_its_admin_or_the_chosen_role(db, db_url, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    create_demo_accounts(db)
    assert deliver(db_url, zone) == 0
    assert deliver(db_url, zone, "--demo-role", "lezer") == 1
    assert "demo-lezer mag dit niet doen" in capsys.readouterr().err
    assert main(["stock", "--db", db_url, "--demo-role", "lezer"]) == 0
    assert bookings(db) == ["demo-beheerder"]


def test_demo_role_on_a_real_database_is_refused(db, db_url, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    admin_with_token(db)
    assert deliver(db_url, zone, "--demo-role", "beheerder") == 1
    assert "enkel op een demodatabank" in capsys.readouterr().err


def test_trusting_the_os_login_signs_in_as_the_os_user(db, db_url, zone, capsys,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    admin_with_token(db)
    monkeypatch.setenv("LOGNAME", "beheerder")
    assert deliver(db_url, zone) == 1  # not trusted: no terminal, no token
    path: Path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"trust_os_login": True}), encoding="utf-8")
    assert deliver(db_url, zone) == 0
    monkeypatch.setenv("LOGNAME", "hoofdcommissaris")
    assert deliver(db_url, zone) == 1
    assert "Onbekende gebruikersnaam" in capsys.readouterr().err
    assert bookings(db) == ["beheerder"]


def test_ctrl_d_at_the_password_question_is_a_sentence(db, db_url, zone, capsys,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    admin_with_token(db)

    def end_of_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(cli_common.Prompt, "is_terminal", lambda self: True)
    monkeypatch.setattr(cli_common.getpass, "getpass", end_of_input)
    assert deliver(db_url, zone, "--user", "beheerder") == 1
    err = capsys.readouterr().err
    assert "Geen wachtwoord getypt" in err and "Traceback" not in err
    assert bookings(db) == []
