"""The Gebruikers screen's dialogs: a new account (its roles in this zone), a new token, and
the one-time view of a temporary password or a token (copyable, never shown again)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.access import Role
from carma_logistiek.i18n import _
from ui.ops import accounts as ops
from ui.widgets.forms import FieldFirstDialog, MissingInput
from ui.widgets.write_dialog import StartsWrite, WriteFormDialog

if TYPE_CHECKING:
    from ui.shell.context import AppContext


class RoleChecks(QWidget):
    """One check box per role."""

    def __init__(self, parent: QWidget | None = None, *, columns: int = 2) -> None:
        super().__init__(parent)
        self.boxes: dict[Role, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for index, (role, title) in enumerate(ops.ROLE_TITLES.items()):
            box = QCheckBox(_(title))
            box.setObjectName(f"role_{role.value}")
            self.boxes[role] = box
            grid.addWidget(box, index // columns, index % columns)

    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, box in self.boxes.items() if box.isChecked())

    def set_roles(self, roles: tuple[Role, ...] | frozenset[Role]) -> None:
        for role, box in self.boxes.items():
            box.setChecked(role in roles)


class NewAccountDialog(WriteFormDialog):
    """User name, full name, staff number (optional), roles in this zone. The temporary
    password is made here and shown once after saving."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Nieuwe gebruiker"), parent, ok_text=_("Aanmaken"))
        self.set_intro(_("De gebruiker krijgt een tijdelijk wachtwoord, dat u na het aanmaken "
                         "één keer ziet; bij de eerste aanmelding kiest hij een eigen."))
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(120)
        self.staff_number = QLineEdit()
        self.staff_number.setMaxLength(16)
        self.staff_number.setPlaceholderText(_("niet verplicht"))
        self.roles = RoleChecks()
        self.form.add("username", _("Gebruikersnaam"), self.username)
        self.form.add("full_name", _("Volledige naam"), self.full_name)
        self.form.add("staff_number", _("Stamnummer"), self.staff_number)
        self.form.add("roles", _("Rollen in zone {zone}", zone=context.actor.zone), self.roles)
        self.form.add_alias("number", "staff_number", self.staff_number)
        self.temporary_password = ""

    def operation(self) -> StartsWrite:
        username = self.username.text().strip()
        if not username:
            raise MissingInput("username", _("Kies een gebruikersnaam."))
        if not self.full_name.text().strip():
            raise MissingInput("full_name", _("Vul de volledige naam in."))
        self.temporary_password = ops.temporary_password()
        return ops.create_account(self.context, username=username,
                                  full_name=self.full_name.text().strip(),
                                  staff_number=self.staff_number.text().strip() or None,
                                  roles=self.roles.roles(),
                                  temporary_password=self.temporary_password)


class NewTokenDialog(WriteFormDialog):
    """A token for a script (the CLI), named after what it is for."""

    def __init__(self, context: AppContext, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Nieuw token"), parent, ok_text=_("Token maken"))
        self.username = username
        self.set_intro(_("Een token laat een script (de opdrachtregel) werken als {username}, "
                         "zonder wachtwoord. U ziet het één keer.", username=username))
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.name.setPlaceholderText(_("bv. nachtelijke export"))
        self.form.add("name", _("Waarvoor"), self.name)

    def operation(self) -> StartsWrite:
        name = self.name.text().strip()
        if not name:
            raise MissingInput("name", _("Zeg waarvoor het token dient."))
        return ops.create_token(self.context, username=self.username, name=name)


class SecretDialog(FieldFirstDialog):
    """A temporary password or a token, shown this once: selected, with a copy button."""

    def __init__(self, title: str, text: str, secret: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.secret = QLineEdit(secret)
        self.secret.setReadOnly(True)
        font = self.secret.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.secret.setFont(font)
        self.copy_button = QPushButton(_("Kopiëren"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Sluiten"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.secret)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.secret.selectAll()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.secret.text())
        self.copied.setText(_("Gekopieerd naar het klembord."))


def password_shown_once(username: str, password: str, parent: QWidget | None) -> SecretDialog:
    return SecretDialog(
        _("Tijdelijk wachtwoord"),
        _("Het tijdelijke wachtwoord van {username}. Het wordt maar één keer getoond: geef het "
          "persoonlijk door. Bij de volgende aanmelding kiest {username} een eigen wachtwoord.",
          username=username),
        password, parent)


def token_shown_once(name: str, token: str, parent: QWidget | None) -> SecretDialog:
    return SecretDialog(
        _("Nieuw token"),
        _("Het token '{name}'. Het wordt maar één keer getoond en nergens bewaard: zet het "
          "meteen waar het script het leest. Wie het heeft, werkt als die gebruiker.", name=name),
        token, parent)
