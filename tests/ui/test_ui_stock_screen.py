"""Voorraad: filter as you type, status filter, sorting, product detail, remembered columns."""

from __future__ import annotations

from PySide6.QtCore import Qt


def visible_rows(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (row.product_code, row.location_code) for row in window.stock.table.table_model().rows()
    ]


def test_typing_in_the_search_box_filters_the_table(window, qtbot) -> None:
    assert len(visible_rows(window)) == 3
    qtbot.keyClicks(window.stock.search, "speeksel")
    qtbot.waitUntil(lambda: visible_rows(window) == [("SPT", "GNK-MAG")], timeout=3000)
    window.stock.search.clear()
    qtbot.waitUntil(lambda: len(visible_rows(window)) == 3, timeout=3000)


def test_status_filter_and_badge_text(window, qtbot) -> None:
    combo = window.stock.status_filter
    combo.setCurrentIndex(combo.findText("Onder minimum (bijna op, uit stock, besteld)"))
    qtbot.waitUntil(lambda: visible_rows(window) == [("PLS", "BRE-MAG")], timeout=3000)
    model = window.stock.table.table_model()
    status_column = [c.header for c in model.columns].index("Status")
    index = model.index(0, status_column)
    assert index.data() == "bijna op"  # the word, never colour alone
    combo.setCurrentIndex(combo.findText("Vervallen"))
    qtbot.waitUntil(lambda: visible_rows(window) == [("SPT", "GNK-MAG")], timeout=3000)


def test_location_tree_limits_the_rows(window, qtbot) -> None:
    window.stock.set_location("BRE-MAG")
    qtbot.waitUntil(lambda: visible_rows(window) == [("PLS", "BRE-MAG")], timeout=3000)


def test_sorting_by_quantity_happens_in_the_model(window) -> None:
    model = window.stock.table.table_model()
    column = [c.header for c in model.columns].index("Hoeveelheid")
    window.stock.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert [row.quantity for row in model.rows()] == [50, 20, 5]
    window.stock.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert [row.quantity for row in model.rows()] == [5, 20, 50]


def test_enter_on_a_row_opens_the_product_detail(window, qtbot) -> None:
    qtbot.keyClicks(window.stock.search, "SPT")
    qtbot.waitUntil(lambda: visible_rows(window) == [("SPT", "GNK-MAG")], timeout=3000)
    table = window.stock.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = window.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=3000)
    lots = {(lot.lot_number, lot.quantity, lot.expired) for lot in dialog.detail.lots}
    assert lots == {("L-OLD", 10, True), ("L-NEW", 10, False)}
    assert dialog.movements.table_model().rowCount() == 2
    assert "Speekseltest" in dialog.heading.text()
    dialog.reject()


def test_column_widths_and_hidden_columns_come_back(open_window, wait_idle, database_url) -> None:
    first = open_window(database_url)
    first.stock.table.setColumnWidth(1, 333)
    first.stock.table.horizontalHeader().setSectionHidden(2, True)
    first.stock.splitter.setSizes([300, 1000])
    first.close()
    second = open_window(database_url)
    wait_idle(second)
    assert second.stock.table.columnWidth(1) == 333
    assert second.stock.table.horizontalHeader().isSectionHidden(2)
    assert second.stock.splitter.sizes()[0] == first.stock.splitter.sizes()[0]
    second.close()
