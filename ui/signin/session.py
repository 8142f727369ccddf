"""Who works in the window. Once the database is open: a database without accounts asks for
its first admin, a demo database signs in as the demo's admin (with the role to choose in the
status bar), any other asks who signs in. The signed-in actor goes to the context (the worker
then reads as them, the window shows their screens); a temporary password is changed first.
Then the lock watches; Bestand offers Wachtwoord wijzigen…, Vergrendelen and Afmelden.

A window built for a given actor (tests, tools) skips all of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QStatusBar, QWidget

from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.i18n import _
from ui.ops import accounts as ops
from ui.ops.errors import error_sentence
from ui.signin.dialogs import ChangePasswordDialog, FirstAdminDialog, SignInDialog
from ui.signin.lock import LockController

# Ctrl+L is Bestellingen's "Levering ontvangen…", Ctrl+Shift+L its "Bestellijst…"; F12 is
# free, one key, and no scanner sends it.
LOCK_SHORTCUT = "F12"
DEMO_ROLE = Role.ADMIN

MakeAction = Callable[..., QAction]


class DemoRoleBox(QWidget):
    """The status bar's "Demo · rol: [Beheerder ▾]": the demo shows what each role sees."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(_("Demo · rol:"))
        self.combo = QComboBox()
        for role, title in ops.ROLE_TITLES.items():
            self.combo.addItem(_(title), role)
        self.combo.setToolTip(_("De demo toont wat elke rol ziet en mag."))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)

    def role(self) -> Role:
        return Role(self.combo.currentData())

    def set_role(self, role: Role) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(role)))
        self.combo.blockSignals(False)


