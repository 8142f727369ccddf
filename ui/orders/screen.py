"""Bestellingen: purchase orders from request to delivery."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.orders import OrderStatus, require_editable, require_receivable
from carma_logistiek.i18n import _, format_date
from carma_logistiek.services.results import OrderLineRow, OrderRow
from ui.ops import orders as order_ops
from ui.ops.errors import error_sentence
from ui.orders.dialogs import CancelOrderDialog, OrderEditDialog, ReceiveDialog
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.screens import ActionDeclaration, Screen
from ui.widgets.formats import local_time
from ui.widgets.table_model import RIGHT, Column, RowTableModel
from ui.widgets.table_view import DataTable

SEARCH_DELAY_MS = 150


def order_columns() -> list[Column[OrderRow]]:
    return [
        Column(_("Nummer"), lambda r: r.number),
        Column(_("Leverancier"), lambda r: r.supplier, shrinks=True, stretch=True),
        Column(
            _("Status"),
            lambda r: r.status.label,
            badge=lambda r: (r.status.label, r.status.severity),
        ),
        Column(
            _("Leveren op"),
            lambda r: r.location_name,
            tooltip=lambda r: r.location_code,
            shrinks=True,
        ),
        Column(
            _("Aangemaakt"),
            lambda r: format_date(local_time(r.created_at).date()),
            lambda r: r.created_at.replace(tzinfo=None),
        ),
        Column(_("Door"), lambda r: r.created_by),
        Column(_("Lijnen"), lambda r: str(r.line_count), lambda r: r.line_count, RIGHT),
        Column(
            _("Besteld / geleverd"),
            lambda r: f"{r.quantity_ordered} / {r.quantity_received}",
            lambda r: r.quantity_ordered,
            RIGHT,
        ),
    ]


def line_columns() -> list[Column[OrderLineRow]]:
    return [
        Column(_("Code"), lambda r: r.product_code),
        Column(_("Product"), lambda r: r.product_name, shrinks=True, stretch=True),
        Column(
            _("Besteld"),
            lambda r: f"{r.quantity_ordered} {r.unit}",
            lambda r: r.quantity_ordered,
            RIGHT,
        ),
        Column(
            _("Geleverd"), lambda r: str(r.quantity_received), lambda r: r.quantity_received, RIGHT
        ),
        Column(_("Nog te leveren"), lambda r: str(r.outstanding), lambda r: r.outstanding, RIGHT),
    ]


OPEN_STATUSES = frozenset({OrderStatus.REQUESTED, OrderStatus.ORDERED,
                           OrderStatus.PARTIALLY_DELIVERED})


def order_status_filters() -> list[tuple[str, frozenset[OrderStatus] | None]]:
    os_ = OrderStatus
    return [
        (_("Alle bestellingen"), None),
        (
            _("Open (aangevraagd, besteld, deels geleverd)"),
            frozenset({os_.REQUESTED, os_.ORDERED, os_.PARTIALLY_DELIVERED}),
        ),
        *[(status.label, frozenset({status})) for status in OrderStatus],
    ]


class OrdersScreen(Screen):
    rows_loaded = Signal(int)
    order_loaded = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current_order: OrderRow | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Zoek op nummer, leverancier of opmerking"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.status_filter = QComboBox()
        for label, statuses in order_status_filters():
            self.status_filter.addItem(label, statuses)
        settings_keys.restore_choice(settings_keys.ORDERS_STATUS_FILTER, self.status_filter)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.table = DataTable(RowTableModel(order_columns()), settings_keys.ORDERS_TABLE_HEADER)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated_row.connect(self._on_table_activated_row)
        self.lines = DataTable(RowTableModel(line_columns()), settings_keys.ORDER_LINES_HEADER)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build_layout()
        context.when_masterdata_loaded(self.refresh)
        context.changed.connect(self._on_context_changed)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(_("Status:")))
        filters.addWidget(self.status_filter, 2)
        box = QGroupBox(_("Bestellijnen"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.details)
        inner.addWidget(self.lines, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(box)
        self.splitter.setSizes([400, 250])
        settings_keys.restore_splitter(settings_keys.ORDERS_SPLITTER, self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    # --- loading -------------------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    def refresh(self) -> None:
        if not self.context.database_open:
            return
        order_ops.list_orders(
            self.context, search=self.search.text(), statuses=self.status_filter.currentData()
        ).success(self._on_orders).failure(self._on_failed).latest_only(self, "orders").run()

    def _on_context_changed(self, changes: Changes) -> None:
        # Only orders change this list (a delivery against an order line names its order).
        if changes.orders:
            self.refresh()

    def _on_orders(self, rows: list[OrderRow]) -> None:
        keep = self.current_order.number if self.current_order else None
        self.table.table_model().set_rows(rows)
        self.table.fit_columns_once()
        numbers = [row.number for row in self.table.table_model().rows()]
        if numbers:
            self.table.selectRow(numbers.index(keep) if keep in numbers else 0)
        else:
            self._show_order(None)
        self.rows_loaded.emit(len(rows))

    def _on_table_current_row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        row = self.table.table_model().row_at(current.row())
        if row is not None:
            order_ops.get_order(self.context, number=row.number).success(
                self._show_order
            ).failure(self._on_failed).latest_only(self, "order").run()

    def _show_order(self, order: OrderRow | None) -> None:
        self.current_order = order
        self.lines.table_model().set_rows(order.lines if order else [])
        self.lines.fit_columns_once()
        if order is None:
            self.details.clear()
        else:
            text = _(
                "{number} · {supplier} · {status}",
                number=order.number,
                supplier=order.supplier,
                status=order.status.label,
            )
            if order.note:
                text += " · " + order.note
            if order.cancel_reason:
                text += " · " + _("Reden annulering: {reason}", reason=order.cancel_reason)
            self.details.setText(text)
        self.order_loaded.emit(order)

    def _on_failed(self, error: BaseException) -> None:
        self.context.services.prompts.error(self, _("Bestellingen"), error_sentence(error))

    # --- actions -------------------------------------------------------------------------
    def _refused(self, check, order: OrderRow) -> bool:  # type: ignore[no-untyped-def]
        try:
            check(order.number, order.status)
        except DomainError as error:
            self.context.services.prompts.error(self, _("Bestellingen"), error_sentence(error))
            return True
        return False

    def new_order(self, location_code: str | None = None) -> None:
        self._open(OrderEditDialog(self.context, None, location_code, self))

    def edit_order(self) -> None:
        order = self.current_order
        if order is not None and not self._refused(require_editable, order):
            self._open(OrderEditDialog(self.context, order, None, self))

    def mark_ordered(self) -> None:
        order = self.current_order
        if order is not None:
            order_ops.mark_ordered(self.context, number=order.number).failure(
                self._on_failed
            ).run()

    def receive(self) -> None:
        order = self.current_order
        if order is not None and not self._refused(require_receivable, order):
            self._open(ReceiveDialog(self.context, order, self))

    def cancel(self) -> None:
        order = self.current_order
        if order is not None and not self._refused(require_editable, order):
            self._open(CancelOrderDialog(self.context, order, self))

    def _open(self, dialog: QDialog) -> None:
        self.context.open_dialog(dialog)

    def _on_table_activated_row(self, _row: int) -> None:
        self.edit_order()

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.ORDERS_SPLITTER, self.splitter)
        settings_keys.save_choice(settings_keys.ORDERS_STATUS_FILTER, self.status_filter)
        self.table.save_state()
        self.lines.save_state()

    # --- the shell's questions -----------------------------------------------------------
    def shown(self) -> None:
        self.table.setFocus()

    def focus_on(self, request: str) -> None:
        """From the stuurbord: the open orders ("late"), or one order ("order:B2026-0003",
        found by its number)."""
        from carma_logistiek.services.attention import split_focus

        kind, number = split_focus(request)
        if kind not in ("late", "order"):
            return
        open_index = next(i for i in range(self.status_filter.count())
                          if self.status_filter.itemData(i) == OPEN_STATUSES)
        self.status_filter.setCurrentIndex(open_index)
        self.search.setText(number)
        self._timer.stop()
        self.refresh()
        self.table.setFocus()

    def actions_offered(self) -> list[ActionDeclaration]:
        menu = "orders"
        return [
            ActionDeclaration("orders.new", menu, _("Nieuwe bestelling…"), "Ctrl+N",
                              self.new_order_here, "new", toolbar=True),
            ActionDeclaration("orders.edit", menu, _("Bestelling wijzigen…"), "Ctrl+E",
                              self.edit_order, "edit", toolbar=True),
            ActionDeclaration("orders.ordered", menu, _("Besteld"), "Ctrl+B", self.mark_ordered,
                              "ordered", toolbar=True),
            ActionDeclaration("orders.receive", menu, _("Levering ontvangen…"), "Ctrl+L",
                              self.receive, "receive", toolbar=True,
                              permission=Permission.STOCK_BOOK),
            ActionDeclaration("orders.cancel", menu, _("Bestelling annuleren…"), "Ctrl+Shift+X",
                              self.cancel, "cancel", toolbar=True),
            ActionDeclaration("orders.order_list", menu, _("Bestellijst…"), "Ctrl+Shift+L",
                              self.open_order_list, "report", toolbar=True,
                              separator_before=True),
        ]

    def open_order_list(self) -> None:
        """Ctrl+Shift+L: what is under its minimum, to turn into orders per supplier."""
        from ui.orders.order_list import OrderListDialog

        self.context.navigate.emit("orders")
        self._open(OrderListDialog(self.context, self))

    def new_order_here(self) -> None:
        """Ctrl+N: a new order, delivered to the stock location chosen on the stock screen."""
        self.context.navigate.emit("orders")
        self.new_order(self.context.selected_location)
