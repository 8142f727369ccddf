"""Kittypes: every kind of first-aid kit with its re-check intervals, and the content template
of the selected type. New types are added here; a template is never edited, because the
kits of a type and their checks refer to its lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _, ngettext
from ui.kits.type_dialog import KitTypeDialog, replace_text, yes_no
from ui.ops import kits as kit_ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.widgets.table_model import RIGHT, Column, RowTableModel
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services.kits import KitTypeRow, TemplateItemRow  # noqa: F401


def months(count: int) -> str:
    return ngettext("elke maand", "om de {n} maanden", count)


class KitTypeTableModel(RowTableModel["KitTypeRow"]):
    def __init__(self) -> None:
        super().__init__([
            Column(_("Naam"), lambda t: t.name, shrinks=True),
            Column(_("Code"), lambda t: t.code),
            Column(_("Gebouw"), lambda t: months(t.interval_months_building),
                   sort_key=lambda t: t.interval_months_building),
            Column(_("Voertuig"), lambda t: months(t.interval_months_vehicle),
                   sort_key=lambda t: t.interval_months_vehicle),
            Column(_("Items"), lambda t: str(len(t.items)), sort_key=lambda t: len(t.items),
                   align=RIGHT),
        ])


class TemplateItemTableModel(RowTableModel["TemplateItemRow"]):
    def __init__(self) -> None:
        super().__init__([
            Column(_("Product"), lambda i: f"{i.product_name} ({i.product_code})",
                   sort_key=lambda i: i.position, shrinks=True),
            Column(_("Aantal"), lambda i: f"{i.quantity} {i.unit}".strip(),
                   sort_key=lambda i: i.quantity, align=RIGHT),
            Column(_("Vervalt"), lambda i: yes_no(i.expires)),
            Column(_("Vervangen"), lambda i: replace_text(i.replace_before_days) if i.expires
                   else "", sort_key=lambda i: i.replace_before_days),
            Column(_("Kritiek"), lambda i: yes_no(i.critical)),
        ])


class KitTypesPanel(QWidget):

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: KitTypeDialog | None = None
        self._select_after: str | None = None
        self.new_button = QPushButton(_("Nieuw kittype…"))
        self.new_button.setToolTip(_("Nieuw kittype… (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_kit_type)
        self.hint = QLabel(_("Een sjabloon wordt niet gewijzigd: maak een nieuw type als de "
                             "inhoud verandert. De kits en controles van een type verwijzen "
                             "naar de regels van zijn sjabloon."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        self.count_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = DataTable(KitTypeTableModel(), settings_keys.KITS_TYPES_HEADER)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.items_title = QLabel()
        self.items = DataTable(TemplateItemTableModel(), settings_keys.KITS_TYPE_ITEMS_HEADER)
        self._build_layout()

    def _build_layout(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.hint, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.message)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.items_title)
        right_layout.addWidget(self.items, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([540, 800])
        settings_keys.restore_splitter(settings_keys.KITS_TYPES_SPLITTER, self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)

    # --- the list ------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        if not self.context.database_open:
            return
        current = self.selected_type()
        self._select_after = select or self._select_after or (current.code if current else None)
        kit_ops.list_kit_types(self.context).success(self._on_rows).failure(
            self._on_failed
        ).latest_only(self, "rows").run()

    def _on_rows(self, rows: list[KitTypeRow]) -> None:
        self.table.table_model().set_rows(rows)
        self.table.fit_columns_once()
        self.count_label.setText(ngettext("{n} kittype", "{n} kittypes", len(rows)))
        self.select_type(self._select_after)
        self._select_after = None

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))

    def selected_type(self) -> KitTypeRow | None:
        return self.table.table_model().row_at(self.table.current_row())

    def select_type(self, code: str | None) -> None:
        rows = self.table.table_model().rows()
        index = next((i for i, row in enumerate(rows) if row.code == code), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._show_items()

    def _on_table_current_row_changed(self, *_indexes: object) -> None:
        self._show_items()

    def _show_items(self) -> None:
        kit_type = self.selected_type()
        self.items.table_model().set_rows(kit_type.items if kit_type else [])
        self.items.fit_columns_once()
        self.items_title.setText(
            _("<b>Inhoud van {name}</b> ({code})", name=kit_type.name, code=kit_type.code)
            if kit_type else _("Kies een kittype in de lijst."))

    # --- new type ------------------------------------------------------------------------
    def new_kit_type(self) -> KitTypeDialog:
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()
        self.dialog = dialog = KitTypeDialog(self.context, self)
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.open()
        return dialog

    def _on_dialog_accepted(self) -> None:
        row = self.dialog.result_row if self.dialog else None
        code = getattr(row, "code", None)
        if code:
            self.message.setText(_("Kittype {code} bewaard.", code=code))
        # The write announced the new kit type: the EHBO screen refreshes this list (and the
        # register's form data) from that; the list selects it when it arrives.
        self._select_after = code

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.KITS_TYPES_SPLITTER, self.splitter)
        self.table.save_state()
        self.items.save_state()
