"""The main window: rail, menus' shortcuts, status bar, the dialog that is open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.shell.main_window import MainWindow


class AppPage:
    def __init__(self, window: MainWindow, qtbot: Any) -> None:
        self.window = window
        self.qtbot = qtbot

    # --- the screens ---------------------------------------------------------------------
    @property
    def stock(self):  # type: ignore[no-untyped-def]
        """The stock screen; shown first when the window is still on the stuurbord, where it
        opens (a table never shown has no width to fit its columns to)."""
        from pages.stock import StockPage

        if self.current() == "dashboard":
            self.go("stock")
        return StockPage(self, self.window.screen_named("stock"))

    @property
    def scan(self):  # type: ignore[no-untyped-def]
        from pages.scan import ScanPage

        return ScanPage(self, self.window.screen_named("scan"))

    @property
    def orders(self):  # type: ignore[no-untyped-def]
        from pages.orders import OrdersPage

        return OrdersPage(self, self.window.screen_named("orders"))

    @property
    def kits(self):  # type: ignore[no-untyped-def]
        from pages.kits import KitsPage

        return KitsPage(self, self.window.screen_named("kits"))

    @property
    def context(self):  # type: ignore[no-untyped-def]
        return self.window.context

    def current(self) -> str:
        """The name of the screen shown ("stock", "scan", "orders", "kits", "" = loading)."""
        shown = self.window.current_screen()
        return next((name for name, screen in self.window.screens.items() if screen is shown),
                    "")

    def go(self, name: str) -> None:
        """Click the screen in the navigation rail."""
        names = [d.name for d in self.window.declarations]
        self.window.rail.setCurrentRow(names.index(name))
        self.qtbot.waitUntil(lambda: self.current() == name, timeout=2000)

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        """A key on the main window (menu shortcuts)."""
        self.window.activateWindow()
        self.qtbot.keyClick(self.window, key, modifiers)

    def rail_titles(self) -> list[str]:
        rail = self.window.rail
        return [rail.item(i).text() for i in range(rail.count())]

    def rail_enabled(self) -> bool:
        return self.window.rail.isEnabled()

    def wait_idle(self) -> None:
        context = self.context
        self.qtbot.waitUntil(lambda: not context.runner.busy and not context.renderer.busy,
                             timeout=10_000)

    # --- what the window shows -----------------------------------------------------------
    def title(self) -> str:
        return self.window.windowTitle()

    def database_text(self) -> str:
        return self.window.database_label.text()

    def user_text(self) -> str:
        return self.window.user_label.text()

    def camera_text(self) -> str:
        return self.window.camera_label.text()

    def last_booking(self) -> str:
        return self.window.last_booking_label.text()

    def demo_marked(self) -> bool:
        return self.window.demo_label.isVisibleTo(self.window)

    @property
    def dialog(self):  # type: ignore[no-untyped-def]
        """The dialog a screen opened and that is still open (None when closed)."""
        return self.context.dialog

    def wait_dialog(self):  # type: ignore[no-untyped-def]
        self.qtbot.waitUntil(lambda: self.dialog is not None, timeout=2000)
        return self.dialog

    # --- menu actions --------------------------------------------------------------------
    def open_booking(self, kind: str):  # type: ignore[no-untyped-def]
        """The Voorraad menu's booking (Levering…, Afhaling…, …) as a click would open it."""
        self.window.screen_named("stock").open_booking(kind)  # type: ignore[attr-defined]
        return self.wait_dialog()

    def open_labels(self):  # type: ignore[no-untyped-def]
        self.window.screen_named("stock").open_labels()  # type: ignore[attr-defined]
        return self.wait_dialog()

    def open_stock_report(self):  # type: ignore[no-untyped-def]
        self.window.screen_named("stock").open_stock_report()  # type: ignore[attr-defined]
        return self.wait_dialog()

    def close(self) -> None:
        self.window.close()
