"""Audit: who changed or consulted what, and when. Search by person, record and period; the
chosen entry's records with each field before and after. Both tables export to Excel or CSV
(Ctrl+Shift+E, or the header menu), as every list does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.audit import action_in_words, kind_in_words, record_in_words
from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _, format_datetime, ngettext
from ui.ops import audit as ops
from ui.ops.errors import error_sentence
from ui.shell.context import AppContext
from ui.shell.screens import Screen
from ui.widgets.formats import local_time
from ui.widgets.forms import DateEdit, parse_date
from ui.widgets.table_model import Column, RowTableModel
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services.audit import AuditDetail, AuditRow

HEADER_KEY = "audit/header"
FIELDS_KEY = "audit/fields"
SPLITTER_KEY = "audit/splitter"
LIMIT = 1000
KIND_SEVERITY = {"write": "neutral", "read": "info", "sign_in": "attention"}
ERROR_STYLE = "color: #c62828;"
# A request can be long (an import's rows): the label shows its start, the tooltip more.
REQUEST_SHOWN = 300
REQUEST_TOOLTIP = 2000


@dataclass(frozen=True)
class FieldRow:
    """One line of the detail: a record's field, what it was and what it became."""

    record: str
    field: str
    before: str
    after: str


def shown_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def field_rows(detail: AuditDetail) -> list[FieldRow]:
    rows: list[FieldRow] = []
    for record in detail.records:
        name = f"{record_in_words(record.kind)} {record.key}"
        fields = record.fields
        if not fields:  # named by the write (a stock level, the person consulted)
            rows.append(FieldRow(name, "—", "", ""))
        rows.extend(FieldRow(name, change.field, shown_value(change.before),
                             shown_value(change.after)) for change in fields)
    return rows


def who(row: AuditRow) -> str:
    return f"{row.full_name} ({row.actor})" if row.full_name else row.actor


def entry_columns() -> list[Column[AuditRow]]:
    return [
        Column(_("Wanneer"), lambda r: format_datetime(local_time(r.at)),
               sort_key=lambda r: (r.at, r.id),
               value=lambda r: local_time(r.at).replace(tzinfo=None)),
        Column(_("Wie"), who, shrinks=True),
        Column(_("Soort"), lambda r: kind_in_words(r.kind),
               badge=lambda r: (kind_in_words(r.kind), KIND_SEVERITY.get(r.kind, "neutral"))),
        Column(_("Actie"), lambda r: action_in_words(r.action, r.outcome),
               tooltip=lambda r: f"{r.action} {r.outcome}".strip(),
               highlight=lambda r: "problem" if r.outcome else None),
        Column(_("Records"), lambda r: r.summary, stretch=True, shrinks=True,
               tooltip=lambda r: r.summary),
        Column(_("Nr"), lambda r: str(r.id), sort_key=lambda r: r.id, value=lambda r: r.id,
               align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
               hidden=True),
    ]


def field_columns() -> list[Column[FieldRow]]:
    return [
        Column(_("Record"), lambda r: r.record, shrinks=True),
        Column(_("Veld"), lambda r: r.field),
        Column(_("Voordien"), lambda r: r.before, stretch=True, shrinks=True,
               tooltip=lambda r: r.before),
        Column(_("Nadien"), lambda r: r.after, stretch=True, shrinks=True,
               tooltip=lambda r: r.after),
    ]


