"""The Producten and Leveranciers tabs: a filter, "Ook buiten gebruik", the table (Enter or
double-click opens the item, Ins makes a new one, right-click offers the same), and the
buttons for those actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _, ngettext
from ui.masterdata.models import ProductTableModel, SupplierTableModel
from ui.ops import masterdata as ops
from ui.ops.core import QueryOp
from ui.ops.errors import error_sentence
from ui.shell.context import AppContext
from ui.widgets.table_view import DataTable

SEARCH_DELAY_MS = 150
PRODUCTS_HEADER = "masterdata/products_header"
SUPPLIERS_HEADER = "masterdata/suppliers_header"


class ListPanel(QWidget):
    """One list of master data. ``open_requested`` / ``new_requested`` go to the screen,
    which opens the dialogs (it knows what they need)."""

    open_requested = Signal(str)  # code
    new_requested = Signal()
    retire_requested = Signal(str, bool)  # code, active now

    new_text = ""
    search_text = ""

    def __init__(self, context: AppContext, model: Any, settings_key: str,
                 parent: QWidget | None = None, *, editable: bool = True) -> None:
        super().__init__(parent)
        self.context = context
        self.editable = editable
        self._select_after: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.search_text)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.retired = QCheckBox(_("Ook buiten gebruik"))
        self.retired.toggled.connect(self.refresh)
        self.count_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.table = DataTable(model, settings_key)
        self.table.activated_row.connect(self._on_table_activated_row)
        self.table.context_menu_requested.connect(self._on_table_context_menu_requested)
        self.new_action = QAction(self.new_text, self)
        self.new_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self.new_action.triggered.connect(lambda _checked=False: self.ask_new())
        self.table.add_row_action(self.new_action)
        self.search.addAction(self.new_action)  # Ins in the search field too
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.new_button = QPushButton(self.new_text)
        self.new_button.setToolTip(_("{action} (Ins of Ctrl+N)", action=self.new_text))
        self.new_button.clicked.connect(self.ask_new)
        self.new_button.setEnabled(editable)
        self.new_action.setEnabled(editable)
        self.open_button = QPushButton(_("Openen…"))
        self.open_button.setToolTip(_("Openen (Enter of dubbelklik)"))
        self.open_button.clicked.connect(self.open_selected)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.retired)
        filters.addWidget(self.count_label)
        filters.addStretch(0 if self.search_text else 1)
        filters.addWidget(self.new_button)
        filters.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        # Once in the layout: shown before, a parentless field would open as its own window.
        self.search.setVisible(bool(self.search_text))

    # --- reading -------------------------------------------------------------------------
    def query(self) -> QueryOp[list[Any]]:
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    def refresh(self) -> None:
        if not self.context.database_open:
            return
        self.query().success(self._on_rows).failure(self.show_error).latest_only(
            self, "rows").run()

    def _on_rows(self, rows: list[Any]) -> None:
        current = self.selected_code()
        wanted = self._select_after or current
        self._select_after = None
        self.message.clear()
        self.table.table_model().set_rows(rows)
        self.table.fit_columns_once()
        self.count_label.setText(self.count_text(len(rows)))
        self.select_code(wanted)

    def show_error(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))

    # --- selection -----------------------------------------------------------------------
    def selected_row(self) -> Any:
        return self.table.table_model().row_at(self.table.current_row())

    def selected_code(self) -> str | None:
        row = self.selected_row()
        return row.code if row is not None else None

    def select_code(self, code: str | None) -> None:
        rows = self.table.table_model().rows()
        index = next((i for i, row in enumerate(rows) if row.code == code), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)

    def select_after_refresh(self, code: str) -> None:
        self._select_after = code

    # --- actions -------------------------------------------------------------------------
    def ask_new(self) -> None:
        if self.editable:
            self.new_requested.emit()

    def open_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.open_requested.emit(code)

    def _on_table_activated_row(self, row: int) -> None:
        item = self.table.table_model().row_at(row)
        if item is not None:
            self.open_requested.emit(item.code)

    def _on_table_context_menu_requested(self, menu: QMenu, index: QModelIndex) -> None:
        row = self.table.table_model().row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        self._menu_action(menu, _("Openen…"), lambda: self.open_requested.emit(row.code))
        if self.editable:
            text = _("Buiten gebruik nemen") if row.active else _("Terug in gebruik")
            self._menu_action(menu, text,
                              lambda: self.retire_requested.emit(row.code, row.active))

    @staticmethod
    def _menu_action(menu: QMenu, text: str, slot: Callable[[], None]) -> None:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())

    def focus(self) -> None:
        (self.search if not self.search.isHidden() else self.table).setFocus()


class ProductsPanel(ListPanel):
    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 *, editable: bool = True) -> None:
        self.new_text = _("Nieuw product…")
        self.search_text = _("Zoek op code, naam, categorie of GTIN")
        super().__init__(context, ProductTableModel(), PRODUCTS_HEADER, parent,
                         editable=editable)
        self.table.export_name = _("Producten")

    def query(self) -> QueryOp[list[Any]]:
        return ops.list_products(self.context, text=self.search.text().strip(),
                                 include_retired=self.retired.isChecked())

    def count_text(self, count: int) -> str:
        return ngettext("{n} product", "{n} producten", count)


class SuppliersPanel(ListPanel):
    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 *, editable: bool = True) -> None:
        self.new_text = _("Nieuwe leverancier…")
        super().__init__(context, SupplierTableModel(), SUPPLIERS_HEADER, parent,
                         editable=editable)
        self.table.export_name = _("Leveranciers")

    def query(self) -> QueryOp[list[Any]]:
        return ops.list_suppliers(self.context, include_retired=self.retired.isChecked())

    def count_text(self, count: int) -> str:
        return ngettext("{n} leverancier", "{n} leveranciers", count)
