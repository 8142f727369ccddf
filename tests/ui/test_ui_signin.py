"""Signing in to the window: refused then accepted, a temporary password changed first, the
lock after inactivity (a scanner burst at the locked desk reaches nothing below, a half-typed
field is still there after unlocking), the first admin of an empty database, and the demo's
role choice."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from key_recordings import load
from pages import AppPage
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from carma_logistiek.config import AppConfig
from carma_logistiek.domain.access import Role
from carma_logistiek.services import accounts
from tests.support.actors import TESTER
from ui.signin.dialogs import ChangePasswordDialog, FirstAdminDialog, SignInDialog

ADMIN_PASSWORD = "Vuurtoren-Genk-42"


def make_admin(db: Any) -> Any:
    """The first admin, and their actor (who makes the other accounts)."""
    accounts.create_first_admin(db, username="an.admin", password=ADMIN_PASSWORD,
                                full_name="An Admin", staff_number=None, actor=TESTER)
    return accounts.sign_in(db, username="an.admin", password=ADMIN_PASSWORD).actor


def open_signing_in(qtbot: Any, url: str, fakes: Any, *, demo: bool = False,
                    trust_os_login: bool = False) -> Any:
    """The real flow: no actor given, so the window asks once the database is open."""
    from ui.shell.app import build_window

    config = AppConfig(database_url=url, demo=demo, actor="pc-gebruiker",
                       trust_os_login=trust_os_login)
    window = build_window(config, fakes)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def wait_dialog(qtbot: Any, window: Any, kind: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, kind)
                    and window.session.dialog.isVisible(), timeout=10_000)
    return window.session.dialog


def wait_ready(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(window.rail.isEnabled, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.screens) == len(window.declarations), timeout=10_000)
    context = window.context
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)


def sign_in(qtbot: Any, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_a_wrong_password_is_refused_in_the_dialog_then_the_right_one_signs_in(
        qtbot, database_url, db, fakes) -> None:
    make_admin(db)
    window = open_signing_in(qtbot, database_url, fakes)
    dialog = wait_dialog(qtbot, window, SignInDialog)
    assert not window.rail.isEnabled() and window.screens == {}
    sign_in(qtbot, dialog, "an.admin", "niet-het-wachtwoord")
    qtbot.waitUntil(lambda: "verkeerd wachtwoord" in dialog.form.error_text("password"),
                    timeout=10_000)
    assert dialog.isVisible() and not window.rail.isEnabled()
    assert dialog.password.selectedText() == "niet-het-wachtwoord"  # typed over next
    sign_in(qtbot, dialog, "An.Admin", ADMIN_PASSWORD)
    wait_ready(qtbot, window)
    page = AppPage(window, qtbot)
    assert not dialog.isVisible()
    assert window.context.actor.user == "an.admin" and window.context.actor.account_id
    assert page.user_text() == "Gebruiker: An Admin"
    assert "Gebruikers" in page.rail_titles()
    assert page.current() == "dashboard"
    window.close()


def test_escape_on_the_sign_in_closes_the_window(qtbot, database_url, db, fakes) -> None:
    make_admin(db)
    window = open_signing_in(qtbot, database_url, fakes)
    dialog = wait_dialog(qtbot, window, SignInDialog)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_a_temporary_password_is_changed_before_anything_else(
        qtbot, database_url, db, fakes) -> None:
    admin = make_admin(db)
    accounts.create_account(db, username="jan", full_name="Jan Peeters", staff_number=None,
                            roles=frozenset({Role.LOGISTICS}), zone="CARMA",
                            temporary_password="Tijdelijk-1234", actor=admin)
    window = open_signing_in(qtbot, database_url, fakes)
    sign_in(qtbot, wait_dialog(qtbot, window, SignInDialog), "jan", "Tijdelijk-1234")
    change = wait_dialog(qtbot, window, ChangePasswordDialog)
    assert change.forced and not change.current.isVisibleTo(change)
    # It cannot be skipped: Esc signs out, back to the sign-in.
    qtbot.keyClick(change.new, Qt.Key.Key_Escape)
    again = wait_dialog(qtbot, window, SignInDialog)
    assert not window.rail.isEnabled() and window.context.signed_in is None
    sign_in(qtbot, again, "jan", "Tijdelijk-1234")
    change = wait_dialog(qtbot, window, ChangePasswordDialog)
    qtbot.keyClicks(change.new, "kort")
    qtbot.keyClicks(change.new_again, "kort")
    qtbot.keyClick(change.new_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "minstens 10 tekens" in change.form.error_text("new"),
                    timeout=10_000)
    change.new.setText("Mijn-eigen-wachtwoord")
    change.new_again.setText("Mijn-eigen-wachtwoord")
    qtbot.keyClick(change.new_again, Qt.Key.Key_Return)
    wait_ready(qtbot, window)
    page = AppPage(window, qtbot)
    assert window.context.actor.user == "jan"
    assert "Gebruikers" not in page.rail_titles()  # logistiek: no accounts to manage
    assert not accounts.sign_in(db, username="jan",
                                password="Mijn-eigen-wachtwoord").must_change_password
    window.close()


def send_burst_to(widget: Any, wedge: Any) -> None:
    """The recorded USB scanner burst (the shared capture's staff label and Enter), sent
    straight to ``widget`` at the recorded speed, as a scanner into a focused field."""
    recording = load("qwerty-handheld-staff-enter")
    now = [1_000.0]
    wedge.clock = lambda: now[0]
    for press in recording.presses:
        now[0] += press.gap
        modifiers = Qt.KeyboardModifier(press.modifiers)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, press.key, modifiers, press.text))


def type_slowly(qtbot: Any, widget: Any, wedge: Any, text: str) -> None:
    """A person: 200 ms between keys on the wedge's clock."""
    ticks = itertools.count()
    wedge.clock = lambda: next(ticks) * 0.2
    qtbot.keyClicks(widget, text)


def test_the_lock_swallows_a_scanner_burst_and_unlocking_keeps_a_half_typed_field(
        qtbot, database_url, db, fakes) -> None:
    make_admin(db)
    window = open_signing_in(qtbot, database_url, fakes)
    sign_in(qtbot, wait_dialog(qtbot, window, SignInDialog), "an.admin", ADMIN_PASSWORD)
    wait_ready(qtbot, window)
    page = AppPage(window, qtbot)
    stock = page.stock
    stock.type_search("Speek")
    lock = window.session.lock
    lock.set_idle_ms(300)
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    screen = lock.screen
    assert screen.isVisible() and "An Admin" in screen.who.text()
    # A scanner at the locked desk, its keys sent to the field below and to the focus.
    send_burst_to(stock.screen.search, screen.wedge)
    send_burst_to(QApplication.focusWidget() or screen.password, screen.wedge)
    qtbot.wait(100)
    assert stock.screen.search.text() == "Speek"
    assert screen.password.text() == "" and screen.note.isVisible()  # no failed try counted
    assert lock.locked
    type_slowly(qtbot, screen.password, screen.wedge, "fout-wachtwoord")
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=10_000)
    assert "verkeerd wachtwoord" in screen.message.text() and lock.locked
    qtbot.keyClick(screen.password, Qt.Key.Key_Escape)  # Esc does not open it
    assert lock.locked
    screen.password.clear()
    type_slowly(qtbot, screen.password, screen.wedge, ADMIN_PASSWORD)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked, timeout=10_000)
    assert stock.screen.search.text() == "Speek"
    assert window.screens["stock"] is stock.screen  # nothing was built again
    assert window.context.actor.user == "an.admin"
    window.close()


