"""Personeel: find staff members by any part of their number, name or team, with their state
today; open one (Enter or double-click) to see their details and state history. Opening one
is a consultation of personal data: it runs ``people.view_staff_member``, whose audit entry is
the log of it. New, edit and add-a-state are shown only to who may edit the register."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.people import STATE_LABELS
from carma_logistiek.i18n import _, ngettext
from ui.ops import people as ops
from ui.ops.errors import error_sentence
from ui.people.dialogs import StaffDialog, StateDialog
from ui.shell.context import AppContext
from ui.shell.screens import Screen
from ui.widgets.table_model import Column, RowTableModel
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services.people import StaffDetails, StaffRow

HEADER_KEY = "people/header"
DETAILS_WIDTH = 320  # the table keeps room for its state badges at 1024 px
SEARCH_DELAY_MS = 250


def state_badge(row: StaffRow) -> tuple[str, str]:
    if row.state is None:
        return "", "neutral"
    severity = {"in_dienst": "ok", "uit_dienst": "neutral"}.get(row.state, "warning")
    return row.state_label, severity


def columns() -> list[Column[StaffRow]]:
    return [
        Column(_("Nummer"), lambda r: r.number),
        Column(_("Naam"), lambda r: r.name, stretch=True, shrinks=True),
        Column(_("Graad"), lambda r: r.grade, shrinks=True),
        Column(_("Soort"), lambda r: r.kind_label),
        Column(_("Dienst/team"), lambda r: r.team, shrinks=True),
        Column(_("Toestand"), lambda r: r.state_label, badge=state_badge),
    ]


def day(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


class PeopleScreen(Screen):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: Any = None
        self.shown_person: StaffDetails | None = None
        self._loaded = False
        self.search = QLineEdit()
        self.search.setObjectName("staffSearch")
        self.search.setPlaceholderText(_("Zoeken op nummer, naam of dienst"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.refresh())
        # Enter or Down in the search goes to the list, on the first match: Enter again opens it.
        self.search.returnPressed.connect(self._focus_table)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self._focus_table,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("staffState")
        self.state_filter.addItem(_("Elke toestand"), None)
        for state, label in STATE_LABELS.items():
            self.state_filter.addItem(_(label), state.value)
        self.state_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.count_label = QLabel()
        self.new_button = QPushButton(_("Nieuw personeelslid…"))
        self.new_button.clicked.connect(self.new_member)
        self.import_button = QPushButton(_("Importeren…"))
        self.import_button.clicked.connect(self.import_list)
        self.model: RowTableModel[StaffRow] = RowTableModel(columns())
        self.table = DataTable(self.model, HEADER_KEY)
        self.table.export_name = _("Personeel")
        self.table.activated_row.connect(self._on_table_activated_row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.details = self._details()
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.state_filter, 1)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        context.changed.connect(self._on_context_changed)
        context.actor_changed.connect(lambda _actor: self._show_details())
        self._show_details()

    def _focus_table(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _details(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(DETAILS_WIDTH)
        panel.setMaximumWidth(DETAILS_WIDTH + 120)
        self.chosen = QLabel()
        self.chosen.setObjectName("staffChosen")
        self.chosen.setWordWrap(True)
        self.chosen.setStyleSheet("font-weight: 600;")
        self.fields: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, label in (("number", _("Nummer")), ("grade", _("Graad")),
                           ("kind", _("Soort")), ("team", _("Dienst/team")),
                           ("email", _("E-mail")), ("state", _("Toestand"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            facts.addRow(label, value)
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("staffHistory")
        self.history.setHorizontalHeaderLabels([_("Toestand"), _("Vanaf"), _("Tot en met")])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        history = QGroupBox(_("Geschiedenis van de toestand"))
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history)
        self.edit_button = QPushButton(_("Wijzigen…"))
        self.edit_button.clicked.connect(self.edit_member)
        self.state_button = QPushButton(_("Toestand toevoegen…"))
        self.state_button.clicked.connect(self.add_state)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.state_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.chosen)
        layout.addLayout(facts)
        layout.addLayout(buttons)
        layout.addWidget(history, 1)
        return panel

    # --- reading -------------------------------------------------------------------------
    def shown(self) -> None:
        self.search.setFocus()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        if not self.context.database_open:
            return
        self._loaded = True
        ops.search_staff(self.context, text=self.search.text(),
                         state=self.state_filter.currentData()).success(self._on_rows).failure(
            self._on_failed).latest_only(self, "rows").run()

    def _on_context_changed(self, changes: Changes) -> None:
        if not changes.staff:
            return
        self.refresh()
        person = self.shown_person
        if person is not None and person.number in changes.staff:
            self.open_person(person.number)

    def _on_rows(self, rows: list[StaffRow]) -> None:
        self.model.set_rows(rows)
        self.table.fit_columns_once()
        self.count_label.setText(ngettext("{count} personeelslid", "{count} personeelsleden",
                                          len(rows), count=len(rows)))

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))

    # --- one person ----------------------------------------------------------------------
    def _on_table_activated_row(self, row: int) -> None:
        person = self.model.row_at(row)
        if person is not None:
            self.open_person(person.number)

    def open_person(self, number: str) -> None:
        """Their details and history: a consultation, logged by the command path."""
        self.message.clear()
        ops.view_staff_member(self.context, number=number).success(
            self._on_person).failure(self._on_failed).run()

    def _on_person(self, details: StaffDetails) -> None:
        self.shown_person = details
        self._show_details()

    def _show_details(self) -> None:
        may_edit = self.context.may(Permission.STAFF_EDIT)
        self.new_button.setVisible(may_edit)
        self.import_button.setVisible(may_edit)
        self.edit_button.setVisible(may_edit)
        self.state_button.setVisible(may_edit)
        person = self.shown_person
        self.edit_button.setEnabled(person is not None)
        self.state_button.setEnabled(person is not None)
        if person is None:
            self.chosen.setText(_("Kies een personeelslid en druk Enter (of dubbelklik) om de "
                                  "gegevens te zien. Het openen wordt gelogd."))
            for label in self.fields.values():
                label.clear()
            self.history.setRowCount(0)
            return
        self.chosen.setText(person.name)
        texts = {"number": person.number, "grade": person.grade, "kind": person.kind_label,
                 "team": person.team, "email": person.email, "state": person.state_label}
        for key, label in self.fields.items():
            label.setText(texts[key])
        self.history.setRowCount(len(person.states))
        for index, period in enumerate(reversed(person.states)):  # the newest first
            for column, text in enumerate((period.state_label, day(period.starts_on),
                                           day(period.ends_on))):
                item = QTableWidgetItem(text)
                if period.note:
                    item.setToolTip(period.note)
                self.history.setItem(index, column, item)

    # --- actions -------------------------------------------------------------------------
    def new_member(self) -> None:
        dialog = StaffDialog(self.context, self)
        dialog.accepted.connect(lambda: self._on_person(dialog.result_row))
        self._open(dialog)

    def edit_member(self) -> None:
        if self.shown_person is not None:
            dialog = StaffDialog(self.context, self, details=self.shown_person)
            dialog.accepted.connect(lambda: self._on_person(dialog.result_row))
            self._open(dialog)

    def add_state(self) -> None:
        if self.shown_person is not None:
            dialog = StateDialog(self.context, self.shown_person, self)
            dialog.accepted.connect(lambda: self._on_person(dialog.result_row))
            self._open(dialog)

    def import_list(self) -> None:
        """The window's import dialog (Bestand > Importeren…) with the kind "Personeel"."""
        open_import = getattr(self.window(), "open_import", None)
        if open_import is not None:
            open_import("staff")

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        self.context.open_dialog(dialog)



