"""What every screen shares: the configuration, the worker, and the master data the
pickers offer (locations, products), kept in memory as plain rows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from carma_logistiek.config import AppConfig
from carma_logistiek.services import masterdata
from carma_logistiek.services.results import BookingResult, LocationRow, ProductRow
from ui.ops.worker import DbWorker

PRODUCT_PICKER_LIMIT = 100_000


class AppContext(QObject):
    booked = Signal(object)  # BookingResult, after any stock booking
    orders_changed = Signal()
    masterdata_loaded = Signal()

    def __init__(self, config: AppConfig, runner: DbWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.runner = runner
        self.locations: list[LocationRow] = []
        self.products: list[ProductRow] = []
        self.last_booking: BookingResult | None = None

    @property
    def actor(self) -> str:
        return self.config.actor

    def load_masterdata(self) -> None:
        self.runner.call(masterdata.list_locations, on_done=self._on_locations_loaded)
        self.runner.call(
            masterdata.search_products,
            text="",
            limit=PRODUCT_PICKER_LIMIT,
            on_done=self._on_products_loaded,
        )

    def _on_locations_loaded(self, rows: list[LocationRow]) -> None:
        self.locations = rows

    def _on_products_loaded(self, rows: list[ProductRow]) -> None:
        self.products = rows
        self.masterdata_loaded.emit()

    def stock_locations(self) -> list[LocationRow]:
        return [row for row in self.locations if row.holds_stock]

    def location(self, code: str) -> LocationRow | None:
        return next((row for row in self.locations if row.code == code), None)

    def product(self, code: str) -> ProductRow | None:
        wanted = code.strip().upper()
        return next((row for row in self.products if row.code == wanted), None)

    def notify_booked(self, result: BookingResult) -> None:
        self.last_booking = result
        self.booked.emit(result)
