"""The main window: navigation rail, screens, menus with shortcuts, status bar. A thin shell;
the screens do the work."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import _
from carma_logistiek.services.results import BookingResult
from ui.kits.screen import KitsScreen, kits_rail_item
from ui.kits.shortages import ShortagesDialog
from ui.orders.screen import OrdersScreen
from ui.scan.screen import ScanScreen
from ui.shell import settings_keys, theme
from ui.shell.context import AppContext
from ui.stock.booking_dialogs import DIALOGS
from ui.stock.document_dialogs import LabelsDialog, StockReportDialog
from ui.stock.product_detail import ProductDetailDialog
from ui.stock.screen import StockScreen
from ui.widgets import prompts

BOOKED_VERBS = {
    MovementKind.DELIVERY: "Geleverd",
    MovementKind.PICKUP: "Afgehaald",
    MovementKind.CONSUMPTION: "Verbruikt",
    MovementKind.TRANSFER_OUT: "Overgeboekt",
    MovementKind.COUNT_CORRECTION: "Geteld",
    MovementKind.EXPIRY_WRITE_OFF: "Afgeboekt",
}


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.dialog: QWidget | None = None
        self._last_dialog: QWidget | None = None
        config = context.config
        title = _("CARMA Logistiek — {zone}", zone=config.zone_name)
        self.setWindowTitle(f"{title} — {_('DEMO')}" if config.demo else title)
        self.stock = StockScreen(context)
        self.orders = OrdersScreen(context)
        self.scan = ScanScreen(context)
        self.kits = KitsScreen(context)
        # Rail order: Voorraad, Scannen, Bestellingen (the counter's screens first).
        self.screens: tuple[QWidget, ...] = (self.stock, self.scan, self.orders, self.kits)
        self.stack = QStackedWidget()
        self.loading = self._loading_page()
        for page in (self.loading, *self.screens):
            self.stack.addWidget(page)
        self.rail = self._rail()
        self.rail.addItem(kits_rail_item())  # EHBO, Ctrl+4
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._make_actions()
        self._make_status_bar()
        self.stock.open_product.connect(self._on_stock_open_product)
        self.scan.camera_status.connect(self.camera_label.setText)
        self.kits.camera_status.connect(self.camera_label.setText)
        context.booked.connect(self._on_context_booked)
        context.masterdata_loaded.connect(self._on_context_masterdata_loaded)
        context.runner.database_opened.connect(self._on_runner_database_opened)
        context.runner.database_failed.connect(self._on_runner_database_failed)
        context.runner.progress.connect(self._on_runner_progress)
        self.resize(1280, 760)
        settings_keys.restore_geometry(settings_keys.MAIN_WINDOW_GEOMETRY, self)
        self.set_ready(False)

    # --- building ------------------------------------------------------------------------
    def _loading_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.loading_label = QLabel(_("Databank openen…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setWordWrap(True)
        self.loading_bar = QProgressBar()
        self.loading_bar.setRange(0, 0)
        self.loading_bar.setMaximumWidth(360)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.loading_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _rail(self) -> QListWidget:
        rail = QListWidget()
        rail.setObjectName("navigationRail")
        rail.setViewMode(QListWidget.ViewMode.IconMode)
        rail.setMovement(QListWidget.Movement.Static)
        rail.setFlow(QListWidget.Flow.TopToBottom)
        rail.setIconSize(QSize(28, 28))
        rail.setGridSize(QSize(96, 68))
        rail.setFixedWidth(104)
        rail.setSpacing(2)
        for name, label, shortcut in (
            ("stock", _("Voorraad"), "Ctrl+1"),
            ("scan", _("Scannen"), "Ctrl+3"),
            ("orders", _("Bestellingen"), "Ctrl+2"),
        ):
            item = QListWidgetItem(theme.icon(self, name), label)
            item.setToolTip(f"{label} ({shortcut})")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            rail.addItem(item)
        rail.currentRowChanged.connect(self._on_rail_current_row_changed)
        return rail

    def _action(self, menu, text: str, shortcut: str, slot, icon: str | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        if icon:
            action.setIcon(theme.icon(self, icon))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Bestand"))
        self._action(file_menu, _("Afsluiten"), "Ctrl+Q", self.close, "quit")
        view = bar.addMenu(_("Beel&d"))
        self._action(view, _("Voorraad"), "Ctrl+1", lambda: self.show_screen(0), "stock")
        self._action(view, _("Scannen"), "Ctrl+3", lambda: self.show_screen(1), "scan")
        self._action(view, _("Bestellingen"), "Ctrl+2", lambda: self.show_screen(2), "orders")
        self._action(view, _("EHBO"), "Ctrl+4", lambda: self.show_screen(3))
        view.addSeparator()
        self._action(view, _("Vernieuwen"), "Ctrl+R", self.refresh, "refresh")
        stock_menu = bar.addMenu(_("&Voorraad"))
        self._action(stock_menu, _("Zoeken"), "Ctrl+F", self._focus_stock_search)
        self._action(
            stock_menu, _("Productdetail"), "Ctrl+I", self._open_selected_product, "detail"
        )
        stock_menu.addSeparator()
        self.booking_actions = [
            self._action(stock_menu, label, key, lambda k=kind: self.open_booking(k), kind)
            for kind, label, key in (
                ("delivery", _("Levering…"), "F2"),
                ("pickup", _("Afhaling…"), "F3"),
                ("consumption", _("Verbruik…"), "F4"),
                ("transfer", _("Overboeking…"), "F5"),
                ("count", _("Telling…"), "F6"),
                ("write_off", _("Afboeking vervallen…"), "F7"),
            )
        ]
        stock_menu.addSeparator()
        self.document_actions = [
            self._action(stock_menu, _("Etiketten afdrukken…"), "Ctrl+P", self.open_labels, "labels"),
            self._action(
                stock_menu, _("Voorraadrapport…"), "Ctrl+Shift+P", self.open_stock_report, "report"
            ),
        ]
        self._action(stock_menu, _("Tekorten EHBO-kits…"), "", self.open_kit_shortages)
        orders_menu = bar.addMenu(_("Be&stellingen"))
        o = self.orders
        self.order_actions = [
            self._action(orders_menu, _("Nieuwe bestelling…"), "Ctrl+N", self._new_order, "new"),
            self._action(orders_menu, _("Bestelling wijzigen…"), "Ctrl+E", o.edit_order, "edit"),
            self._action(orders_menu, _("Besteld"), "Ctrl+B", o.mark_ordered, "ordered"),
            self._action(orders_menu, _("Levering ontvangen…"), "Ctrl+L", o.receive, "receive"),
            self._action(
                orders_menu, _("Bestelling annuleren…"), "Ctrl+Shift+X", o.cancel, "cancel"
            ),
        ]
        self._toolbar(self.stock, self.booking_actions + self.document_actions)
        self._toolbar(self.orders, self.order_actions)

    @staticmethod
    def _toolbar(screen: QWidget, actions: list[QAction]) -> None:
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        for action in actions:
            toolbar.addAction(action)
        screen.layout().insertWidget(0, toolbar)  # type: ignore[union-attr]

    def _make_status_bar(self) -> None:
        config = self.context.config
        self.database_label = QLabel()
        self.demo_label = QLabel(_(" DEMO "))
        self.demo_label.setStyleSheet(
            "background: #f9a825; color: #1a1a1a; font-weight: 700; border-radius: 3px;"
        )
        self.demo_label.setVisible(config.demo)
        self.user_label = QLabel(_("Gebruiker: {actor}", actor=config.actor))
        self.camera_label = QLabel(_("Camera: niet in gebruik"))
        self.last_booking_label = QLabel(_("Nog niets geboekt"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(80)
        self.busy_bar.setVisible(False)
        status = self.statusBar()
        status.addWidget(self.demo_label)
        status.addWidget(self.database_label)
        status.addWidget(self.last_booking_label, 1)
        status.addPermanentWidget(self.busy_bar)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.camera_label)
        self._set_database_text(_("Databank: wordt geopend…"))

    def _set_database_text(self, text: str) -> None:
        self.database_label.setText(text)
        self.database_label.setToolTip(self.context.config.database_url.split("@")[-1])

    # --- state ---------------------------------------------------------------------------
    def set_ready(self, ready: bool) -> None:
        self.rail.setEnabled(ready)
        for action in self.booking_actions + self.order_actions + self.document_actions:
            action.setEnabled(ready)
        if not ready:
            self.stack.setCurrentWidget(self.loading)

    def show_screen(self, index: int) -> None:
        if self.rail.isEnabled():
            self.rail.setCurrentRow(index)

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    def _on_rail_current_row_changed(self, row: int) -> None:
        screen = self.screens[max(0, row)]
        self.stack.setCurrentWidget(screen)
        if screen is self.scan:
            self.scan.refocus()
        elif screen is self.kits:
            self.kits.refocus()
        else:
            (self.stock.search if screen is self.stock else self.orders.table).setFocus()

    def _on_runner_progress(self, text: str) -> None:
        self.loading_label.setText(_(text))

    def _on_runner_database_opened(self, db: object) -> None:
        self._set_database_text(_("Databank: {name}", name=self.context.runner.description or "?"))
        self.loading_label.setText(_("Gegevens laden…"))
        self.context.runner.busy_changed.connect(self.busy_bar.setVisible)
        self.context.load_masterdata()

    def _on_runner_database_failed(self, error: BaseException) -> None:
        text = (
            error.message()
            if isinstance(error, DomainError)
            else _("De databank kon niet geopend worden: {detail}", detail=error)
        )
        self._set_database_text(_("Databank: niet geopend"))
        self.loading_bar.setVisible(False)
        self.loading_label.setText(text)
        prompts.show_error(self, _("Databank niet geopend"), text)

    def _on_context_masterdata_loaded(self) -> None:
        self.set_ready(True)
        self.stock.show_locations()
        self.scan.show_locations()
        self.kits.loaded()
        self.orders.refresh()
        value = settings_keys.settings().value(settings_keys.MAIN_WINDOW_SCREEN, 0)
        self.rail.setCurrentRow(int(value or 0) if str(value).isdigit() else 0)

    # --- actions -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.stock.refresh()
        self.orders.refresh()

    def _focus_stock_search(self) -> None:
        self.show_screen(0)
        self.stock.search.setFocus()
        self.stock.search.selectAll()

    def _open_selected_product(self) -> None:
        row = self.stock.selected_row()
        if row is not None:
            self._on_stock_open_product(row.product_code, self.stock.location_code())

    def _on_stock_open_product(self, product_code: str, location_code: str) -> None:
        self._show_dialog(
            ProductDetailDialog(self.context, product_code, location_code or None, self)
        )

    def open_booking(self, kind: str) -> None:
        if self.current_screen() is self.scan and kind in ("pickup", "delivery", "count"):
            self.scan.set_mode(kind)  # F3/F2/F6 switch the scan mode there, no dialog
            return
        row = self.stock.selected_row() if self.current_screen() is self.stock else None
        dialog = DIALOGS[kind](
            self.context,
            self,
            location_code=self.stock.stock_location_code() or (row.location_code if row else None),
            product_code=row.product_code if row else None,
        )
        self._show_dialog(dialog)

    def open_labels(self) -> None:
        self.show_screen(0)
        self._show_dialog(
            LabelsDialog(
                self.context,
                self.stock.selected_product_codes(),
                self.stock.location_code() or None,
                self,
            )
        )

    def open_stock_report(self) -> None:
        self.show_screen(0)
        self._show_dialog(StockReportDialog(self.context, self.stock.location_code() or None, self))

    def open_kit_shortages(self) -> None:
        self._show_dialog(ShortagesDialog(self.context, self))

    def _new_order(self) -> None:
        if self.current_screen() is self.kits and self.kits.new_in_tab():
            return  # Ctrl+N on the Kittypes tab: a new kit type
        self.show_screen(2)
        self.orders.new_order(self.stock.stock_location_code())

    def _show_dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        # The previous dialog is closed by now: free it (not on close, so its result can
        # still be read by whoever opened it).
        if self._last_dialog is not None and not self._last_dialog.isVisible():
            self._last_dialog.deleteLater()
        self.dialog = self._last_dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def _on_context_booked(self, result: BookingResult) -> None:
        self.last_booking_label.setText(self.booking_text(result))
        self.stock.refresh_touched(sorted({line.product_code for line in result.lines}))
        self.context.orders_changed.emit()

    def booking_text(self, result: BookingResult) -> str:
        verb = _(BOOKED_VERBS.get(result.kind, "Geboekt"))
        lines = [line for line in result.lines if line.quantity < 0] or list(result.lines)
        if not lines:
            return _("{verb}: geen verschil", verb=verb)
        total: dict[str, int] = {}
        for line in lines:
            total[line.product_name] = total.get(line.product_name, 0) + abs(line.quantity)
        location = self.context.location(lines[0].location_code)
        what = ", ".join(f"{qty} x {name}" for name, qty in total.items())
        return f"{verb}: {what} — {location.name if location else lines[0].location_code}"

    def closeEvent(self, event: QCloseEvent) -> None:
        settings_keys.save_geometry(settings_keys.MAIN_WINDOW_GEOMETRY, self)
        if self.rail.isEnabled():
            settings_keys.settings().setValue(
                settings_keys.MAIN_WINDOW_SCREEN, self.rail.currentRow()
            )
        self.stock.save_state()
        self.scan.save_state()
        self.kits.save_state()
        self.kits.stop_camera()
        self.scan.stop_camera()
        self.orders.save_state()
        self.context.runner.stop()
        super().closeEvent(event)
