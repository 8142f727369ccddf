"""Voorraad: the location tree, search, status filter and the stock table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt


class StockPage:
    def __init__(self, app: Any, screen: Any) -> None:
        self.app = app
        self.screen = screen
        self.qtbot = app.qtbot

    @property
    def model(self):  # type: ignore[no-untyped-def]
        return self.screen.table.table_model()

    def rows(self) -> list[tuple[str, str]]:
        """(product, location) of every row, in table order."""
        return [(row.product_code, row.location_code) for row in self.model.rows()]

    def quantities(self) -> dict[tuple[str, str], int]:
        return {(r.product_code, r.location_code): r.quantity for r in self.model.rows()}

    def wait_rows(self, expected: list[tuple[str, str]]) -> None:
        self.qtbot.waitUntil(lambda: self.rows() == expected, timeout=3000)

    def wait_count(self, count: int) -> None:
        self.qtbot.waitUntil(lambda: len(self.rows()) == count, timeout=3000)

    def type_search(self, text: str) -> None:
        self.qtbot.keyClicks(self.screen.search, text)

    def clear_search(self) -> None:
        self.screen.search.clear()

    def filter_status(self, label: str) -> None:
        combo = self.screen.status_filter
        combo.setCurrentIndex(combo.findText(label))

    def choose_location(self, code: str) -> None:
        self.screen.set_location(code)

    def cell(self, row: int, header: str) -> str:
        column = [c.header for c in self.model.columns].index(header)
        return str(self.model.index(row, column).data())

    def highlighted(self, row: int, header: str) -> str | None:
        """The colour a cell's text is highlighted in ("#c62828"), None when plain."""
        column = [c.header for c in self.model.columns].index(header)
        brush = self.model.data(self.model.index(row, column), Qt.ItemDataRole.ForegroundRole)
        return brush.color().name() if brush is not None else None

    def sort_by(self, header: str, order: Qt.SortOrder) -> None:
        column = [c.header for c in self.model.columns].index(header)
        self.screen.table.sortByColumn(column, order)

    def open_row(self, row: int):  # type: ignore[no-untyped-def]
        """Select the row and press Enter: the product detail opens."""
        table = self.screen.table
        table.setFocus()
        table.selectRow(row)
        self.qtbot.keyClick(table, Qt.Key.Key_Return)
        return self.app.dialog

    def select_rows(self, rows: list[int]) -> None:
        selection = self.screen.table.selectionModel()
        model = self.screen.table.model()
        for row in rows:
            selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)

    def selected_products(self) -> list[str]:
        return self.screen.selected_product_codes()

    def row_count(self) -> int:
        return self.screen.table.model().rowCount()

    # --- remembered layout ---------------------------------------------------------------
    def set_column_width(self, column: int, width: int) -> None:
        self.screen.table.setColumnWidth(column, width)

    def column_width(self, column: int) -> int:
        return self.screen.table.columnWidth(column)

    def columns_fill_the_table(self) -> bool:
        """The shown columns add up to the table's width: no empty band, nothing hidden."""
        table = self.screen.table
        header = table.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        return sum(header.sectionSize(c) for c in shown) == table.viewport().width()

    def status_in_view(self) -> bool:
        table = self.screen.table
        column = [c.header for c in self.model.columns].index("Status")
        header = table.horizontalHeader()
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        return header.sectionViewportPosition(column) >= 0 and right <= table.viewport().width()

    def hide_column(self, column: int) -> None:
        self.screen.table.horizontalHeader().setSectionHidden(column, True)

    def column_hidden(self, column: int) -> bool:
        return self.screen.table.horizontalHeader().isSectionHidden(column)

    def set_splitter(self, sizes: list[int]) -> None:
        self.screen.splitter.setSizes(sizes)

    def splitter(self) -> list[int]:
        return self.screen.splitter.sizes()
