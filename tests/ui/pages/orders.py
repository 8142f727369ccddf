"""Bestellingen: the list, the selected order and its dialogs."""

from __future__ import annotations

from typing import Any


class OrdersPage:
    def __init__(self, app: Any, screen: Any) -> None:
        self.app = app
        self.screen = screen
        self.qtbot = app.qtbot

    @property
    def model(self):  # type: ignore[no-untyped-def]
        return self.screen.table.table_model()

    def row_count(self) -> int:
        return self.model.rowCount()

    def cell(self, row: int, header: str) -> str:
        column = [c.header for c in self.model.columns].index(header)
        return str(self.model.index(row, column).data())

    def current(self):  # type: ignore[no-untyped-def]
        """The order shown below the list (None when the list is empty)."""
        return self.screen.current_order

    def type_search(self, text: str) -> None:
        self.qtbot.keyClicks(self.screen.search, text)

    def clear_search(self) -> None:
        self.screen.search.clear()

    def filter_status(self, label: str) -> None:
        combo = self.screen.status_filter
        combo.setCurrentIndex(combo.findText(label))

    def refresh(self) -> None:
        self.screen.refresh()

    @property
    def loaded(self):  # type: ignore[no-untyped-def]
        """The signal emitted each time the list was (re)loaded."""
        return self.screen.rows_loaded

    # --- actions (the Bestellingen menu) -------------------------------------------------
    def new_order(self, location: str | None = None):  # type: ignore[no-untyped-def]
        self.screen.new_order(location)
        return self.app.dialog

    def edit(self):  # type: ignore[no-untyped-def]
        self.screen.edit_order()
        return self.app.dialog

    def mark_ordered(self) -> None:
        self.screen.mark_ordered()

    def receive(self):  # type: ignore[no-untyped-def]
        self.screen.receive()
        return self.app.dialog

    def cancel(self):  # type: ignore[no-untyped-def]
        self.screen.cancel()
        return self.app.dialog
