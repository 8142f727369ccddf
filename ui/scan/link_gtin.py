"""The dialog that links an unknown manufacturer barcode (GTIN) to a product."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from carma_logistiek.i18n import _
from carma_logistiek.services.results import ProductRow
from ui.ops import masterdata as masterdata_ops
from ui.shell.context import AppContext
from ui.widgets.forms import FieldFirstDialog, Form, MissingInput, ProductPicker


class LinkGtinDialog(FieldFirstDialog):
    """ "Koppelen aan product…": pick the product this barcode belongs to."""

    linked = Signal(str)  # product name

    def __init__(self, context: AppContext, gtin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gtin = gtin
        self.setWindowTitle(_("Streepjescode koppelen"))
        self.setMinimumWidth(520)
        self.product = ProductPicker(context.products)
        self.form = Form()
        self.form.add("gtin", _("Streepjescode"), QLabel(gtin))
        self.form.add("product", _("Product"), self.product)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Koppelen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _("Aan welk product hoort deze streepjescode? Typ de code of een deel van de naam.")
            )
        )
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.product.setFocus()

    def accept(self) -> None:
        self.form.clear_errors()
        try:
            code = self.product.required_code()
        except MissingInput as error:
            self.form.show_error(error)
            return
        # On success the write announces the changed product: the context reloads the
        # pickers' products itself (not the whole master data: that re-inits the window).
        masterdata_ops.link_gtin(self.context, product_code=code, gtin=self.gtin).success(
            self._on_linked
        ).failure(self.form.show_error).run()

    def _on_linked(self, product: ProductRow) -> None:
        self.linked.emit(product.name)
        super().accept()
