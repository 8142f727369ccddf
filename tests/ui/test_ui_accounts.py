"""The Gebruikers screen: a new user gets a temporary password shown once (and must change it),
a reset replaces it, roles are check boxes of this zone, a token is shown once and revoked."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from carma_logistiek.domain.access import Role
from carma_logistiek.services import accounts
from tests.support.actors import TESTER
from ui.accounts.dialogs import NewAccountDialog, NewTokenDialog, SecretDialog

ADMIN_PASSWORD = "Vuurtoren-Genk-42"


@pytest.fixture
def screen(open_app, database_url, db, qtbot):  # type: ignore[no-untyped-def]
    accounts.create_first_admin(db, username="an.admin", password=ADMIN_PASSWORD,
                                full_name="An Admin", staff_number=None, actor=TESTER)
    app = open_app(database_url)
    app.go("accounts")
    shown = app.window.screen_named("accounts")
    qtbot.waitUntil(lambda: shown.model.rowCount() == 1, timeout=10_000)
    yield shown
    app.close()


def usernames(screen: Any) -> list[str]:
    return [row.username for row in screen.model.rows()]


def wait_dialog(qtbot: Any, screen: Any, kind: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(screen.dialog, kind) and screen.dialog.isVisible(),
                    timeout=10_000)
    return screen.dialog


def select(screen: Any, username: str) -> None:
    screen.select(username)
    assert screen.selected_username() == username


def test_a_new_user_gets_a_temporary_password_shown_once(qtbot, screen, db) -> None:
    screen.new_button.click()
    dialog = wait_dialog(qtbot, screen, NewAccountDialog)
    qtbot.keyClicks(dialog.username, "Jan.Peeters")
    dialog.ok_button.click()  # no name yet: said under the field, nothing made
    assert "volledige naam" in dialog.form.error_text("full_name")
    qtbot.keyClicks(dialog.full_name, "Jan Peeters")
    dialog.ok_button.click()  # no role: the service's sentence under the roles
    qtbot.waitUntil(lambda: "minstens één rol" in dialog.form.error_text("roles"),
                    timeout=10_000)
    dialog.roles.boxes[Role.LOGISTICS].setChecked(True)
    dialog.ok_button.click()
    shown = wait_dialog(qtbot, screen, SecretDialog)
    password = shown.secret.text()
    assert len(password) >= 10 and shown.secret.isReadOnly()
    assert shown.secret.selectedText() == password
    shown.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == password
    qtbot.waitUntil(lambda: "jan.peeters" in usernames(screen), timeout=10_000)
    row = next(r for r in screen.model.rows() if r.username == "jan.peeters")
    assert screen.model.data(screen.model.index(screen.model.rows().index(row), 3)) == (
        "Logistiek")
    signed = accounts.sign_in(db, username="jan.peeters", password=password)
    assert signed.must_change_password and signed.actor.roles == frozenset({Role.LOGISTICS})


def test_a_reset_password_replaces_the_old_one(qtbot, screen, db, fakes) -> None:
    accounts.create_account(db, username="jan", full_name="Jan Peeters", staff_number=None,
                            roles=frozenset({Role.LOGISTICS}), zone="CARMA",
                            temporary_password="Tijdelijk-1234", actor=TESTER)
    screen.refresh()
    qtbot.waitUntil(lambda: "jan" in usernames(screen), timeout=10_000)
    select(screen, "jan")
    screen.reset_button.click()
    assert "Jan Peeters krijgt een nieuw, tijdelijk wachtwoord" in fakes.prompts.asked[-1]
    shown = wait_dialog(qtbot, screen, SecretDialog)
    new = shown.secret.text()
    assert new != "Tijdelijk-1234"
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(db, username="jan", password="Tijdelijk-1234")
    assert accounts.sign_in(db, username="jan", password=new).must_change_password


def test_roles_activation_and_tokens_of_the_chosen_user(qtbot, screen, db) -> None:
    accounts.create_account(db, username="jan", full_name="Jan Peeters", staff_number=None,
                            roles=frozenset({Role.LOGISTICS}), zone="CARMA",
                            temporary_password="Tijdelijk-1234", actor=TESTER)
    screen.refresh()
    qtbot.waitUntil(lambda: "jan" in usernames(screen), timeout=10_000)
    select(screen, "jan")
    assert screen.role_checks.boxes[Role.LOGISTICS].isChecked()
    screen.role_checks.boxes[Role.PREVENTION].setChecked(True)
    screen.save_roles_button.click()
    qtbot.waitUntil(lambda: set(accounts.get_account(db, "jan").roles_in("CARMA")) == {
        Role.LOGISTICS, Role.PREVENTION}, timeout=10_000)
    screen.active_button.click()  # Uitschakelen
    qtbot.waitUntil(lambda: screen.active_button.text() == "Activeren", timeout=10_000)
    assert not accounts.get_account(db, "jan").active
    screen.new_token_button.click()
    dialog = wait_dialog(qtbot, screen, NewTokenDialog)
    qtbot.keyClicks(dialog.name, "nachtelijke export")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    token = wait_dialog(qtbot, screen, SecretDialog).secret.text()
    assert token.startswith("carma_")
    qtbot.waitUntil(lambda: screen.tokens.count() == 1, timeout=10_000)
    screen.tokens.setCurrentRow(0)
    assert screen.revoke_button.isEnabled()
    screen.revoke_button.click()
    qtbot.waitUntil(lambda: "ingetrokken" in screen.tokens.item(0).text(), timeout=10_000)
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in_with_token(db, token=token)