def test_afmelden_on_the_lock_goes_back_to_the_sign_in(qtbot, database_url, db, fakes) -> None:
    make_admin(db)
    window = open_signing_in(qtbot, database_url, fakes)
    sign_in(qtbot, wait_dialog(qtbot, window, SignInDialog), "an.admin", ADMIN_PASSWORD)
    wait_ready(qtbot, window)
    window.session.actions["lock"].trigger()  # Bestand > Vergrendelen
    lock = window.session.lock
    assert lock.locked
    lock.screen.sign_out_button.click()
    wait_dialog(qtbot, window, SignInDialog)
    assert not lock.locked and window.screens == {} and not window.rail.isEnabled()
    assert window.context.signed_in is None
    window.close()


def test_an_empty_database_asks_for_its_first_admin_and_signs_them_in(
        qtbot, database_url, fakes) -> None:
    window = open_signing_in(qtbot, database_url, fakes)
    dialog = wait_dialog(qtbot, window, FirstAdminDialog)
    dialog.full_name.setText("Eerste Beheerder")
    dialog.username.setText("eerste")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.password_again.setText(ADMIN_PASSWORD + "x")
    qtbot.keyClick(dialog.password_again, Qt.Key.Key_Return)
    assert "verschillen" in dialog.form.error_text("password_again")
    dialog.password_again.setText(ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password_again, Qt.Key.Key_Return)
    wait_ready(qtbot, window)
    assert window.context.actor.user == "eerste"
    assert AppPage(window, qtbot).user_text() == "Gebruiker: Eerste Beheerder"
    window.close()