class AuditScreen(Screen):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.who_edit = QLineEdit()
        self.who_edit.setPlaceholderText(_("Gebruikersnaam of naam"))
        self.who_edit.setClearButtonEnabled(True)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText(_("bv. product:SPT of staff:01209"))
        self.record_edit.setClearButtonEnabled(True)
        self.record_edit.setToolTip(_(
            "Een record als SOORT:SLEUTEL: product, location, supplier, stock "
            "(product@locatie), order, kit, staff, account. Een product of een locatie vindt "
            "ook zijn voorraad."))
        self.since_edit = DateEdit()
        self.until_edit = DateEdit()
        for date_edit in (self.since_edit, self.until_edit):
            date_edit.setMaximumWidth(
                date_edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.search_button = QPushButton(_("Zoeken"))
        self.search_button.clicked.connect(self.search)
        for field in (self.who_edit, self.record_edit, self.since_edit, self.until_edit):
            field.returnPressed.connect(self.search)
        self.count_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        self.model: RowTableModel[AuditRow] = RowTableModel(entry_columns())
        self.table = DataTable(self.model, HEADER_KEY)
        self.table.export_name = _("Audit")
        self.table.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._show_detail())
        self.fields_model: RowTableModel[FieldRow] = RowTableModel(field_columns())
        self.fields_table = DataTable(self.fields_model, FIELDS_KEY)
        self.fields_table.export_name = _("Auditregel")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        self.request_label = QLabel()
        self.request_label.setWordWrap(True)
        self.request_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.request_label.setStyleSheet("color: palette(placeholder-text);")

        filters = QHBoxLayout()
        for text, widget, stretch in ((_("Wie"), self.who_edit, 2),
                                    (_("Record"), self.record_edit, 2),
                                    (_("Van"), self.since_edit, 0),
                                    (_("Tot en met"), self.until_edit, 0)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, stretch)
        filters.addWidget(self.search_button)
        filters.addWidget(self.count_label, 1)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.request_label)
        detail_layout.addWidget(self.fields_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        context.changed.connect(self._on_context_changed)
        self._show_detail()

    # --- the search ----------------------------------------------------------------------
    def shown(self) -> None:
        self.who_edit.setFocus()

    def refresh(self) -> None:
        self.search()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.search()

    def _on_context_changed(self, changes: Changes) -> None:
        # Every write adds an entry: read again when shown, else on the next show.
        if changes:
            self._stale = True
            if self.isVisible():
                self.search()

    def search(self) -> None:
        if not self.context.database_open:
            return
        try:
            since = parse_date(self.since_edit.text())
            until = parse_date(self.until_edit.text())
        except Exception as error:  # a date that is no date: say so, ask nothing
            self._show_error(error)
            return
        self._stale = False
        self._search(since, until)

    def _search(self, since: date | None, until: date | None) -> None:
        ops.search_audit(self.context, who=self.who_edit.text().strip(),
                         record=self.record_edit.text().strip(), since=since, until=until,
                         limit=LIMIT).success(self._on_rows).failure(
            self._show_error).latest_only(self, "rows").run()

    def _on_rows(self, rows: list[AuditRow]) -> None:
        self.message.hide()
        wanted = self.selected_id()
        self.model.set_rows(rows)
        self.table.fit_columns_once()
        count = ngettext("{count} regel", "{count} regels", len(rows), count=len(rows))
        if len(rows) >= LIMIT:
            count = _("{count}, de nieuwste: verfijn de zoekopdracht", count=count)
        self.count_label.setText(count)
        self.select(wanted)
        self._show_detail()

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))
        self.message.show()

    # --- the chosen entry ----------------------------------------------------------------
    def selected(self) -> AuditRow | None:
        return self.model.row_at(self.table.current_row())

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row is not None else None

    def select(self, entry_id: int | None) -> None:
        rows = self.model.rows()
        index = next((i for i, row in enumerate(rows) if row.id == entry_id),
                     0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)

    def _show_detail(self) -> None:
        row = self.selected()
        if row is None:
            self.heading.setText(_("Kies een regel in de lijst om te zien wat er veranderde."))
            self.request_label.clear()
            self.fields_model.set_rows([])
            return
        self.heading.setText(_("Nr {id} — {when} — {who} — {action} ({kind})",
                               id=row.id, when=format_datetime(local_time(row.at)),
                               who=who(row), action=action_in_words(row.action, row.outcome),
                               kind=kind_in_words(row.kind)))
        ops.audit_detail(self.context, row.id).success(self._on_detail).failure(
            self._show_error).latest_only(self, "detail").run()

    def _on_detail(self, detail: AuditDetail) -> None:
        if detail.row.id != self.selected_id():
            return
        request = json.dumps(detail.request, ensure_ascii=False, sort_keys=True)
        self.request_label.setText(_("Vraag: {request}", request=cut(request, REQUEST_SHOWN)))
        self.request_label.setToolTip(cut(request, REQUEST_TOOLTIP))
        self.fields_model.set_rows(field_rows(detail))
        self.fields_table.fit_columns_once()

    def save_state(self) -> None:
        self.table.save_state()
        self.fields_table.save_state()
