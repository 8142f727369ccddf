"""The row menus of the stock tables: by right-click, the Menu key and Shift+F10.

Movement rows (a product's history): Boeking terugdraaien… (Ctrl+Z), Toon boeking, Kopieer
(Ctrl+C). Stock rows (the stock screen): the bookings the screen offers for a row (Afhaling…,
Levering…, …, the same slots as its menu), then Laatste boeking terugdraaien… (Ctrl+Z): the
newest booking of that product at that place, shown in the dialog before anything is booked.

The menu itself is the table's (ui/widgets/table_view.py: ``context_menu_requested``, with
Exporteren… last); this module adds the rows' actions to it and the keys that open it.
Ctrl+Z works while the table has the focus only, so a text field's undo stays an undo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from carma_logistiek.i18n import _
from carma_logistiek.services.results import MovementRow, StockRow
from ui.ops import stock as stock_ops
from ui.shell.theme import BADGE_ROLE
from ui.stock.models import movement_columns
from ui.widgets.table_model import Column, Index, RowTableModel
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from ui.shell.context import AppContext
    from ui.shell.screens import ActionDeclaration

REVERSE_SHORTCUT = "Ctrl+Z"
MENU_KEYS = ("Menu", "Shift+F10")
# The stock screen's declarations a row's menu offers, in this order.
STOCK_ROW_ACTIONS = ("stock.pickup", "stock.consumption", "stock.delivery", "stock.transfer",
                     "stock.count", "stock.write_off", "stock.detail", "stock.labels")


# --- the history's columns ----------------------------------------------------------------
def history_columns() -> list[Column[MovementRow]]:
    """The movement columns with the storno shown: a reversed booking's quantity grey, and a
    Storno column with its badge ("teruggedraaid door #N", "storno van #N")."""
    columns = movement_columns()
    quantity = _("Hoeveelheid")
    for index, column in enumerate(columns):
        if column.header == quantity:
            columns[index] = replace(
                column, highlight=lambda r: "neutral" if r.reversed_by is not None else None,
                tooltip=lambda r: reversal_text(r))
    kind_index = next((i for i, c in enumerate(columns) if c.header == _("Soort")), 1)
    columns.insert(kind_index + 1, Column(
        _("Storno"), lambda r: "", lambda r: (r.reverses or 0, r.reversed_by or 0),
        badge=_reversal_badge, tooltip=reversal_text))
    return columns


class HistoryTableModel(RowTableModel[MovementRow]):
    """The history's rows; a row that is neither reversed nor a storno has no badge at all
    (not an empty pill)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(history_columns(), parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if role == BADGE_ROLE and value is not None and not value[0]:
            return None
        return value


def _reversal_badge(row: MovementRow) -> tuple[str, str]:
    if row.reverses is not None:
        return _("storno van #{booking}", booking=row.reverses), "info"
    if row.reversed_by is not None:
        return _("teruggedraaid"), "neutral"
    return "", "neutral"


def reversal_text(row: MovementRow) -> str:
    if row.reverses is not None:
        return _("Storno van boeking #{booking}: {reason}", booking=row.reverses,
                 reason=row.note or "-")
    if row.reversed_by is not None:
        return _("Teruggedraaid door storno #{storno}", storno=row.reversed_by)
    return ""


# --- opening the menu from the keyboard ---------------------------------------------------
def install_menu_keys(table: DataTable) -> None:
    """The Menu key and Shift+F10 open the current row's menu, under that row."""
    for keys in MENU_KEYS:
        action = QAction(table)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False, t=table: open_current_row_menu(t))
        table.addAction(action)


def open_current_row_menu(table: DataTable) -> None:
    index = table.currentIndex()
    if not index.isValid() and table.model().rowCount() > 0:
        index = table.model().index(0, 0)
        table.setCurrentIndex(index)
    rect = table.visualRect(index) if index.isValid() else table.viewport().rect()
    table.customContextMenuRequested.emit(QPoint(rect.left() + 8, rect.center().y()))


def _table_action(table: DataTable, text: str, keys: str,
                  slot: Callable[[], None]) -> QAction:
    """An action with a key that works while ``table`` has the focus (and shows in its menu)."""
    action = QAction(text, table)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    table.addAction(action)
    return action


def _select_row_of(table: DataTable, index: QModelIndex) -> None:
    """A right-click on a row that is not selected acts on that row, as in a file manager."""
    if not index.isValid():
        return
    selected = {i.row() for i in table.selectionModel().selectedRows()}
    if index.row() not in selected:
        table.selectRow(index.row())
    elif table.current_row() != index.row():
        table.selectionModel().setCurrentIndex(
            index, table.selectionModel().SelectionFlag.NoUpdate)


