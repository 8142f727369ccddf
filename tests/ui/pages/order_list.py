"""Bestellijst (Ctrl+Shift+L on the orders screen): tick lines, type quantities, create."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


class OrderListPage:
    def __init__(self, app: Any, dialog: Any) -> None:
        self.app = app
        self.dialog = dialog
        self.qtbot = app.qtbot

    @classmethod
    def open(cls, app: Any) -> OrderListPage:
        """Bestellingen > Bestellijst… (Ctrl+Shift+L), as a click in the menu does it."""
        action = cls.menu_action(app)
        assert action.shortcut().toString() == "Ctrl+Shift+L"
        action.trigger()
        page = cls(app, app.wait_dialog())
        app.wait_idle()
        return page

    @staticmethod
    def menu_action(app: Any):  # type: ignore[no-untyped-def]
        return next(action for action in app.window.menus["orders"].actions()
                    if action.text() == "Bestellijst…")

    @property
    def model(self):  # type: ignore[no-untyped-def]
        return self.dialog.model

    @property
    def table(self):  # type: ignore[no-untyped-def]
        return self.dialog.table

    def products(self) -> list[str]:
        return [line.product_code for line in self.model.rows()]

    def row_of(self, product: str) -> int:
        return self.products().index(product)

    def cell(self, product: str, header: str) -> str:
        column = [c.header for c in self.model.columns].index(header)
        return str(self.model.index(self.row_of(product), column).data())

    def tooltip(self, product: str, header: str) -> str:
        column = [c.header for c in self.model.columns].index(header)
        return str(self.model.index(self.row_of(product), column)
                   .data(Qt.ItemDataRole.ToolTipRole))

    def ticked(self, product: str) -> bool:
        line = self.model.rows()[self.row_of(product)]
        return bool(self.model.is_ticked(line))

    def go_to(self, product: str) -> None:
        self.table.setFocus()
        self.table.selectRow(self.row_of(product))

    def press_space(self, product: str) -> None:
        self.go_to(product)
        self.qtbot.keyClick(self.table, Qt.Key.Key_Space)

    def type_quantity(self, product: str, digits: str) -> None:
        """Typing a number on the line opens its quantity; Enter keeps it."""
        self.go_to(product)
        self.qtbot.keyClick(self.table, digits[0])
        editor = self.table.quantity_delegate.editor  # opened by the digit, holding it
        self.qtbot.keyClicks(editor, digits[1:])
        self.qtbot.keyClick(editor, Qt.Key.Key_Return)
        # The item delegate commits what was typed on the next turn of the event loop.
        self.qtbot.waitUntil(lambda: self.table.state() != self.table.State.EditingState,
                             timeout=2000)

    def button_text(self) -> str:
        return str(self.dialog.create_button.text())

    def totals(self) -> str:
        return str(self.dialog.totals.text())

    def message(self) -> str:
        return str(self.dialog.message.text())

    def create(self) -> None:
        self.qtbot.mouseClick(self.dialog.create_button, Qt.MouseButton.LeftButton)