class Session(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.dialog: Any = None  # the sign-in's dialog open now
        self.lock = LockController(self.context, window)
        self.lock.sign_out_requested.connect(self.sign_out)
        self.role_box: DemoRoleBox | None = None
        self.actions: dict[str, QAction] = {}
        self._load: Callable[[], None] | None = None  # reads the data for the actor
        self._demo_without_accounts = False
        self.context.actor_changed.connect(self._on_context_actor_changed)

    # --- what the window asks ------------------------------------------------------------
    def add_actions(self, menu: QMenu, make: MakeAction) -> None:
        """Bestand: Wachtwoord wijzigen…, Vergrendelen, Afmelden (shown once they apply)."""
        self.actions = {
            "password": make(menu, _("Wachtwoord wijzigen…"), "", self.change_password),
            "lock": make(menu, _("Vergrendelen"), LOCK_SHORTCUT, self.lock.lock),
            "sign_out": make(menu, _("Afmelden"), "", self.sign_out),
        }
        self.actions["separator"] = menu.addSeparator()
        self._show_actions()

    def add_status_widgets(self, status: QStatusBar) -> None:
        self.role_box = DemoRoleBox()
        self.role_box.setVisible(False)
        self.role_box.combo.activated.connect(self._on_role_box_activated)
        status.addPermanentWidget(self.role_box)

    def database_opened(self, load: Callable[[], None]) -> None:
        """The database is open: sign in first, then ``load`` the data (at once when
        someone is signed in already, a restored backup, or the window has its actor)."""
        self._load = load
        if self.context.fixed_actor or self.context.signed_in is not None:
            load()
            return
        self.window.loading_label.setText(_("Aanmelden…"))
        self.window.user_label.setText(_("Niet aangemeld"))
        ops.setup_state(self.context).success(self._on_setup_state).failure(
            self._on_failed).run()

    # --- signing in ----------------------------------------------------------------------
    def _on_setup_state(self, state: str) -> None:
        if state == "DEMO":
            self.sign_in_demo(DEMO_ROLE)
        elif state == "NO_ACCOUNTS" and self.context.config.demo:
            # A demo file made before there were accounts: the roles without signing in.
            self._demo_without_accounts = True
            self._complete(None, Actor(user=f"demo-{DEMO_ROLE.value}",
                                       roles=frozenset({DEMO_ROLE})))
        elif state == "NO_ACCOUNTS":
            self._open(FirstAdminDialog(self.context, self.window))
        elif self.context.config.trust_os_login:
            self.sign_in_trusted()
        else:
            self.ask()

    def sign_in_trusted(self) -> None:
        """The trusted operating-system login: no dialog when the PC's user has an account;
        otherwise (no such account, a server database) the sign-in dialog says why."""
        ops.sign_in_trusted(self.context, username=self.context.config.actor).success(
            self._on_trusted_signed_in).failure(self._on_trusted_refused).run()

    def _on_trusted_signed_in(self, signed: Any) -> None:
        if signed.must_change_password:
            self.ask()  # a temporary password (a reset): typed once, then replaced
            return
        self._complete(signed, signed.actor)

    def _on_trusted_refused(self, error: BaseException) -> None:
        self.ask()
        self.dialog.form.show_error(error)

    def ask(self) -> None:
        """The sign-in dialog (again, after signing out)."""
        self._open(SignInDialog(self.context, self.window))

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.signed_in.connect(self._on_dialog_signed_in)
        dialog.rejected.connect(self._on_dialog_rejected)
        dialog.open()

    def _on_dialog_signed_in(self, signed: Any) -> None:
        if signed.must_change_password:
            password = getattr(self.dialog, "password_text", lambda: "")()
            self._force_new_password(signed, password)
            return
        self.dialog = None
        self._complete(signed, signed.actor)

    def _on_dialog_rejected(self) -> None:
        """Esc or Afsluiten on the sign-in: nobody works here; the window closes."""
        self.dialog = None
        self.window.close()

    def _force_new_password(self, signed: Any, current: str) -> None:
        dialog = ChangePasswordDialog(self.context, self.window, forced=True, current=current,
                                      actor=signed.actor)
        self.dialog = dialog
        dialog.changed.connect(lambda: self._on_forced_change_done(signed))
        dialog.rejected.connect(self._on_forced_change_rejected)
        # After the sign-in dialog's own finishing: it is closing now.
        dialog.open()

    def _on_forced_change_done(self, signed: Any) -> None:
        self.dialog = None
        self._complete(signed, signed.actor)

    def _on_forced_change_rejected(self) -> None:
        """Afmelden instead of a new password: back to the sign-in, nobody signed in."""
        self.dialog = None
        self.ask()

    def sign_in_demo(self, role: Role) -> None:
        ops.sign_in_demo(self.context, role=role).success(
            lambda signed: self._complete(signed, signed.actor)).failure(
            self._on_failed).run()

    def _complete(self, signed: Any, actor: Actor) -> None:
        self.context.set_actor(actor, signed)
        if self._load is not None:
            self._load()

    def _on_failed(self, error: BaseException) -> None:
        self.context.services.prompts.error(self.window, _("Aanmelden"), error_sentence(error))

    # --- while signed in -----------------------------------------------------------------
    def _on_context_actor_changed(self, actor: Actor) -> None:
        signed = self.context.signed_in
        demo = self._demo_without_accounts or bool(getattr(signed, "demo", False))
        name = getattr(signed, "full_name", "") or actor.user
        self.window.user_label.setText(_("Gebruiker: {actor}", actor=name) if actor.roles
                                       else _("Niet aangemeld"))
        # In the demo the role box says who works: the name would say it twice.
        self.window.user_label.setVisible(not demo)
        if self.role_box is not None:
            self.role_box.setVisible(demo)
            if demo and actor.roles:
                self.role_box.set_role(sorted(actor.roles)[0])
        if signed is not None and not demo:
            self.lock.arm(name)
        else:
            self.lock.disarm()
        self._show_actions()

    def _show_actions(self) -> None:
        signed = self.context.signed_in
        with_password = signed is not None and not getattr(signed, "demo", False)
        for key in ("password", "lock", "sign_out", "separator"):
            if key in self.actions:
                self.actions[key].setVisible(with_password)

    def _on_role_box_activated(self, _index: int) -> None:
        """The demo's role choice: sign in as that role's demo user; every screen is made
        again with only what that role may do."""
        assert self.role_box is not None
        role = self.role_box.role()
        if self._demo_without_accounts:
            self._complete(None, Actor(user=f"demo-{role.value}", roles=frozenset({role})))
            return
        self.sign_in_demo(role)

    def change_password(self) -> None:
        """Bestand > Wachtwoord wijzigen…"""
        dialog = ChangePasswordDialog(self.context, self.window)
        self.dialog = dialog
        dialog.changed.connect(self._on_password_changed)
        dialog.finished.connect(self._on_change_dialog_finished)
        dialog.open()

    def _on_password_changed(self) -> None:
        self.window.statusBar().showMessage(_("Uw wachtwoord is gewijzigd."), 5000)

    def _on_change_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def sign_out(self) -> None:
        """Afmelden (Bestand, or on the lock): what is not booked goes only when the person
        agrees; then the screens are gone and the sign-in asks again."""
        with self.lock.asking():  # the question box takes input above the lock
            if not self.window.may_close():
                return
        self.lock.disarm()
        self.context.set_actor(Actor(user=self.context.config.actor), None, bound=False)
        self.window.loading_label.setText(_("Aanmelden…"))
        self.ask()
