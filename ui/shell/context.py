"""What every screen shares: the configuration, the workers, the outside-world services, the
master data the pickers offer (locations, products, kept in memory as plain rows), and the
app-wide signals screens meet through (what changed, where to go, what to open)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from carma_logistiek.config import AppConfig
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.services.results import BookingResult, LocationRow, ProductRow
from ui.ops.render import RenderPool
from ui.ops.worker import DbWorker
from ui.shell.services import AppServices

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

PRODUCT_PICKER_LIMIT = 100_000


class AppContext(QObject):
    changed = Signal(object)  # Changes, after every write that changed something
    booked = Signal(object)  # BookingResult, after any stock booking (the status bar)
    masterdata_loaded = Signal()
    camera_status = Signal(str)  # the status bar's camera text
    navigate = Signal(str)  # the name of the screen to show
    open_product_requested = Signal(str, str)  # product code, location code ("" = zone)
    actor_changed = Signal(object)  # Actor: signed in, signed out, another demo role

    def __init__(self, config: AppConfig, runner: DbWorker, parent: QObject | None = None,
                 *, services: AppServices | None = None,
                 renderer: RenderPool | None = None, actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.runner = runner
        # ``actor`` given (tests, tools): the window works for it and nobody signs in.
        # Otherwise nobody (no role) until the sign-in (ui/signin) sets who signed in.
        self.fixed_actor = actor is not None
        self._actor = actor or Actor(user=config.actor)
        self.signed_in: object = None  # the sign-in's SignedIn (full name, zones, demo)
        if actor is not None:
            runner.bind_actor(actor)
        self.renderer = renderer or RenderPool(self)
        self.services = services or AppServices()
        self.locations: list[LocationRow] = []
        self.products: list[ProductRow] = []
        self.last_booking: BookingResult | None = None
        self.masterdata_ready = False
        # The stock location chosen on the stock screen: dialogs opened elsewhere start there.
        self.selected_location: str | None = None
        self.dialog: QDialog | None = None
        self._last_dialog: QDialog | None = None
        self.changed.connect(self._on_changed)

    @property
    def actor(self) -> Actor:
        """Who every service call is made for: the signed-in person (or the actor the window
        was built for). Reads check their permission too: the worker reads as this actor."""
        return self._actor

    def set_actor(self, actor: Actor, signed_in: object = None, *, bound: bool = True) -> None:
        """Someone signed in (``bound``: the worker now reads as them), signed out (a
        nobody, not bound: the sign-in reads as the system), or took another demo role."""
        self._actor = actor
        self.signed_in = signed_in
        self.runner.bind_actor(actor if bound else None)
        self.actor_changed.emit(actor)

    def may(self, permission: Permission) -> bool:
        """Whether the actor may use ``permission`` (screens the actor may not use are hidden)."""
        return self.actor.may(permission)

    @property
    def database_open(self) -> bool:
        return self.runner.is_open

    def load_masterdata(self) -> None:
        from ui.ops import masterdata

        if not self.may(Permission.STOCK_READ):  # a role without stock (the DPO): no pickers
            self.locations, self.products = [], []
            self._on_products_loaded([])
            return
        masterdata.list_locations(self).success(self._on_locations_loaded).run()
        masterdata.search_products(self, text="", limit=PRODUCT_PICKER_LIMIT).success(
            self._on_products_loaded
        ).run()

    def _on_locations_loaded(self, rows: list[LocationRow]) -> None:
        self.locations = rows

    def _on_products_loaded(self, rows: list[ProductRow]) -> None:
        self.products = rows
        self.masterdata_ready = True
        self.masterdata_loaded.emit()

    def when_masterdata_loaded(self, callback: Callable[[], None]) -> None:
        """``callback`` now when the master data is there already (a screen built later),
        and every time it is loaded."""
        self.masterdata_loaded.connect(callback)
        if self.masterdata_ready:
            callback()

    def _on_changed(self, changes: Changes) -> None:
        from ui.ops import masterdata

        if changes.products:  # the pickers learn a new GTIN; the screens keep their state
            masterdata.search_products(self, text="", limit=PRODUCT_PICKER_LIMIT).success(
                self._on_products_reloaded
            ).run()
        if changes.locations:  # a new, renamed, moved or retired place, for every picker
            masterdata.list_locations(self).success(self._on_locations_loaded).run()

    def _on_products_reloaded(self, rows: list[ProductRow]) -> None:
        self.products = rows

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

    def open_dialog(self, dialog: QDialog) -> None:
        """Open a (non-modal) dialog; ``self.dialog`` is the one open now."""
        # The previous dialog is closed by now: free it (not on close, so its result can
        # still be read by whoever opened it).
        if self._last_dialog is not None and not self._last_dialog.isVisible():
            self._last_dialog.deleteLater()
        self.dialog = self._last_dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def parent_window(self) -> QWidget | None:
        from PySide6.QtWidgets import QApplication

        return QApplication.activeWindow()