# --- movement rows ------------------------------------------------------------------------
class MovementRowMenu:
    """The history table's row menu (a product's detail)."""

    def __init__(self, context: AppContext, table: DataTable, parent: QWidget) -> None:
        self.context = context
        self.table = table
        self.parent = parent
        self.reverse_action = _table_action(table, _("Boeking terugdraaien…"), REVERSE_SHORTCUT,
                                            self.reverse_current)
        # Enter (or a double-click) on a history row shows its booking too.
        self.show_action = _table_action(table, _("Toon boeking"), "", self.show_current)
        self.show_action.setToolTip(_("Alle regels van deze boeking (Enter)"))
        table.activated_row.connect(lambda _row: self.show_current())
        self.copy_action = _table_action(table, _("Kopieer"), "Ctrl+C", self.copy_current)
        install_menu_keys(table)
        table.context_menu_requested.connect(self._on_table_context_menu_requested)

    def current(self) -> MovementRow | None:
        row = self.table.table_model().row_at(self.table.current_row())
        return row if isinstance(row, MovementRow) else None

    def _on_table_context_menu_requested(self, menu: QMenu, index: QModelIndex) -> None:
        _select_row_of(self.table, index)
        row = self.current()
        if not index.isValid() or row is None:
            return
        menu.setToolTipsVisible(True)
        self.update_reverse_action(row)
        menu.addActions([self.reverse_action, self.show_action, self.copy_action])

    def update_reverse_action(self, row: MovementRow) -> None:
        why = not_reversible_because(row)
        self.reverse_action.setEnabled(why is None)
        # A greyed-out entry shows no tooltip in every style: the short reason is in its text.
        short = (_("een storno") if row.reverses is not None
                 else _("al teruggedraaid") if row.reversed_by is not None else "")
        text = _("Boeking terugdraaien…")
        self.reverse_action.setText(f"{text} ({short})" if short else text)
        self.reverse_action.setToolTip(why or _("Boeking #{booking} terugdraaien met een "
                                                "storno ({keys})", booking=row.booking_id,
                                                keys=REVERSE_SHORTCUT))

    def reverse_current(self) -> None:
        row = self.current()
        if row is not None:
            open_reverse_dialog(self.context, row.booking_id, self.parent)

    def show_current(self) -> None:
        row = self.current()
        if row is None:
            return
        query = stock_ops.booking_movements(self.context, booking_id=row.booking_id)
        query.shown_on(self.parent, _("Toon boeking"))  # a failure: a message box
        query.success(lambda rows: self._show_booking(row.booking_id, rows)).run()

    def _show_booking(self, booking_id: int, rows: Sequence[MovementRow]) -> None:
        from ui.stock.reverse_dialog import BookingLinesDialog

        self.context.open_dialog(BookingLinesDialog(self.context, booking_id, rows,
                                                    self.parent))

    def copy_current(self) -> None:
        """The row as shown, tab-separated: it pastes into a spreadsheet or a mail."""
        row = self.table.current_row()
        model = self.table.table_model()
        if row < 0:
            return
        texts = [str(model.data(model.index(row, column)) or "")
                 for column in range(model.columnCount())
                 if not self.table.isColumnHidden(column)]
        QGuiApplication.clipboard().setText("\t".join(texts))


def not_reversible_because(row: MovementRow) -> str | None:
    """Why the menu's Boeking terugdraaien… is greyed out for this row, or None."""
    if row.reverses is not None:
        return _("Dit is een storno (van boeking #{booking}): een storno wordt niet "
                 "teruggedraaid. Boek opnieuw wat er werkelijk gebeurde.", booking=row.reverses)
    if row.reversed_by is not None:
        return _("Boeking #{booking} werd al teruggedraaid (storno #{storno}).",
                 booking=row.booking_id, storno=row.reversed_by)
    return None


def open_reverse_dialog(context: AppContext, booking_id: int, parent: QWidget | None) -> None:
    from ui.stock.reverse_dialog import ReverseBookingDialog

    context.open_dialog(ReverseBookingDialog(context, booking_id, parent))


# --- stock rows ---------------------------------------------------------------------------
class StockRowMenu:
    """The stock screen's row menu: its row actions (the same declarations and slots as the
    Voorraad menu; their keys are the window's, shown here) and the last booking's storno."""

    def __init__(self, context: AppContext, table: DataTable, parent: QWidget,
                 declarations: Callable[[], Sequence[ActionDeclaration]]) -> None:
        self.context = context
        self.table = table
        self.parent = parent
        self.declarations = declarations
        self.reverse_action = _table_action(table, _("Laatste boeking terugdraaien…"),
                                            REVERSE_SHORTCUT, self.reverse_last)
        self.reverse_action.setToolTip(_("De laatste boeking van dit product op deze plaats, "
                                         "eerst getoond, dan teruggedraaid met een reden"))
        install_menu_keys(table)
        table.context_menu_requested.connect(self._on_table_context_menu_requested)

    def current(self) -> StockRow | None:
        row = self.table.table_model().row_at(self.table.current_row())
        return row if isinstance(row, StockRow) else None

    def _on_table_context_menu_requested(self, menu: QMenu, index: QModelIndex) -> None:
        _select_row_of(self.table, index)
        if not index.isValid() or self.current() is None:
            return
        menu.setToolTipsVisible(True)
        offered = {declaration.id: declaration for declaration in self.declarations()}
        for action_id in STOCK_ROW_ACTIONS:
            declaration = offered.get(action_id)
            if declaration is None:
                continue
            if action_id == "stock.detail":
                menu.addSeparator()
            # The key is the window's action's (F3 …): shown, not claimed a second time.
            action = QAction(f"{declaration.text}\t{QKeySequence(declaration.shortcut).toString()}",
                             menu)
            action.triggered.connect(lambda _checked=False, slot=declaration.slot: slot())
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.reverse_action)

    def reverse_last(self) -> None:
        row = self.current()
        if row is None:
            return
        query = stock_ops.last_reversible_booking(
            self.context, product_code=row.product_code, location_code=row.location_code)
        query.shown_on(self.parent, _("Laatste boeking terugdraaien"))
        query.success(lambda booking: self._on_last_booking(row, booking)).run()

    def _on_last_booking(self, row: StockRow, booking_id: int | None) -> None:
        if booking_id is None:
            self.context.services.prompts.error(
                self.parent, _("Laatste boeking terugdraaien"),
                _("Er is geen boeking van {product} op {location} om terug te draaien.",
                  product=row.product_name, location=row.location_name))
            return
        open_reverse_dialog(self.context, booking_id, self.parent)
