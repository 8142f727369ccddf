"""A product with its lots per location, minimums and movement history: every number on
the stock screen can be traced back to the movements here."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _
from carma_logistiek.services.results import ProductDetail
from ui.ops import stock as stock_ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.stock.models import lot_columns
from ui.stock.row_menus import HistoryTableModel, MovementRowMenu
from ui.widgets.sizing import fit_on_screen
from ui.widgets.table_model import RowTableModel
from ui.widgets.table_view import DataTable


class ProductDetailDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        product_code: str,
        location_code: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.product_code = product_code
        self.location_code = location_code
        self.detail: ProductDetail | None = None
        self.setWindowTitle(_("Product {code}", code=product_code))
        self.resize(1100, 640)
        settings_keys.restore_geometry(settings_keys.DETAIL_GEOMETRY, self)
        fit_on_screen(self, QSize(720, 480))
        layout = QVBoxLayout(self)
        self.heading = QLabel(product_code)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        self.lots = DataTable(RowTableModel(lot_columns("")), settings_keys.DETAIL_LOTS_HEADER)
        self.movements = DataTable(
            HistoryTableModel(), settings_keys.DETAIL_MOVEMENTS_HEADER
        )
        # Right-click, the Menu key or Shift+F10: Boeking terugdraaien… (Ctrl+Z), Toon boeking.
        self.movement_menu = MovementRowMenu(context, self.movements, self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._boxed(_("Loten per locatie"), self.lots))
        splitter.addWidget(self._boxed(_("Bewegingen (nieuwste eerst)"), self.movements))
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton(_("Sluiten"))
        close.clicked.connect(self.reject)
        close.setDefault(True)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        context.changed.connect(self._on_context_changed)
        self.reload()

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(widget)
        return box

    def reload(self) -> None:
        stock_ops.product_detail(
            self.context, product_code=self.product_code, location_code=self.location_code
        ).success(self._on_detail).failure(self._on_failed).latest_only(self, "detail").run()

    def _on_context_changed(self, changes: Changes) -> None:
        # A storno (or any booking) of this product: its lots and history read again.
        if self.product_code in changes.stock_products:
            self.reload()

    def _on_detail(self, detail: ProductDetail) -> None:
        self.detail = detail
        product = detail.product
        self.heading.setText(f"{product.code} — {product.name}")
        minimums = ", ".join(f"{code}: {minimum}" for code, minimum in detail.minimums)
        tracking = (
            _("lot en vervaldatum")
            if product.tracks_expiry
            else _("per lot")
            if product.tracks_lots
            else _("zonder lot")
        )
        self.facts.setText(
            _(
                "Categorie: {category} · Eenheid: {unit} · GTIN: {gtin} · Opvolging: {tracking}\n"
                "Totaal hier: {total} {unit} · Minimum per locatie: {minimums}",
                category=product.category or "-",
                unit=product.unit,
                gtin=product.gtin or "-",
                tracking=tracking,
                total=detail.total_quantity,
                minimums=minimums or "-",
            )
        )
        lots_model = self.lots.table_model()
        lots_model.columns = lot_columns(product.unit)
        lots_model.set_rows(detail.lots)
        self.movements.table_model().set_rows(detail.movements)
        self.lots.fit_columns_once()
        self.movements.fit_columns_once()

    def _on_failed(self, error: BaseException) -> None:
        self.facts.setText(error_sentence(error))

    def done(self, result: int) -> None:
        self._save_state()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_state()
        super().closeEvent(event)

    def _save_state(self) -> None:
        settings_keys.save_geometry(settings_keys.DETAIL_GEOMETRY, self)
        self.lots.save_state()
        self.movements.save_state()