@pytest.fixture
def demo_url(database_url: str) -> str:
    """The small database with the demo's accounts (one per role, no password)."""
    from carma_logistiek.db.uow import Database
    from carma_logistiek.demo.accounts import create_demo_accounts

    handle = Database(database_url)
    try:
        create_demo_accounts(handle)
    finally:
        handle.dispose()
    return database_url


def test_the_demo_signs_in_and_its_role_choice_hides_what_the_role_may_not_use(
        qtbot, demo_url, fakes) -> None:
    window = open_signing_in(qtbot, demo_url, fakes, demo=True)
    wait_ready(qtbot, window)
    page = AppPage(window, qtbot)
    box = window.session.role_box
    assert box.isVisible() and box.combo.currentText() == "Beheerder"
    assert {"Gebruikers", "Scannen"} <= set(page.rail_titles())
    box.combo.setCurrentIndex(box.combo.findData(Role.READER))
    box.combo.activated.emit(box.combo.currentIndex())
    qtbot.waitUntil(lambda: window.context.actor.roles == frozenset({Role.READER}),
                    timeout=10_000)
    wait_ready(qtbot, window)
    assert "Gebruikers" not in page.rail_titles() and "Scannen" not in page.rail_titles()
    assert "Voorraad" in page.rail_titles()
    assert not window.session.actions["lock"].isVisible()  # a demo has no password
    window.close()


def test_the_trusted_os_login_signs_in_the_pc_user_without_a_dialog(
        qtbot, database_url, db, fakes) -> None:  # type: ignore[no-untyped-def]
    admin = make_admin(db)
    accounts.create_account(db, username="pc-gebruiker", full_name="Pc Gebruiker",
                            staff_number=None, roles=frozenset({Role.READER}), zone="CARMA",
                            temporary_password="Tijdelijk-Genk-2026", actor=admin)
    accounts.change_password(db, current="Tijdelijk-Genk-2026", new="Eigen-Genk-2027",
                             actor=accounts.sign_in(db, username="pc-gebruiker",
                                                    password="Tijdelijk-Genk-2026").actor)
    window = open_signing_in(qtbot, database_url, fakes, trust_os_login=True)
    wait_ready(qtbot, window)
    assert window.session.dialog is None
    assert window.context.actor.user == "pc-gebruiker"
    assert window.context.actor.roles == frozenset({Role.READER})
    window.close()


def test_the_trusted_os_login_without_an_account_asks_for_the_password(
        qtbot, database_url, db, fakes) -> None:  # type: ignore[no-untyped-def]
    make_admin(db)
    window = open_signing_in(qtbot, database_url, fakes, trust_os_login=True)
    dialog = wait_dialog(qtbot, window, SignInDialog)
    assert window.context.actor.account_id is None
    sign_in(qtbot, dialog, "an.admin", ADMIN_PASSWORD)
    wait_ready(qtbot, window)
    assert window.context.actor.user == "an.admin"
    window.close()
