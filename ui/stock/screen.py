"""Voorraad: stock per location with search-as-you-type, a status filter and status badges."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.stock import StockStatus
from carma_logistiek.i18n import _, ngettext
from carma_logistiek.services.results import StockRow
from ui.ops import stock as stock_ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.screens import ActionDeclaration, Screen
from ui.stock.models import StockTableModel
from ui.stock.row_menus import StockRowMenu
from ui.widgets.table_view import DataTable

SEARCH_DELAY_MS = 150
TREE_MIN_WIDTH, TREE_MAX_WIDTH = 170, 340
S = StockStatus


def status_filters() -> list[tuple[str, frozenset[StockStatus] | None]]:
    return [
        (_("Alle statussen"), None),
        (
            _("Aandacht nodig"),
            frozenset({S.RUNNING_LOW, S.OUT_OF_STOCK, S.EXPIRING_SOON, S.EXPIRED}),
        ),
        (
            _("Onder minimum (bijna op, uit stock, besteld)"),
            frozenset({S.RUNNING_LOW, S.OUT_OF_STOCK, S.ORDERED}),
        ),
        (_("Vervalt binnenkort"), frozenset({S.EXPIRING_SOON})),
        (_("Vervallen"), frozenset({S.EXPIRED})),
        (_("Uit stock"), frozenset({S.OUT_OF_STOCK})),
        (_("Besteld"), frozenset({S.ORDERED})),
        (_("Op voorraad"), frozenset({S.IN_STOCK})),
        # What the stuurbord's card counts: still to be ordered. Last, because the filter
        # is remembered by its position.
        (_("Onder minimum, niet besteld"), frozenset({S.RUNNING_LOW, S.OUT_OF_STOCK})),
    ]


# The stuurbord's requests (Screen.focus_on) and the status filter each one shows.
FOCUS_FILTERS = {
    "under_minimum": frozenset({S.RUNNING_LOW, S.OUT_OF_STOCK}),
    "expiring": frozenset({S.EXPIRING_SOON}),
    "expired": frozenset({S.EXPIRED}),
}


def location_kind_label(kind: str) -> str:
    return {
        "zone": _("zone"),
        "site": _("site"),
        "storeroom": _("magazijn"),
        "room": _("lokaal"),
        "cabinet": _("kast"),
        "shelf": _("rek"),
        "vehicle": _("voertuig"),
    }.get(kind, kind)


class StockScreen(Screen):
    rows_loaded = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._full_query_pending = False
        self.tree = QTreeWidget()
        self.tree.setHeaderLabel(_("Locaties"))
        # Names whole: the column is as wide as the longest name, with a scroll bar when the
        # pane is narrower (an elided "Berging wijkkantoo…" told the storerooms apart by none).
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Zoek op code, naam, categorie of GTIN (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.status_filter = QComboBox()
        for label, statuses in status_filters():
            self.status_filter.addItem(label, statuses)
        settings_keys.restore_choice(settings_keys.STOCK_STATUS_FILTER, self.status_filter)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        # The location left at the last close comes back once, with the first tree.
        self._restore_location = settings_keys.restored_text(settings_keys.STOCK_LOCATION)
        self.count_label = QLabel()
        self.table = DataTable(StockTableModel(), settings_keys.STOCK_TABLE_HEADER)
        # Several rows at once: labels for the selected products or their lots.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.activated_row.connect(self._on_table_activated_row)
        # Right-click, the Menu key or Shift+F10: the row's bookings and its last booking's
        # storno (Ctrl+Z), with the same slots as the Voorraad menu.
        self.row_menu = StockRowMenu(context, self.table, self, self.actions_offered)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build_layout()
        context.when_masterdata_loaded(self.show_locations)
        context.changed.connect(self._on_context_changed)
        context.open_product_requested.connect(self._on_context_open_product_requested)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(_("Status:")))
        filters.addWidget(self.status_filter, 2)
        filters.addWidget(self.count_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 1000])
        self._splitter_restored = settings_keys.restore_splitter(settings_keys.STOCK_SPLITTER,
                                                                 self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

    # --- locations -----------------------------------------------------------------------
    def show_locations(self) -> None:
        """The location tree: zone > site > storeroom > cabinet, vehicles under their site.
        Selecting a node shows the stock of everything under it."""
        # The same place after a rebuild (a location was added); the last close's at start.
        keep = self._restore_location if self._restore_location is not None else (
            self.location_code())
        self._restore_location = None
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for row in self.context.locations:
            item = QTreeWidgetItem([row.name])
            item.setData(0, Qt.ItemDataRole.UserRole, row.code)
            item.setToolTip(0, f"{row.name}\n{row.code} · {location_kind_label(row.kind)}")
            parent = items.get(row.parent_code or "")
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[row.code] = item
        if not items:
            everything = QTreeWidgetItem([_("Alle locaties")])
            everything.setData(0, Qt.ItemDataRole.UserRole, "")
            self.tree.addTopLevelItem(everything)
        self.tree.expandToDepth(0)
        self._fit_tree()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        if keep:
            self.set_location(keep)
        self.tree.blockSignals(False)
        self.context.selected_location = self.stock_location_code()
        self.refresh()

    def _fit_tree(self) -> None:
        """First start: the tree pane as wide as its names (within bounds); later the
        user's splitter wins."""
        if self._splitter_restored:
            return
        wanted = self.tree.sizeHintForColumn(0) + self.tree.verticalScrollBar().sizeHint().width()
        total = sum(self.splitter.sizes()) or 1230
        # A fifth of the room at most: on 1024 px the table needs it more.
        most = max(TREE_MIN_WIDTH, min(TREE_MAX_WIDTH, total // 5))
        width = max(TREE_MIN_WIDTH, min(most, wanted + 12))
        self.splitter.setSizes([width, max(1, total - width)])

    def location_code(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole) or "") if item else ""

    def set_location(self, code: str) -> None:
        for item in self.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if item.data(0, Qt.ItemDataRole.UserRole) == code:
                self.tree.setCurrentItem(item)
                return

    def stock_location_code(self) -> str | None:
        """The selected location when stock can be booked on it (dialogs start there)."""
        location = self.context.location(self.location_code())
        return location.code if location and location.holds_stock else None

    def _on_tree_current_item_changed(self, *_items: object) -> None:
        self.context.selected_location = self.stock_location_code()
        self.refresh()

    # --- querying ------------------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_return_pressed(self) -> None:
        self._search_timer.stop()
        self.refresh()
        self.table.setFocus()
        if self.table.model().rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        """Ask for the rows; an answer overtaken by a newer question (typing on) is dropped."""
        if not self.context.database_open:
            return
        self._full_query_pending = True
        stock_ops.stock_overview(
            self.context,
            location_code=self.location_code() or None,
            search=self.search.text(),
            statuses=self.status_filter.currentData(),
        ).success(self._on_rows).failure(self._on_query_failed).latest_only(self, "rows").run()

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.locations:
            return  # the tree is rebuilt from the master data, which refreshes everything
        self.refresh_touched(sorted(changes.stock_products))

    def refresh_touched(self, product_codes: list[str]) -> None:
        """After a booking: re-read only the products it touched and swap those rows in place
        (a full refresh of the central storeroom costs ~50 ms per scan; this ~1 ms). Falls back
        to a full refresh when a row would appear or disappear (new location, status filter)."""
        if not self.context.database_open or not product_codes:
            return
        if self.status_filter.currentData() or self._full_query_pending:
            self.refresh()
            return
        stock_ops.stock_overview(
            self.context,
            location_code=self.location_code() or None,
            search=self.search.text(),
            product_codes=product_codes,
        ).success(self._on_touched_rows).failure(self._on_query_failed).run()

    def _on_touched_rows(self, rows: list[StockRow]) -> None:
        replaced = self.table.table_model().replace_rows(
            rows, key=lambda row: (row.product_code, row.location_code))
        if replaced != len(rows):
            self.refresh()

    def _on_rows(self, rows: list[StockRow]) -> None:
        self._full_query_pending = False
        self.table.table_model().set_rows(rows)
        self.table.fit_columns_once()
        self.count_label.setText(ngettext("{n} regel", "{n} regels", len(rows)))
        self.rows_loaded.emit(len(rows))

    def _on_query_failed(self, error: BaseException) -> None:
        self._full_query_pending = False
        self.count_label.setText(error_sentence(error))

    def _on_table_activated_row(self, row: int) -> None:
        stock_row = self.table.table_model().row_at(row)
        if stock_row is not None:
            # Detail covers the selected tree location, so lots elsewhere stay in view too.
            self.context.open_product_requested.emit(stock_row.product_code,
                                                     self.location_code())

    def selected_row(self) -> StockRow | None:
        return self.table.table_model().row_at(self.table.current_row())

    def selected_product_codes(self) -> list[str]:
        """The products of the selected rows, in table order, each once."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        codes: list[str] = []
        for row in rows:
            stock_row = self.table.table_model().row_at(row)
            if stock_row is not None and stock_row.product_code not in codes:
                codes.append(stock_row.product_code)
        return codes

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.STOCK_SPLITTER, self.splitter)
        settings_keys.save_text(settings_keys.STOCK_LOCATION, self.location_code())
        settings_keys.save_choice(settings_keys.STOCK_STATUS_FILTER, self.status_filter)
        self.table.save_state()

    # --- the shell's questions -----------------------------------------------------------
    def shown(self) -> None:
        self.search.setFocus()

    def focus_on(self, request: str) -> None:
        """From the stuurbord: the whole zone under that card's filter ("under_minimum",
        "expiring", "expired"), or one product's detail ("product:SPT@GNK-MAG")."""
        from carma_logistiek.services.attention import product_of_focus, split_focus

        kind, value = split_focus(request)
        if kind == "product":
            self.context.open_product_requested.emit(*product_of_focus(value))
            return
        wanted = FOCUS_FILTERS.get(request)
        if wanted is None:
            return
        self.search.clear()
        top = self.tree.topLevelItem(0)
        if top is not None:
            self.tree.setCurrentItem(top)
        index = next(i for i in range(self.status_filter.count())
                     if self.status_filter.itemData(i) == wanted)
        self.status_filter.setCurrentIndex(index)
        self.refresh()
        self.table.setFocus()

    def actions_offered(self) -> list[ActionDeclaration]:
        stock = "stock"
        bookings = [
            ("delivery", _("Levering…"), "F2"),
            ("pickup", _("Afhaling…"), "F3"),
            ("consumption", _("Verbruik…"), "F4"),
            ("transfer", _("Overboeking…"), "F5"),
            ("count", _("Telling…"), "F6"),
            ("write_off", _("Afboeking vervallen…"), "F7"),
        ]
        return [
            ActionDeclaration("stock.search", stock, _("Zoeken"), "Ctrl+F", self.focus_search,
                              needs_data=False),
            ActionDeclaration("stock.detail", stock, _("Productdetail"), "Ctrl+I",
                              self.open_selected_product, "detail", needs_data=False),
            *[
                ActionDeclaration(f"stock.{kind}", stock, label, key,
                                  partial(self.open_booking, kind), kind, toolbar=True,
                                  separator_before=index == 0,
                                  permission=Permission.STOCK_BOOK)
                for index, (kind, label, key) in enumerate(bookings)
            ],
            ActionDeclaration("stock.labels", stock, _("Etiketten afdrukken…"), "Ctrl+P",
                              self.open_labels, "labels", toolbar=True, separator_before=True,
                              permission=Permission.DOCUMENTS_PRINT),
            ActionDeclaration("stock.report", stock, _("Voorraadrapport…"), "Ctrl+Shift+P",
                              self.open_stock_report, "report", toolbar=True,
                              permission=Permission.DOCUMENTS_PRINT),
        ]

    def focus_search(self) -> None:
        self.context.navigate.emit("stock")
        self.search.setFocus()
        self.search.selectAll()

    def open_selected_product(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.context.open_product_requested.emit(row.product_code, self.location_code())

    def _on_context_open_product_requested(self, product_code: str, location_code: str) -> None:
        from ui.stock.product_detail import ProductDetailDialog

        self.context.open_dialog(
            ProductDetailDialog(self.context, product_code, location_code or None, self.window())
        )

    def open_booking(self, kind: str) -> None:
        from ui.stock.booking_dialogs import DIALOGS

        row = self.selected_row() if self.isVisible() else None
        location = self.context.selected_location or (row.location_code if row else None)
        self.context.open_dialog(DIALOGS[kind](
            self.context, self.window(), location_code=location,
            product_code=row.product_code if row else None,
        ))

    def open_labels(self) -> None:
        from ui.stock.document_dialogs import LabelsDialog

        self.context.navigate.emit("stock")
        self.context.open_dialog(LabelsDialog(
            self.context, self.selected_product_codes(), self.location_code() or None,
            self.window(),
        ))

    def open_stock_report(self) -> None:
        from ui.stock.document_dialogs import StockReportDialog

        self.context.navigate.emit("stock")
        self.context.open_dialog(
            StockReportDialog(self.context, self.location_code() or None, self.window())
        )
