"""Stamgegevens: three tabs (Producten, Locaties, Leveranciers) and their dialogs, driven
from the keyboard as a clerk at a desk would: keys go to the widget that has the focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

NO = Qt.KeyboardModifier.NoModifier


class MasterdataPage:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.qtbot = app.qtbot
        self.screen = app.window.screen_named("masterdata")

    # --- getting there -------------------------------------------------------------------
    def open(self) -> MasterdataPage:
        if self.app.current() != "masterdata":
            self.app.go("masterdata")
        self.app.wait_idle()
        self.app.window.activateWindow()
        self.screen.refocus()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        return self

    def tab(self, key: str) -> None:
        """Alt+P, Alt+L or Alt+E."""
        self.qtbot.keyClick(self.focused(), key, Qt.KeyboardModifier.AltModifier)

    def products_tab(self) -> Any:
        self.tab("P")
        return self.screen.products

    def locations_tab(self) -> Any:
        self.tab("L")
        return self.screen.locations

    def suppliers_tab(self) -> Any:
        self.tab("E")
        return self.screen.suppliers

    # --- the keyboard --------------------------------------------------------------------
    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO) -> None:
        self.qtbot.keyClick(self.focused(), key, modifiers)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)

    def tab_key(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Tab)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def save(self) -> None:
        """Ctrl+Enter: saves the dialog from any field."""
        self.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def wait_dialog(self, kind: type | None = None) -> Any:
        def shown() -> bool:
            dialog = self.app.window.dialog
            return dialog is not None and dialog.isVisible() and (
                kind is None or isinstance(dialog, kind))

        self.qtbot.waitUntil(shown, timeout=5000)
        self.app.wait_idle()
        dialog = self.app.window.dialog
        dialog.activateWindow()
        self.qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=2000)
        return dialog

    def wait_closed(self, dialog: Any) -> None:
        self.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        self.app.wait_idle()
        self.app.window.activateWindow()  # the keys go back to the screen
        self.qtbot.waitUntil(lambda: self.app.window.isActiveWindow(), timeout=2000)

    # --- what the screen shows -----------------------------------------------------------
    def product_codes(self) -> list[str]:
        return [row.code for row in self.screen.products.table.table_model().rows()]

    def tree_names(self) -> list[tuple[int, str]]:
        """(depth, name) of every location in the tree, in order."""
        model = self.screen.locations.model
        found: list[tuple[int, str]] = []

        def walk(parent: Any, depth: int) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                found.append((depth, str(index.data())))
                walk(index, depth + 1)

        walk(model.index(-1, -1), 0)
        return found

    def select_location(self, code: str) -> None:
        panel = self.screen.locations
        panel.select_code(code)
        panel.tree.setFocus()
        assert panel.selected_code() == code

    def select_product(self, code: str) -> None:
        table = self.screen.products.table
        self.screen.products.select_code(code)
        table.setFocus()
        assert self.screen.products.selected_code() == code
