"""The dialog that links an unknown manufacturer barcode (GTIN) to a product."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _
from carma_logistiek.services import masterdata
from carma_logistiek.services.scans import link_gtin
from ui.shell.context import PRODUCT_PICKER_LIMIT, AppContext
from ui.widgets.forms import Form, MissingInput, ProductPicker


class LinkGtinDialog(QDialog):
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
        self.context.runner.call(
            link_gtin,
            product_code=code,
            gtin=self.gtin,
            actor=self.context.actor,
            on_done=self._on_runner_done,
            on_error=self._on_runner_error,
        )

    def _on_runner_done(self, product: object) -> None:
        # The pickers learn the new GTIN (not load_masterdata: that re-inits the window).
        self.context.runner.call(
            masterdata.search_products,
            text="",
            limit=PRODUCT_PICKER_LIMIT,
            on_done=lambda rows: setattr(self.context, "products", rows),
        )
        self.linked.emit(getattr(product, "name", ""))
        super().accept()

    def _on_runner_error(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self.form.show_error(error)
        else:
            raise error
