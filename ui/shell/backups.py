"""Backups from the window: taken on a schedule while the app runs, one on request, and a
backup put back (from the list the app keeps, or any file), also when the database could not
be opened because it is damaged.

Only for the embedded database: a server's backups are made with the server's own tools, so
on a server the two menu entries are disabled and say so."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.errors import (
    DatabaseCorrupt,
    ForeignDatabase,
    NewerSchema,
    NotADatabase,
)
from carma_logistiek.i18n import _, current_language, format_datetime
from ui.ops import backups
from ui.ops.errors import error_sentence

if TYPE_CHECKING:
    from carma_logistiek.services.backups import RestoreInfo, StoredBackup
    from ui.shell.context import AppContext

log = logging.getLogger("carma_logistiek.ui")

# The schedule is checked this often while the app runs; a backup is taken only when the newest
# scheduled one is older than the policy's interval (a day).
CHECK_EVERY_MS = 60 * 60 * 1000
# Faults where putting a backup back is the way out.
RESTORE_HELPS = (DatabaseCorrupt, NotADatabase, ForeignDatabase, NewerSchema)


def when_text(taken_at: datetime, now: datetime) -> str:
    """'vandaag 08:00', 'gisteren 17:30' or '28/11/2026 08:00'."""
    days = (now.date() - taken_at.date()).days
    clock = taken_at.strftime("%H:%M")
    if days == 0:
        return _("vandaag {time}", time=clock)
    if days == 1:
        return _("gisteren {time}", time=clock)
    return format_datetime(taken_at)


def size_text(size: int) -> str:
    from babel.numbers import format_decimal

    locale = "nl_BE" if current_language() == "nl" else "en_GB"
    return f"{format_decimal(size / 1_000_000, '#,##0.0', locale=locale)} MB"


class RestoreDialog(QDialog):
    """The backups the app keeps, newest first; Enter restores the chosen one, "Ander
    bestand…" restores any file. ``chosen`` is the file to restore after accept."""

    def __init__(self, context: AppContext, found: list[StoredBackup], now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.found = found
        self.chosen: Path | None = None
        self.setWindowTitle(_("Back-up terugzetten"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        explanation = QLabel(_(
            "Kies de back-up die u wilt terugzetten. De huidige databank wordt eerst in de "
            "back-upmap bewaard, zodat u dit ongedaan kunt maken. Wat na het tijdstip van de "
            "back-up geboekt werd, staat daarna niet meer in de databank."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.table = QTableWidget(len(found), 3)
        self.table.setHorizontalHeaderLabels([_("Genomen"), _("Soort"), _("Grootte")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(found):
            cells = (when_text(backup.taken_at, now), _(backup.reason.label),
                     size_text(backup.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(_("Er zijn nog geen back-ups in {folder}.",
                                    folder=self._folder()))
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not found)
        self.table.setVisible(bool(found))
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(_("Terugzetten"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button: QPushButton = buttons.addButton(
            _("Ander bestand…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(bool(found))
        self.restore_button.setDefault(bool(found))
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._restore_other)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if found:
            self.table.selectRow(0)
            self.table.setFocus()

    def _folder(self) -> str:
        return str(backups.backup_folder(self.context))

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.found:
            self._restore_selected()
            return
        super().keyPressEvent(event)

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        backup = self.found[rows[0].row()]
        self._choose(backup.path, _("de back-up van {when} ({reason})",
                                    when=when_text(backup.taken_at, datetime.now()),
                                    reason=_(backup.reason.label)))

    def _restore_other(self) -> None:
        picked = self.context.services.file_dialogs.ask_open_path(
            self, _("Back-up terugzetten"), _("SQLite-databank (*.sqlite *.db);;Alle bestanden (*)"))
        if picked:
            self._choose(Path(picked), Path(picked).name)

    def _choose(self, path: Path, described: str) -> None:
        question = _("Wilt u {backup} terugzetten? De huidige databank wordt eerst bewaard in "
                     "de back-upmap.", backup=described)
        if self.context.services.prompts.confirm(self, _("Back-up terugzetten"), question,
                                                 yes=_("Terugzetten")):
            self.chosen = path
            self.accept()


class BackupController(QObject):
    """Menu entries, the schedule and the status-bar text of the backups of one window."""

    def __init__(self, context: AppContext, window: QMainWindow, status: QLabel,
                 take_action: QAction, restore_action: QAction, *,
                 on_closing: Callable[[], None]) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.status = status
        # The database closes for a restore: the window shows its "opening" page until the
        # restored (or, when refused, the old) database is open again.
        self.on_closing = on_closing
        self.embedded = backups.is_embedded(context)
        self._warned = False
        self.take_action = take_action
        self.restore_action = restore_action
        if not self.embedded:
            for action in (self.take_action, self.restore_action):
                action.setEnabled(False)
                action.setToolTip(_("Een databank op een server krijgt zijn back-ups met de "
                                    "hulpmiddelen van de server."))
        self.restore_action.setVisible(context.may(Permission.ADMIN))
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_schedule)
        # The text comes with the database (start): listing the folder loads the services.
        self.status.setVisible(self.embedded)

    # --- the schedule ---------------------------------------------------------------------
    def start(self) -> None:
        """The database is open and the first screen has its data: the first scheduled
        backup now (when due), then every hour the same question."""
        if not self.embedded:
            return
        self.show_latest()
        self.run_schedule()
        self.timer.start()

    def run_schedule(self) -> None:
        if not self.context.database_open:
            return
        backups.scheduled_backup(self.context).success(
            lambda _info: self.show_latest()).failure(self._on_backup_failed).run()

    def take_now(self) -> None:
        if not self.embedded or not self.context.database_open:
            return
        self.status.setText(_("Back-up: wordt gemaakt…"))
        backups.take_backup(self.context).success(
            lambda _info: self.show_latest(made=True)).failure(self._on_backup_failed).run()

    def show_latest(self, *, made: bool = False) -> None:
        if not self.embedded:
            self.status.setVisible(False)
            return
        found = backups.stored_backups(self.context)
        self.status.setStyleSheet("")
        if not found:
            self.status.setText(_("Back-up: nog geen"))
            return
        latest = found[0]
        when = when_text(latest.taken_at, datetime.now())
        self.status.setText(_("Back-up gemaakt: {when}", when=when) if made
                            else _("Laatste back-up: {when}", when=when))
        self.status.setToolTip(str(latest.path))

    def _on_backup_failed(self, error: BaseException) -> None:
        """A backup that fails must be seen (a full disk would otherwise go on unnoticed for
        weeks): red in the status bar every time, a message the first time."""
        text = error_sentence(error)
        log.warning("backup failed: %s", text)
        self.status.setText(_("Back-up mislukt"))
        self.status.setToolTip(text)
        self.status.setStyleSheet("color: #b71c1c; font-weight: 600;")
        if not self._warned:
            self._warned = True
            self.context.services.prompts.error(self.window, _("Back-up mislukt"), text)

    # --- restoring ------------------------------------------------------------------------
    def offer_restore(self, error: BaseException) -> bool:
        """After the database failed to open: when a backup is the way out, ask at once."""
        if not self.embedded or not isinstance(error, RESTORE_HELPS):
            return False
        if not self.context.may(Permission.ADMIN):
            return False
        if self.context.services.prompts.confirm(
                self.window, _("Databank niet geopend"),
                error_sentence(error) + "\n\n" + _("Nu een back-up terugzetten?"),
                yes=_("Back-up kiezen…")):
            self.ask_restore()
        return True

    def ask_restore(self) -> None:
        if not self.embedded or not self.context.may(Permission.ADMIN):
            return
        dialog = RestoreDialog(self.context, backups.stored_backups(self.context),
                               datetime.now(), self.window)
        dialog.accepted.connect(lambda: self._restore(dialog.chosen))
        self.context.open_dialog(dialog)

    def _restore(self, path: Path | None) -> None:
        if path is None:
            return
        self.status.setText(_("Back-up wordt teruggezet…"))
        self.on_closing()
        backups.restore_backup(self.context, path, done=self._restored,
                               refused=self._refused)

    def _restored(self, info: RestoreInfo) -> None:
        self.show_latest()
        self.window.statusBar().showMessage(_("Back-up teruggezet; de vorige databank staat in de back-upmap."), 15_000)

    def _refused(self, error: BaseException) -> None:
        self.show_latest()
        self.context.services.prompts.error(self.window, _("Back-up niet teruggezet"),
                                            error_sentence(error))
