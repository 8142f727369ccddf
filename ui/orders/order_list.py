"""Bestellijst: what is under its minimum, with a suggested quantity, and the purchase orders
it becomes in one step (one per supplier and delivery location, status aangevraagd).

Space ticks or unticks the current line, a digit (or Enter, F2, a double click) edits its
quantity; the lines without a supplier cannot be ticked: their tooltip says where to link one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.reordering import DEFAULT_CONSUMPTION_DAYS, MAX_CONSUMPTION_DAYS
from carma_logistiek.domain.stock import parse_quantity
from carma_logistiek.i18n import _, ngettext
from ui.ops import orders as order_ops
from ui.ops.errors import error_sentence
from ui.ops.stock import new_request_key
from ui.shell.context import AppContext
from ui.widgets.forms import FieldFirstDialog, LocationCombo
from ui.widgets.table_model import RIGHT, Column, Index, RowTableModel
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services.reordering import CreatedOrders, OrderList, OrderListLine

TABLE_KEY = "orders/order_list_header"
NO_SUPPLIER = "__none__"  # the supplier filter's choice for the lines without one
MESSAGE_MS = 15_000
Key = tuple[str, str]  # (product code, location code)


def _supplier_text(line: OrderListLine) -> str:
    return line.supplier_name or _("zonder leverancier")


def order_list_columns() -> list[Column[OrderListLine]]:
    def reason(line: OrderListLine) -> str:
        return line.reason

    return [
        Column(_("Bestellen"), lambda r: "", lambda r: r.supplier_code is None),
        Column(_("Leverancier"), _supplier_text,
               lambda r: (r.supplier_code is None, _supplier_text(r).casefold())),
        Column(_("Product"), lambda r: r.product_name, shrinks=True, stretch=True,
               tooltip=lambda r: f"{r.product_code} · {r.reason}"),
        Column(_("Locatie"), lambda r: r.location_name, tooltip=lambda r: r.location_code,
               shrinks=True, elide=Qt.TextElideMode.ElideLeft),
        Column(_("Voorraad"), lambda r: str(r.on_hand), lambda r: r.on_hand, RIGHT,
               tooltip=reason),
        Column(_("Besteld"), lambda r: str(r.on_order), lambda r: r.on_order, RIGHT,
               tooltip=reason),
        Column(_("Min."), lambda r: str(r.minimum), lambda r: r.minimum, RIGHT, tooltip=reason),
        Column(_("Verbruik"), lambda r: str(r.consumed), lambda r: r.consumed, RIGHT,
               tooltip=reason),
        # Hidden at first: "Aantal" starts as the suggestion (and says it in its tooltip).
        Column(_("Voorstel"), lambda r: str(r.suggested), lambda r: r.suggested, RIGHT,
               tooltip=reason, hidden=True),
        Column(_("Aantal"), lambda r: str(r.suggested), lambda r: r.suggested, RIGHT),
        Column(_("Verpakking"), lambda r: str(r.pack_size), lambda r: r.pack_size, RIGHT,
               tooltip=lambda r: r.reference, hidden=True),
        Column(_("Reden"), reason, shrinks=True, hidden=True),
    ]


CHECK_COLUMN = 0
QUANTITY_COLUMN = 9


class OrderListModel(RowTableModel["OrderListLine"]):
    """The lines, each with a tick and a quantity the buyer may change (kept per product and
    location, so a new sort or filter keeps them)."""

    choices_changed = Signal()
    refused = Signal(str)  # a quantity that is no whole number above zero, as a sentence

    def __init__(self) -> None:
        super().__init__(order_list_columns())
        self.ticked: dict[Key, bool] = {}
        self.quantities: dict[Key, int] = {}

    def set_rows(self, rows: Any) -> None:
        for line in rows:
            self.ticked.setdefault(line.key, line.supplier_code is not None)
        super().set_rows(rows)
        self.choices_changed.emit()

    def quantity(self, line: OrderListLine) -> int:
        return self.quantities.get(line.key, line.suggested)

    def is_ticked(self, line: OrderListLine) -> bool:
        return line.supplier_code is not None and self.ticked.get(line.key, False)

    def chosen(self) -> list[OrderListLine]:
        return [line for line in self.rows() if self.is_ticked(line)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        line = self.row_at(index.row())
        if line is None or line.supplier_code is None:
            return flags
        if index.column() == CHECK_COLUMN:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == QUANTITY_COLUMN:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if column == CHECK_COLUMN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if self.is_ticked(line)
                        else Qt.CheckState.Unchecked)
            if role == Qt.ItemDataRole.ToolTipRole:
                return (_("Koppel een leverancier in Stamgegevens om dit te bestellen.")
                        if line.supplier_code is None else _("Spatie: aan- of afvinken"))
        if column == QUANTITY_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return str(self.quantity(line))
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Voorstel: {suggested}. Typ een aantal om het te wijzigen.",
                         suggested=line.suggested)
            if role == Qt.ItemDataRole.FontRole and line.key in self.quantities:
                font = QApplication.font()
                font.setBold(True)
                return font
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.row_at(index.row()) if index.isValid() else None
        if line is None or line.supplier_code is None:
            return False
        if index.column() == CHECK_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
            self.ticked[line.key] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif index.column() == QUANTITY_COLUMN and role == Qt.ItemDataRole.EditRole:
            try:
                self.quantities[line.key] = parse_quantity(str(value))
            except DomainError as error:
                self.refused.emit(error.message())
                return False
            self.ticked[line.key] = True
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(self.columns) - 1))
        self.choices_changed.emit()
        return True

    def toggle(self, row: int) -> None:
        line = self.row_at(row)
        if line is not None and line.supplier_code is not None:
            state = Qt.CheckState.Unchecked if self.is_ticked(line) else Qt.CheckState.Checked
            self.setData(self.index(row, CHECK_COLUMN), state.value,
                         Qt.ItemDataRole.CheckStateRole)


class _QuantityDelegate(QStyledItemDelegate):
    """A plain line edit for the quantity (the model checks what is typed), kept so a typed
    digit can go into it."""

    editor: QLineEdit | None = None

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(RIGHT)
        self.editor = editor
        editor.destroyed.connect(self._on_editor_destroyed)
        return editor

    def _on_editor_destroyed(self, _object: object = None) -> None:
        self.editor = None


class OrderListTable(DataTable):
    """Space ticks, a digit starts typing the quantity, Enter edits it."""

    def __init__(self, model: OrderListModel, parent: QWidget | None = None) -> None:
        super().__init__(model, TABLE_KEY, parent)
        self.quantity_delegate = _QuantityDelegate(self)
        self.setItemDelegateForColumn(QUANTITY_COLUMN, self.quantity_delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.activated_row.connect(self.edit_quantity)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.current_row()
        if row >= 0 and event.key() == Qt.Key.Key_Space:
            self.table_model().toggle(row)  # type: ignore[attr-defined]
            return
        if row >= 0 and event.text().isdigit():
            editor = self.edit_quantity(row)
            if editor is not None:
                editor.setText(event.text())
            return
        super().keyPressEvent(event)

    def edit_quantity(self, row: int) -> QLineEdit | None:
        index = self.model().index(row, QUANTITY_COLUMN)
        if self.state() == QAbstractItemView.State.EditingState:
            return None  # the Enter that closes the editor comes here too
        if not self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
            return None
        self.setCurrentIndex(index)
        self.edit(index)
        return self.quantity_delegate.editor


class OrderListDialog(FieldFirstDialog):
    """Bestellijst… (Ctrl+Shift+L on the orders screen)."""

    loaded = Signal(int)  # lines shown
    created = Signal(object)  # CreatedOrders

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.key = new_request_key()
        self._pending = False
        self._list: OrderList | None = None
        self.setWindowTitle(_("Bestellijst"))
        self.location = LocationCombo(context.locations, stock_only=False,
                                      choose_text=_("Alle locaties"))
        self.location.set_code(context.selected_location)
        self.supplier = QComboBox()
        self.days = QSpinBox()
        self.days.setRange(1, MAX_CONSUMPTION_DAYS)
        self.days.setValue(DEFAULT_CONSUMPTION_DAYS)
        self.days.setSuffix(" " + _("dagen"))
        self.model = OrderListModel()
        self.table = OrderListTable(self.model)
        self.table.export_name = _("Bestellijst")
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(highlight);")
        self.back_button = QPushButton(_("Terug"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.reject)
        self.create_button = QPushButton()
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create_orders)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self._build_layout()
        self.location.currentIndexChanged.connect(self._timer.start)
        self.days.valueChanged.connect(self._timer.start)
        self.supplier.currentIndexChanged.connect(self._on_supplier_current_index_changed)
        self.model.choices_changed.connect(self._on_model_choices_changed)
        self.model.refused.connect(self._say)
        context.changed.connect(self._on_context_changed)
        self._fit_to_window()
        self._on_model_choices_changed()
        self.refresh()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for label, widget, stretch in ((_("Leverancier:"), self.supplier, 2),
                                       (_("Locatie:"), self.location, 3),
                                       (_("Verbruik over:"), self.days, 0)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, stretch)
        hint = QLabel(_("Spatie vinkt een lijn aan of af; typ een aantal om het te wijzigen. "
                        "De bestellingen worden aangemaakt als aangevraagd: controleer ze en "
                        "zet ze op besteld."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)

    def _fit_to_window(self) -> None:
        window = self.context.parent_window() or self.parentWidget()
        size = window.size() if window is not None else None
        if size is not None and size.width() > 400:
            self.resize(int(size.width() * 0.92), int(size.height() * 0.85))
        else:
            self.resize(980, 620)

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.context.database_open:
            return
        order_ops.order_list(self.context, location_code=self.location.code(),
                             days=self.days.value()).success(self._on_list).failure(
            self._on_failed).latest_only(self, "order_list").run()

    def _on_list(self, listed: OrderList) -> None:
        self._list = listed
        self._fill_suppliers(listed)
        self._show_lines()
        self.table.fit_columns_once()

    def _fill_suppliers(self, listed: OrderList) -> None:
        keep = self.supplier.currentData()
        self.supplier.blockSignals(True)
        self.supplier.clear()
        self.supplier.addItem(_("Alle leveranciers"), None)
        names = {line.supplier_code: line.supplier_name for line in listed.lines}
        for code in listed.supplier_codes():
            if code is None:
                self.supplier.addItem(_("zonder leverancier"), NO_SUPPLIER)
            else:
                self.supplier.addItem(f"{names[code]} ({code})", code)
        index = self.supplier.findData(keep) if keep is not None else 0
        self.supplier.setCurrentIndex(max(0, index))
        self.supplier.blockSignals(False)

    def _show_lines(self) -> None:
        lines = list(self._list.lines) if self._list is not None else []
        wanted = self.supplier.currentData()
        if wanted == NO_SUPPLIER:
            lines = [line for line in lines if line.supplier_code is None]
        elif wanted is not None:
            lines = [line for line in lines if line.supplier_code == wanted]
        self.model.set_rows(lines)
        if lines and self.table.current_row() < 0:
            self.table.selectRow(0)
        if not lines:
            self._say(_("Niets onder het minimum: er hoeft niets besteld te worden."))
        self.loaded.emit(len(lines))

    def _on_supplier_current_index_changed(self, _index: int) -> None:
        self._show_lines()

    def _on_context_changed(self, changes: Changes) -> None:
        if (changes.stock or changes.orders or changes.products) and not self._pending:
            self._timer.start()

    def _on_failed(self, error: BaseException) -> None:
        self._pending = False
        self._on_model_choices_changed()
        self._say(error_sentence(error))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # --- the totals and the button ---------------------------------------------------------
    def _on_model_choices_changed(self) -> None:
        chosen = self.model.chosen()
        per_supplier: dict[str, list[int]] = {}
        for line in chosen:
            per_supplier.setdefault(_supplier_text(line), []).append(self.model.quantity(line))
        without = sum(1 for line in self.model.rows() if line.supplier_code is None)
        parts = [_("{supplier}: {lines}, samen {quantity}", supplier=name,
                   lines=ngettext("{n} lijn", "{n} lijnen", len(quantities)),
                   quantity=sum(quantities))
                 for name, quantities in per_supplier.items()]
        if without:
            parts.append(ngettext("{n} lijn zonder leverancier", "{n} lijnen zonder leverancier",
                                  without))
        self.totals.setText(" · ".join(parts) or _("Niets aangevinkt."))
        suppliers = len(per_supplier)
        self.create_button.setText(ngettext("Bestellingen aanmaken ({n} leverancier)",
                                            "Bestellingen aanmaken ({n} leveranciers)",
                                            suppliers))
        self.create_button.setEnabled(suppliers > 0 and not self._pending)

    # --- creating the orders -------------------------------------------------------------
    def create_orders(self) -> None:
        chosen = self.model.chosen()
        if self._pending or not chosen:
            return
        self._pending = True
        self.create_button.setEnabled(False)
        lines = [(line.product_code, line.location_code, line.supplier_code,
                  self.model.quantity(line)) for line in chosen]
        order_ops.create_orders_from_list(self.context, lines=lines, key=self.key).success(
            self._on_created).failure(self._on_failed).run()

    def _on_created(self, made: CreatedOrders) -> None:
        self._pending = False
        self.key = new_request_key()  # the next choice is a new request
        text = ngettext("{n} bestelling aangemaakt (aangevraagd): {numbers}",
                        "{n} bestellingen aangemaakt (aangevraagd): {numbers}",
                        len(made.orders), numbers=", ".join(made.numbers))
        window = _main_window()
        if window is not None:
            window.statusBar().showMessage(text, MESSAGE_MS)
        self._say(text)
        self.created.emit(made)
        self.accept()

    def done(self, result: int) -> None:
        self.table.save_state()  # the columns as the buyer left them
        super().done(result)

    def reject(self) -> None:
        """Esc: quantities typed in are not thrown away without asking."""
        if self.model.quantities and not self._pending and not \
                self.context.services.prompts.confirm(
                    self, _("Bestellijst"), _("De gewijzigde aantallen gaan verloren."),
                    _("Sluiten"), _("Terug naar de lijst")):
            return
        super().reject()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.table.setFocus()


def _main_window() -> QMainWindow | None:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    return next((w for w in windows if w.isVisible()), windows[0] if windows else None)

