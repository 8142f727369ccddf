"""Stamgegevens: the zone's own products, locations and suppliers, in three tabs. The screen
opens the dialogs (it reads what they need first) and refreshes each tab from what a write
changed. Without MASTERDATA_EDIT everything is shown and nothing can be changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _
from carma_logistiek.services.results import LocationRow
from ui.masterdata.dialogs import (
    MoveLocationDialog,
    NewLocationDialog,
    RenameLocationDialog,
    RetireLocationDialog,
    SupplierDialog,
)
from ui.masterdata.lists import ProductsPanel, SuppliersPanel
from ui.masterdata.locations import LocationsPanel
from ui.masterdata.product_dialog import FormData, ProductDialog
from ui.ops import masterdata as ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.screens import ActionDeclaration, Screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from carma_logistiek.services.masterdata import ProductDetails, SupplierRow

PRODUCTS, LOCATIONS, SUPPLIERS = range(3)
TAB_KEY = "masterdata/tab"
# What a retire refused because of stock says (domain/masterdata.LocationHoldsStock).
HOLDS_STOCK = "LocationHoldsStock"


class MasterdataScreen(Screen):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editable = context.may(Permission.MASTERDATA_EDIT)
        self.dialog: QDialog | None = None
        self._then: Callable[[], None] | None = None  # after the dialog open now is saved
        self.products = ProductsPanel(context, editable=self.editable)
        self.locations = LocationsPanel(context, editable=self.editable)
        self.suppliers = SuppliersPanel(context, editable=self.editable)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for panel, label, key in ((self.products, _("Producten"), "Alt+P"),
                                  (self.locations, _("Locaties"), "Alt+L"),
                                  (self.suppliers, _("Leveranciers"), "Alt+E")):
            index = self.tabs.addTab(panel, label)
            self.tabs.setTabToolTip(index, f"{label} ({key})")
            shortcut = QShortcut(QKeySequence(key), self,
                                 context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.readonly_note = QLabel(_("U mag de stamgegevens bekijken, niet wijzigen."))
        self._wire()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.readonly_note)
        layout.addWidget(self.tabs)
        self.readonly_note.setVisible(not self.editable)  # in the layout: never its own window
        context.when_masterdata_loaded(self.loaded)
        context.changed.connect(self._on_context_changed)

    def _wire(self) -> None:
        self.products.open_requested.connect(self.open_product)
        self.products.new_requested.connect(self.new_product)
        self.products.retire_requested.connect(self._on_product_retire_requested)
        self.suppliers.open_requested.connect(self.open_supplier)
        self.suppliers.new_requested.connect(self.new_supplier)
        self.suppliers.retire_requested.connect(self._on_supplier_retire_requested)
        self.locations.new_requested.connect(self.new_location)
        self.locations.rename_requested.connect(self.rename_location)
        self.locations.move_requested.connect(self.move_location)
        self.locations.retire_requested.connect(self.retire_location)
        self.locations.reactivate_requested.connect(self.reactivate_location)

    def loaded(self) -> None:
        self.refresh()
        value = settings_keys.settings().value(TAB_KEY, PRODUCTS)
        self.tabs.setCurrentIndex(int(str(value)) if str(value).isdigit() else PRODUCTS)

    def refresh(self) -> None:
        self.products.refresh()
        self.locations.refresh()
        self.suppliers.refresh()

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.products or changes.suppliers:
            self.products.refresh()  # the preferred supplier's name shows in the list
        if changes.suppliers:
            self.suppliers.refresh()
        if changes.locations:
            self.locations.refresh()

    # --- products ------------------------------------------------------------------------
    def new_product(self) -> None:
        if self.editable:
            self.tabs.setCurrentIndex(PRODUCTS)
            ops.product_form_data(self.context).success(
                lambda data: self._open_product(None, data, None)).failure(
                self.products.show_error).run()

    def open_product(self, code: str) -> None:
        def with_data(data: Any) -> None:
            ops.product_details(self.context, code=code).success(
                lambda details: self._with_photo(details, data)).failure(
                self.products.show_error).run()

        ops.product_form_data(self.context).success(with_data).failure(
            self.products.show_error).run()

    def _with_photo(self, details: ProductDetails, data: Any) -> None:
        if not details.has_photo:
            self._open_product(details, data, None)
            return
        ops.product_photo(self.context, code=details.code).success(
            lambda photo: self._open_product(details, data, photo[1] if photo else None)
        ).failure(self.products.show_error).run()

    def _open_product(self, details: ProductDetails | None, data: Any,
                      photo: bytes | None) -> None:
        categories, units, suppliers = data
        dialog = ProductDialog(self.context, details, FormData(categories, units, suppliers),
                               photo, self.window(), editable=self.editable)
        dialog.accepted.connect(lambda: self._after_product(dialog))
        self._open(dialog)

    def _after_product(self, dialog: ProductDialog) -> None:
        if dialog.saved_code:
            self.products.select_after_refresh(dialog.saved_code)
            self.products.refresh()
        self._run_then()

    def _on_product_retire_requested(self, code: str, active: bool) -> None:
        make = ops.retire_product if active else ops.reactivate_product
        make(self.context, code=code).failure(self.products.show_error).run()

    # --- suppliers -----------------------------------------------------------------------
    def new_supplier(self) -> None:
        if self.editable:
            self.tabs.setCurrentIndex(SUPPLIERS)
            self._open_supplier_dialog(None)

    def open_supplier(self, code: str) -> None:
        ops.get_supplier(self.context, code=code).success(self._open_supplier_dialog).failure(
            self.suppliers.show_error).run()

    def _open_supplier_dialog(self, supplier: SupplierRow | None) -> None:
        dialog = SupplierDialog(self.context, supplier, self.window(), editable=self.editable)
        dialog.accepted.connect(lambda: self._after_saved(self.suppliers, dialog))
        self._open(dialog)

    def _on_supplier_retire_requested(self, code: str, active: bool) -> None:
        make = ops.retire_supplier if active else ops.reactivate_supplier
        make(self.context, code=code).failure(self.suppliers.show_error).run()

    # --- locations -----------------------------------------------------------------------
    def _location(self, code: str) -> LocationRow | None:
        return next((row for row in self.locations.rows if row.code == code), None)

    def new_location(self, parent_code: str = "") -> None:
        if not self.editable:
            return
        self.tabs.setCurrentIndex(LOCATIONS)
        active = [row for row in self.locations.rows if row.active]
        dialog = NewLocationDialog(self.context, active, parent_code or None, self.window())
        dialog.accepted.connect(lambda: self._after_saved(self.locations, dialog))
        self._open(dialog)

    def rename_location(self, code: str) -> None:
        row = self._location(code)
        if row is not None:
            dialog = RenameLocationDialog(self.context, row, self.window())
            dialog.accepted.connect(lambda: self._after_saved(self.locations, dialog))
            self._open(dialog)

    def move_location(self, code: str) -> None:
        row = self._location(code)
        if row is not None:
            active = [other for other in self.locations.rows if other.active]
            dialog = MoveLocationDialog(self.context, row, active, self.window())
            dialog.accepted.connect(lambda: self._after_saved(self.locations, dialog))
            self._open(dialog)

    def retire_location(self, code: str) -> None:
        """Asks first (Delete is one key away from other keys); a place that still holds
        stock then asks where the stock goes (the service said so, with the numbers)."""
        row = self._location(code)
        if row is None or not self.context.services.prompts.confirm(
                self.window(), _("Locatie buiten gebruik"),
                _("{name} ({code}) buiten gebruik nemen? De geschiedenis blijft bewaard.",
                  name=row.name, code=row.code),
                _("Buiten gebruik nemen"), _("Annuleren"), destructive=True):
            return
        ops.retire_location(self.context, code=code).failure(
            lambda error: self._on_retire_refused(row, error)).run()

    def _on_retire_refused(self, row: LocationRow, error: BaseException) -> None:
        if getattr(error, "code", "") == HOLDS_STOCK:
            dialog = RetireLocationDialog(self.context, row, error_sentence(error),
                                          self.window())
            dialog.accepted.connect(lambda: self._after_saved(self.locations, dialog))
            self._open(dialog)
            return
        self.locations.show_error(error)

    def reactivate_location(self, code: str) -> None:
        ops.reactivate_location(self.context, code=code).failure(
            self.locations.show_error).run()

    # --- dialogs -------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.rejected.connect(self._on_dialog_rejected)
        self.context.open_dialog(dialog)

    def _after_saved(self, panel: Any, dialog: Any) -> None:
        code = getattr(dialog.result_row, "code", None)
        if code:
            panel.select_after_refresh(code)
            panel.refresh()
        self._run_then()

    def _run_then(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _on_dialog_rejected(self) -> None:
        self._then = None

    # --- the shell's questions -----------------------------------------------------------
    def focus_on(self, request: str) -> None:
        """"first_start" (the welcome panel's second button): the first location, then the
        first product."""
        if request == "first_start" and self.editable:
            self._then = self.new_product
            self.new_location("")

    def _on_tabs_current_changed(self, _index: int) -> None:
        # Only while shown: the focus on a hidden screen's field takes the window's
        # shortcuts with it (Ctrl+1 stopped working once this screen was built).
        if self.isVisible():
            self.refocus()

    def refocus(self) -> None:
        panel = self.tabs.currentWidget()
        if isinstance(panel, (ProductsPanel, SuppliersPanel, LocationsPanel)):
            panel.focus()

    def shown(self) -> None:
        self.refocus()

    def new_in_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index == LOCATIONS:
            self.locations.ask_new()
        elif index == SUPPLIERS:
            self.new_supplier()
        else:
            self.new_product()

    def intercept(self, action_id: str) -> bool:
        """While this screen is shown: Ctrl+N makes a new item of the tab shown (not a new
        order); F2 renames the selected location (not a delivery)."""
        if action_id == "orders.new":
            self.new_in_tab()
            return True
        if action_id == "stock.delivery" and self.tabs.currentIndex() == LOCATIONS:
            self.locations.ask_rename()
            return True
        return False

    def actions_offered(self) -> list[ActionDeclaration]:
        menu = "masterdata"
        return [
            ActionDeclaration("masterdata.product", menu, _("Nieuw product…"), "",
                              self._go(PRODUCTS, self.new_product),
                              permission=Permission.MASTERDATA_EDIT),
            ActionDeclaration("masterdata.location", menu, _("Nieuwe locatie…"), "",
                              self._go(LOCATIONS, self.locations.ask_new),
                              permission=Permission.MASTERDATA_EDIT),
            ActionDeclaration("masterdata.supplier", menu, _("Nieuwe leverancier…"), "",
                              self._go(SUPPLIERS, self.new_supplier),
                              permission=Permission.MASTERDATA_EDIT),
        ]

    def _go(self, tab: int, then: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.context.navigate.emit("masterdata")
            self.tabs.setCurrentIndex(tab)
            then()

        return run

    def save_state(self) -> None:
        settings_keys.settings().setValue(TAB_KEY, self.tabs.currentIndex())
        self.products.table.save_state()
        self.suppliers.table.save_state()
