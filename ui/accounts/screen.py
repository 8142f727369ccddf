"""Gebruikers: every account, with its roles in this zone, whether it is active or locked, and
its last sign-in; for the chosen one its roles (check boxes), a password reset, (de)activation
and its tokens. New passwords and tokens are shown once, copyable, and kept nowhere."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.clock import to_local
from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _, ngettext
from ui.accounts.dialogs import (
    NewAccountDialog,
    NewTokenDialog,
    RoleChecks,
    password_shown_once,
    token_shown_once,
)
from ui.ops import accounts as ops
from ui.ops.errors import error_sentence
from ui.shell.context import AppContext
from ui.shell.screens import Screen
from ui.widgets.table_model import Column, RowTableModel
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services.accounts import AccountRow, TokenCreated

HEADER_KEY = "accounts/header"
DETAILS_WIDTH = 280


def when(value: datetime | None) -> str:
    """Brussels time; the database gives UTC (SQLite without its zone)."""
    if value is None:
        return ""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return to_local(aware).strftime("%d/%m/%Y %H:%M")


def stamp(value: datetime | None) -> float:
    if value is None:
        return 0.0
    return (value if value.tzinfo is not None else value.replace(tzinfo=UTC)).timestamp()


def is_locked(row: AccountRow) -> bool:
    if row.locked_until is None:
        return False
    until = row.locked_until
    aware = until if until.tzinfo is not None else until.replace(tzinfo=UTC)
    return aware > datetime.now(UTC)


def columns(zone: str) -> list[Column[AccountRow]]:
    def roles(row: AccountRow) -> str:
        return ", ".join(_(ops.ROLE_TITLES[role]) for role in row.roles_in(zone))

    return [
        Column(_("Gebruikersnaam"), lambda r: r.username),
        Column(_("Naam"), lambda r: r.full_name, stretch=True, shrinks=True),
        Column(_("Stamnummer"), lambda r: r.staff_number or "", shrinks=True),
        Column(_("Rollen"), roles, shrinks=True),
        # Active or not, and locked after failed sign-ins: one badge, the word says which.
        Column(_("Status"), lambda r: status_badge(r)[0],
               sort_key=lambda r: (not r.active, stamp(r.locked_until)), badge=status_badge,
               tooltip=locked_text),
        Column(_("Laatst aangemeld"), lambda r: when(r.last_sign_in_at),
               sort_key=lambda r: stamp(r.last_sign_in_at)),
    ]


def status_badge(row: AccountRow) -> tuple[str, str]:
    if not row.active:
        return _("uitgeschakeld"), "neutral"
    if is_locked(row):
        return _("vergrendeld"), "problem"
    return _("actief"), "ok"


def locked_text(row: AccountRow) -> str:
    if not is_locked(row):
        return ""
    return _("Vergrendeld tot {time} na te veel mislukte aanmeldingen; een nieuw wachtwoord "
             "(Wachtwoord resetten…) heft het op.", time=when(row.locked_until)[-5:])


class AccountsScreen(Screen):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = context.actor.zone
        self.dialog: Any = None
        self._select_after: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Zoeken op gebruikersnaam, naam of stamnummer"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._show_rows)
        self.count_label = QLabel()
        self.new_button = QPushButton(_("Nieuwe gebruiker…"))
        self.new_button.clicked.connect(self.new_account)
        self.model: RowTableModel[AccountRow] = RowTableModel(columns(self.zone))
        self.table = DataTable(self.model, HEADER_KEY)
        self.table.export_name = _("Gebruikers")
        self.table.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._show_details())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self._all: list[AccountRow] = []
        self.details = self._details()
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([10 * DETAILS_WIDTH, DETAILS_WIDTH])  # the table takes the rest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        context.changed.connect(self._on_context_changed)
        self._show_details()

    def _details(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(DETAILS_WIDTH)
        panel.setMaximumWidth(DETAILS_WIDTH + 100)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setStyleSheet("font-weight: 600;")
        self.reset_button = QPushButton(_("Wachtwoord resetten…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton()
        self.active_button.clicked.connect(self.toggle_active)
        self.role_checks = RoleChecks(columns=1)
        self.save_roles_button = QPushButton(_("Rollen opslaan"))
        self.save_roles_button.clicked.connect(self.save_roles)
        roles = QGroupBox(_("Rollen in zone {zone}", zone=self.zone))
        roles_layout = QVBoxLayout(roles)
        roles_layout.addWidget(self.role_checks)
        roles_layout.addWidget(self.save_roles_button, 0, Qt.AlignmentFlag.AlignRight)
        self.tokens = QListWidget()
        self.tokens.setMaximumHeight(90)
        self.new_token_button = QPushButton(_("Nieuw token…"))
        self.new_token_button.clicked.connect(self.new_token)
        self.revoke_button = QPushButton(_("Intrekken…"))
        self.revoke_button.clicked.connect(self.revoke_token)
        self.tokens.currentRowChanged.connect(lambda _row: self._enable_token_buttons())
        tokens = QGroupBox(_("Tokens voor scripts"))
        tokens_layout = QVBoxLayout(tokens)
        tokens_layout.addWidget(self.tokens)
        token_buttons = QHBoxLayout()
        token_buttons.addWidget(self.new_token_button)
        token_buttons.addWidget(self.revoke_button)
        tokens_layout.addLayout(token_buttons)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.reset_button)
        account_buttons.addWidget(self.active_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.chosen)
        layout.addLayout(account_buttons)
        layout.addWidget(roles)
        layout.addWidget(tokens)
        layout.addStretch(1)
        return panel

    # --- reading -------------------------------------------------------------------------
    def shown(self) -> None:
        self.search.setFocus()

    def refresh(self) -> None:
        if not self.context.database_open:
            return
        ops.list_accounts(self.context).success(self._on_rows).failure(
            self._on_failed).latest_only(self, "rows").run()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._all:
            self.refresh()

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.accounts or changes.staff:
            self.refresh()

    def _on_rows(self, rows: list[AccountRow]) -> None:
        self._all = rows
        self._show_rows()

    def _show_rows(self) -> None:
        wanted = self._select_after or self.selected_username()
        self._select_after = None
        text = self.search.text().strip().lower()
        rows = [row for row in self._all if not text or text in " ".join(
            (row.username, row.full_name.lower(), row.staff_number or "")).lower()]
        self.model.set_rows(rows)
        self.table.fit_columns_once()
        self.count_label.setText(ngettext("{count} gebruiker", "{count} gebruikers",
                                          len(rows), count=len(rows)))
        self.select(wanted)
        self._show_details()

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))

    # --- the chosen account --------------------------------------------------------------
    def selected(self) -> AccountRow | None:
        return self.model.row_at(self.table.current_row())

    def selected_username(self) -> str | None:
        row = self.selected()
        return row.username if row is not None else None

    def select(self, username: str | None) -> None:
        rows = self.model.rows()
        index = next((i for i, row in enumerate(rows) if row.username == username),
                     0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)

    def _show_details(self) -> None:
        row = self.selected()
        for widget in (self.reset_button, self.active_button, self.role_checks,
                       self.save_roles_button, self.tokens, self.new_token_button):
            widget.setEnabled(row is not None)
        self.tokens.clear()
        if row is None:
            self.chosen.setText(_("Kies een gebruiker in de lijst."))
            self.active_button.setText(_("Uitschakelen"))
            self.role_checks.set_roles(())
            self._enable_token_buttons()
            return
        state = "" if row.active else " " + _("(uitgeschakeld)")
        self.chosen.setText(f"{row.full_name} ({row.username}){state}")
        self.chosen.setToolTip(locked_text(row))
        self.active_button.setText(_("Uitschakelen") if row.active else _("Activeren"))
        self.role_checks.set_roles(row.roles_in(self.zone))
        for token in row.tokens:
            text = token.name + "\n" + _("gemaakt {made}", made=when(token.created_at))
            if token.revoked_at is not None:
                text += ", " + _("ingetrokken {at}", at=when(token.revoked_at))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, token.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, token.revoked_at is None)
            self.tokens.addItem(item)
        self._enable_token_buttons()

    def _enable_token_buttons(self) -> None:
        item = self.tokens.currentItem()
        self.revoke_button.setEnabled(
            item is not None and bool(item.data(Qt.ItemDataRole.UserRole + 1)))

    # --- actions -------------------------------------------------------------------------
    def new_account(self) -> None:
        dialog = NewAccountDialog(self.context, self)
        dialog.accepted.connect(lambda: self._on_account_created(dialog))
        self._open(dialog)

    def _on_account_created(self, dialog: NewAccountDialog) -> None:
        row = dialog.result_row
        self._select_after = row.username
        self._open(password_shown_once(row.username, dialog.temporary_password, self))

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not self.context.services.prompts.confirm(
                self, _("Wachtwoord resetten"),
                _("{name} krijgt een nieuw, tijdelijk wachtwoord en moet bij de volgende "
                  "aanmelding een eigen kiezen. Het huidige wachtwoord werkt dan niet meer.",
                  name=row.full_name),
                _("Wachtwoord resetten"), _("Annuleren")):
            return
        password = ops.temporary_password()
        ops.reset_password(self.context, username=row.username,
                           temporary_password=password).success(
            lambda _row: self._open(password_shown_once(row.username, password, self))
        ).failure(self._on_failed).run()

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.message.clear()
        ops.set_active(self.context, username=row.username, active=not row.active).failure(
            self._on_failed).run()

    def save_roles(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.message.clear()
        ops.set_roles(self.context, username=row.username,
                      roles=self.role_checks.roles()).success(
            lambda _row: self.message.setText("")).failure(self._on_failed).run()

    def new_token(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = NewTokenDialog(self.context, row.username, self)
        dialog.accepted.connect(lambda: self._on_token_created(dialog.result_row))
        self._open(dialog)

    def _on_token_created(self, made: TokenCreated) -> None:
        self._open(token_shown_once(made.name, made.token, self))

    def revoke_token(self) -> None:
        item = self.tokens.currentItem()
        if item is None:
            return
        if not self.context.services.prompts.confirm(
                self, _("Token intrekken"),
                _("Scripts die dit token gebruiken, werken daarna niet meer. Dit kan niet "
                  "ongedaan gemaakt worden."), _("Intrekken"), _("Annuleren"),
                destructive=True):
            return
        ops.revoke_token(self.context, token_id=int(item.data(Qt.ItemDataRole.UserRole))
                         ).failure(self._on_failed).run()

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        self.context.open_dialog(dialog)
