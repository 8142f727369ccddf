"""The sign-in's dialogs: signing in (then, for an account with roles in several zones, the
zone), making the first admin of a database without accounts, and changing one's password
(forced after signing in with a temporary one, or chosen from the Bestand menu).

Each runs its service on the worker and shows a refusal as the service's Dutch sentence under
the field it is about; a password is never logged, and a refused one is selected so the next
try types over it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.ops import accounts as ops
from ui.widgets.forms import FieldFirstDialog, Form, MissingInput

if TYPE_CHECKING:
    from carma_logistiek.domain.access import Actor
    from carma_logistiek.services.accounts import SignedIn
    from ui.shell.context import AppContext

DIALOG_WIDTH = 460


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    # No input method, no completion, no undo history of a secret.
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return field


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def required(field: QLineEdit, name: str, text: str) -> str:
    value = field.text().strip()
    if not value:
        raise MissingInput(name, text)
    return value


class _AccountDialog(FieldFirstDialog):
    """A title, an intro, a form, one action button (the default: Enter) and a way out."""

    def __init__(self, context: AppContext, title: str, action: str, way_out: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.title_label = heading(title)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setVisible(False)
        self.form = Form()
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(action)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(way_out)
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_WIDTH)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(True)

    def submit(self) -> None:
        raise NotImplementedError

    def busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)

    def _on_failed(self, error: BaseException) -> None:
        self.busy(False)
        self.form.show_error(error)


class SignInDialog(_AccountDialog):
    """User name and password; Enter signs in, Esc quits. An account with roles in more than
    one zone chooses the zone next (its home zone first)."""

    signed_in = Signal(object)  # SignedIn

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Aanmelden"), _("Aanmelden"), _("Afsluiten"), parent)
        self.title_label.setText(context.config.zone_name)
        self.set_intro(_("Meld u aan met uw gebruikersnaam en wachtwoord."))
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.password = password_field()
        self.zone = QComboBox()
        self.form.add("username", _("Gebruikersnaam"), self.username)
        self.form.add("password", _("Wachtwoord"), self.password)
        self.form.add("zone", _("Zone"), self.zone)
        self.form.set_row_visible("zone", False)
        self.first: SignedIn | None = None  # signed in, the zone still to choose
        self.username.textEdited.connect(self._on_username_text_edited)

    def password_text(self) -> str:
        return self.password.text()

    def submit(self) -> None:
        self.form.clear_errors()
        try:
            username = required(self.username, "username", _("Vul uw gebruikersnaam in."))
            password = self.password.text()
            if not password:
                raise MissingInput("password", _("Vul uw wachtwoord in."))
        except MissingInput as error:
            self.form.show_error(error)
            return
        zone = self.zone.currentData() if self.first is not None else None
        if self.first is not None and zone == self.first.actor.zone:
            self._signed(self.first)
            return
        self.busy(True)
        ops.sign_in(self.context, username=username, password=password, zone=zone).success(
            self._on_signed_in).failure(self._on_failed).run()

    def _on_signed_in(self, signed: SignedIn) -> None:
        self.busy(False)
        if self.first is None and len(signed.zones) > 1:
            self._choose_zone(signed)
            return
        self._signed(signed)

    def _choose_zone(self, signed: SignedIn) -> None:
        """Step two: the zones this account holds a role in, its home zone chosen."""
        self.first = signed
        self.zone.clear()
        for zone in signed.zones:
            self.zone.addItem(zone, zone)
        self.zone.setCurrentIndex(max(0, self.zone.findData(signed.actor.zone)))
        self.form.set_row_visible("zone", True)
        self.username.setEnabled(False)
        self.password.setEnabled(False)
        self.set_intro(_("U hebt rollen in meer dan één zone. Kies de zone waarin u nu werkt."))
        self.ok_button.setText(_("Verder"))
        self.zone.setFocus()

    def _signed(self, signed: SignedIn) -> None:
        self.signed_in.emit(signed)
        self.accept()

    def _on_username_text_edited(self, _text: str) -> None:
        self.form.clear_error("username")


class FirstAdminDialog(_AccountDialog):
    """A database without accounts: its first admin (then signed in as them)."""

    signed_in = Signal(object)  # SignedIn

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Eerste beheerder"), _("Beheerder aanmaken"),
                         _("Afsluiten"), parent)
        self.set_intro(_("Deze databank heeft nog geen gebruikers. Maak de eerste beheerder "
                         "aan: die maakt daarna de andere gebruikers aan en geeft hun rollen. "
                         "Het wachtwoord heeft minstens 10 tekens, is niet de gebruikersnaam "
                         "en niet enkel cijfers."))
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(120)
        self.staff_number = QLineEdit()
        self.staff_number.setMaxLength(16)
        self.staff_number.setPlaceholderText(_("niet verplicht"))
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.password = password_field()
        self.password_again = password_field()
        self.form.add("full_name", _("Volledige naam"), self.full_name)
        self.form.add("staff_number", _("Stamnummer"), self.staff_number)
        self.form.add("username", _("Gebruikersnaam"), self.username)
        self.form.add("password", _("Wachtwoord"), self.password)
        self.form.add("password_again", _("Wachtwoord (nog eens)"), self.password_again)
        self.form.add_alias("number", "staff_number", self.staff_number)

    def submit(self) -> None:
        self.form.clear_errors()
        try:
            full_name = required(self.full_name, "full_name", _("Vul de volledige naam in."))
            username = required(self.username, "username", _("Kies een gebruikersnaam."))
            password = same_password(self.password, self.password_again, "password_again")
        except MissingInput as error:
            self.form.show_error(error)
            return
        self.busy(True)
        ops.create_first_admin(self.context, username=username, password=password,
                               full_name=full_name,
                               staff_number=self.staff_number.text().strip() or None,
                               ).success(self._on_signed_in).failure(self._on_failed).run()

    def _on_signed_in(self, signed: SignedIn) -> None:
        self.busy(False)
        self.signed_in.emit(signed)
        self.accept()


def same_password(first: QLineEdit, second: QLineEdit, name: str) -> str:
    if not first.text():
        raise MissingInput(name.removesuffix("_again"), _("Kies een wachtwoord."))
    if first.text() != second.text():
        raise MissingInput(name, _("De twee wachtwoorden verschillen. Typ ze opnieuw."))
    return first.text()


class ChangePasswordDialog(_AccountDialog):
    """One's own password. ``forced`` (signed in with a temporary password): the current one
    is the one just typed, and the way out is signing out, not skipping."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 forced: bool = False, current: str = "", actor: Actor | None = None) -> None:
        super().__init__(context, _("Wachtwoord wijzigen"), _("Wachtwoord wijzigen"),
                         _("Afmelden") if forced else _("Annuleren"), parent)
        self.forced = forced
        self.actor = actor
        if forced:
            self.set_intro(_("Uw wachtwoord is tijdelijk. Kies nu een eigen wachtwoord: "
                             "minstens 10 tekens, niet uw gebruikersnaam, niet enkel cijfers."))
        else:
            self.set_intro(_("Minstens 10 tekens, niet uw gebruikersnaam, niet enkel cijfers."))
        self.current = password_field()
        self.current.setText(current)
        self.new = password_field()
        self.new_again = password_field()
        self.form.add("current", _("Huidig wachtwoord"), self.current)
        self.form.add("new", _("Nieuw wachtwoord"), self.new)
        self.form.add("new_again", _("Nieuw wachtwoord (nog eens)"), self.new_again)
        self.form.add_alias("password", "new", self.new)
        self.form.set_row_visible("current", not forced)

    def submit(self) -> None:
        self.form.clear_errors()
        try:
            if not self.current.text():
                raise MissingInput("current", _("Vul uw huidige wachtwoord in."))
            new = same_password(self.new, self.new_again, "new_again")
        except MissingInput as error:
            self.form.show_error(error)
            return
        self.busy(True)
        ops.change_password(self.context, current=self.current.text(), new=new,
                            actor=self.actor).success(self._on_changed).failure(
            self._on_failed).run()

    def _on_changed(self, _row: Any) -> None:
        self.busy(False)
        self.changed.emit()
        self.accept()
